/* The Gunyah-style personality's front: a device found on any modern
 * transport is replaced by a virtio-mmio Version 2 device whose registers
 * are the hypervisor's page. The checks drive it through the ordinary mmio
 * transport ops; every access lands in gh_read/gh_write (gunyah_page.c). */
#include "vcheck/virtio_mmio.h"
#include "guests/lib/access.h"
#include "guests/lib/format.h"
#include "guests/lib/personality/gunyah.h"
#include "guests/lib/personality/personality.h"
#include "guests/lib/record.h"
#include <string.h>
#include "guests/lib/transport/mmio.h"
#include "vcheck/virtio_status.h"

static struct gh_dev devs[GH_MAX_DEVS] __attribute__((aligned(4096)));
static unsigned ndevs;

void gh_note(struct gh_dev *g, enum gh_rule r, unsigned off)
{
	if (gh_rule_routine(r) || (g->fired & (1u << r)))
		return;
	g->fired |= 1u << r;
	g->fired_at[r] = (uint16_t)off;
}

static int page_read(struct vdev *d, enum vc_space sp, unsigned off, unsigned w, uint64_t *v)
{
	struct gh_dev *g = d->emu_ctx;
	if (sp != VC_SP_MMIO || off + w > GH_PAGE_SIZE)
		return VC_ACC_FAULT;
	*v = gh_read(&g->page, off, w);
	gh_note(g, gh_read_rule(&g->page, off, w), off);
	return VC_ACC_OK;
}

static int page_write(struct vdev *d, enum vc_space sp, unsigned off, unsigned w, uint64_t v)
{
	struct gh_dev *g = d->emu_ctx;
	if (sp != VC_SP_MMIO)
		return VC_ACC_FAULT;
	enum gh_rule r = gh_write(&g->page, off, w, (uint32_t)v);
	gh_note(g, r, off);
	return gh_rule_faults(r) ? VC_ACC_FAULT : VC_ACC_OK;
}

static const struct vc_emu page_emu = { .read = page_read, .write = page_write };

static int modern(const struct vdev *d)
{
	return d->ops->kind == VC_TR_MMIO_V2 || d->ops->kind == VC_TR_PCI_MODERN;
}

static int attach(struct vdev *d)
{
	if (!modern(d) || ndevs == GH_MAX_DEVS) {
		rec_log("gunyah: %s stays out: %s", d->loc,
			modern(d) ? "too many devices" : "the backend needs a VERSION_1 interface");
		return -1;
	}
	struct gh_dev *g = &devs[ndevs];
	g->real = *d;
	g->real.actor = "backend"; /* its accesses are the backend VM's, not the driver's */
	if (gh_backend_setup(g))
		return -1;
	ndevs++;
	struct vdev front = { .ops = &vc_mmio_v2_ops, .index = d->index, .device_id = d->device_id,
			      .vendor_id = d->vendor_id, .version = 2, .emu = &page_emu, .emu_ctx = g };
	memcpy(front.loc, d->loc, sizeof(front.loc));
	front.len[VC_SP_MMIO] = GH_PAGE_SIZE;
	*d = front;
	g->fired = 0; /* setup is the backend's business, not a check's */
	return 0;
}

static int idle(void)
{
	int gave_up = 0;
	for (unsigned i = 0; i < ndevs; i++)
		gave_up |= gh_backend_run(&devs[i]);
	return gave_up;
}

/* The backend sets the device's queues up only when it replays DRIVER_OK,
 * and only those ready then (crosvm's handle_driver_ok): until then the
 * device has no ring to use, whatever the driver published. */
static int ring_unseen(const struct vdev *d, unsigned q)
{
	if (d->emu != &page_emu)
		return 0;
	const struct gh_dev *g = d->emu_ctx;
	return !g->driver_ok || q >= 64 || !(g->replayed & (1ull << q));
}

static void take_rules(struct vdev *d, char *buf, size_t len)
{
	if (d->emu != &page_emu)
		return;
	struct gh_dev *g = d->emu_ctx;
	size_t n = 0;
	uint32_t mask = g->fired | g->standing;
	for (unsigned r = 0; r < GH__RULES && n + 1 < len; r++)
		if (mask & (1u << r))
			n += (size_t)vc_snprintf(buf + n, len - n, "%s%s@0x%x", n ? "," : "",
						 gh_rule_name((enum gh_rule)r), g->fired_at[r]);
	if (n >= len && len)
		buf[len - 1] = 0; /* truncated: still one string */
	g->fired = 0;
}

const struct vc_personality vc_personality_gunyah = {
	.name = "gunyah",
	/* The backend's feature upload is refused without ACCESS_PLATFORM; the
	 * guest bounces DMA through the shared memparcel. */
	.driver_accepts = VIRTIO_BIT(VIRTIO_F_ACCESS_PLATFORM),
	.attach = attach,
	.idle = idle,
	.ring_unseen = ring_unseen,
	.take_rules = take_rules,
};
