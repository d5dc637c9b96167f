#include "vcheck/personalities.h"
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_status.h"
#include "guests/lib/format.h"
#include "guests/lib/personality/personality.h"
#include <string.h>

static const struct vc_personality direct = { .name = "direct" };
static const struct vc_personality xen = {
	.name = "xen",
	/* Linux refuses a device under grant DMA unless ACCESS_PLATFORM is
	 * negotiated (virtio_features_ok, restricted memory access). */
	.driver_accepts = VIRTIO_BIT(VIRTIO_F_ACCESS_PLATFORM),
};

/* In the order of vcheck/personalities.h, which the host knows too. */
static const struct vc_personality *const all[VC_PERS__COUNT] = {
	[VC_PERS_DIRECT] = &direct, [VC_PERS_GUNYAH] = &vc_personality_gunyah, [VC_PERS_XEN] = &xen,
};
static const struct vc_personality *chosen = &direct;
static int in_idle; /* a backend that waits must not re-enter itself */

int vc_personality_select(const char *name)
{
	int id = vc_personality_id(name && name[0] ? name : "direct");
	if (id < 0)
		return -1;
	chosen = all[id];
	return 0;
}

const struct vc_personality *vc_personality(void) { return chosen; }

int vc_personality_is(const char *name) { return !strcmp(chosen->name, name); }

int vc_personality_attach(struct vdev *d) { return chosen->attach ? chosen->attach(d) : 0; }

int vc_personality_ring_unseen(const struct vdev *d, unsigned q)
{
	return !in_idle && chosen->ring_unseen && chosen->ring_unseen(d, q);
}

int vc_personality_idle(void)
{
	if (in_idle || !chosen->idle)
		return 0;
	in_idle = 1;
	int decided = chosen->idle();
	in_idle = 0;
	return decided;
}

void vc_personality_take_rules(struct vdev *d, uint64_t check_features, char *buf, size_t len)
{
	if (len)
		buf[0] = 0;
	if (chosen->take_rules)
		chosen->take_rules(d, buf, len);
	size_t n = strlen(buf);
	if ((check_features & chosen->driver_accepts) && n + 40 < len)
		vc_snprintf(buf + n, len - n, "%spersonality-features@0x%x", n ? "," : "", VIRTIO_MMIO_DEVICE_FEATURES);
}
