/* Unit tests for consoles vcheck did not read itself (harness/collect/
 * foreign.c): records behind line prefixes, split over lines, with CRLF and
 * noise around them, cut at the end; fed whole, in chunks and byte by byte. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcheck/records.h"
#include "harness/collect/foreign.h"
#include "harness/model/model.h"

static char text[65536];
static size_t len;
static unsigned long nsplit, nwhole; /* records build() split over lines, and kept whole */

static void add(const char *s)
{
	size_t n = strlen(s);
	assert_true(len + n < sizeof(text));
	memcpy(text + len, s, n + 1);
	len += n;
}

/* One sealed record line (without its newline) into out. */
static void sealed(char *out, size_t cap, const char *body)
{
	snprintf(out, cap, "%s #%08x", body, (unsigned)vc_record_hash(body, strlen(body)));
}

/* The record behind `prefix`, split every `width` characters (0: whole),
 * each piece on its own line behind the prefix, lines ending in `eol`. */
static void add_record(const char *prefix, const char *body, size_t width, const char *eol)
{
	char line[VC_RECORD_MAX_LINE + 1];
	sealed(line, sizeof(line), body);
	size_t n = strlen(line);
	if (width && n > width)
		nsplit++;
	else
		nwhole++;
	for (size_t at = 0; at < n;) {
		size_t piece = width && n - at > width ? width : n - at;
		add(prefix);
		char chunk[VC_RECORD_MAX_LINE + 1];
		memcpy(chunk, line + at, piece);
		chunk[piece] = 0;
		add(chunk);
		add(eol);
		at += piece;
	}
}

static const char long_detail[] = "@vc1 3 check d=0 id=FEAT-SEL-002 v=FAIL detail=selector%202%20reads%20"
				  "0x00000101%20and%20this%20detail%20runs%20on%20well%20past%20one%20hundred%20and%20"
				  "twenty%20six%20characters";

static void build(const char *prefix, size_t width, const char *eol)
{
	len = 0, nsplit = nwhole = 0;
	text[0] = 0;
	add("U-Boot 2023.01 (Jan 01 2023)\r\n");
	add_record(prefix, "@vc1 0 start proto=1 image=probe arch=aarch64 console=uart el=1", width, eol);
	add_record(prefix, "@vc1 1 dev d=0 loc=mmio@0xa000000 transport=mmio-v2 id=4 vendor=0x554d4551 ver=2",
		   width, eol);
	add("(XEN) an unrelated hypervisor line\r\n");
	add_record(prefix, "@vc1 2 feat d=0 sel=0 val=0x30000000", width, eol);
	add_record(prefix, long_detail, width, eol);
	add_record(prefix, "@vc1 4 end devices=1 checks=1", width, eol);
}

static void feed(struct vc_cell *c, struct vc_foreign *f, size_t chunk)
{
	struct vc_collector k;
	memset(c, 0, sizeof(*c));
	vc_collect_init(&k, c);
	vc_foreign_init(f, &k);
	for (size_t at = 0; at < len; at += chunk)
		vc_foreign_feed(f, text + at, at + chunk > len ? len - at : chunk);
	vc_foreign_finish(f);
}

static void expect_clean(size_t chunk, unsigned long prefixed, unsigned long rejoined)
{
	static struct vc_foreign f;
	struct vc_cell c;
	feed(&c, &f, chunk);
	for (size_t i = 0; i < c.nproblems; i++)
		print_message("problem: %s\n", c.problems[i]);
	assert_int_equal(c.nproblems, 0);
	assert_int_equal(c.records, 5);
	assert_true(c.started && c.ended);
	assert_int_equal(c.ndevices, 1);
	assert_int_equal(c.devices[0].nchecks, 1);
	assert_string_equal(c.devices[0].checks[0].id, "FEAT-SEL-002");
	assert_int_equal(f.prefixed, prefixed);
	assert_int_equal(f.rejoined, rejoined);
	assert_int_equal(c.noise_lines, 2);
	vc_cell_free(&c);
}

static void test_plain(void **state)
{
	build("", 0, "\n");
	expect_clean(len, 0, 0);
	expect_clean(1, 0, 0);
}

static void test_xen_prefix_crlf(void **state)
{
	build("(d1) ", 0, "\r\n");
	expect_clean(len, 5, 0);
	expect_clean(7, 5, 0);
}

static void test_split_at_126(void **state)
{
	build("(d1) ", 126, "\r\n");
	assert_int_equal(nsplit, 1); /* the check record is longer than 126 characters */
	expect_clean(len, nwhole, nsplit);
	expect_clean(1, nwhole, nsplit);
}

static void test_split_without_prefix(void **state)
{
	build("", 40, "\n");
	assert_true(nsplit >= 4);
	expect_clean(len, 0, nsplit);
}

static void test_corrupt_piece_is_malformed(void **state)
{
	build("(d1) ", 126, "\n");
	char *hit = strstr(text, "detail=sel");
	assert_non_null(hit);
	hit[7] = 'X'; /* the seal no longer fits: no join may become a record */
	static struct vc_foreign f;
	struct vc_cell c;
	feed(&c, &f, len);
	assert_int_equal(c.records, 4);
	assert_int_equal(c.nproblems, 2); /* the malformed record, then the gap it leaves */
	assert_non_null(strstr(c.problems[0], "malformed record"));
	assert_non_null(strstr(c.problems[1], "expected seq 3, got 4"));
	assert_true(c.ended);
	vc_cell_free(&c);
}

static void test_cut_inside_a_record(void **state)
{
	build("(d1) ", 126, "\n");
	char *last = strstr(text, "@vc1 4 end");
	assert_non_null(last);
	len = (size_t)(last - text) + 8; /* the end record's first bytes only */
	static struct vc_foreign f;
	struct vc_cell c;
	feed(&c, &f, len);
	assert_int_equal(c.records, 4);
	assert_false(c.ended);
	assert_int_equal(c.nproblems, 1);
	vc_cell_free(&c);
}

static void test_overlong_lines(void **state)
{
	len = 0;
	text[0] = 0;
	add("(d1) ");
	for (int i = 0; i < 3000; i++)
		add("@");
	add("\n(d1) @vc1 ");
	for (int i = 0; i < 3000; i++)
		add("a");
	add("\n");
	add_record("(d1) ", "@vc1 0 start proto=1 image=probe arch=aarch64 console=uart el=1", 0, "\n");
	static struct vc_foreign f;
	struct vc_cell c;
	feed(&c, &f, 100);
	assert_true(c.started);
	assert_int_equal(c.records, 1);
	assert_int_equal(f.prefixed, 1);
	vc_cell_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_xen_prefix_crlf),
		cmocka_unit_test(test_split_at_126),
		cmocka_unit_test(test_split_without_prefix),
		cmocka_unit_test(test_corrupt_piece_is_malformed),
		cmocka_unit_test(test_cut_inside_a_record),
		cmocka_unit_test(test_overlong_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
