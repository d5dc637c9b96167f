/* Device state as QEMU sees it, at one defined step: right after the
 * Status register's last write experiment (all ones) the guest sends a
 * "query" record for "qemu-status"; the host reads x-query-virtio-status over QMP
 * and answers with one byte down the console, which the guest waits for
 * without touching the device, so the snapshot is of the state the step
 * left (harness/run/host_events.c). A host that never answers costs the bound. */
#include "vcheck/records.h"
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_pci.h"
#include "guests/lib/console.h"
#include "guests/lib/driver.h"
#include "guests/lib/record.h"
#include "suites/sidefx/sfx.h"

/* The host answers within milliseconds, a nested one under TCG within
 * seconds; the wait ends at the answer, so only a host that never answers
 * costs it (and a host without QMP says so: vcheck.host=0). A snapshot
 * taken after the guest stopped waiting would be of a later step. */
#define ANSWER_US 30000000
#define POLL_US 100
#define POLL_MAX_US 20000

int sfx_is_status(const struct vdev *d, const struct sfx_target *t)
{
	if (t->sp != VC_SFX_SP_TRANSPORT)
		return 0;
	switch (d->ops->kind) {
	case VC_TR_MMIO_V1:
	case VC_TR_MMIO_V2:
		return t->off == VIRTIO_MMIO_STATUS;
	case VC_TR_PCI_MODERN:
		return t->off == VIRTIO_PCI_COMMON_STATUS;
	default:
		return t->off == VIRTIO_PCI_LEGACY_STATUS;
	}
}

void sfx_qemu_status(const struct vdev *d)
{
	while (console_getc() >= 0) /* a late answer to an earlier ask */
		;
	rec_begin("query");
	rec_u64("d", d->index);
	rec_str("what", VC_QUERY_QEMU_STATUS);
	rec_end();
	/* Polls the UART from every POLL_US to every POLL_MAX_US: each poll is
	 * a trapped access that takes QEMU's big lock, which answering over
	 * QMP needs too (under KVM a guest that polls fast keeps QMP waiting
	 * for seconds). The turns are wait points, where a personality's
	 * posted backend runs. */
	uint64_t end = drv_deadline(ANSWER_US);
	unsigned gap = POLL_US;
	while (console_getc() < 0 && !drv_expired(end)) {
		uint64_t pause = drv_deadline(gap);
		while (!drv_expired(pause))
			;
		gap = gap * 2 < POLL_MAX_US ? gap * 2 : POLL_MAX_US;
	}
}
