/* Unit tests for grant-based DMA addresses (guests/lib/xen/dma.c) and the
 * guest's one DMA address hook (guests/lib/dma.c): the encoding
 * 1 << 63 | gref << 12 | offset of Linux's grant-dma-ops, one grant per
 * 4 KiB page with consecutive refs for a buffer over several pages,
 * read-only grants for memory the device only reads, refusal outside the
 * granted region, and identity for every device the DT does not put behind
 * a xen,grant-dma IOMMU. Addresses here are guest-physical numbers: nothing
 * is dereferenced. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "guests/lib/dma.h"
#include "guests/lib/dt.h"
#include "guests/lib/pci.h"
#include "guests/lib/vdev.h"
#include "guests/lib/xen/dma.h"
#include "tests/unit/xen_fake.h"

#define NR 2048u
#define BASE 0x40000000ull /* the image's RAM, 64 pages of it */
#define PAGES 64u
static struct xen_grant_entry_v1 table[NR];
static uint64_t bitmap[NR / 64];
static struct xen_gnttab gt;
static struct xen_dma x;

static int setup(void **state)
{
	(void)state;
	memset(table, 0, sizeof(table));
	xen_gnttab_init(&gt, table, NR, bitmap);
	xen_dma_init(&x, &gt, BASE, PAGES * 4096);
	return 0;
}

static uint64_t gref_of(uint64_t a) { return (a & ~(1ull << 63)) >> 12; }

/* ---- encoding ------------------------------------------------------------- */

static void test_encoding(void **state)
{
	(void)state;
	uint64_t a = xen_dma_addr(&x, 1, BASE + 0x2345, 16, 1);
	assert_true(a >> 63);
	assert_int_equal(a & 0xfff, 0x345);
	uint64_t g = gref_of(a);
	/* the region's read-write run is allocated first, right after the
	 * reserved refs: page 2 of it */
	assert_int_equal(g, 8 + 2);
	assert_int_equal(a, 1ull << 63 | (8ull + 2) << 12 | 0x345);
	assert_true(xen_gnttab_granted(&gt, (xen_grant_ref_t)g, 1, (BASE >> 12) + 2, 0));
	assert_int_equal(table[g].flags, 1); /* GTF_permit_access */
	assert_int_equal(x.granted, 1);
}

static void test_device_read_only_is_readonly_grant(void **state)
{
	(void)state;
	uint64_t rw = xen_dma_addr(&x, 1, BASE + 0x1000, 8, 1);
	uint64_t ro = xen_dma_addr(&x, 1, BASE + 0x1000, 8, 0);
	assert_int_not_equal(gref_of(rw), gref_of(ro));
	assert_int_equal(gref_of(ro), 8 + PAGES + 1); /* the read-only run follows */
	assert_int_equal(table[gref_of(ro)].flags, 1 | 4); /* GTF_permit_access | GTF_readonly */
	assert_int_equal(table[gref_of(ro)].frame, (BASE >> 12) + 1);
	assert_int_equal(table[gref_of(ro)].domid, 1);
}

static void test_same_buffer_same_address(void **state)
{
	(void)state;
	uint64_t a = xen_dma_addr(&x, 1, BASE + 0x3010, 64, 1);
	uint64_t b = xen_dma_addr(&x, 1, BASE + 0x3010, 64, 1);
	uint64_t c = xen_dma_addr(&x, 1, BASE + 0x3020, 1, 1); /* same page */
	assert_int_equal(a, b);
	assert_int_equal(gref_of(a), gref_of(c));
	assert_int_equal(x.granted, 1); /* granted once */
}

static void test_page_crossing_buffer(void **state)
{
	(void)state;
	/* 0x2080 bytes from 0xf80 into page 5: up to the last byte of page 7 */
	uint64_t a = xen_dma_addr(&x, 1, BASE + 0x5f80, 0x2080, 0);
	uint64_t g = gref_of(a);
	assert_int_equal(a & 0xfff, 0xf80);
	for (unsigned i = 0; i < 3; i++)
		assert_true(xen_gnttab_granted(&gt, (xen_grant_ref_t)(g + i), 1, (BASE >> 12) + 5 + i, 1));
	assert_false(xen_gnttab_granted(&gt, (xen_grant_ref_t)(g + 3), 1, (BASE >> 12) + 8, 1));
	assert_false(xen_gnttab_granted(&gt, (xen_grant_ref_t)(g - 1), 1, (BASE >> 12) + 4, 1));
	assert_int_equal(x.granted, 3);
	/* the device's view is linear: byte k of the buffer is at a + k, in
	 * gref (a + k) >> 12, which grants the page holding that byte */
	for (uint64_t k = 0; k < 0x2080; k += 0x40) {
		uint64_t ref = gref_of(a + k);
		assert_int_equal(table[ref].frame, (BASE + 0x5f80 + k) >> 12);
	}
}

static void test_zero_length_is_one_byte(void **state)
{
	(void)state;
	uint64_t a = xen_dma_addr(&x, 1, BASE + 0x7fff, 0, 1);
	assert_int_equal(a & 0xfff, 0xfff);
	assert_int_equal(x.granted, 1);
}

/* ---- refusals ---------------------------------------------------------------- */

static void test_outside_region_refused(void **state)
{
	(void)state;
	assert_int_equal(xen_dma_addr(&x, 1, BASE - 1, 1, 1), XEN_DMA_ERROR);
	assert_int_equal(xen_dma_addr(&x, 1, BASE + PAGES * 4096, 1, 1), XEN_DMA_ERROR);
	/* starts inside, ends past the region */
	assert_int_equal(xen_dma_addr(&x, 1, BASE + PAGES * 4096 - 8, 16, 1), XEN_DMA_ERROR);
	assert_int_equal(xen_dma_addr(&x, 1, ~0ull - 4, 16, 1), XEN_DMA_ERROR); /* wraps */
	assert_int_equal(x.refused, 4);
	assert_int_equal(x.granted, 0);
	/* the last byte of the region is fine */
	assert_int_not_equal(xen_dma_addr(&x, 1, BASE + PAGES * 4096 - 1, 1, 1), XEN_DMA_ERROR);
}

static void test_table_full_refused(void **state)
{
	(void)state;
	struct xen_gnttab small;
	uint64_t bm[2];
	struct xen_dma sx;
	xen_gnttab_init(&small, table, 8 + PAGES + 10, bm); /* room for one run, not two */
	xen_dma_init(&sx, &small, BASE, PAGES * 4096);
	assert_int_equal(xen_dma_addr(&sx, 1, BASE, 1, 1), XEN_DMA_ERROR);
	assert_int_equal(sx.refused, 1);
	/* the half-made window gave its refs back */
	assert_int_equal(xen_gnttab_alloc(&small, PAGES + 10), 8);
}

static void test_backends_get_their_own_runs(void **state)
{
	(void)state;
	uint64_t a = xen_dma_addr(&x, 1, BASE, 1, 1), b = xen_dma_addr(&x, 5, BASE, 1, 1);
	assert_int_not_equal(gref_of(a), gref_of(b));
	assert_int_equal(table[gref_of(a)].domid, 1);
	assert_int_equal(table[gref_of(b)].domid, 5);
	for (unsigned d = 10; d < 10 + XEN_DMA_MAX_BACKENDS - 2; d++)
		assert_int_not_equal(xen_dma_addr(&x, (xen_domid_t)d, BASE, 1, 1), XEN_DMA_ERROR);
	assert_int_equal(xen_dma_addr(&x, 99, BASE, 1, 1), XEN_DMA_ERROR); /* one backend too many */
}

static void test_revoke_all(void **state)
{
	(void)state;
	uint64_t a = xen_dma_addr(&x, 1, BASE + 0x1000, 0x2000, 1);
	uint64_t r = xen_dma_addr(&x, 1, BASE + 0x9000, 10, 0);
	table[gref_of(a) + 1].flags |= XEN_GTF_WRITING; /* the backend still maps one page */
	assert_int_equal(xen_dma_revoke_all(&x), 1);
	assert_int_equal(table[gref_of(a)].flags, 0);
	assert_int_equal(table[gref_of(r)].flags, 0);
	assert_int_not_equal(table[gref_of(a) + 1].flags, 0);
	/* used again: granted again, at the same address */
	table[gref_of(a) + 1].flags &= (uint16_t)~XEN_GTF_WRITING;
	assert_int_equal(xen_dma_addr(&x, 1, BASE + 0x1000, 0x2000, 1), a);
	assert_int_equal(table[gref_of(a)].flags, 1);
}

/* ---- the hook ------------------------------------------------------------------ */

static void *dtb;

static int hook_setup(void **state)
{
	setup(state);
	struct fake_dt o = { .xen = 1, .pci_map = 1 };
	dtb = fake_dtb(&o);
	assert_int_equal(dt_init(dtb), 0);
	return 0;
}

static int hook_teardown(void **state)
{
	(void)state;
	xen_dma_activate(NULL);
	free(dtb);
	return 0;
}

static void test_hook_identity_without_grant_table(void **state)
{
	(void)state;
	struct vdev d = { .base = { [VC_SP_MMIO] = 0x02000000 } };
	xen_dma_activate(NULL);
	const void *p = (const void *)(uintptr_t)(BASE + 0x1234);
	assert_int_equal(vc_dma_addr(&d, p, 64, 1), BASE + 0x1234);
	assert_int_equal(vc_dma_backend(&d), 1); /* the DT says so, but no table: identity */
}

static void test_hook_mmio_devices(void **state)
{
	(void)state;
	xen_dma_init(&x, &gt, BASE, PAGES * 4096);
	xen_dma_activate(&x);
	struct vdev granted = { .base = { [VC_SP_MMIO] = 0x02000000 } };
	struct vdev plain = { .base = { [VC_SP_MMIO] = 0x02000200 } };
	struct vdev other_iommu = { .base = { [VC_SP_MMIO] = 0x02000400 } };
	const void *p = (const void *)(uintptr_t)(BASE + 0x2010);
	uint64_t a = vc_dma_addr(&granted, p, 32, 1);
	assert_int_equal(a, 1ull << 63 | (8ull + 2) << 12 | 0x010);
	assert_int_equal(table[gref_of(a)].domid, 1);
	assert_int_equal(vc_dma_addr(&plain, p, 32, 1), BASE + 0x2010);
	assert_int_equal(vc_dma_addr(&other_iommu, p, 32, 1), BASE + 0x2010);
	/* a pointer outside the image's memory cannot be granted */
	assert_int_equal(vc_dma_addr(&granted, (const void *)(uintptr_t)0x1000, 8, 0), XEN_DMA_ERROR);
}

static void test_hook_pci_devices(void **state)
{
	(void)state;
	xen_dma_init(&x, &gt, BASE, PAGES * 4096);
	xen_dma_activate(&x);
	struct pci_fn f1 = { .bus = 0, .dev = 1, .fn = 0 }, f3 = { .bus = 0, .dev = 3, .fn = 0 };
	struct vdev d1 = { .pci = &f1 }, d3 = { .pci = &f3 };
	const void *p = (const void *)(uintptr_t)(BASE + 0x10);
	uint64_t a = vc_dma_addr(&d1, p, 4, 0);
	assert_true(a >> 63);
	assert_int_equal(table[gref_of(a)].domid, 2);
	assert_int_equal(vc_dma_addr(&d3, p, 4, 0), BASE + 0x10); /* 00:03.0 is not mapped */
}

static void test_hook_relearns_after_reactivation(void **state)
{
	(void)state;
	struct vdev d = { .base = { [VC_SP_MMIO] = 0x02000000 } };
	xen_dma_activate(&x);
	assert_int_equal(vc_dma_backend(&d), 1);
	/* the same vdev now sits at the address of a plain device */
	d.base[VC_SP_MMIO] = 0x02000200;
	assert_int_equal(vc_dma_backend(&d), 1); /* remembered within a generation */
	xen_dma_activate(&x);
	assert_int_equal(vc_dma_backend(&d), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_encoding, setup),
		cmocka_unit_test_setup(test_device_read_only_is_readonly_grant, setup),
		cmocka_unit_test_setup(test_same_buffer_same_address, setup),
		cmocka_unit_test_setup(test_page_crossing_buffer, setup),
		cmocka_unit_test_setup(test_zero_length_is_one_byte, setup),
		cmocka_unit_test_setup(test_outside_region_refused, setup),
		cmocka_unit_test_setup(test_table_full_refused, setup),
		cmocka_unit_test_setup(test_backends_get_their_own_runs, setup),
		cmocka_unit_test_setup(test_revoke_all, setup),
		cmocka_unit_test_setup_teardown(test_hook_identity_without_grant_table, hook_setup, hook_teardown),
		cmocka_unit_test_setup_teardown(test_hook_mmio_devices, hook_setup, hook_teardown),
		cmocka_unit_test_setup_teardown(test_hook_pci_devices, hook_setup, hook_teardown),
		cmocka_unit_test_setup_teardown(test_hook_relearns_after_reactivation, hook_setup, hook_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
