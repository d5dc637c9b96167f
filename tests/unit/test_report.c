/* Unit tests for the report model and writers (reports/report_*.c) on a
 * small hand-written results.json with registers (docs/results-schema.md),
 * one without, and files the model must refuse. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/report_test_util.h"

#define MODELS(k, x, g, p)                                                        \
	"\"models\": {\"kvm\": {\"verdict\": \"" k "\", \"reason\": \"trap\"},"       \
	" \"xen\": {\"verdict\": \"" x "\", \"reason\": \"ioreq\"},"                  \
	" \"gunyah\": {\"verdict\": \"" g "\", \"reason\": \"page <read>\"},"          \
	" \"page\": {\"verdict\": \"" p "\", \"reason\": \"snapshot\"}}"

/* Cell 0 (sidefx): blk with three registers, an unattached device with an
 * empty register list. Cell 1 (checks): a device without registers. */
static const char sidefx_json[] =
	"{\"schema\": \"vcheck/1\", \"verdict\": \"FAIL\", \"cells\": [\n"
	" {\"name\": \"t.mmio-v2.direct\", \"target\": \"t\", \"transport\": \"mmio-v2\",\n"
	"  \"personality\": \"direct\", \"accel\": \"kvm\", \"accel_why\": \"asked for\",\n"
	"  \"mode\": \"sidefx\", \"outcome\": \"completed\",\n"
	"  \"outcome_detail\": null, \"verdict\": \"PASS\", \"seconds\": 0.5, \"problems\": [],\n"
	"  \"devices\": [\n"
	"   {\"model\": \"blk\", \"interface\": \"mmio-v2\", \"location\": \"mmio@0xa000000\", \"checks\": [],\n"
	"    \"registers\": [\n"
	"     {\"space\": \"transport\", \"offset\": \"0x0\", \"width\": 4, \"name\": \"MagicValue\",\n"
	"      \"spec_access\": \"r\", \"classes\": [\"constant\"], \"evidence\": [],\n"
	"      " MODELS("emulable", "emulable", "emulable", "emulable") "},\n"
	"     {\"space\": \"transport\", \"offset\": \"0x70\", \"width\": 4, \"name\": \"Status\",\n"
	"      \"spec_access\": \"rw\", \"classes\": [\"latch\", \"write-triggers\"],\n"
	"      \"evidence\": [\"write-triggers: wr #4 <b>bold</b> & \\\"q\\\" | pipe\", \"latch: wr #5\"],\n"
	"      " MODELS("emulable", "emulable", "special-case", "cannot-work") "},\n"
	"     {\"space\": \"config\", \"offset\": \"0x8\", \"width\": 1, \"name\": null,\n"
	"      \"spec_access\": null, \"classes\": [\"volatile-notified\"], \"evidence\": [\"x\\u0085y\\u0007z\"],\n"
	"      " MODELS("emulable", "sync-backend", "n/a", "from-the-future") "}]},\n"
	"   {\"model\": null, \"interface\": \"mmio-v2\", \"location\": \"mmio@0xa000e00\", \"checks\": [],\n"
	"    \"registers\": []}]},\n"
	" {\"name\": \"t.pci-modern.direct\", \"target\": \"t\", \"transport\": \"pci-modern\",\n"
	"  \"personality\": \"direct\", \"outcome\": \"crashed\", \"outcome_detail\": \"guest exception\",\n"
	"  \"verdict\": \"FAIL\", \"seconds\": 1.25, \"problems\": [\"lost record 7\"],\n"
	"  \"devices\": [{\"model\": \"rng\", \"interface\": \"pci-modern\", \"location\": \"pci@00:01.0\",\n"
	"   \"checks\": [{\"id\": \"A-1\", \"verdict\": \"PASS\", \"spec\": \"1.2 2.1\", \"title\": \"t\", \"detail\": null},\n"
	"    {\"id\": \"A-2\", \"verdict\": \"FAIL\", \"spec\": \"1.2 4.1\", \"title\": \"a | b <c>\",\n"
	"     \"detail\": \"read 0x1 \\u00e9\"},\n"
	"    {\"id\": \"A-3\", \"verdict\": \"XFAIL\", \"spec\": null, \"title\": null, \"detail\": \"d\",\n"
	"     \"baseline\": \"known bug\"},\n"
	"    {\"id\": \"A-4\", \"verdict\": \"BOGUS\"}]}]}]}\n";

/* What `vcheck run` writes today: no mode, no registers. */
static const char plain_json[] =
	"{\"schema\": \"vcheck/1\", \"verdict\": \"PASS\", \"cells\": [{\"name\": \"c1\", \"verdict\": \"PASS\",\n"
	" \"outcome\": \"completed\", \"seconds\": 0.1, \"devices\": [{\"model\": \"blk\", \"interface\": \"mmio-v2\",\n"
	" \"checks\": [{\"id\": \"A-1\", \"verdict\": \"PASS\"}]}]}]}";

static void test_model(void **state)
{
	struct rep_run run;
	load(sidefx_json, &run);
	assert_int_equal(run.ncells, 2);
	assert_int_equal(run.verdict, VC_FAIL);
	assert_true(run.any_registers);
	const struct rep_cell *c = &run.cells[0];
	assert_string_equal(c->mode, "sidefx");
	assert_int_equal(c->ndevices, 2);
	const struct rep_device *d = &c->devices[0];
	assert_true(d->has_registers);
	assert_int_equal(d->nregs, 3);
	assert_string_equal(d->regs[1].offset, "0x70");
	assert_int_equal(d->regs[1].width, 4);
	assert_int_equal(d->regs[1].nclasses, 2);
	assert_int_equal(d->regs[1].nevidence, 2);
	assert_null(d->regs[2].name);
	/* per model: counts and the worst verdict */
	assert_int_equal(d->hv_counts[VC_HV_KVM][VC_HV_EMULABLE], 3);
	assert_int_equal(d->hv_worst[VC_HV_KVM], VC_HV_EMULABLE);
	assert_int_equal(d->hv_counts[VC_HV_XEN][VC_HV_SYNC_BACKEND], 1);
	assert_int_equal(d->hv_worst[VC_HV_XEN], VC_HV_SYNC_BACKEND);
	/* n/a ranks below any verdict that applies */
	assert_int_equal(d->hv_counts[VC_HV_GUNYAH][VC_HV_NOT_APPLICABLE], 1);
	assert_int_equal(d->hv_worst[VC_HV_GUNYAH], VC_HV_SPECIAL_CASE);
	/* a verdict name this build does not know is counted, not dropped */
	assert_int_equal(d->hv_counts[VC_HV_PAGE][REP_HV_OTHER], 1);
	assert_string_equal(d->regs[2].models[VC_HV_PAGE].name, "from-the-future");
	assert_int_equal(d->hv_worst[VC_HV_PAGE], VC_HV_CANNOT_WORK);
	/* the unattached device: registers present but empty */
	assert_null(c->devices[1].model);
	assert_string_equal(rep_device_label(&c->devices[1]), "(unattached)");
	assert_true(c->devices[1].has_registers);
	assert_int_equal(c->devices[1].hv_worst[VC_HV_KVM], REP_HV_NONE);
	/* the checks cell */
	const struct rep_device *r = &run.cells[1].devices[0];
	assert_false(r->has_registers);
	assert_null(run.cells[1].mode);
	assert_int_equal(r->verdict_counts[VC_PASS], 1);
	assert_int_equal(r->verdict_counts[VC_FAIL], 1);
	assert_int_equal(r->verdict_counts[VC_XFAIL], 1);
	assert_int_equal(r->verdict_counts[REP_VERDICT_OTHER], 1);
	assert_string_equal(r->checks[2].baseline, "known bug");
	rep_free(&run);
}

static void test_refused(void **state)
{
	static const struct { const char *text, *what; } cases[] = {
		{ "{\"schema\": \"vcheck/2\", \"cells\": []}", "schema is \"vcheck/2\"" },
		{ "{\"cells\": []}", "no \"schema\"" },
		{ "{\"schema\": 1, \"cells\": []}", "no \"schema\"" },
		{ "[]", "top level is not an object" },
		{ "{\"schema\": \"vcheck/1\"}", "\"cells\" is missing" },
		{ "{\"schema\": \"vcheck/1\", \"cells\": {}}", "\"cells\" is missing or not an array" },
		{ "{\"schema\": \"vcheck/1\", \"cells\": [1]}", "cells[0] is not an object" },
		{ "{\"schema\": \"vcheck/1\", \"cells\": [{\"devices\": 3}]}", "cells[0].devices is not an array" },
		{ "{\"schema\": \"vcheck/1\", \"cells\": [{}, {\"devices\": [{\"checks\": [null]}]}]}",
		  "cells[1].devices[0].checks[0] is not an object" },
		{ "{\"schema\": \"vcheck/1\", \"cells\": [{\"devices\": [{}, {\"registers\": [\"r\"]}]}]}",
		  "cells[0].devices[1].registers[0] is not an object" },
		{ "{\"schema\": \"vcheck/1\",\n \"cells\": [,]}", "2:12: unexpected ','" },
		{ "", "1:1: unexpected end of input" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rep_run run;
		char err[256] = "";
		int rc = rep_load(cases[i].text, strlen(cases[i].text), &run, err, sizeof(err));
		rep_free(&run); /* also after a failure, half-loaded */
		if (rc == 0 || !strstr(err, cases[i].what))
			fail_msg("case %zu: rc %d, error \"%s\", wanted \"%s\"", i, rc, err, cases[i].what);
	}
}

/* report.md is the summary; the full tables moved to report-checks.md
 * (counts per device, non-PASS checks, problems) and report-registers.md
 * (register tables, evidence). */
static void test_markdown(void **state)
{
	struct rep_run run;
	load(sidefx_json, &run);
	char *md = render(&run, rep_write_md), *checks = render(&run, rep_write_md_checks);
	char *regs = render(&run, rep_write_md_registers);
	assert_non_null(strstr(md, "Run verdict: **FAIL**"));
	assert_non_null(strstr(md, "| t.mmio-v2.direct | t | mmio-v2 | direct | kvm | sidefx | completed | **PASS** | 0.50 |"));
	assert_non_null(strstr(md, "| crashed (guest exception) | **FAIL** | 1.25 |"));
	/* the summary counts and links; problems stay in sight */
	assert_non_null(strstr(md, "| t.pci-modern.direct | 1 | 4 | 3 | 1 PASS, 1 XFAIL, 1 FAIL, 1 other |"));
	assert_non_null(strstr(md, "- problem in t.pci-modern.direct: lost record 7"));
	assert_non_null(strstr(md, "[report-checks.md](report-checks.md)"));
	assert_non_null(strstr(md, "[report-registers.md](report-registers.md)"));
	assert_null(strstr(md, "| A-2 |"));
	assert_null(strstr(md, "Evidence:"));
	assert_non_null(strstr(checks, "- lost record 7"));
	/* the counts row has a column per verdict (PASS SKIP XFAIL WARN ERROR XPASS FAIL
	 * FAULT WEDGED CRASH) and "other" when a verdict is unknown */
	assert_non_null(strstr(checks, "| CRASH | other |"));
	assert_non_null(strstr(checks, "| rng | pci-modern | pci@00:01.0 | 1 | 0 | 1 | 0 | 0 | 0 | 1 | 0 | 0 | 0 | 1 |"));
	/* non-PASS checks, escaped so the table holds */
	assert_non_null(strstr(checks, "| rng | A-2 | **FAIL** | 1.2 4.1 | a \\| b \\<c\\> | read 0x1 \xc3\xa9 |"));
	assert_non_null(strstr(checks, "(known: known bug)"));
	assert_null(strstr(checks, "| A-1 |"));
	assert_non_null(strstr(checks, "[report.md](report.md)"));
	/* the matrix, worst verdict bold, stays in the summary */
	assert_non_null(strstr(md, "| t.mmio-v2.direct | blk | mmio-v2 | 3 | **3 emulable** | 2 emulable, "
				   "**1 sync-backend** | 1 emulable, **1 special-case**, 1 n/a | "
				   "1 emulable, **1 cannot-work**, 1 unknown |"));
	assert_non_null(strstr(md, "| t.mmio-v2.direct | (unattached) | mmio-v2 | 0 | - | - | - | - |"));
	/* what each model cannot serve, one line per device */
	assert_non_null(strstr(md, "- **the transport registers most devices on mmio-v2 share** (2 devices): "
				   "page cannot-work: Status\n"));
	assert_non_null(strstr(md, "- **blk** on mmio-v2 (t.mmio-v2.direct): xen sync-backend: 0x8\n"));
	assert_non_null(strstr(md, "- **(unattached)** on mmio-v2 (t.mmio-v2.direct): no registers were touched\n"));
	/* the register table and evidence */
	assert_non_null(strstr(regs, "| transport | 0x70 | 4 | Status | rw | latch, write-triggers | emulable | "
				     "emulable | special-case | cannot-work |"));
	assert_non_null(strstr(regs, "  - write-triggers: wr #4 \\<b\\>bold\\</b\\> \\& \"q\" \\| pipe\n"));
	assert_non_null(strstr(regs, "  - gunyah: special-case, page \\<read\\>\n"));
	/* a C0 control becomes U+FFFD; U+0085 is no line break in Markdown */
	assert_non_null(strstr(regs, "  - x\xc2\x85y\xef\xbf\xbdz\n"));
	assert_non_null(strstr(regs, "No registers were touched."));
	free(md);
	free(checks);
	free(regs);
	rep_free(&run);
}

static void test_markdown_without_registers(void **state)
{
	struct rep_run run;
	load(plain_json, &run);
	assert_false(run.any_registers);
	char *md = render(&run, rep_write_md), *checks = render(&run, rep_write_md_checks);
	char *regs = render(&run, rep_write_md_registers);
	assert_non_null(strstr(md, "| c1 | - | - | - | tcg | - | completed | **PASS** | 0.10 |"));
	assert_non_null(strstr(md, "| c1 | 1 | 1 | 0 | 1 PASS |"));
	assert_non_null(strstr(checks, "All 1 checks passed."));
	assert_non_null(strstr(md, "No cell ran side-effect discovery"));
	assert_non_null(strstr(regs, "No cell ran side-effect discovery"));
	assert_null(strstr(md, "hypervisor models"));
	assert_null(strstr(md, "cannot serve"));
	free(md);
	free(checks);
	free(regs);
	rep_free(&run);
}

static void test_html_content(void **state)
{
	struct rep_run run;
	load(sidefx_json, &run);
	char *h = render(&run, rep_write_html);
	assert_true(!strncmp(h, "<!DOCTYPE html>\n<html lang=\"en\">", 32));
	assert_non_null(strstr(h, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(h, "<span id=\"run-verdict\" class=\"verdict v-FAIL\">FAIL</span>"));
	assert_non_null(strstr(h, "<td data-accel=\"kvm\" title=\"asked for\">kvm</td>")); /* why, on hover */
	/* nothing from the file is markup; no script, no external resource */
	assert_null(strstr(h, "<b>"));
	assert_non_null(strstr(h, "&lt;b&gt;bold&lt;/b&gt; &amp; &quot;q&quot; | pipe"));
	assert_null(strstr(h, "<script"));
	assert_null(strstr(h, "http"));
	assert_null(strstr(h, "<link"));
	/* C1 and C0 controls replaced: HTML5 forbids them in a document */
	assert_non_null(strstr(h, "x\xef\xbf\xbdy\xef\xbf\xbdz"));
	assert_null(strstr(h, "\xc2\x85"));
	/* the matrix: worst per model and counts per verdict */
	const char *row = strstr(h, "<tr data-cell=\"t.mmio-v2.direct\" data-device=\"blk\" data-interface=\"mmio-v2\""
				    " data-registers=\"3\">");
	assert_non_null(row);
	assert_true(row > strstr(h, "<table id=\"matrix\">"));
	assert_non_null(strstr(row, "<td data-model=\"page\" data-verdict=\"cannot-work\" class=\"hv-cannot-work\">"
				    "<span class=\"count\" data-verdict=\"emulable\" data-count=\"1\">1 emulable</span>"
				    "<span class=\"count worst\" data-verdict=\"cannot-work\" data-count=\"1\">"
				    "1 cannot-work</span>"
				    "<span class=\"count\" data-verdict=\"unknown\" data-count=\"1\">1 unknown</span></td>"));
	assert_non_null(strstr(row, "<td data-model=\"gunyah\" data-verdict=\"special-case\""));
	assert_non_null(strstr(h, "data-device=\"(unattached)\" data-interface=\"mmio-v2\" data-registers=\"0\">"));
	/* a register row with its evidence in a <details> */
	const char *reg = strstr(h, "<tr data-space=\"transport\" data-offset=\"0x70\" data-width=\"4\">");
	assert_non_null(reg);
	assert_non_null(strstr(reg, "<td data-model=\"gunyah\" data-verdict=\"special-case\" class=\"hv-special-case\""
				    " title=\"page &lt;read&gt;\">special-case</td>"));
	assert_non_null(strstr(reg, "<details><summary>2 lines</summary>"));
	assert_non_null(strstr(h, "data-verdict=\"n/a\" class=\"hv-na\""));
	/* conformance: counts and non-PASS rows */
	assert_non_null(strstr(h, "<td class=\"num v-FAIL\" data-verdict=\"FAIL\">1</td>"));
	assert_non_null(strstr(h, "<td class=\"num v-other\" data-verdict=\"other\">1</td>"));
	assert_non_null(strstr(h, "<tr data-check=\"A-2\" data-device=\"rng\" data-interface=\"pci-modern\">"));
	assert_null(strstr(h, "data-check=\"A-1\""));
	assert_non_null(strstr(h, "(known: known bug)"));
	free(h);
	rep_free(&run);
}

static void test_html_without_registers(void **state)
{
	struct rep_run run;
	load(plain_json, &run);
	char *h = render(&run, rep_write_html);
	assert_null(strstr(h, "id=\"matrix\""));
	assert_non_null(strstr(h, "class=\"no-sidefx\""));
	assert_non_null(strstr(h, "<td>&mdash;</td>"));
	free(h);
	rep_free(&run);
}

/* The page parses without a single error under html5lib's strict WHATWG
 * parser (python3-html5lib; skipped where it is not installed). */
static void test_html_valid_html5(void **state)
{
	struct rep_run run;
	load(sidefx_json, &run);
	assert_valid_html5(&run);
	rep_free(&run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_markdown_without_registers),
		cmocka_unit_test(test_html_content),
		cmocka_unit_test(test_html_without_registers),
		cmocka_unit_test(test_html_valid_html5),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
