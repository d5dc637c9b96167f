/* virtio-pci layouts (VIRTIO 1.2 section 4.1). */
#ifndef VCHECK_VIRTIO_PCI_H
#define VCHECK_VIRTIO_PCI_H
#include "vcheck/virtio_mmio.h"

#define VIRTIO_PCI_VENDOR_ID 0x1af4u
#define VIRTIO_PCI_MODERN_DEVICE_BASE 0x1040u /* 0x1040 + device type */
#define VIRTIO_PCI_LEGACY_DEVICE_FIRST 0x1000u
#define VIRTIO_PCI_LEGACY_DEVICE_LAST 0x103fu

/* Vendor-specific capability (4.1.4) */
#define VIRTIO_PCI_CAP_VNDR 0x09u
#define VIRTIO_PCI_CAP_COMMON_CFG 1u
#define VIRTIO_PCI_CAP_NOTIFY_CFG 2u
#define VIRTIO_PCI_CAP_ISR_CFG 3u
#define VIRTIO_PCI_CAP_DEVICE_CFG 4u
#define VIRTIO_PCI_CAP_PCI_CFG 5u
#define VIRTIO_PCI_CAP_SHARED_MEMORY_CFG 8u
#define VIRTIO_PCI_CAP_VENDOR_CFG 9u

/* struct virtio_pci_cap field offsets within the capability */
#define VIRTIO_PCI_CAP_LEN 2
#define VIRTIO_PCI_CAP_CFG_TYPE 3
#define VIRTIO_PCI_CAP_BAR 4
#define VIRTIO_PCI_CAP_ID 5
#define VIRTIO_PCI_CAP_OFFSET 8
#define VIRTIO_PCI_CAP_LENGTH 12
#define VIRTIO_PCI_NOTIFY_CAP_MULT 16 /* notify_off_multiplier */
#define VIRTIO_PCI_CAP64_OFFSET_HI 16
#define VIRTIO_PCI_CAP64_LENGTH_HI 20
#define VIRTIO_PCI_CFG_CAP_DATA 16 /* pci_cfg_data in virtio_pci_cfg_cap */

/* Common configuration structure (4.1.4.3): offset, name, width, access */
#define VIRTIO_PCI_COMMON_REGS(X)                                   \
	X(0x00, DFSELECT, "device_feature_select", 4, "rw")         \
	X(0x04, DF, "device_feature", 4, "r")                       \
	X(0x08, GFSELECT, "driver_feature_select", 4, "rw")         \
	X(0x0c, GF, "driver_feature", 4, "rw")                      \
	X(0x10, MSIX, "config_msix_vector", 2, "rw")                \
	X(0x12, NUMQ, "num_queues", 2, "r")                         \
	X(0x14, STATUS, "device_status", 1, "rw")                   \
	X(0x15, CFGGENERATION, "config_generation", 1, "r")         \
	X(0x16, Q_SELECT, "queue_select", 2, "rw")                  \
	X(0x18, Q_SIZE, "queue_size", 2, "rw")                      \
	X(0x1a, Q_MSIX, "queue_msix_vector", 2, "rw")               \
	X(0x1c, Q_ENABLE, "queue_enable", 2, "rw")                  \
	X(0x1e, Q_NOFF, "queue_notify_off", 2, "r")                 \
	X(0x20, Q_DESCLO, "queue_desc_lo", 4, "rw")                 \
	X(0x24, Q_DESCHI, "queue_desc_hi", 4, "rw")                 \
	X(0x28, Q_AVAILLO, "queue_driver_lo", 4, "rw")              \
	X(0x2c, Q_AVAILHI, "queue_driver_hi", 4, "rw")              \
	X(0x30, Q_USEDLO, "queue_device_lo", 4, "rw")               \
	X(0x34, Q_USEDHI, "queue_device_hi", 4, "rw")               \
	X(0x38, Q_NDATA, "queue_notify_data", 2, "r")               \
	X(0x3a, Q_RESET, "queue_reset", 2, "rw")

enum {
#define VIRTIO_PCI_COMMON_ENUM(off, id, name, w, acc) VIRTIO_PCI_COMMON_##id = off,
	VIRTIO_PCI_COMMON_REGS(VIRTIO_PCI_COMMON_ENUM)
#undef VIRTIO_PCI_COMMON_ENUM
};
#define VIRTIO_PCI_COMMON_CFG_SIZE 0x3c
#define VIRTIO_MSI_NO_VECTOR 0xffffu

/* The virtio-mmio register (4.2.2) that plays each common-configuration
 * field's part (4.1.4.3): how a device seen on virtio-pci is judged behind a
 * virtio-mmio page (the Gunyah model), and how a rule the page names finds
 * the PCI register (the personalities report). queue_size stands for both
 * QueueNumMax and QueueNum; MSI-X vectors, num_queues and the notify
 * offset and data have no counterpart. */
#define VIRTIO_PCI_COMMON_AS_MMIO(X)                  \
	X(DFSELECT, DEVICE_FEATURES_SEL)              \
	X(DF, DEVICE_FEATURES)                        \
	X(GFSELECT, DRIVER_FEATURES_SEL)              \
	X(GF, DRIVER_FEATURES)                        \
	X(STATUS, STATUS)                             \
	X(CFGGENERATION, CONFIG_GENERATION)           \
	X(Q_SELECT, QUEUE_SEL)                        \
	X(Q_SIZE, QUEUE_NUM)                          \
	X(Q_SIZE, QUEUE_NUM_MAX)                      \
	X(Q_ENABLE, QUEUE_READY)                      \
	X(Q_DESCLO, QUEUE_DESC_LOW)                   \
	X(Q_DESCHI, QUEUE_DESC_HIGH)                  \
	X(Q_AVAILLO, QUEUE_DRIVER_LOW)                \
	X(Q_AVAILHI, QUEUE_DRIVER_HIGH)               \
	X(Q_USEDLO, QUEUE_DEVICE_LOW)                 \
	X(Q_USEDHI, QUEUE_DEVICE_HIGH)                \
	X(Q_RESET, QUEUE_RESET)

/* The virtio-mmio offset of a common-configuration field (the first listed
 * for it), or -1. */
static inline int virtio_pci_common_as_mmio(unsigned pci_off)
{
#define VIRTIO_PCI_AS_MMIO_CASE(pci, mmio) if (pci_off == VIRTIO_PCI_COMMON_##pci) return VIRTIO_MMIO_##mmio;
	VIRTIO_PCI_COMMON_AS_MMIO(VIRTIO_PCI_AS_MMIO_CASE)
#undef VIRTIO_PCI_AS_MMIO_CASE
	return -1;
}

/* The common-configuration field that plays a virtio-mmio register's part,
 * or -1. */
static inline int virtio_mmio_as_pci_common(unsigned mmio_off)
{
#define VIRTIO_MMIO_AS_PCI_CASE(pci, mmio) if (mmio_off == VIRTIO_MMIO_##mmio) return VIRTIO_PCI_COMMON_##pci;
	VIRTIO_PCI_COMMON_AS_MMIO(VIRTIO_MMIO_AS_PCI_CASE)
#undef VIRTIO_MMIO_AS_PCI_CASE
	return -1;
}

/* The name of a common-configuration field, or NULL. */
static inline const char *virtio_pci_common_name(unsigned pci_off)
{
#define VIRTIO_PCI_COMMON_NAME_CASE(off, id, name, w, acc) if (pci_off == off) return name;
	VIRTIO_PCI_COMMON_REGS(VIRTIO_PCI_COMMON_NAME_CASE)
#undef VIRTIO_PCI_COMMON_NAME_CASE
	return 0;
}

/* Legacy interface, I/O BAR 0 (4.1.4.10): offset, name, width, access */
#define VIRTIO_PCI_LEGACY_REGS(X)                                    \
	X(0x00, HOST_FEATURES, "host_features", 4, "r")              \
	X(0x04, GUEST_FEATURES, "guest_features", 4, "rw")           \
	X(0x08, QUEUE_PFN, "queue_address", 4, "rw")                 \
	X(0x0c, QUEUE_NUM, "queue_size", 2, "r")                     \
	X(0x0e, QUEUE_SEL, "queue_select", 2, "rw")                  \
	X(0x10, QUEUE_NOTIFY, "queue_notify", 2, "rw")               \
	X(0x12, STATUS, "device_status", 1, "rw")                    \
	X(0x13, ISR, "isr_status", 1, "r")

enum {
#define VIRTIO_PCI_LEGACY_ENUM(off, id, name, w, acc) VIRTIO_PCI_LEGACY_##id = off,
	VIRTIO_PCI_LEGACY_REGS(VIRTIO_PCI_LEGACY_ENUM)
#undef VIRTIO_PCI_LEGACY_ENUM
};
#define VIRTIO_PCI_LEGACY_CONFIG_NOMSIX 0x14
#define VIRTIO_PCI_LEGACY_CONFIG_MSIX 0x18
#define VIRTIO_PCI_LEGACY_VRING_ALIGN 4096u
#define VIRTIO_PCI_LEGACY_PFN_SHIFT 12

#define VIRTIO_PCI_ISR_QUEUE 0x1u
#define VIRTIO_PCI_ISR_CONFIG 0x2u

#endif
