/* Unit tests for `vcheck diff`'s comparison (harness/results/diff.c) on
 * small hand-written results.json documents. JSON is written with single
 * quotes (turned into double ones before parsing) so that it reads; every
 * expected difference is worked out by hand from the two documents. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "harness/results/diff.h"
#include "json_doc.h"


/* A run of one cell holding `devices` (a JSON array's inside). */
#define RUN(verdict, devices)                                                                        \
	"{'schema': 'vcheck/1', 'verdict': '" verdict "', 'cells': [{'name': 't.mmio-v2.direct', "  \
	"'transport': 'mmio-v2', 'mode': 'checks', 'outcome': 'completed', 'verdict': '" verdict "', " \
	"'devices': [" devices "]}]}"
#define DEV(model, id, extra) \
	"{'model': '" model "', 'device_id': " #id ", 'interface': 'mmio-v2', 'location': 'mmio@0', " extra "}"

static void diff(const char *a, const char *b, const struct vc_diff_opts *o, struct vc_diff *d)
{
	struct jv *ja = doc(a), *jb = doc(b);
	char err[256] = "";
	if (vc_diff_validate(ja, err, sizeof(err)) || vc_diff_validate(jb, err, sizeof(err)))
		fail_msg("test document refused: %s", err);
	vc_diff_runs(ja, jb, o, d);
	jv_free(ja);
	jv_free(jb);
}

static void item_is(const struct vc_diff *d, size_t i, enum vc_diff_kind k, const char *what, const char *a,
		    const char *b, const char *why)
{
	if (i >= d->nitems)
		fail_msg("no item %zu (%zu items)", i, d->nitems);
	const struct vc_diff_item *it = &d->items[i];
	assert_string_equal(vc_diff_kind_name(it->kind), vc_diff_kind_name(k));
	assert_string_equal(it->what, what);
	assert_string_equal(it->a, a);
	assert_string_equal(it->b, b);
	if (why)
		assert_string_equal(it->why, why);
	else
		assert_null(it->why);
}

static void test_gate(void **state)
{
	unsigned g;
	char err[256];
	assert_int_equal(vc_diff_parse_gate("verdicts,outcome", &g, err, sizeof(err)), 0);
	assert_int_equal(g, (1u << 0) | (1u << 5));
	assert_int_equal(g, VC_DIFF_DEFAULT_GATE);
	assert_int_equal(vc_diff_parse_gate("classes", &g, err, sizeof(err)), 0);
	assert_int_equal(g, 1u << 3);
	assert_int_equal(vc_diff_parse_gate("all", &g, err, sizeof(err)), 0);
	assert_int_equal(g, 0x3f);
	assert_int_equal(vc_diff_parse_gate("config,all", &g, err, sizeof(err)), 0);
	assert_int_equal(g, 0x3f);
	assert_int_equal(vc_diff_parse_gate("verdicts,verdict", &g, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unknown kind 'verdict'"));
	assert_non_null(strstr(err, "verdicts, features, config, classes, models, outcome, all"));
	assert_int_equal(vc_diff_parse_gate("", &g, err, sizeof(err)), -1);
	assert_int_equal(vc_diff_parse_gate("models,", &g, err, sizeof(err)), -1);
	assert_int_equal(vc_diff_parse_gate("allx", &g, err, sizeof(err)), -1);
}

static void refused(const char *quoted, const char *says)
{
	struct jv *v = doc(quoted);
	char err[256] = "";
	assert_int_equal(vc_diff_validate(v, err, sizeof(err)), -1);
	if (!strstr(err, says))
		fail_msg("'%s' does not say '%s'", err, says);
	jv_free(v);
}

static void test_validate(void **state)
{
	struct jv *ok = doc(RUN("PASS", DEV("blk", 2, "'config': '00Ff', 'checks': [], 'registers': null")));
	char err[256];
	assert_int_equal(vc_diff_validate(ok, err, sizeof(err)), 0);
	jv_free(ok);
	refused("[]", "top level is not an object");
	refused("{'cells': []}", "schema is missing");
	refused("{'schema': 'vcheck/2', 'cells': []}", "schema is \"vcheck/2\"");
	refused("{'schema': 'vcheck/1', 'cells': {}}", "\"cells\" is missing or not an array");
	refused("{'schema': 'vcheck/1', 'cells': [1]}", "cells[0] is not an object");
	refused("{'schema': 'vcheck/1', 'cells': [{'devices': 'x'}]}", "cells[0].devices is not an array");
	refused(RUN("PASS", DEV("blk", 2, "'x': 0") ", 7"), "cells[0].devices[1] is not an object");
	refused(RUN("PASS", DEV("blk", 2, "'config': '001'")), "cells[0].devices[0].config is not bytes in hex");
	refused(RUN("PASS", DEV("blk", 2, "'config': '0g'")), "config is not bytes in hex");
	refused(RUN("PASS", DEV("blk", 2, "'config': 5")), "config is not a string");
	refused(RUN("PASS", DEV("blk", 2, "'feature_words': '0x1'")), "feature_words is not an array");
	refused(RUN("PASS", DEV("blk", 2, "'checks': [[]]")), "cells[0].devices[0].checks[0] is not an object");
	refused(RUN("PASS", DEV("blk", 2, "'registers': [{'classes': 'latch'}]")),
		"devices[0].registers[0].classes is not an array");
	refused(RUN("PASS", DEV("blk", 2, "'registers': [{'models': []}]")), "registers[0].models is not an object");
}

static void test_identical(void **state)
{
	const char *run = RUN("FAIL", DEV("blk", 2, "'feature_words': ['0x1'], 'config': '0102',"
					  "'checks': [{'id': 'A-1', 'verdict': 'FAIL', 'detail': 'd'}]"));
	struct vc_diff d;
	diff(run, run, NULL, &d);
	assert_int_equal(d.nitems, 0);
	assert_int_equal(d.npairs, 0);
	assert_int_equal(vc_diff_gated(&d, VC_DIFF_ALL), 0);
	vc_diff_free(&d);
}

static void test_verdicts(void **state)
{
	const char *a = RUN("FAIL", DEV("blk", 2, "'checks': ["
		"{'id': 'X-1', 'verdict': 'PASS'}, {'id': 'X-2', 'verdict': 'FAIL', 'detail': 'was bad'},"
		"{'id': 'X-3', 'verdict': 'PASS'}, {'id': 'X-4', 'verdict': 'SKIP', 'detail': 'no feature'}]"));
	const char *b = RUN("FAIL", DEV("blk", 2, "'checks': ["
		"{'id': 'X-5', 'verdict': 'PASS'}, {'id': 'X-3', 'verdict': 'PASS'},"
		"{'id': 'X-2', 'verdict': 'PASS', 'detail': 'fine now'},"
		"{'id': 'X-1', 'verdict': 'FAIL', 'detail': 'now bad\\nline 2'}]"));
	struct vc_diff d;
	diff(a, b, NULL, &d);
	assert_int_equal(d.nitems, 4);
	/* in A's order, then what only B has; B's detail, A's when B passes */
	item_is(&d, 0, VC_DIFF_VERDICTS, "X-1", "PASS", "FAIL", "now bad\nline 2");
	item_is(&d, 1, VC_DIFF_VERDICTS, "X-2", "FAIL", "PASS", "was bad");
	item_is(&d, 2, VC_DIFF_VERDICTS, "X-4", "SKIP", "(absent)", "no feature");
	item_is(&d, 3, VC_DIFF_VERDICTS, "X-5", "(absent)", "PASS", NULL);
	assert_int_equal(d.counts[VC_DIFF_VERDICTS], 4);
	assert_int_equal(vc_diff_gated(&d, VC_DIFF_DEFAULT_GATE), 4);
	assert_int_equal(vc_diff_gated(&d, VC_DIFF_BIT(VC_DIFF_CLASSES)), 0);
	assert_int_equal(d.npairs, 1);
	assert_string_equal(d.pairs[0].title, "blk vs blk: block (2) on mmio-v2");
	assert_string_equal(d.pairs[0].a, "t.mmio-v2.direct, mmio@0");
	vc_diff_free(&d);
}

/* Two targets, two personalities, devices listed in another order: paired
 * by interface and ID, not by cell or place. */
static void test_pairing_ignores_cells(void **state)
{
	const char *a = "{'schema': 'vcheck/1', 'verdict': 'PASS', 'cells': [{'name': 'qemu.mmio-v2.direct', "
		"'target': 'qemu', 'transport': 'mmio-v2', 'outcome': 'completed', 'verdict': 'PASS', 'devices': ["
		DEV("blk", 2, "'checks': [{'id': 'B-1', 'verdict': 'PASS'}]") ","
		DEV("rng", 4, "'checks': [{'id': 'R-1', 'verdict': 'PASS'}]") "]}]}";
	const char *b = "{'schema': 'vcheck/1', 'verdict': 'PASS', 'cells': [{'name': 'xen.mmio-v2.xen', "
		"'target': 'xen', 'transport': 'mmio-v2', 'mode': 'checks', 'outcome': 'completed', 'verdict': 'PASS', "
		"'devices': [" DEV("entropy", 4, "'checks': [{'id': 'R-1', 'verdict': 'WARN'}]") ","
		DEV("blk", 2, "'checks': [{'id': 'B-1', 'verdict': 'PASS'}]") "]}]}";
	struct vc_diff d;
	diff(a, b, NULL, &d);
	assert_int_equal(d.nitems, 1);
	item_is(&d, 0, VC_DIFF_VERDICTS, "R-1", "PASS", "WARN", NULL);
	assert_string_equal(d.pairs[0].title, "rng vs entropy: entropy (4) on mmio-v2");
	assert_string_equal(d.pairs[0].b, "xen.mmio-v2.xen, mmio@0");
	vc_diff_free(&d);
}

#define TWO_BLKS(first, second)                                                  \
	RUN("PASS", DEV(first, 2, "'checks': [{'id': 'C-1', 'verdict': 'PASS'}]") "," \
		    DEV(second, 2, "'checks': [{'id': 'C-1', 'verdict': 'FAIL'}]"))

static void test_match(void **state)
{
	const char *a = TWO_BLKS("blk", "vublk"), *b = TWO_BLKS("vublk2", "blk");
	struct vc_diff d;
	/* order among equals: blk with vublk2 (PASS, PASS), vublk with blk (FAIL, FAIL) */
	diff(a, b, NULL, &d);
	assert_int_equal(d.nitems, 0);
	vc_diff_free(&d);
	/* by name: blk (PASS) with blk (FAIL), vublk (FAIL) with vublk2 (PASS) */
	const struct vc_diff_match m[] = { { "blk", "blk" }, { "vublk", "vublk2" } };
	struct vc_diff_opts o = { m, 2, NULL };
	diff(a, b, &o, &d);
	assert_int_equal(d.nitems, 2);
	item_is(&d, 0, VC_DIFF_VERDICTS, "C-1", "PASS", "FAIL", NULL);
	item_is(&d, 1, VC_DIFF_VERDICTS, "C-1", "FAIL", "PASS", NULL);
	assert_int_equal(d.npairs, 2);
	assert_string_equal(d.pairs[0].title, "blk vs blk: block (2) on mmio-v2");
	assert_string_equal(d.pairs[1].title, "vublk vs vublk2: block (2) on mmio-v2");
	assert_int_equal(d.items[1].pair, 1);
	vc_diff_free(&d);
}

/* The first of equals with the first: a third blk in A is the one left over. */
static void test_order_among_equals(void **state)
{
	const char *a = RUN("PASS", DEV("blk", 2, "'checks': [{'id': 'O-1', 'verdict': 'PASS'}]") ","
				    DEV("blk", 2, "'checks': [{'id': 'O-1', 'verdict': 'WARN'}]") ","
				    DEV("blk", 2, "'checks': [{'id': 'O-1', 'verdict': 'FAIL'}]"));
	const char *b = RUN("PASS", DEV("blk", 2, "'checks': [{'id': 'O-1', 'verdict': 'PASS'}]") ","
				    DEV("blk", 2, "'checks': [{'id': 'O-1', 'verdict': 'WARN'}]"));
	struct vc_diff d;
	diff(a, b, NULL, &d);
	assert_int_equal(d.nitems, 1);
	item_is(&d, 0, VC_DIFF_OUTCOME, "device", "present", "(absent)", NULL);
	vc_diff_free(&d);
}

static void test_only_in_one(void **state)
{
	const char *a = RUN("PASS", DEV("blk", 2, "'checks': []"));
	const char *b = RUN("PASS", "{'model': 'blk', 'device_id': 2, 'interface': 'pci-modern', 'location': 'pci@1'}");
	struct vc_diff d;
	diff(a, b, NULL, &d);
	assert_int_equal(d.nitems, 2);
	item_is(&d, 0, VC_DIFF_OUTCOME, "device", "present", "(absent)", NULL);
	item_is(&d, 1, VC_DIFF_OUTCOME, "device", "(absent)", "present", NULL);
	assert_string_equal(d.pairs[0].title, "blk vs -: block (2) on mmio-v2");
	assert_null(d.pairs[0].b);
	assert_string_equal(d.pairs[1].title, "- vs blk: block (2) on pci-modern");
	assert_null(d.pairs[1].a);
	assert_int_equal(vc_diff_gated(&d, VC_DIFF_BIT(VC_DIFF_OUTCOME)), 2);
	vc_diff_free(&d);
}

static const char *fake_feature(uint32_t id, unsigned bit)
{
	return id == 2 && bit == 1 ? "FAKE_ONE" : NULL;
}

/* blk's bytes 0-1 are "f0", 2-3 "f1", the rest unnamed */
static long fake_field(uint32_t id, unsigned off, char *label, size_t len)
{
	if (id != 2 || off >= 4)
		return -1;
	snprintf(label, len, off % 2 ? "f%u+0x1" : "f%u", off / 2);
	return off / 2 * 2;
}

static const struct vc_diff_names fake_names = { fake_feature, fake_field };

static void test_features(void **state)
{
	const char *a = RUN("PASS", DEV("blk", 2, "'feature_words': ['0x00000001', '0x00000001', 'zz']"));
	const char *b = RUN("PASS", DEV("blk", 2, "'feature_words': ['0x00000003', '0x00000000', '0x0', 7, '0x1']"));
	struct vc_diff_opts o = { NULL, 0, &fake_names };
	struct vc_diff d;
	diff(a, b, &o, &d);
	assert_int_equal(d.nitems, 5);
	item_is(&d, 0, VC_DIFF_FEATURES, "bit 1 FAKE_ONE", "not offered", "offered", NULL);
	item_is(&d, 1, VC_DIFF_FEATURES, "bit 32 VERSION_1", "offered", "not offered", NULL);
	item_is(&d, 2, VC_DIFF_FEATURES, "word 2", "zz", "0x0", NULL);
	item_is(&d, 3, VC_DIFF_FEATURES, "word 3", "(absent)", "(not a string)", NULL);
	item_is(&d, 4, VC_DIFF_FEATURES, "word 4", "(absent)", "0x1", NULL);
	vc_diff_free(&d);
	/* without names: the transport's bits only */
	diff(a, b, NULL, &d);
	item_is(&d, 0, VC_DIFF_FEATURES, "bit 1", "not offered", "offered", NULL);
	vc_diff_free(&d);
}

static void test_config(void **state)
{
	const char *a = RUN("PASS", DEV("blk", 2, "'config': '00112233aabb'"));
	const char *b = RUN("PASS", DEV("blk", 2, "'config': '00ff2233aaccdd'"));
	struct vc_diff_opts o = { NULL, 0, &fake_names };
	struct vc_diff d;
	diff(a, b, &o, &d);
	assert_int_equal(d.nitems, 2);
	item_is(&d, 0, VC_DIFF_CONFIG, "0x1 f0+0x1", "11", "ff", NULL);
	/* bytes 5 and 6 are unnamed and adjacent: one difference; 6 only in B */
	item_is(&d, 1, VC_DIFF_CONFIG, "0x5..0x6", "bb--", "ccdd", NULL);
	vc_diff_free(&d);
	/* adjacent bytes of two fields are two differences */
	diff(RUN("PASS", DEV("blk", 2, "'config': '000000'")), RUN("PASS", DEV("blk", 2, "'config': '00ffff'")), &o,
	     &d);
	assert_int_equal(d.nitems, 2);
	item_is(&d, 0, VC_DIFF_CONFIG, "0x1 f0+0x1", "00", "ff", NULL);
	item_is(&d, 1, VC_DIFF_CONFIG, "0x2 f1", "00", "ff", NULL);
	vc_diff_free(&d);
	/* config only in B, long and unnamed: runs of at most 16 bytes */
	diff(RUN("PASS", DEV("blk", 99, "'config': null")),
	     RUN("PASS", DEV("blk", 99, "'config': '000102030405060708090a0b0c0d0e0f10'")), &o, &d);
	assert_int_equal(d.nitems, 2);
	item_is(&d, 0, VC_DIFF_CONFIG, "0x0..0xf", "(absent)", "000102030405060708090a0b0c0d0e0f", NULL);
	item_is(&d, 1, VC_DIFF_CONFIG, "0x10", "(absent)", "10", NULL);
	vc_diff_free(&d);
}

#define MODELS(g, greason) \
	"'models': {'kvm': {'verdict': 'emulable', 'reason': 'trap'}, 'gunyah': {'verdict': '" g "', 'reason': '" greason "'}"

static void test_registers(void **state)
{
	const char *a = RUN("PASS", DEV("blk", 2, "'registers': ["
		"{'space': 'transport', 'offset': '0x70', 'width': 4, 'name': 'Status', 'classes': ['latch', "
		"'write-triggers'], " MODELS("special-case", "r1") "}},"
		"{'space': 'config', 'offset': '0x8', 'width': 1, 'name': null, 'classes': ['constant']}]"));
	const char *b = RUN("PASS", DEV("blk", 2, "'registers': ["
		"{'space': 'config', 'offset': '0x9', 'width': 1, 'classes': []},"
		"{'space': 'transport', 'offset': '0x070', 'width': 4, 'name': 'Status', 'classes': ['write-triggers', "
		"'latch'], " MODELS("cannot-work", "r2") ", 'page': {'verdict': 'emulable', 'reason': 'snap'}}}]"));
	struct vc_diff d;
	diff(a, b, NULL, &d);
	/* the classes are one set in another order; 0x070 is 0x70 */
	assert_int_equal(d.nitems, 4);
	item_is(&d, 0, VC_DIFF_MODELS, "gunyah transport 0x70/4 Status", "special-case", "cannot-work", "r2");
	item_is(&d, 1, VC_DIFF_MODELS, "page transport 0x70/4 Status", "(absent)", "emulable", "snap");
	item_is(&d, 2, VC_DIFF_CLASSES, "config 0x8/1", "constant", "(absent)", NULL);
	item_is(&d, 3, VC_DIFF_CLASSES, "config 0x9/1", "(absent)", "(none)", NULL);
	assert_int_equal(d.counts[VC_DIFF_MODELS], 2);
	assert_int_equal(d.counts[VC_DIFF_CLASSES], 2);
	vc_diff_free(&d);
	/* a side-effect device against a catalogue one: one line, not one per register */
	diff(a, RUN("PASS", DEV("blk", 2, "'checks': []")), NULL, &d);
	assert_int_equal(d.nitems, 1);
	item_is(&d, 0, VC_DIFF_CLASSES, "side-effect registers", "2 registers", "(absent)", NULL);
	vc_diff_free(&d);
}

static void test_outcome(void **state)
{
	const char *a = RUN("PASS", DEV("blk", 2, "'checks': []"));
	const char *b = "{'schema': 'vcheck/1', 'verdict': 'CRASH', 'cells': ["
		"{'name': 'u.mmio-v2.direct', 'transport': 'mmio-v2', 'outcome': 'crashed', 'outcome_detail': 'QEMU died',"
		" 'verdict': 'CRASH', 'devices': [" DEV("blk", 2, "'checks': []") "]},"
		"{'name': 'u.mmio-v2.sfx', 'transport': 'mmio-v2', 'mode': 'sidefx', 'outcome': 'completed'}]}";
	struct vc_diff d;
	diff(a, b, NULL, &d);
	assert_int_equal(d.nitems, 4);
	item_is(&d, 0, VC_DIFF_OUTCOME, "run verdict", "PASS", "CRASH", NULL);
	item_is(&d, 1, VC_DIFF_OUTCOME, "cell t.mmio-v2.direct / u.mmio-v2.direct outcome", "completed", "crashed",
		"QEMU died");
	item_is(&d, 2, VC_DIFF_OUTCOME, "cell t.mmio-v2.direct / u.mmio-v2.direct verdict", "PASS", "CRASH", NULL);
	item_is(&d, 3, VC_DIFF_OUTCOME, "cell u.mmio-v2.sfx", "(absent)", "completed", NULL);
	assert_int_equal(d.items[0].pair, VC_DIFF_RUN);
	assert_int_equal(d.npairs, 0);
	vc_diff_free(&d);
}

/* Wrong types become differences or "(none)", duplicates pair in order;
 * nothing crashes, not even on documents never validated. */
static void test_hostile(void **state)
{
	const char *a = RUN("PASS", DEV("blk", 2, "'checks': [{'id': 'D-1', 'verdict': 3}, {'id': 'D-1', 'verdict': 'PASS'}]")
				    "," DEV("blk", 2, "'checks': [{'id': 'D-1', 'verdict': 'PASS'}]"));
	const char *b = RUN("PASS", DEV("blk", 2, "'checks': [{'id': 'D-1', 'verdict': 'PASS'}, {'id': 'D-1', 'verdict': 'PASS'}]")
				    "," DEV("blk", 2, "'checks': [{'id': 'D-1', 'verdict': 'PASS'}]"));
	struct vc_diff d;
	diff(a, b, NULL, &d);
	assert_int_equal(d.nitems, 1);
	item_is(&d, 0, VC_DIFF_VERDICTS, "D-1", "(none)", "PASS", NULL);
	vc_diff_free(&d);
	diff(RUN("PASS", "{'device_id': 1e300, 'interface': 5, 'registers': [{'width': -1, 'models': {'kvm': 'x'}}]}"),
	     RUN("PASS", "{'device_id': 1e300, 'interface': 5, 'registers': [{'width': -1, 'models': {'kvm': {}}}]}"),
	     NULL, &d);
	assert_int_equal(d.nitems, 0);
	vc_diff_free(&d);
	struct jv *junk = doc("[1, {'cells': 2}]"), *obj = doc(RUN("PASS", DEV("blk", 2, "'checks': 1")));
	vc_diff_runs(junk, obj, NULL, &d);
	assert_true(d.nitems >= 1);
	vc_diff_free(&d);
	vc_diff_runs(NULL, NULL, NULL, &d);
	assert_int_equal(d.nitems, 0);
	vc_diff_free(&d);
	jv_free(junk);
	jv_free(obj);
}

static void test_model_names(void **state)
{
	struct jv *v = doc(RUN("PASS", DEV("rng", 4, "'x': 1") "," DEV("blk", 2, "'x': 1") "," DEV("rng", 4, "'x': 1")
					 ", {'model': null}"));
	size_t n;
	const char **names = vc_diff_model_names(v, &n);
	assert_int_equal(n, 2);
	assert_string_equal(names[0], "blk");
	assert_string_equal(names[1], "rng");
	free(names);
	jv_free(v);
}

/* Not inlined: GCC's -Wdangling-pointer mistakes the memstream's buffer for
 * a local once this is inlined into a test. */
__attribute__((noinline)) static char *text_of(const struct vc_diff *d, int quiet, int md)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	if (md)
		assert_int_equal(vc_diff_write_md(d, f, "runs/a", "runs/b", VC_DIFF_DEFAULT_GATE), 0);
	else
		vc_diff_write_text(d, f, "runs/a", "runs/b", VC_DIFF_DEFAULT_GATE, quiet);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void test_writers(void **state)
{
	const char *a = RUN("PASS", DEV("blk", 2, "'checks': [{'id': 'W-1', 'verdict': 'PASS'}]"));
	const char *b = RUN("FAIL", DEV("blk", 2, "'checks': [{'id': 'W-1', 'verdict': 'FAIL', "
						  "'detail': 'a | b\\n\\u001b[31mred'}]"));
	struct vc_diff d;
	diff(a, b, NULL, &d);
	const char *counts = "verdicts 1, features 0, config 0, classes 0, models 0, outcome 2 (gate verdicts,outcome: 3)\n";
	char *q = text_of(&d, 1, 0);
	assert_string_equal(q, counts);
	free(q);
	char *t = text_of(&d, 0, 0);
	assert_string_equal(t, "A: runs/a\nB: runs/b\n"
			       "verdicts 1, features 0, config 0, classes 0, models 0, outcome 2 (gate verdicts,outcome: 3)\n"
			       "\nrun and cells\n"
			       "  outcome  run verdict: PASS -> FAIL\n"
			       "  outcome  cell t.mmio-v2.direct verdict: PASS -> FAIL\n"
			       "\nblk vs blk: block (2) on mmio-v2\n"
			       "  A: t.mmio-v2.direct, mmio@0\n"
			       "  B: t.mmio-v2.direct, mmio@0\n"
			       "  verdicts W-1: PASS -> FAIL (a | b ?[31mred)\n");
	free(t);
	char *m = text_of(&d, 0, 1);
	assert_non_null(strstr(m, "# vcheck diff\n"));
	assert_non_null(strstr(m, "- gate verdicts,outcome: 3 differences\n"));
	assert_non_null(strstr(m, "| verdicts | 1 | yes |\n| features | 0 | no |\n"));
	assert_non_null(strstr(m, "\n## Run and cells\n\n| kind | what | A | B | why |\n"));
	assert_non_null(strstr(m, "| outcome | run verdict | PASS | FAIL | - |\n"));
	assert_non_null(strstr(m, "\n## blk vs blk: block (2) on mmio-v2\n"));
	/* a pipe would end the cell, a line break the table */
	assert_non_null(strstr(m, "| verdicts | W-1 | PASS | FAIL | a \\| b \xef\xbf\xbd\\[31mred |\n"));
	free(m);
	vc_diff_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gate),
		cmocka_unit_test(test_validate),
		cmocka_unit_test(test_identical),
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_pairing_ignores_cells),
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_order_among_equals),
		cmocka_unit_test(test_only_in_one),
		cmocka_unit_test(test_features),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_registers),
		cmocka_unit_test(test_outcome),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_model_names),
		cmocka_unit_test(test_writers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
