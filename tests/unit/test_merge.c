/* Unit tests for `vcheck merge`'s checking and joining of shards
 * (harness/results/merge.c, merge_json.c, merge_run.c) on small
 * hand-written results.json documents (single quotes become double ones
 * before parsing). Every expected verdict, message and path is worked
 * out by hand from the documents. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "harness/results/merge.h"
#include "json_doc.h"


/* A shard of build b1 and catalogue 0x1 whose top-level verdict says
 * PASS whatever its cells hold (as a hand-merged file did). */
#define SHARD(cells) "{'schema': 'vcheck/1', 'vcheck': 'b1', 'catalogue': '0x1', 'verdict': 'PASS', 'cells': [" cells "]}"
#define CELL(name, verdict, checks)                                                                     \
	"{'name': '" name "', 'transport': 'mmio-v2', 'outcome': 'completed', 'verdict': '" verdict "', " \
	"'seconds': 0.125, 'logs': 'cells/" name "', 'devices': [{'model': 'rng', 'interface': 'mmio-v2', " \
	"'location': 'mmio@0', 'checks': [" checks "]}]}"
#define CHECK(id, verdict) "{'id': '" id "', 'verdict': '" verdict "', 'detail': null}"

struct fixture {
	struct jv *docs[4];
	struct vc_merge_shard shards[4];
	size_t n;
};

static void add(struct fixture *f, const char *name, const char *prefix, const char *text)
{
	f->docs[f->n] = doc(text);
	f->shards[f->n] = (struct vc_merge_shard){ name, f->docs[f->n], prefix };
	f->n++;
}

static void drop(struct fixture *f)
{
	for (size_t i = 0; i < f->n; i++)
		jv_free(f->docs[i]);
	f->n = 0;
}

/* Merging f must fail with `want` somewhere in the message. */
static void refused(struct fixture *f, int force, const char *want)
{
	struct vc_merge m;
	char err[1024] = "";
	if (!vc_merge_shards(f->shards, f->n, force, &m, err, sizeof(err))) {
		vc_merge_free(&m);
		fail_msg("merged; wanted '%s'", want);
	}
	if (!strstr(err, want))
		fail_msg("error '%s' lacks '%s'", err, want);
	drop(f);
}

static void test_relative_path(void **state)
{
	static const char *const cases[][3] = {
		{ "/ci/merged", "/ci/shard-a", "../shard-a" }, { "/ci/merged", "/ci/merged", "." },
		{ "/ci/merged", "/ci/merged/a", "a" },	       { "/ci/m", "/ci/mm", "../mm" },
		{ "/ci/mm", "/ci/m", "../m" },		       { "/a/b/c", "/a", "../.." },
		{ "/", "/x", "x" },			       { "/x/y", "/", "../.." },
		{ "/ci/out/m", "/ci/a/b", "../../a/b" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char out[256];
		vc_merge_relative_path(cases[i][0], cases[i][1], out, sizeof(out));
		if (strcmp(out, cases[i][2]))
			fail_msg("from %s to %s: '%s', want '%s'", cases[i][0], cases[i][1], out, cases[i][2]);
	}
}

/* Both shards say PASS at the top; one cell holds a FAIL: the merge says FAIL. */
static void test_verdict_recomputed(void **state)
{
	struct fixture f = { 0 };
	add(&f, "A", "../A", SHARD(CELL("t.mmio-v2.direct", "PASS", CHECK("VQ-1", "PASS"))));
	add(&f, "B", "../B", SHARD(CELL("t.pci-modern.direct", "FAIL", CHECK("VQ-1", "FAIL"))));
	struct vc_merge m;
	char err[512] = "";
	if (vc_merge_shards(f.shards, f.n, 0, &m, err, sizeof(err)))
		fail_msg("%s", err);
	assert_int_equal(m.ncells, 2);
	assert_string_equal(jv_gets(m.cells[0].cell, "name", ""), "t.mmio-v2.direct");
	assert_ptr_equal(m.cells[1].shard, &f.shards[1]);
	assert_int_equal(m.verdict, VC_FAIL);
	assert_string_equal(m.version, "b1");
	assert_string_equal(m.catalogue, "0x1");
	vc_merge_free(&m);
	drop(&f);
}

/* One shard: its cells' worst verdict, WARN here (not its PASS label). */
static void test_one_shard(void **state)
{
	struct fixture f = { 0 };
	add(&f, "A", ".", SHARD(CELL("c1", "WARN", CHECK("VQ-1", "WARN") "," CHECK("VQ-2", "PASS"))));
	struct vc_merge m;
	char err[512] = "";
	assert_int_equal(vc_merge_shards(f.shards, f.n, 0, &m, err, sizeof(err)), 0);
	assert_int_equal(m.verdict, VC_WARN);
	vc_merge_free(&m);
	drop(&f);
}

/* A cell twice is fine when it is the same data (a shard given twice),
 * an error when not (overlapping shards). */
static void test_duplicates(void **state)
{
	struct fixture f = { 0 };
	const char *a = SHARD(CELL("c1", "PASS", CHECK("VQ-1", "PASS")));
	add(&f, "A", ".", a);
	add(&f, "A2", ".", a);
	struct vc_merge m;
	char err[512] = "";
	assert_int_equal(vc_merge_shards(f.shards, f.n, 0, &m, err, sizeof(err)), 0);
	assert_int_equal(m.ncells, 1);
	vc_merge_free(&m);
	drop(&f);
	add(&f, "A", ".", a);
	add(&f, "B", ".", SHARD(CELL("c1", "FAIL", CHECK("VQ-1", "FAIL"))));
	refused(&f, 0, "cell c1 is in A/results.json and B/results.json with different results");
	add(&f, "A", ".", a);
	add(&f, "B", ".", SHARD(CELL("c1", "FAIL", CHECK("VQ-1", "FAIL"))));
	refused(&f, 1, "with different results"); /* --force is for builds, not this */
	/* a copy written by another tool spells its numbers its own way */
	char respelled[1024];
	const char *at = strstr(a, "0.125");
	assert_non_null(at);
	snprintf(respelled, sizeof(respelled), "%.*s1.25e-1%s", (int)(at - a), a, at + 5);
	add(&f, "A", ".", a);
	add(&f, "A3", ".", respelled);
	assert_int_equal(vc_merge_shards(f.shards, f.n, 0, &m, err, sizeof(err)), 0);
	assert_int_equal(m.ncells, 1);
	vc_merge_free(&m);
	drop(&f);
}

static void test_bad_shards(void **state)
{
	struct fixture f = { 0 };
	const char *good = SHARD(CELL("c1", "PASS", ""));
	add(&f, "A", ".", "{'schema': 'vcheck/2', 'cells': []}");
	refused(&f, 1, "A/results.json: schema is 'vcheck/2', this vcheck merges 'vcheck/1'");
	add(&f, "A", ".", "[1]");
	refused(&f, 0, "A/results.json: the top level is not an object");
	add(&f, "A", ".", "{'schema': 'vcheck/1', 'vcheck': 'b1', 'catalogue': '0x1', 'cells': {}}");
	refused(&f, 0, "\"cells\" is missing or not an array");
	add(&f, "A", ".", good);
	add(&f, "B", ".", "{'schema': 'vcheck/1', 'vcheck': 'b1', 'catalogue': '0x2', 'cells': []}");
	refused(&f, 0, "B/results.json is of check catalogue 0x2, A/results.json of 0x1");
	add(&f, "A", ".", good);
	add(&f, "B", ".", "{'schema': 'vcheck/1', 'vcheck': 'b2', 'catalogue': '0x1', 'cells': []}");
	refused(&f, 0, "B/results.json is of vcheck build b2, A/results.json of b1");
	add(&f, "A", ".", "{'schema': 'vcheck/1', 'cells': []}");
	refused(&f, 0, "A/results.json does not name its vcheck build");
	add(&f, "A", ".", SHARD(CELL("c1", "PASS", CHECK("VQ-1", "FAIL"))));
	refused(&f, 0, "A/results.json: cell c1 says PASS but holds FAIL");
	add(&f, "A", ".", SHARD("{'name': 'c1', 'outcome': 'wedged', 'verdict': 'FAIL'}"));
	refused(&f, 0, "cell c1 says FAIL but holds WEDGED");
	add(&f, "A", ".", SHARD(CELL("c1", "MAYBE", "")));
	refused(&f, 0, "cell c1 has no known verdict ('MAYBE')");
	add(&f, "A", ".", SHARD(CELL("c1", "FAIL", CHECK("VQ-1", "SORT-OF"))));
	refused(&f, 0, "cell c1: check VQ-1 has no known verdict ('SORT-OF')");
	add(&f, "A", ".", SHARD("{'verdict': 'PASS'}"));
	refused(&f, 0, "a cell without a \"name\"");
	add(&f, "A", ".", SHARD("{'name': 'c1', 'verdict': 'PASS', 'logs': 7}"));
	refused(&f, 0, "cell c1: \"logs\" is not a string");
	add(&f, "A", ".", SHARD(""));
	refused(&f, 0, "no shard has any cell");
}

/* --force lets shards of different builds through, and the merged file
 * names neither. */
static void test_force(void **state)
{
	struct fixture f = { 0 };
	add(&f, "A", ".", SHARD(CELL("c1", "PASS", "")));
	add(&f, "B", ".", "{'schema': 'vcheck/1', 'vcheck': 'b2', 'catalogue': '0x1', 'cells': []}");
	struct vc_merge m;
	char err[512] = "";
	assert_int_equal(vc_merge_shards(f.shards, f.n, 1, &m, err, sizeof(err)), 0);
	assert_null(m.version);
	assert_string_equal(m.catalogue, "0x1");
	vc_merge_free(&m);
	drop(&f);
}

static struct jv *merged_json(struct fixture *f)
{
	struct vc_merge m;
	char err[512] = "", *text = NULL;
	size_t len = 0;
	if (vc_merge_shards(f->shards, f->n, 0, &m, err, sizeof(err)))
		fail_msg("%s", err);
	FILE *mem = open_memstream(&text, &len);
	assert_int_equal(vc_merge_write_json(&m, mem), 0);
	fclose(mem);
	vc_merge_free(&m);
	struct jv *v = jv_parse(text, len, err, sizeof(err));
	if (!v)
		fail_msg("merged results.json does not parse: %s\n%s", err, text);
	free(text);
	return v;
}

/* Written back as read, the logs moved under each shard's directory. */
static void test_written(void **state)
{
	struct fixture f = { 0 };
	add(&f, "A", ".", SHARD(CELL("c1", "PASS", "{'id': 'VQ-1', 'verdict': 'PASS', 'detail': 'q\\\"\\\\ \\u00e9\\n'}")));
	add(&f, "B", "../B", SHARD(CELL("c2", "XFAIL", CHECK("VQ-1", "XFAIL"))
				   ",{'name': 'c3', 'verdict': 'PASS', 'logs': '/abs/c3', 'n': -1.5e3, 'x': [true, null, {}]}"));
	struct jv *v = merged_json(&f);
	assert_string_equal(jv_gets(v, "schema", ""), "vcheck/1");
	assert_string_equal(jv_gets(v, "vcheck", ""), "b1");
	assert_string_equal(jv_gets(v, "catalogue", ""), "0x1");
	assert_string_equal(jv_gets(v, "verdict", ""), "XFAIL");
	const struct jv *cells = jv_get(v, "cells");
	assert_int_equal(jv_count(cells), 3);
	assert_string_equal(jv_gets(jv_at(cells, 0), "logs", ""), "cells/c1");
	assert_string_equal(jv_gets(jv_at(cells, 1), "logs", ""), "../B/cells/c2");
	assert_string_equal(jv_gets(jv_at(cells, 2), "logs", ""), "/abs/c3");
	assert_string_equal(jv_get(jv_at(cells, 0), "seconds")->raw, "0.125");
	assert_string_equal(jv_get(jv_at(cells, 2), "n")->raw, "-1.5e3");
	assert_int_equal(jv_count(jv_get(jv_at(cells, 2), "x")), 3);
	const struct jv *check = jv_at(jv_get(jv_at(jv_get(jv_at(cells, 0), "devices"), 0), "checks"), 0);
	assert_string_equal(jv_gets(check, "detail", ""), "q\"\\ \xc3\xa9\n");
	jv_free(v);
	drop(&f);
}

/* junit.xml's run: a problem the verdict says was the device's (FAIL)
 * counts as a mismatch; one it says was the channel's (ERROR) does not. */
static void test_to_run(void **state)
{
	static const char *const verdicts[] = { "FAIL", "ERROR" };
	for (int i = 0; i < 2; i++) {
		char text[1024];
		snprintf(text, sizeof(text),
			 SHARD("{'name': 'c1', 'outcome': 'completed', 'verdict': '%s', 'problems': ['p'], "
			       "'attached': [{'model': 'rng', 'location': 'mmio@0'}], 'devices': [{'model': 'rng', "
			       "'location': 'mmio@0', 'interface': 'mmio-v2', 'checks': [" CHECK("VQ-1", "PASS") "]}]}"),
			 verdicts[i]);
		struct fixture f = { 0 };
		add(&f, "A", ".", text);
		struct vc_merge m;
		struct vc_run run;
		char err[512] = "";
		assert_int_equal(vc_merge_shards(f.shards, f.n, 0, &m, err, sizeof(err)), 0);
		vc_merge_to_run(&m, &run);
		assert_int_equal(run.ncells, 1);
		assert_int_equal(run.cells[0].mismatches, i == 0 ? 1 : 0);
		assert_int_equal(vc_cell_verdict(&run.cells[0]), i == 0 ? VC_FAIL : VC_ERROR);
		assert_true(vc_cell_found(&run.cells[0], &run.cells[0].expected[0]));
		assert_string_equal(run.cells[0].devices[0].checks[0].id, "VQ-1");
		vc_run_free(&run);
		vc_merge_free(&m);
		drop(&f);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_relative_path), cmocka_unit_test(test_verdict_recomputed),
		cmocka_unit_test(test_one_shard),     cmocka_unit_test(test_duplicates),
		cmocka_unit_test(test_bad_shards),    cmocka_unit_test(test_force),
		cmocka_unit_test(test_written),	      cmocka_unit_test(test_to_run),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
