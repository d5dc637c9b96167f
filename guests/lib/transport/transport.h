/* The transport ops table: every check and probe reaches a device through
 * these operations only (as Linux virtio_config_ops and libqos QVirtioBus).
 * Implementations: mmio-v1, mmio-v2, pci-modern, pci-legacy; hypervisor
 * personalities stack on top of them. */
#ifndef VC_TRANSPORT_H
#define VC_TRANSPORT_H
#include <stdint.h>
#include "vcheck/transports.h"

struct vdev;

struct vc_transport_ops {
	enum vc_transport kind;
	/* Feature words the transport can express (legacy PCI: 1). */
	unsigned feature_words;
	uint32_t (*get_device_features)(struct vdev *d, unsigned sel);
	void (*set_driver_features)(struct vdev *d, unsigned sel, uint32_t val);
	uint8_t (*get_status)(struct vdev *d);
	void (*set_status)(struct vdev *d, uint8_t status);
	/* 0 when the transport has no generation counter (legacy). */
	uint32_t (*config_generation)(struct vdev *d);
	int (*config_read)(struct vdev *d, unsigned off, unsigned width, uint64_t *val);
	int (*config_write)(struct vdev *d, unsigned off, unsigned width, uint64_t val);
	/* Queue count from the transport, or 0 when it has to be probed. */
	unsigned (*num_queues)(struct vdev *d);
	uint32_t (*queue_num_max)(struct vdev *d, unsigned q);
	int (*queue_setup)(struct vdev *d, unsigned q, unsigned num, uint64_t desc,
			   uint64_t driver, uint64_t device);
	void (*queue_disable)(struct vdev *d, unsigned q);
	void (*notify)(struct vdev *d, unsigned q);
	uint32_t (*interrupt_status)(struct vdev *d);
	void (*interrupt_ack)(struct vdev *d, uint32_t bits);
	/* The transport's own register block (mmio window, PCI common cfg,
	 * legacy I/O BAR), for checks about the transport itself. */
	int (*reg_read)(struct vdev *d, unsigned off, unsigned width, uint64_t *val);
	int (*reg_write)(struct vdev *d, unsigned off, unsigned width, uint64_t val);
};

/* An ops table's operations from a file's static functions named after the
 * members; each implementation adds kind, feature_words and queue_setup. */
#define VC_TRANSPORT_STATIC_OPS                                              \
	.get_device_features = get_device_features,                          \
	.set_driver_features = set_driver_features,                          \
	.get_status = get_status, .set_status = set_status,                  \
	.config_generation = config_generation,                              \
	.config_read = config_read, .config_write = config_write,            \
	.num_queues = num_queues, .queue_num_max = queue_num_max,            \
	.queue_disable = queue_disable, .notify = notify,                    \
	.interrupt_status = interrupt_status, .interrupt_ack = interrupt_ack, \
	.reg_read = reg_read, .reg_write = reg_write

#endif
