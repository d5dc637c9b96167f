/* Hypervisor personalities: what stands between the checks and the real
 * QEMU device, chosen by `vcheck.personality=NAME` on the kernel command
 * line. A check never knows which one it runs on.
 *   direct  nothing: the checks reach the device as under KVM;
 *   gunyah  an emulation of Gunyah's hypervisor-owned virtio-mmio page in
 *           front of the device, the device playing the backend VM's
 *           (gunyah_page.c, gunyah_front.c, gunyah_backend.c);
 *   xen     synchronous register access as under a Xen ioreq server, the
 *           driver accepting ACCESS_PLATFORM as Linux's grant-DMA driver
 *           insists on.
 * A personality that posts work to a backend runs that backend at the
 * guest's wait points (drv_expired): the moments a real backend would get a
 * CPU while the guest vCPU spins. */
#ifndef VC_PERSONALITY_H
#define VC_PERSONALITY_H
#include <stddef.h>
#include <stdint.h>

struct vdev;

struct vc_personality {
	const char *name;
	/* Features the driver accepts whenever offered under this personality. */
	uint64_t driver_accepts;
	/* Puts the personality in front of `d`; -1 when it cannot stand there
	 * (and says why in a log record). NULL: nothing to put there. */
	int (*attach)(struct vdev *d);
	/* The posted backend's turn; NULL when nothing is posted. Returns 1
	 * when a device behind it has given up (DEVICE_NEEDS_RESET) and the
	 * backend will never let the driver see it: whatever the guest waits
	 * for now cannot come, so the wait ends (drv_expired). */
	int (*idle)(void);
	/* 1 when nothing on queue q of `d` can reach the device before the
	 * driver acts again (the backend has not given the device that queue,
	 * or DRIVER_OK, yet): a ring wait then has its answer. NULL: never. */
	int (*ring_unseen)(const struct vdev *d, unsigned q);
	/* The transport rules that fired on `d` since the last call, written as
	 * "rule@0xOFF,..." into buf (empty when none), then forgotten. */
	void (*take_rules)(struct vdev *d, char *buf, size_t len);
};

/* 0 and the personality chosen, or -1 when `name` is unknown. An empty
 * name is "direct". */
int vc_personality_select(const char *name);
const struct vc_personality *vc_personality(void);
/* 1 when the image runs under personality `name`: for the checks that only
 * apply under one (XEN-GNT-*). */
int vc_personality_is(const char *name);
int vc_personality_attach(struct vdev *d);
/* Asked by ring waits after each backend turn (ring_unseen above). */
int vc_personality_ring_unseen(const struct vdev *d, unsigned q);
/* The backend's turn; 1 when the current wait is decided (idle above). */
int vc_personality_idle(void);
/* The rules that fired on `d`, plus "personality-features" when the check
 * needs a feature the personality's devices are made to offer (the
 * target's [personality] arguments), which explains a SKIP that turns into
 * a verdict. */
void vc_personality_take_rules(struct vdev *d, uint64_t check_features, char *buf, size_t len);

extern const struct vc_personality vc_personality_gunyah;

#endif
