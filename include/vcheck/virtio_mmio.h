/* virtio-mmio register map (VIRTIO 1.2 section 4.2.2; legacy layout 4.2.4). */
#ifndef VCHECK_VIRTIO_MMIO_H
#define VCHECK_VIRTIO_MMIO_H

#define VIRTIO_MMIO_MAGIC 0x74726976u /* "virt" little-endian */

/* offset, name, spec access (r, w, rw), which versions have it (1, 2, 3=both) */
#define VIRTIO_MMIO_REGS(X)                                    \
	X(0x000, MAGIC_VALUE, "MagicValue", "r", 3)            \
	X(0x004, VERSION, "Version", "r", 3)                   \
	X(0x008, DEVICE_ID, "DeviceID", "r", 3)                \
	X(0x00c, VENDOR_ID, "VendorID", "r", 3)                \
	X(0x010, DEVICE_FEATURES, "DeviceFeatures", "r", 3)    \
	X(0x014, DEVICE_FEATURES_SEL, "DeviceFeaturesSel", "w", 3) \
	X(0x020, DRIVER_FEATURES, "DriverFeatures", "w", 3)    \
	X(0x024, DRIVER_FEATURES_SEL, "DriverFeaturesSel", "w", 3) \
	X(0x028, GUEST_PAGE_SIZE, "GuestPageSize", "w", 1)     \
	X(0x030, QUEUE_SEL, "QueueSel", "w", 3)                \
	X(0x034, QUEUE_NUM_MAX, "QueueNumMax", "r", 3)         \
	X(0x038, QUEUE_NUM, "QueueNum", "w", 3)                \
	X(0x03c, QUEUE_ALIGN, "QueueAlign", "w", 1)            \
	X(0x040, QUEUE_PFN, "QueuePFN", "rw", 1)               \
	X(0x044, QUEUE_READY, "QueueReady", "rw", 2)           \
	X(0x050, QUEUE_NOTIFY, "QueueNotify", "w", 3)          \
	X(0x060, INTERRUPT_STATUS, "InterruptStatus", "r", 3)  \
	X(0x064, INTERRUPT_ACK, "InterruptACK", "w", 3)        \
	X(0x070, STATUS, "Status", "rw", 3)                    \
	X(0x080, QUEUE_DESC_LOW, "QueueDescLow", "w", 2)       \
	X(0x084, QUEUE_DESC_HIGH, "QueueDescHigh", "w", 2)     \
	X(0x090, QUEUE_DRIVER_LOW, "QueueDriverLow", "w", 2)   \
	X(0x094, QUEUE_DRIVER_HIGH, "QueueDriverHigh", "w", 2) \
	X(0x0a0, QUEUE_DEVICE_LOW, "QueueDeviceLow", "w", 2)   \
	X(0x0a4, QUEUE_DEVICE_HIGH, "QueueDeviceHigh", "w", 2) \
	X(0x0ac, SHM_SEL, "SHMSel", "w", 2)                    \
	X(0x0b0, SHM_LEN_LOW, "SHMLenLow", "r", 2)             \
	X(0x0b4, SHM_LEN_HIGH, "SHMLenHigh", "r", 2)           \
	X(0x0b8, SHM_BASE_LOW, "SHMBaseLow", "r", 2)           \
	X(0x0bc, SHM_BASE_HIGH, "SHMBaseHigh", "r", 2)         \
	X(0x0c0, QUEUE_RESET, "QueueReset", "rw", 2)           \
	X(0x0fc, CONFIG_GENERATION, "ConfigGeneration", "r", 2)

enum {
#define VIRTIO_MMIO_REG_ENUM(off, id, name, acc, ver) VIRTIO_MMIO_##id = off,
	VIRTIO_MMIO_REGS(VIRTIO_MMIO_REG_ENUM)
#undef VIRTIO_MMIO_REG_ENUM
};

/* The register at a transport offset: its name and declared access ("r",
 * "w", "rw"), both NULL where there is none. */
struct virtio_mmio_reg_info {
	const char *name, *access;
};

static inline struct virtio_mmio_reg_info virtio_mmio_reg_info(unsigned off)
{
	switch (off) {
#define VIRTIO_MMIO_REG_CASE(o, id, name, acc, ver) case o: return (struct virtio_mmio_reg_info){ name, acc };
	VIRTIO_MMIO_REGS(VIRTIO_MMIO_REG_CASE)
#undef VIRTIO_MMIO_REG_CASE
	}
	return (struct virtio_mmio_reg_info){ 0, 0 };
}

/* Reports name the register a Gunyah page rule fired on. */
static inline const char *virtio_mmio_reg_name(unsigned off) { return virtio_mmio_reg_info(off).name; }

#define VIRTIO_MMIO_CONFIG 0x100
#define VIRTIO_MMIO_WINDOW 0x200 /* the smallest window a platform gives one device */
#define VIRTIO_MMIO_INT_VRING 0x1u
#define VIRTIO_MMIO_INT_CONFIG 0x2u

#endif
