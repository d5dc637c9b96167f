/* Unit tests for the guest's version-1 grant table (guests/lib/xen/gnttab.c):
 * ref allocation in consecutive runs above the reserved refs, entry
 * encoding (grant_table.h: flags at 0, domid at 2, frame at 4;
 * GTF_permit_access 1, GTF_readonly 4, GTF_reading 8, GTF_writing 16),
 * revocation against a backend that still maps the page, and the mapping
 * sequence through a fake hypercall. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "tests/unit/xen_fake.h"
#include "guests/lib/xen/gnttab.h"

#define NR 1024u /* two frames */
static struct xen_grant_entry_v1 table[NR];
static uint64_t bitmap[NR / 64];
static struct xen_gnttab gt;

static int setup(void **state)
{
	(void)state;
	memset(table, 0, sizeof(table));
	memset(bitmap, 0xa5, sizeof(bitmap)); /* init must clear it */
	xen_gnttab_init(&gt, table, NR, bitmap);
	return 0;
}

/* The raw little-endian bytes Xen reads for entry `ref`. */
static void entry_bytes(xen_grant_ref_t ref, uint8_t out[8]) { memcpy(out, &table[ref], 8); }

/* ---- allocation ------------------------------------------------------------ */

static void test_alloc_skips_reserved(void **state)
{
	(void)state;
	assert_int_equal(xen_gnttab_alloc(&gt, 1), 8);
	assert_int_equal(xen_gnttab_alloc(&gt, 1), 9);
	assert_int_equal(xen_gnttab_alloc(&gt, 0), -1);
}

static void test_alloc_runs_are_consecutive_and_disjoint(void **state)
{
	(void)state;
	int64_t a = xen_gnttab_alloc(&gt, 100), b = xen_gnttab_alloc(&gt, 300);
	assert_int_equal(a, 8);
	assert_int_equal(b, 108);
	assert_int_equal(xen_gnttab_alloc(&gt, 1), 408);
}

static void test_alloc_exhaustion_and_first_fit_after_free(void **state)
{
	(void)state;
	assert_int_equal(xen_gnttab_alloc(&gt, NR - 8), 8);
	assert_int_equal(xen_gnttab_alloc(&gt, 1), -1);
	xen_gnttab_free(&gt, 20, 10);
	assert_int_equal(xen_gnttab_alloc(&gt, 11), -1); /* only a hole of 10 */
	assert_int_equal(xen_gnttab_alloc(&gt, 4), 20);
	assert_int_equal(xen_gnttab_alloc(&gt, 6), 24);
	assert_int_equal(xen_gnttab_alloc(&gt, 1), -1);
	/* freeing reserved refs or past the end is ignored */
	xen_gnttab_free(&gt, 0, 8);
	xen_gnttab_free(&gt, NR - 2, 5);
	assert_int_equal(xen_gnttab_alloc(&gt, 1), -1);
}

static void test_alloc_whole_table_smaller_than_reserved(void **state)
{
	(void)state;
	struct xen_gnttab small;
	uint64_t bm[1];
	xen_gnttab_init(&small, table, 4, bm);
	assert_int_equal(xen_gnttab_alloc(&small, 1), -1);
}

/* ---- entries ---------------------------------------------------------------- */

static void test_grant_encoding(void **state)
{
	(void)state;
	int64_t r = xen_gnttab_alloc(&gt, 2);
	assert_int_equal(xen_gnttab_grant(&gt, (xen_grant_ref_t)r, 1, 0x40123, 0), 0);
	assert_int_equal(xen_gnttab_grant(&gt, (xen_grant_ref_t)r + 1, 0x7ff, 0x40124, 1), 0);
	uint8_t b[8];
	entry_bytes((xen_grant_ref_t)r, b);
	static const uint8_t rw[8] = { 0x01, 0x00, 0x01, 0x00, 0x23, 0x01, 0x04, 0x00 };
	assert_memory_equal(b, rw, 8);
	entry_bytes((xen_grant_ref_t)r + 1, b);
	static const uint8_t ro[8] = { 0x05, 0x00, 0xff, 0x07, 0x24, 0x01, 0x04, 0x00 };
	assert_memory_equal(b, ro, 8);
	assert_true(xen_gnttab_granted(&gt, (xen_grant_ref_t)r, 1, 0x40123, 0));
	assert_false(xen_gnttab_granted(&gt, (xen_grant_ref_t)r, 1, 0x40123, 1)); /* not read-only */
	assert_false(xen_gnttab_granted(&gt, (xen_grant_ref_t)r, 2, 0x40123, 0)); /* other domain */
	assert_false(xen_gnttab_granted(&gt, (xen_grant_ref_t)r, 1, 0x40124, 0)); /* other frame */
	assert_true(xen_gnttab_granted(&gt, (xen_grant_ref_t)r + 1, 0x7ff, 0x40124, 1));
	assert_false(xen_gnttab_granted(&gt, NR, 1, 0x40123, 0));
}

static void test_grant_refusals(void **state)
{
	(void)state;
	int64_t r = xen_gnttab_alloc(&gt, 1);
	assert_int_equal(xen_gnttab_grant(&gt, 3, 1, 0x100, 0), -1);                       /* reserved */
	assert_int_equal(xen_gnttab_grant(&gt, (xen_grant_ref_t)r + 1, 1, 0x100, 0), -1);  /* not allocated */
	assert_int_equal(xen_gnttab_grant(&gt, NR + 5, 1, 0x100, 0), -1);                  /* past the table */
	assert_int_equal(xen_gnttab_grant(&gt, (xen_grant_ref_t)r, 1, 1ull << 32, 0), -1); /* frame > 32 bits */
	assert_int_equal(table[r].flags, 0);
	assert_int_equal(xen_gnttab_grant(&gt, (xen_grant_ref_t)r, 1, 0xffffffffull, 0), 0);
	/* a live entry is not rewritten: its backend may hold the old frame */
	assert_int_equal(xen_gnttab_grant(&gt, (xen_grant_ref_t)r, 1, 0x200, 0), -1);
	assert_int_equal(table[r].frame, 0xffffffffu);
}

/* ---- revocation -------------------------------------------------------------- */

static void test_revoke(void **state)
{
	(void)state;
	xen_grant_ref_t r = (xen_grant_ref_t)xen_gnttab_alloc(&gt, 1);
	assert_int_equal(xen_gnttab_revoke(&gt, r), 0); /* never granted: nothing to end */
	assert_int_equal(xen_gnttab_grant(&gt, r, 1, 0x500, 1), 0);
	assert_int_equal(xen_gnttab_revoke(&gt, r), 0);
	assert_int_equal(table[r].flags, 0);
	assert_false(xen_gnttab_granted(&gt, r, 1, 0x500, 1));
	/* revoked: the ref can grant something else */
	assert_int_equal(xen_gnttab_grant(&gt, r, 2, 0x600, 0), 0);
	assert_true(xen_gnttab_granted(&gt, r, 2, 0x600, 0));
	assert_int_equal(xen_gnttab_revoke(&gt, NR), -1);
}

static void test_revoke_busy_while_mapped(void **state)
{
	(void)state;
	xen_grant_ref_t r = (xen_grant_ref_t)xen_gnttab_alloc(&gt, 2);
	assert_int_equal(xen_gnttab_grant(&gt, r, 1, 0x500, 0), 0);
	assert_int_equal(xen_gnttab_grant(&gt, r + 1, 1, 0x501, 1), 0);
	/* what Xen does when the backend maps them */
	table[r].flags |= XEN_GTF_WRITING | XEN_GTF_READING;
	table[r + 1].flags |= XEN_GTF_READING;
	assert_int_equal(xen_gnttab_revoke(&gt, r), -1);
	assert_int_equal(xen_gnttab_revoke(&gt, r + 1), -1);
	assert_int_equal(table[r].flags, 0x01 | 0x08 | 0x10); /* left live */
	assert_int_equal(table[r + 1].flags, 0x05 | 0x08);
	/* the backend unmaps: Xen clears its bits, the revoke goes through */
	table[r].flags &= (uint16_t)~(XEN_GTF_WRITING | XEN_GTF_READING);
	assert_int_equal(xen_gnttab_revoke(&gt, r), 0);
	assert_int_equal(table[r].flags, 0);
}

/* ---- mapping the table --------------------------------------------------------- */

static uint32_t fake_max_frames = 64, fake_version_out = 1;
static int64_t fake_physmap_rc;
static int64_t answer_map(const struct fake_call *c)
{
	if (c->op == 20 && c->a[0] == 6) {
		struct xen_gnttab_query_size *q = (void *)(uintptr_t)c->a[1];
		q->nr_frames = 1, q->max_nr_frames = fake_max_frames, q->status = 0;
		return 0;
	}
	if (c->op == 20 && c->a[0] == 8) {
		struct xen_gnttab_set_version *v = (void *)(uintptr_t)c->a[1];
		if (v->version != 1)
			return -22;
		v->version = fake_version_out;
		return 0;
	}
	if (c->op == 12 && c->a[0] == 7)
		return fake_physmap_rc;
	return -38;
}

static void test_map_sequence(void **state)
{
	(void)state;
	fake_max_frames = 64, fake_version_out = 1, fake_physmap_rc = 0;
	fake_reset(answer_map);
	uint32_t frames = 0;
	assert_int_equal(xen_gnttab_map(0x38000000, 0x01000000, 6, &frames), 0);
	assert_int_equal(frames, 6);
	assert_int_equal(fake_ncalls, 2 + 6);
	assert_int_equal(fake_calls[0].a[0], 6); /* query_size first */
	assert_int_equal(fake_calls[1].a[0], 8); /* then set_version(1) */
	/* frames from the highest down: the first call grows the table to 6 */
	for (unsigned i = 0; i < 6; i++) {
		assert_int_equal(fake_calls[2 + i].op, 12);
		assert_int_equal(fake_calls[2 + i].a[0], 7);
	}
}

static struct xen_add_to_physmap maps_seen[8];
static unsigned nmaps;
static int64_t answer_map_record(const struct fake_call *c)
{
	if (c->op == 12 && nmaps < 8)
		maps_seen[nmaps++] = *(const struct xen_add_to_physmap *)(uintptr_t)c->a[1];
	return answer_map(c);
}

static void test_map_frame_numbers(void **state)
{
	(void)state;
	fake_max_frames = 64, fake_version_out = 1, fake_physmap_rc = 0, nmaps = 0;
	fake_reset(answer_map_record);
	uint32_t frames = 0;
	assert_int_equal(xen_gnttab_map(0x38000000, 0x01000000, 3, &frames), 0);
	assert_int_equal(nmaps, 3);
	for (unsigned k = 0; k < 3; k++) {
		unsigned idx = 2 - k;
		assert_int_equal(maps_seen[k].idx, idx);
		assert_int_equal(maps_seen[k].gpfn, 0x38000 + idx);
		assert_int_equal(maps_seen[k].space, 1);
		assert_int_equal(maps_seen[k].domid, 0x7ff0);
	}
}

static void test_map_caps_and_errors(void **state)
{
	(void)state;
	uint32_t frames = 99;
	fake_max_frames = 4, fake_version_out = 1, fake_physmap_rc = 0;
	fake_reset(answer_map);
	assert_int_equal(xen_gnttab_map(0x38000000, 0x01000000, 10, &frames), 0);
	assert_int_equal(frames, 4); /* Xen's limit */
	fake_max_frames = 64;
	assert_int_equal(xen_gnttab_map(0x38000000, 2 * 4096 + 100, 10, &frames), 0);
	assert_int_equal(frames, 2); /* the DT window */
	assert_int_equal(xen_gnttab_map(0x38000800, 0x10000, 1, &frames), -22); /* unaligned window */
	assert_int_equal(frames, 0);
	fake_version_out = 2; /* a table that stays at version 2 */
	assert_int_equal(xen_gnttab_map(0x38000000, 0x10000, 1, &frames), -22);
	fake_version_out = 1, fake_physmap_rc = -12;
	assert_int_equal(xen_gnttab_map(0x38000000, 0x10000, 2, &frames), -12);
	assert_int_equal(frames, 0);
	fake_max_frames = 0, fake_physmap_rc = 0;
	assert_int_equal(xen_gnttab_map(0x38000000, 0x10000, 2, &frames), -22);
	xen_hcall_use(NULL);
	assert_int_equal(xen_gnttab_map(0x38000000, 0x10000, 2, &frames), -38);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_alloc_skips_reserved, setup),
		cmocka_unit_test_setup(test_alloc_runs_are_consecutive_and_disjoint, setup),
		cmocka_unit_test_setup(test_alloc_exhaustion_and_first_fit_after_free, setup),
		cmocka_unit_test_setup(test_alloc_whole_table_smaller_than_reserved, setup),
		cmocka_unit_test_setup(test_grant_encoding, setup),
		cmocka_unit_test_setup(test_grant_refusals, setup),
		cmocka_unit_test_setup(test_revoke, setup),
		cmocka_unit_test_setup(test_revoke_busy_while_mapped, setup),
		cmocka_unit_test(test_map_sequence),
		cmocka_unit_test(test_map_frame_numbers),
		cmocka_unit_test(test_map_caps_and_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
