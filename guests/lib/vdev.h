/* A virtio device as the guest found it, with the transport that reaches it. */
#ifndef VC_VDEV_H
#define VC_VDEV_H
#include <stdint.h>
#include "guests/lib/transport/transport.h"

struct pci_fn;

/* Register spaces, named in access records. */
enum vc_space { VC_SP_MMIO, VC_SP_COMMON, VC_SP_NOTIFY, VC_SP_ISR, VC_SP_DEVICE,
		VC_SP_LEGACY, VC_SP_PCICFG, VC_SP__COUNT };

/* One virtio vendor capability as found in PCI config space (4.1.4). */
struct vc_vcap {
	uint8_t cap_off, cap_len, cfg_type, bar, id;
	uint32_t offset, length, mult;
	uint64_t offset64, length64; /* shared memory caps carry 64-bit values */
};
#define VC_MAX_VCAPS 16

/* A register block emulated inside the guest: a personality's hypervisor
 * page. vdev_read/vdev_write hand every access of the device to it instead
 * of the bus, so checks and transports cannot tell the difference. */
struct vc_emu {
	int (*read)(struct vdev *d, enum vc_space sp, unsigned off, unsigned width, uint64_t *val);
	int (*write)(struct vdev *d, enum vc_space sp, unsigned off, unsigned width, uint64_t val);
};

struct vdev {
	const struct vc_transport_ops *ops;
	const struct vc_transport_ops *inner; /* the real transport under a wrapper (plant, personality) */
	unsigned index;
	char loc[40];
	uint32_t device_id, vendor_id;
	uint32_t version;        /* virtio-mmio Version register; 0 on PCI */
	uintptr_t base[VC_SP__COUNT]; /* CPU address of each register space */
	uint32_t len[VC_SP__COUNT];
	uint32_t notify_mult;
	struct pci_fn *pci;
	struct vc_vcap vcaps[VC_MAX_VCAPS];
	unsigned nvcaps;
	uint64_t offered;        /* DeviceFeatures as last read, all words */
	unsigned faults;         /* register accesses that faulted so far */
	unsigned writes;         /* register writes so far, faulted or not */
	struct { uint8_t sp, width, write, valid; unsigned off; } first_fault; /* since cleared */
	const struct vc_emu *emu; /* NULL: registers are on the bus */
	/* Who makes this handle's accesses, named in access records: NULL for
	 * the driver (the checks), "backend" for a personality's backend,
	 * which reaches the real device through a copy of the driver's. */
	const char *actor;
	void *emu_ctx;
};

/* The one place register I/O happens: logs it when tracing is on and turns
 * a fault into a FAULT record. Returns VC_ACC_OK or VC_ACC_FAULT. */
int vdev_read(struct vdev *d, enum vc_space sp, unsigned off, unsigned width, uint64_t *val);
int vdev_write(struct vdev *d, enum vc_space sp, unsigned off, unsigned width, uint64_t val);
/* Convenience for registers whose fault is already recorded: ~0 on fault. */
uint64_t vdev_rd(struct vdev *d, enum vc_space sp, unsigned off, unsigned width);
void vdev_wr(struct vdev *d, enum vc_space sp, unsigned off, unsigned width, uint64_t val);

/* The first virtio vendor capability of cfg_type `type` (the one a driver
 * uses, 4.1.4.1), or NULL. */
const struct vc_vcap *vdev_find_vcap(const struct vdev *d, uint8_t type);

void vdev_trace(int on);
const char *vdev_space_name(enum vc_space sp);

#endif
