/* Unit tests for baselines (harness/plan/baseline.c, harness/plan/baseline_where.c):
 * the TRANSPORT[/INTERFACE][.PERSONALITY] field, its near misses, one error
 * per malformed form, unknown check IDs and models, XFAIL/XPASS on a
 * transitional cell's two interfaces, and a baseline written from a run's
 * results (harness/plan/baseline_from.c) that loads back. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/plan/baseline.h"
#include "harness/plan/baseline_from.h"
#include "harness/plan/target.h"

/* Three transports: one interface each on mmio-v2 and pci-modern, both on
 * pci-transitional; gunyah stands in front of mmio-v2 only; no xen. */
static const char target_text[] =
	"[target]\nname = tiny\narch = aarch64\nqemu = q\nimage = i\nargs =\n"
	"mmio-base = 0x0a000000\nmmio-stride = 0x200\nmmio-slots = 4\n"
	"[transport mmio-v2]\nbus = mmio\ninterfaces = mmio-v2\nplace = bus=virtio-mmio-bus.{slot}\n"
	"[transport pci-modern]\nbus = pci\ninterfaces = pci-modern\nplace = addr={slotx}\n"
	"[transport pci-transitional]\nbus = pci\ninterfaces = pci-modern pci-legacy\nplace = addr={slotx}\n"
	"[device blk]\ntype = 2\nmmio = -device virtio-blk-device,{place}\npci = -device virtio-blk-pci,{place}\n"
	"[personality gunyah]\ntransports = mmio-v2\n";

static int setup(void **state)
{
	static struct vc_target t;
	char err[256] = "";
	if (vc_target_parse("tiny.target", target_text, &t, err, sizeof(err)))
		fail_msg("target rejected: %s", err);
	*state = &t;
	return 0;
}

static int teardown(void **state)
{
	vc_target_free(*state);
	return 0;
}

static int where_matches(const struct vc_target *t, const char *field, const char *tr, const char *ifc,
			 const char *pers)
{
	struct vc_bl_where w;
	char err[400] = "";
	if (vc_bl_where_parse(field, t, &w, err, sizeof(err)))
		fail_msg("'%s' rejected: %s", field, err);
	int m = vc_bl_where_match(&w, tr, ifc, pers);
	vc_bl_where_free(&w);
	return m;
}

static void test_interface_narrows_a_transitional_cell(void **state)
{
	const struct vc_target *t = *state;
	const char *f = "pci-transitional/pci-legacy";
	assert_true(where_matches(t, f, "pci-transitional", "pci-legacy", NULL));
	assert_true(where_matches(t, f, "pci-transitional", "pci-legacy", "direct"));
	assert_false(where_matches(t, f, "pci-transitional", "pci-modern", NULL)); /* the other interface */
	assert_false(where_matches(t, f, "pci-modern", "pci-modern", NULL));
	assert_false(where_matches(t, f, "pci-transitional", "pci-legacy", "gunyah")); /* other personality */
	assert_false(where_matches(t, f, "pci-transitional", NULL, NULL)); /* interface unknown */
}

static void test_transport_alone_keeps_every_interface(void **state)
{
	const struct vc_target *t = *state;
	assert_true(where_matches(t, "pci-transitional", "pci-transitional", "pci-modern", NULL));
	assert_true(where_matches(t, "pci-transitional", "pci-transitional", "pci-legacy", NULL));
	assert_true(where_matches(t, "pci-transitional", "pci-transitional", NULL, NULL));
	assert_false(where_matches(t, "pci-transitional", "pci-transitional", "pci-legacy", "gunyah"));
	assert_false(where_matches(t, "pci-transitional", "pci-modern", "pci-modern", NULL));
	/* a list of transports, as before */
	assert_true(where_matches(t, "mmio-v2,pci-modern", "pci-modern", "pci-modern", NULL));
	assert_false(where_matches(t, "mmio-v2,pci-modern", "pci-transitional", "pci-modern", NULL));
}

static void test_wildcards(void **state)
{
	const struct vc_target *t = *state;
	assert_true(where_matches(t, "*/pci-legacy", "pci-transitional", "pci-legacy", NULL));
	assert_false(where_matches(t, "*/pci-legacy", "pci-transitional", "pci-modern", NULL));
	assert_false(where_matches(t, "*/pci-legacy", "mmio-v2", "mmio-v2", NULL));
	assert_false(where_matches(t, "*/pci-legacy", "pci-transitional", "pci-legacy", "gunyah"));
	assert_true(where_matches(t, "*/pci-modern", "pci-modern", "pci-modern", NULL));
	assert_true(where_matches(t, "*/pci-modern", "pci-transitional", "pci-modern", NULL));
	assert_true(where_matches(t, "*/mmio-v2,pci-legacy", "mmio-v2", "mmio-v2", NULL));
	assert_false(where_matches(t, "*/mmio-v2,pci-legacy", "pci-modern", "pci-modern", NULL));
	assert_true(where_matches(t, "*", "mmio-v2", "mmio-v2", NULL));
	assert_false(where_matches(t, "*", "mmio-v2", "mmio-v2", "gunyah"));
	assert_true(where_matches(t, "*.*", "mmio-v2", "mmio-v2", "gunyah"));
	assert_true(where_matches(t, "*/*.*", "pci-transitional", "pci-legacy", NULL));
	assert_true(where_matches(t, "*.gunyah", "mmio-v2", "mmio-v2", "gunyah"));
	assert_false(where_matches(t, "*.gunyah", "mmio-v2", "mmio-v2", NULL));
	assert_true(where_matches(t, "mmio-v2/mmio-v2.direct,gunyah", "mmio-v2", "mmio-v2", "gunyah"));
	assert_true(where_matches(t, "mmio-v2/mmio-v2.direct,gunyah", "mmio-v2", "mmio-v2", NULL));
	assert_false(where_matches(t, "mmio-v2/mmio-v2.direct,gunyah", "mmio-v2", "mmio-v2", "xen"));
}

/* `bad` as the TRANSPORT field of line 3 (after a comment and a good
 * line) is refused with file:line and `why` in the message. */
static void expect_error_with(const struct vc_target *t, const char *line, const char *why)
{
	char text[512], err[512] = "";
	struct vc_baseline b;
	snprintf(text, sizeof(text), "# known\nVQ-RESET-001 pci-transitional blk fine\n%s\n", line);
	if (!vc_baseline_parse("inline.baseline", text, t, &b, err, sizeof(err))) {
		vc_baseline_free(&b);
		fail_msg("accepted: %s", line);
	}
	if (strncmp(err, "inline.baseline:3: ", 19) || !strstr(err, why))
		fail_msg("for '%s': error '%s' lacks 'inline.baseline:3: ' or '%s'", line, err, why);
	assert_null(b.entries); /* nothing half-loaded */
}

static void expect_error(const struct vc_target *t, const char *field, const char *why)
{
	char line[256];
	snprintf(line, sizeof(line), "VQ-RESET-001 %s blk some reason", field);
	expect_error_with(t, line, why);
}

static void test_malformed_lines(void **state)
{
	const struct vc_target *t = *state;
	expect_error_with(t, "VQ-RESET-001 pci-transitional blk", "want 'CHECK-ID TRANSPORT");
	expect_error_with(t, "VQ-RESET-001", "want 'CHECK-ID TRANSPORT");
	expect_error(t, "mmio-v9", "unknown transport 'mmio-v9' (target tiny has: mmio-v2 pci-modern pci-transitional)");
	expect_error(t, "pci-transitional/pci-legasy", "unknown interface 'pci-legasy'");
	expect_error(t, "*/pci-legacy,bogus", "unknown interface 'bogus'");
	expect_error(t, "mmio-v2.gunyha", "unknown personality 'gunyha'");
	expect_error(t, "mmio-v2.xen", "target tiny has no personality 'xen'");
	expect_error(t, "pci-transitional.direct/pci-legacy", "the interface goes before the personality");
	expect_error(t, "pci-transitional/pci-legacy/pci-modern", "unknown interface 'pci-legacy/pci-modern'");
	expect_error(t, "mmio-v2.gunyah.xen", "unknown personality 'gunyah.xen'");
	expect_error(t, "/pci-legacy", "empty transport");
	expect_error(t, "pci-transitional/", "empty interface");
	expect_error(t, "pci-transitional/.gunyah", "empty interface");
	expect_error(t, "mmio-v2.", "empty personality");
	expect_error(t, "mmio-v2,,pci-modern", "the transport list holds names, not ''");
	expect_error(t, "mmio-v2,", "the transport list holds names, not ''");
	expect_error(t, "*,mmio-v2", "the transport list holds names, not '*'");
	expect_error(t, "*/pci-legacy,*", "the interface list holds names, not '*'");
	/* known names that can never meet in one of the target's cells */
	expect_error(t, "mmio-v2/pci-legacy", "interface 'pci-legacy' matches no cell of target tiny");
	expect_error(t, "*/mmio-v1", "interface 'mmio-v1' matches no cell of target tiny");
	expect_error(t, "pci-transitional.gunyah", "personality 'gunyah' matches no cell of target tiny");
	expect_error(t, "mmio-v2,pci-transitional/pci-legacy", "transport 'mmio-v2' matches no cell");
}

/* A check ID the catalogue lacks, or a model the target lacks, would hold
 * no failure: refused with file:line, and the nearest name when there is
 * one. Every name of a list is checked; "*" is not a name. */
static void test_unknown_check_or_model(void **state)
{
	const struct vc_target *t = *state;
	expect_error_with(t, "VQ-RESET-0001 * blk r", "unknown check ID 'VQ-RESET-0001' (did you mean 'VQ-RESET-001'?)");
	expect_error_with(t, "FEAT-SEL-002,NO-SUCH-CHECK-999 * blk r", "unknown check ID 'NO-SUCH-CHECK-999' (see");
	expect_error_with(t, "VQ-RESET-001 * blx r", "target tiny has no device model 'blx' (did you mean 'blk'?)");
	expect_error_with(t, "VQ-RESET-001 * blk,gpu r", "target tiny has no device model 'gpu'");
	expect_error_with(t, "* * blk,gpu r", "no device model 'gpu'");
	char err[512] = "";
	struct vc_baseline b;
	assert_int_equal(vc_baseline_parse("ok.baseline", "* * * r\nVQ-RESET-001,FEAT-SEL-002 * blk r\n", t, &b, err,
					   sizeof(err)), 0);
	assert_int_equal(b.n, 2);
	vc_baseline_free(&b);
}

/* Without a target only the names vcheck itself knows are checked. */
static void test_without_target(void **state)
{
	struct vc_baseline b;
	char err[512] = "";
	assert_int_equal(vc_baseline_parse("x.baseline", "A any-transport/pci-legacy.xen m r\n", NULL, &b, err,
					   sizeof(err)), 0);
	assert_int_equal(b.n, 1);
	vc_baseline_free(&b);
	assert_int_equal(vc_baseline_parse("x.baseline", "A t/pci-old m r\n", NULL, &b, err, sizeof(err)), -1);
	assert_string_equal(err, "x.baseline:1: unknown interface 'pci-old' (one of: mmio-v1 mmio-v2 pci-modern pci-legacy) in 't/pci-old'");
}

/* A transitional cell: blk seen through both interfaces, each with a FAIL
 * and a PASS check. */
static void transitional_cell(struct vc_cell *c, struct vc_device dev[2], struct vc_check_result res[2][2])
{
	static char tr[] = "pci-transitional", blk[] = "blk", modern[] = "pci-modern", legacy[] = "pci-legacy";
	static char fails[] = "FEAT-SEL-002", passes[] = "STATUS-RESET-001";
	memset(c, 0, sizeof(*c));
	memset(dev, 0, 2 * sizeof(*dev));
	memset(res, 0, 4 * sizeof(res[0][0]));
	c->transport = tr;
	c->devices = dev, c->ndevices = 2;
	for (int i = 0; i < 2; i++) {
		dev[i].model = blk;
		dev[i].interface = i ? legacy : modern;
		dev[i].checks = res[i], dev[i].nchecks = 2;
		res[i][0] = (struct vc_check_result){ .id = fails, .verdict = VC_FAIL };
		res[i][1] = (struct vc_check_result){ .id = passes, .verdict = VC_PASS };
	}
}

static void apply(const struct vc_target *t, const char *text, struct vc_cell *c)
{
	struct vc_baseline b;
	char err[512] = "";
	if (vc_baseline_parse("inline.baseline", text, t, &b, err, sizeof(err)))
		fail_msg("rejected: %s", err);
	vc_baseline_apply_cell(&b, c);
	vc_baseline_free(&b);
}

static void free_reasons(struct vc_check_result res[2][2])
{
	for (int i = 0; i < 2; i++)
		for (int j = 0; j < 2; j++)
			free(res[i][j].baseline_reason);
}

static void test_apply_to_one_interface(void **state)
{
	const struct vc_target *t = *state;
	struct vc_cell c;
	struct vc_device dev[2];
	struct vc_check_result res[2][2];

	transitional_cell(&c, dev, res);
	apply(t, "FEAT-SEL-002,STATUS-RESET-001 pci-transitional/pci-legacy blk legacy only\n", &c);
	assert_int_equal(res[1][0].verdict, VC_XFAIL);
	assert_string_equal(res[1][0].baseline_reason, "legacy only");
	assert_int_equal(res[1][1].verdict, VC_XPASS);
	/* the modern interface keeps its raw verdicts */
	assert_int_equal(res[0][0].verdict, VC_FAIL);
	assert_int_equal(res[0][1].verdict, VC_PASS);
	assert_null(res[0][0].baseline_reason);
	assert_null(res[0][1].baseline_reason);
	free_reasons(res);

	/* the transport alone covers both interfaces */
	transitional_cell(&c, dev, res);
	apply(t, "FEAT-SEL-002,STATUS-RESET-001 pci-transitional blk both\n", &c);
	assert_int_equal(res[0][0].verdict, VC_XFAIL);
	assert_int_equal(res[0][1].verdict, VC_XPASS);
	assert_int_equal(res[1][0].verdict, VC_XFAIL);
	assert_int_equal(res[1][1].verdict, VC_XPASS);
	free_reasons(res);

	/* under another personality the cell is not the direct one */
	transitional_cell(&c, dev, res);
	static char gunyah[] = "gunyah";
	c.personality = gunyah;
	apply(t, "FEAT-SEL-002 pci-transitional/pci-legacy blk legacy only\n", &c);
	assert_int_equal(res[1][0].verdict, VC_FAIL);
	free_reasons(res);
}

/* A run of target tiny (single quotes become double ones): a transitional
 * cell whose blk fails one check per interface, with a CRASH and an
 * unattached device's FAIL; a gunyah cell with an XFAIL, an XPASS and a
 * WARN; a cell of another target. */
static const char run_json[] =
	"{'schema': 'vcheck/1', 'cells': ["
	"{'name': 'tiny.pci-transitional.direct', 'target': 'tiny', 'transport': 'pci-transitional', "
	"'personality': 'direct', 'devices': ["
	"{'model': 'blk', 'location': 'pci@0', 'interface': 'pci-modern', 'checks': ["
	"{'id': 'FEAT-SEL-002', 'verdict': 'FAIL', 'detail': ' reads #2 again\\nand again '},"
	"{'id': 'STATUS-RESET-001', 'verdict': 'PASS', 'detail': null}]},"
	"{'model': 'blk', 'location': 'pci@1', 'interface': 'pci-legacy', 'checks': ["
	"{'id': 'VQ-RESET-001', 'verdict': 'FAULT', 'detail': null},"
	"{'id': 'VQ-RESET-002', 'verdict': 'CRASH', 'detail': 'QEMU died'}]},"
	"{'model': null, 'location': 'pci@2', 'interface': 'pci-modern', 'checks': ["
	"{'id': 'VQ-RESET-003', 'verdict': 'FAIL', 'detail': 'x'}]}]},"
	"{'name': 'tiny.mmio-v2.gunyah', 'target': 'tiny', 'transport': 'mmio-v2', 'personality': 'gunyah', "
	"'devices': [{'model': 'blk', 'location': 'mmio@0', 'interface': 'mmio-v2', 'checks': ["
	"{'id': 'VQ-RESET-001', 'verdict': 'XFAIL', 'detail': 'aborted', 'baseline': 'known reason'},"
	"{'id': 'FEAT-SEL-002', 'verdict': 'XPASS', 'detail': null},"
	"{'id': 'VQ-RESET-004', 'verdict': 'WARN', 'detail': 'w'}]}]},"
	"{'name': 'other.mmio-v2.direct', 'target': 'other', 'transport': 'mmio-v2', 'devices': ["
	"{'model': 'gpu', 'interface': 'mmio-v2', 'checks': [{'id': 'X', 'verdict': 'FAIL'}]}]}]}";

static char *baseline_from(const struct vc_target *t, const char *quoted, struct vc_bl_from_counts *n,
			   int *rc, char *err, size_t errlen)
{
	char *json = strdup(quoted), *text = NULL;
	for (char *p = json; *p; p++)
		if (*p == '\'')
			*p = '"';
	char perr[256] = "";
	struct jv *doc = jv_parse(json, strlen(json), perr, sizeof(perr));
	if (!doc)
		fail_msg("bad test JSON: %s", perr);
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	*rc = vc_baseline_from_results(doc, t, "run/results.json", f, n, err, errlen);
	fclose(f);
	jv_free(doc);
	free(json);
	return text;
}

/* What a baseline can hold is written, grouped and commented; the rest
 * is counted. Worked out by hand from run_json. */
static void test_from_results(void **state)
{
	const struct vc_target *t = *state;
	struct vc_bl_from_counts n;
	char err[512] = "";
	int rc;
	char *text = baseline_from(t, run_json, &n, &rc, err, sizeof(err));
	assert_int_equal(rc, 0);
	assert_string_equal(text,
		"# Known failures of target tiny, from run/results.json (vcheck baseline --from).\n"
		"# CHECK-ID       TRANSPORT[/INTERFACE][.PERSONALITY]  MODEL  reason\n"
		"# Each reason is what the run said of the check: make it say why the failure\n"
		"# is known (the code that does it) before committing (docs/ci.md).\n"
		"\n# tiny.pci-transitional.direct: blk at pci@0 (pci-modern)\n"
		"FEAT-SEL-002     pci-transitional/pci-modern blk      reads 2 again and again\n"
		"\n# tiny.pci-transitional.direct: blk at pci@1 (pci-legacy)\n"
		"VQ-RESET-001     pci-transitional/pci-legacy blk      FAULT with no detail: say why it is known\n"
		"\n# tiny.mmio-v2.gunyah: blk at mmio@0 (mmio-v2)\n"
		"VQ-RESET-001     mmio-v2.gunyah           blk      known reason\n");
	assert_int_equal(n.cells, 2);
	assert_int_equal(n.lines, 3);
	assert_int_equal(n.not_held, 1);
	assert_int_equal(n.xpass, 1);
	assert_int_equal(n.unattached, 1);

	/* it loads, and XFAILs the modern interface's failure only */
	struct vc_baseline b;
	if (vc_baseline_parse("gen.baseline", text, t, &b, err, sizeof(err)))
		fail_msg("written baseline rejected: %s", err);
	assert_int_equal(b.n, 3);
	struct vc_cell c;
	struct vc_device dev[2];
	struct vc_check_result res[2][2];
	transitional_cell(&c, dev, res);
	vc_baseline_apply_cell(&b, &c);
	assert_int_equal(res[0][0].verdict, VC_XFAIL);
	assert_string_equal(res[0][0].baseline_reason, "reads 2 again and again");
	assert_int_equal(res[1][0].verdict, VC_FAIL);
	free_reasons(res);
	vc_baseline_free(&b);
	free(text);
}

static void test_from_results_of_no_cell(void **state)
{
	const struct vc_target *t = *state;
	struct vc_bl_from_counts n;
	char err[512] = "";
	int rc;
	free(baseline_from(t, "{'cells': [{'name': 'x', 'target': 'other'}]}", &n, &rc, err, sizeof(err)));
	assert_int_equal(rc, -1);
	assert_string_equal(err, "run/results.json has no cell of target tiny");
	free(baseline_from(t, "{'cells': 3}", &n, &rc, err, sizeof(err)));
	assert_int_equal(rc, -1);
	assert_string_equal(err, "run/results.json: \"cells\" is missing or not an array");
}

/* The shipped baseline stays valid against the target it sits beside. */
static void test_real_baseline_loads(void **state)
{
	char dir[4096], tpath[4200], bpath[4200], err[512] = "";
	snprintf(dir, sizeof(dir), "%s", __FILE__); /* tests/unit/test_baseline.c, absolute here */
	for (int up = 0; up < 3; up++)
		*strrchr(dir, '/') = 0;
	snprintf(tpath, sizeof(tpath), "%s/harness/targets/qemu-aarch64-virt.target", dir);
	snprintf(bpath, sizeof(bpath), "%s/harness/targets/qemu-aarch64-virt.baseline", dir);
	struct vc_target t;
	struct vc_baseline b;
	if (vc_target_load(tpath, &t, err, sizeof(err)))
		fail_msg("%s", err);
	if (vc_baseline_load(bpath, &t, &b, err, sizeof(err)))
		fail_msg("%s", err);
	assert_true(b.n > 10);
	vc_baseline_free(&b);
	vc_target_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_interface_narrows_a_transitional_cell),
		cmocka_unit_test(test_transport_alone_keeps_every_interface),
		cmocka_unit_test(test_wildcards),
		cmocka_unit_test(test_malformed_lines),
		cmocka_unit_test(test_unknown_check_or_model),
		cmocka_unit_test(test_without_target),
		cmocka_unit_test(test_apply_to_one_interface),
		cmocka_unit_test(test_from_results),
		cmocka_unit_test(test_from_results_of_no_cell),
		cmocka_unit_test(test_real_baseline_loads),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
