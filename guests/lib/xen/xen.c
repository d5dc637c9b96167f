#include "guests/lib/console.h"
#include "arch/mmu.h"
#include "guests/lib/record.h"
#include "guests/lib/xen/xen.h"
#include "guests/lib/xen/console.h"
#include "guests/lib/xen/dma.h"
#include "guests/lib/xen/dt.h"
#include "guests/lib/xen/gnttab.h"
#include "guests/lib/xen/hcall.h"
#include "arch/xen_hvc.h"

/* 64 frames of 512 v1 entries: libxl's default max_grant_frames; the image
 * needs far fewer (two refs per page of itself per backend). */
#define MAX_FRAMES 64u

static int present;
static struct xen_dt dt;
static struct xen_pvcons pv;
static struct xen_hvccons hvc;
static struct xen_gnttab gt;
static uint64_t gt_bitmap[MAX_FRAMES * XEN_GNTTAB_ENTRIES_PER_FRAME / 64];
static struct xen_dma dma;

int xen_detect(void)
{
	present = xen_dt_probe(&dt) == 0;
	if (present)
		xen_hcall_use(arch_xen_hypercall);
	return present;
}

static void pv_put(char c) { xen_pvcons_put(&pv, c); }
static void hvc_put(char c) { xen_hvccons_put(&hvc, c); }

int xen_console_start(void)
{
	if (!present)
		return -1;
	uint64_t pfn = 0, port = 0;
	if (xen_hvm_get_param(XEN_HVM_PARAM_CONSOLE_PFN, &pfn) == 0 && pfn &&
	    xen_hvm_get_param(XEN_HVM_PARAM_CONSOLE_EVTCHN, &port) == 0 &&
	    mmu_map_normal_fine(pfn << XEN_PAGE_SHIFT, XEN_PAGE_SIZE) == 0) {
		xen_pvcons_init(&pv, (void *)(uintptr_t)(pfn << XEN_PAGE_SHIFT), (uint32_t)port);
		console_use(pv_put, "xen-pv");
		return 0;
	}
	/* dom0less domUs have no PV console; console_io is all that is left. */
	console_use(hvc_put, "xen-console-io");
	return 0;
}

/* Frames for the reserved refs and two runs per backend, for two backends. */
static uint32_t frames_wanted(uint64_t size)
{
	uint64_t pages = (size + XEN_PAGE_SIZE - 1) / XEN_PAGE_SIZE;
	uint64_t refs = XEN_GNTTAB_NR_RESERVED + 2 * 2 * pages;
	uint64_t frames = (refs + XEN_GNTTAB_ENTRIES_PER_FRAME - 1) / XEN_GNTTAB_ENTRIES_PER_FRAME;
	return frames > MAX_FRAMES ? MAX_FRAMES : (uint32_t)frames;
}

void xen_start(uint64_t base, uint64_t size)
{
	if (!present)
		return;
	int64_t v = xen_version();
	uint32_t want = frames_wanted(size), frames = 0;
	uint64_t map = (uint64_t)want * XEN_PAGE_SIZE;
	if (map > dt.gnttab_size)
		map = dt.gnttab_size;
	int64_t rc = mmu_map_normal_fine(dt.gnttab_base, map) ? -XEN_EINVAL
							      : xen_gnttab_map(dt.gnttab_base, map, want, &frames);
	if (rc) {
		rec_log("xen %lld.%lld: console %s; grant table not mapped (%lld): grant-DMA devices get "
			"identity addresses", (long long)(v >> 16), (long long)(v & 0xffff), console_name(),
			(long long)rc);
		return;
	}
	xen_gnttab_init(&gt, (void *)(uintptr_t)dt.gnttab_base, frames * XEN_GNTTAB_ENTRIES_PER_FRAME, gt_bitmap);
	xen_dma_init(&dma, &gt, base, size);
	xen_dma_activate(&dma);
	/* The event channel upcall (a GIC PPI: cells 1, n) goes unused: the
	 * image polls, and virtio interrupts are plain SPIs. */
	unsigned ppi = dt.irq_cells == 3 && dt.irq[0] == 1 ? dt.irq[1] + 16 : 0;
	rec_log("xen %lld.%lld: console %s; grant table v1, %u frames at 0x%llx; grant DMA over 0x%llx+0x%llx; "
		"upcall PPI %u unused", (long long)(v >> 16), (long long)(v & 0xffff), console_name(), frames,
		(unsigned long long)dt.gnttab_base, (unsigned long long)base, (unsigned long long)size, ppi);
}

void xen_finish(void)
{
	if (!xen_dma_active())
		return;
	unsigned busy = xen_dma_revoke_all(&dma);
	rec_log("xen: %llu pages granted, %llu mappings refused, %u grants still mapped by a backend at the end",
		(unsigned long long)dma.granted, (unsigned long long)dma.refused, busy);
}
