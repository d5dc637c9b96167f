/* Unit tests for the layouts (layouts/, via layouts/layout.h) and the
 * check catalogue (suites/check.h): the descriptors both the guest and the
 * host compile, checked for internal consistency. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcheck/transports.h"
#include "vcheck/virtio_ids.h"
#include "suites/check.h"
#include "layouts/layout.h"
#include "harness/plan/spec_coverage.h"

static unsigned count_layouts(void)
{
	unsigned n = 0;
	for (const struct vc_layout *p = vc_layout_first(); p; p = vc_layout_next(p))
		n++;
	return n;
}

static uint64_t feature_mask(const struct vc_layout *p)
{
	uint64_t m = 0;
	for (unsigned i = 0; i < p->nfeatures; i++)
		m |= VC_FEAT(p->features[i].bit);
	return m;
}

/* ---- probes --------------------------------------------------------------- */

static void test_layouts_registered(void **state)
{
	unsigned n = count_layouts();
	/* every virtio-ids.h type the project lists has a layout file in layouts/ */
	unsigned ids = 0;
#define COUNT_ID(num, ident, name) ids++;
	VIRTIO_DEVICE_IDS(COUNT_ID)
#undef COUNT_ID
	assert_true(n >= 2);
	assert_int_equal(n, ids);
#define HAS_PROBE(num, ident, id_name)                                 \
	do {                                                           \
		const struct vc_layout *p = vc_layout_find(num);         \
		if (!p)                                                \
			fail_msg("no probe for device type %d", num);  \
		assert_string_equal(p->name, id_name);                 \
	} while (0);
	VIRTIO_DEVICE_IDS(HAS_PROBE)
#undef HAS_PROBE
	assert_null(vc_layout_find(0));
	assert_null(vc_layout_find(0xffff));
}

static void test_layout_find_block(void **state)
{
	const struct vc_layout *p = vc_layout_find(2);
	assert_non_null(p);
	assert_string_equal(p->name, "block");
	assert_int_equal(p->device_id, 2);
	assert_string_equal(p->name, virtio_id_name(2));
}

static void test_unique_device_ids(void **state)
{
	for (const struct vc_layout *a = vc_layout_first(); a; a = vc_layout_next(a))
		for (const struct vc_layout *b = vc_layout_next(a); b; b = vc_layout_next(b))
			if (a->device_id == b->device_id)
				fail_msg("probes '%s' and '%s' share device id %u", a->name, b->name, a->device_id);
}

static void test_layout_descriptors(void **state)
{
	for (const struct vc_layout *p = vc_layout_first(); p; p = vc_layout_next(p)) {
		assert_non_null(p->name);
		assert_true(p->device_id > 0);
		/* the short name is the one in vcheck/virtio_ids.h */
		if (strcmp(p->name, virtio_id_name(p->device_id)) != 0)
			fail_msg("probe '%s' for type %u: virtio_ids.h calls it '%s'", p->name, p->device_id,
				 virtio_id_name(p->device_id));
		assert_non_null(p->spec);
		assert_true(!strncmp(p->spec, "1.2 ", 4) || !strncmp(p->spec, "1.3 ", 4) ||
			    !strncmp(p->spec, "1.4 ", 4));
		assert_true(p->nfields == 0 || p->fields != NULL);
		assert_true(p->nfeatures == 0 || p->features != NULL);
	}
}

static void test_fields_in_range_and_aligned(void **state)
{
	for (const struct vc_layout *p = vc_layout_first(); p; p = vc_layout_next(p)) {
		for (unsigned i = 0; i < p->nfields; i++) {
			const struct vc_cfg_field *f = &p->fields[i];
			assert_non_null(f->name);
			assert_non_null(f->spec);
			if (f->offset + f->size > 4096)
				fail_msg("%s.%s ends at %u, beyond 4096", p->name, f->name, f->offset + f->size);
			if (f->width != 1 && f->width != 2 && f->width != 4 && f->width != 8)
				fail_msg("%s.%s has width %u", p->name, f->name, f->width);
			if (f->width > 1 && f->offset % f->width)
				fail_msg("%s.%s at offset %u is not %u-byte aligned", p->name, f->name, f->offset,
					 f->width);
			/* a field of natural width w is a whole number of w-byte units */
			if (f->width > 1 && f->size % f->width)
				fail_msg("%s.%s: size %u is not a multiple of width %u", p->name, f->name, f->size,
					 f->width);
			if (f->access > VC_FA_WO)
				fail_msg("%s.%s: access %u", p->name, f->name, f->access);
		}
	}
}

static void test_fields_do_not_overlap(void **state)
{
	for (const struct vc_layout *p = vc_layout_first(); p; p = vc_layout_next(p))
		for (unsigned i = 0; i < p->nfields; i++)
			for (unsigned j = i + 1; j < p->nfields; j++) {
				const struct vc_cfg_field *a = &p->fields[i], *b = &p->fields[j];
				unsigned a0 = a->offset, a1 = a->offset + a->size;
				unsigned b0 = b->offset, b1 = b->offset + b->size;
				if (a0 < b1 && b0 < a1)
					fail_msg("%s: '%s' [%u,%u) overlaps '%s' [%u,%u)", p->name, a->name, a0, a1,
						 b->name, b0, b1);
				if (!strcmp(a->name, b->name))
					fail_msg("%s: field '%s' twice", p->name, a->name);
			}
}

static void test_field_features_named(void **state)
{
	for (const struct vc_layout *p = vc_layout_first(); p; p = vc_layout_next(p)) {
		uint64_t known = feature_mask(p);
		for (unsigned i = 0; i < p->nfields; i++) {
			uint64_t extra = p->fields[i].features & ~known;
			if (extra)
				fail_msg("%s.%s depends on feature bits 0x%llx the probe does not name", p->name,
					 p->fields[i].name, (unsigned long long)extra);
		}
		/* feature table: bits fit the mask, no bit or name twice */
		for (unsigned i = 0; i < p->nfeatures; i++) {
			assert_true(p->features[i].bit < 64);
			assert_non_null(p->features[i].name);
			assert_true(p->features[i].name[0] != 0);
			for (unsigned j = i + 1; j < p->nfeatures; j++) {
				if (p->features[i].bit == p->features[j].bit)
					fail_msg("%s: feature bit %u twice", p->name, p->features[i].bit);
				if (!strcmp(p->features[i].name, p->features[j].name))
					fail_msg("%s: feature name %s twice", p->name, p->features[i].name);
			}
		}
	}
}

static void test_blk_config_size(void **state)
{
	const struct vc_layout *blk = vc_layout_find(VIRTIO_ID_BLOCK);
	assert_non_null(blk);
	/* VIRTIO 1.3 5.2.4: le64 capacity, then le32 size_max (bit 1), le32 seg_max (bit 2) */
	assert_int_equal(vc_layout_config_size(blk, 0), 8);
	assert_int_equal(vc_layout_config_size(blk, VC_FEAT(1)), 12);
	assert_int_equal(vc_layout_config_size(blk, VC_FEAT(1) | VC_FEAT(2)), 16);
	/* seg_max alone still reaches past the absent size_max */
	assert_int_equal(vc_layout_config_size(blk, VC_FEAT(2)), 16);
	/* geometry (bit 4): cylinders le16 at 16, heads u8, sectors u8 -> 20 */
	assert_int_equal(vc_layout_config_size(blk, VC_FEAT(4)), 20);
	/* bits no field depends on add nothing (RO 5, FLUSH 9) */
	assert_int_equal(vc_layout_config_size(blk, VC_FEAT(5) | VC_FEAT(9)), 8);

	/* every feature: the end of the last field of the table */
	unsigned end = 0;
	for (unsigned i = 0; i < blk->nfields; i++)
		if (blk->fields[i].offset + blk->fields[i].size > end)
			end = blk->fields[i].offset + blk->fields[i].size;
	assert_int_equal(vc_layout_config_size(blk, feature_mask(blk)), end);
	assert_int_equal(vc_layout_config_size(blk, ~0ull), end);
	/* 1.3's struct virtio_blk_config: zoned.model is the u8 at offset 92 */
	assert_int_equal(end, 93);
	assert_int_equal(vc_layout_config_size(NULL, ~0ull), 0);
}

static void test_config_size_every_layout(void **state)
{
	for (const struct vc_layout *p = vc_layout_first(); p; p = vc_layout_next(p)) {
		unsigned always = 0, all = 0;
		for (unsigned i = 0; i < p->nfields; i++) {
			unsigned e = p->fields[i].offset + p->fields[i].size;
			if (!p->fields[i].features && e > always)
				always = e;
			if (e > all)
				all = e;
		}
		assert_int_equal(vc_layout_config_size(p, 0), always);
		assert_int_equal(vc_layout_config_size(p, feature_mask(p)), all);
		assert_true(vc_layout_config_size(p, 0) <= vc_layout_config_size(p, ~0ull));
	}
}

static void test_field_at(void **state)
{
	const struct vc_layout *blk = vc_layout_find(VIRTIO_ID_BLOCK);
	assert_non_null(blk);
	const struct vc_cfg_field *f = vc_layout_field_at(blk, 0);
	assert_non_null(f);
	assert_string_equal(f->name, "capacity");
	assert_string_equal(vc_layout_field_at(blk, 7)->name, "capacity");
	assert_string_equal(vc_layout_field_at(blk, 8)->name, "size_max");
	assert_string_equal(vc_layout_field_at(blk, 15)->name, "seg_max");
	assert_null(vc_layout_field_at(blk, 33)); /* unused byte after writeback */
	assert_null(vc_layout_field_at(blk, 4095));
	assert_null(vc_layout_field_at(NULL, 0));
	/* virtio-9p's tag is sized at run time (tag_len): it runs on past its start */
	const struct vc_layout *p9 = vc_layout_find(9);
	assert_string_equal(vc_layout_field_at(p9, 1)->name, "tag_len");
	assert_string_equal(vc_layout_field_at(p9, 2)->name, "tag");
	assert_string_equal(vc_layout_field_at(p9, 2 + 300)->name, "tag");
}

static void test_p9_dynamic_size(void **state)
{
	const struct vc_layout *p9 = vc_layout_find(VIRTIO_ID_P9);
	assert_non_null(p9);
	assert_non_null(p9->dynamic_size);
	/* tag_len (le16) at 0, then tag_len bytes of tag */
	unsigned st = vc_layout_config_size(p9, feature_mask(p9));
	assert_int_equal(st, 2);
	assert_int_equal(vc_layout_config_size(p9, 0), 0);
	static const uint8_t five[] = { 5, 0 }, big[] = { 0x05, 0x01 }, zero[] = { 0, 0 };
	assert_int_equal(p9->dynamic_size(st, five), 2 + 5);
	assert_int_equal(p9->dynamic_size(st, big), 2 + 0x105);
	assert_int_equal(p9->dynamic_size(st, zero), 2);
	/* without MOUNT_TAG there is no config at all */
	assert_int_equal(p9->dynamic_size(0, five), 0);
	/* no other probe needs a dynamic size */
	for (const struct vc_layout *p = vc_layout_first(); p; p = vc_layout_next(p))
		if (p != p9)
			assert_null(p->dynamic_size);
}

/* ---- check catalogue ----------------------------------------------------- */

static void test_check_catalogue(void **state)
{
	regex_t re;
	assert_int_equal(regcomp(&re, "^[A-Z0-9]+(-[A-Z0-9]+)+$", REG_EXTENDED | REG_NOSUB), 0);
	unsigned n = 0;
	for (const struct vc_check *c = vc_check_first(); c; c = vc_check_next(c)) {
		n++;
		assert_non_null(c->id);
		if (regexec(&re, c->id, 0, NULL, 0) != 0)
			fail_msg("check id '%s' is not AREA-TOPIC-NNN", c->id);
		if (!c->title || !c->title[0])
			fail_msg("%s has no title", c->id);
		if (!c->spec || (strncmp(c->spec, "1.2 ", 4) && strncmp(c->spec, "1.3 ", 4) &&
				 strncmp(c->spec, "1.4 ", 4)) || !c->spec[4])
			fail_msg("%s: spec '%s'", c->id, c->spec ? c->spec : "(null)");
		if (c->level >= 3)
			fail_msg("%s: level %u", c->id, c->level);
		if (!c->transports)
			fail_msg("%s applies to no transport", c->id);
		if (c->transports & ~VC_TR_ALL)
			fail_msg("%s: unknown transport bits 0x%x", c->id, c->transports);
		if (c->device_id && !strcmp(virtio_id_name(c->device_id), "unknown"))
			fail_msg("%s: unknown device type %u", c->id, c->device_id);
		/* host build: descriptors without bodies */
		assert_null(c->fn);
		for (const struct vc_check *d = vc_check_next(c); d; d = vc_check_next(d))
			if (!strcmp(c->id, d->id))
				fail_msg("check id '%s' registered twice", c->id);
	}
	regfree(&re);
	assert_true(n > 0);
	assert_int_equal(n, vc_check_count());
	assert_string_equal(vc_level_name(VC_MUST), "MUST");
	assert_string_equal(vc_level_name(VC_SHOULD), "SHOULD");
	assert_string_equal(vc_level_name(VC_MAY), "MAY");
}

/* The id pattern check itself rejects what it should. */
static void test_id_pattern(void **state)
{
	regex_t re;
	assert_int_equal(regcomp(&re, "^[A-Z0-9]+(-[A-Z0-9]+)+$", REG_EXTENDED | REG_NOSUB), 0);
	static const char *const good[] = { "MMIO-ID-001", "STATUS-RESET-001", "A-1" };
	static const char *const bad[] = { "MMIO", "mmio-id-001", "MMIO--001", "-MMIO-1", "MMIO-1-", "MMIO_ID-1", "" };
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_int_equal(regexec(&re, good[i], 0, NULL, 0), 0);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_not_equal(regexec(&re, bad[i], 0, NULL, 0), 0);
	regfree(&re);
}

/* Every check citing 1.2 lands in exactly one place: a listed section or
 * "elsewhere"; a section nobody cites counts 0; bad lines are errors. */
static void test_spec_coverage_counts(void **state)
{
	(void)state;
	struct vc_spec_list l;
	char err[256];
	assert_int_equal(vc_spec_parse("t", "1.2", "# c\n2.1.2\tDevice Status\n9.9.9\tNobody\n", &l, err, sizeof(err)), 0);
	unsigned elsewhere = vc_spec_count(&l), cited12 = 0, in_list = 0;
	for (const struct vc_check *c = vc_check_first(); c; c = vc_check_next(c))
		cited12 += !strncmp(c->spec, "1.2 ", 4);
	for (size_t i = 0; i < l.n; i++)
		in_list += l.s[i].checks;
	assert_int_equal(in_list + elsewhere, cited12);
	assert_int_equal(l.s[1].checks, 0);
	assert_true(l.s[0].checks > 0); /* the status checks cite 2.1.2 */
	vc_spec_free(&l);
	assert_int_equal(vc_spec_parse("t", "1.2", "2.1.2 no tab\n", &l, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "t:1:"));
	assert_int_equal(vc_spec_parse("t", "1.2", "x.y\ttitle\n", &l, err, sizeof(err)), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spec_coverage_counts),
		cmocka_unit_test(test_layouts_registered),
		cmocka_unit_test(test_layout_find_block),
		cmocka_unit_test(test_unique_device_ids),
		cmocka_unit_test(test_layout_descriptors),
		cmocka_unit_test(test_fields_in_range_and_aligned),
		cmocka_unit_test(test_fields_do_not_overlap),
		cmocka_unit_test(test_field_features_named),
		cmocka_unit_test(test_blk_config_size),
		cmocka_unit_test(test_config_size_every_layout),
		cmocka_unit_test(test_field_at),
		cmocka_unit_test(test_p9_dynamic_size),
		cmocka_unit_test(test_check_catalogue),
		cmocka_unit_test(test_id_pattern),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
