/* Unit tests for the personalities section (reports/report_personalities.c,
 * report_pers_rules.c and its two writers) on small hand-written
 * results.json texts: a catalogue run with direct and gunyah cells, and a
 * side-effect run holding the models' verdicts for some of the registers
 * the gunyah cell's rules name. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "reports/report_personalities.h"
#include "tests/unit/report_test_util.h"

#define CHECK(id, verdict) "{\"id\": \"" id "\", \"verdict\": \"" verdict "\", \"spec\": \"1.2 " id "\", \"title\": \"t " id "\"}"
#define RULED(id, verdict, rules)                                                                   \
	"{\"id\": \"" id "\", \"verdict\": \"" verdict "\", \"spec\": \"1.2 " id "\", \"title\": \"t " id "\"," \
	" \"rules\": [" rules "]}"
#define CELL(tr, pers, devices)                                                                    \
	"{\"name\": \"t." tr "." pers "\", \"target\": \"t\", \"transport\": \"" tr "\", \"personality\": \"" pers \
	"\", \"mode\": \"checks\", \"verdict\": \"PASS\", \"devices\": [" devices "]}"
#define DEVICE(model, iface, loc, checks) \
	"{\"model\": \"" model "\", \"interface\": \"" iface "\", \"location\": \"" loc "\", \"checks\": [" checks "]}"

/* mmio-v2, direct against gunyah, blk at the same location:
 *   R-11 PASS -> XFAIL, notify-held at QueueNotify (emulable) and
 *        reset-posted at Status (cannot-work): one firm cause agrees
 *   R-12 PASS -> FAIL, read-only at MagicValue (emulable) and queue-sel
 *        (no verdict): nothing firm, so it disagrees
 *   R-13 SKIP -> PASS, personality-features at DeviceFeatures (cannot-work)
 *   R-1 PASS -> XFAIL, reset-posted at Status: the model says cannot-work (agrees)
 *   R-2 PASS -> FAULT, read-only at MagicValue: the model says emulable (disagrees)
 *   R-3 XFAIL -> PASS, no rule (unexplained)
 *   R-4 PASS -> WARN with a rule, R-5 XFAIL -> FAIL, R-10 XPASS -> PASS: same class, not listed
 *   R-6 PASS -> SKIP, write-width inside the config field at 0x10 (sync-backend: agrees)
 *   R-7 PASS -> FAIL, queue-sel at QueueSel, which the model run lacks (no prediction)
 *   R-8 only under direct, R-9 only under gunyah; rng only under gunyah.
 * pci-modern, direct against gunyah, whose front is virtio-mmio v2: R-1
 * again, judged on the mmio-v2 side-effect cell (the pci-modern one would
 * say emulable).
 * mmio-v2, direct against xen: XEN-GNT-001 SKIP -> PASS, a check whose
 * catalogue descriptor names xen: run under the personality only. Near
 * misses, both unexplained: XEN-GNT-002 FAIL -> PASS (direct did not skip
 * it) and R-14 SKIP -> PASS (no descriptor names a personality); under
 * gunyah XEN-GNT-* skip as under direct. */
static const char run_json[] =
	"{\"schema\": \"vcheck/1\", \"verdict\": \"FAIL\", \"cells\": ["
	CELL("mmio-v2", "direct",
	     DEVICE("blk", "mmio-v2", "mmio@0xa000200",
		    CHECK("R-1", "PASS") "," CHECK("R-2", "PASS") "," CHECK("R-3", "XFAIL") ","
		    CHECK("R-4", "PASS") "," CHECK("R-5", "XFAIL") "," CHECK("R-6", "PASS") ","
		    CHECK("R-7", "PASS") "," CHECK("R-8", "PASS") "," CHECK("R-10", "XPASS") ","
		    CHECK("R-11", "PASS") "," CHECK("R-12", "PASS") "," CHECK("R-13", "SKIP") ","
		    CHECK("R-14", "SKIP") "," CHECK("XEN-GNT-001", "SKIP") "," CHECK("XEN-GNT-002", "FAIL"))) ","
	CELL("mmio-v2", "gunyah",
	     DEVICE("blk", "mmio-v2", "mmio@0xa000200",
		    RULED("R-1", "XFAIL", "\"reset-posted@0x70\"") "," RULED("R-2", "FAULT", "\"read-only@0x0\"") ","
		    CHECK("R-3", "PASS") "," RULED("R-4", "WARN", "\"config-stored@0x100\"") ","
		    CHECK("R-5", "FAIL") "," RULED("R-6", "SKIP", "\"write-width@0x112\"") ","
		    RULED("R-7", "FAIL", "\"queue-sel@0x30\"") "," CHECK("R-9", "PASS") "," CHECK("R-10", "PASS") ","
		    RULED("R-11", "XFAIL", "\"notify-held@0x50\", \"reset-posted@0x70\"") ","
		    RULED("R-12", "FAIL", "\"read-only@0x0\", \"queue-sel@0x30\"") ","
		    RULED("R-13", "PASS", "\"personality-features@0x10\"") "," CHECK("R-14", "SKIP") ","
		    CHECK("XEN-GNT-001", "SKIP") "," CHECK("XEN-GNT-002", "FAIL")) ","
	     DEVICE("rng", "mmio-v2", "mmio@0xa000600", CHECK("R-1", "PASS"))) ","
	CELL("pci-modern", "direct", DEVICE("blk", "pci-modern", "pci@00:02.0", CHECK("R-1", "PASS"))) ","
	CELL("pci-modern", "gunyah",
	     DEVICE("blk", "mmio-v2", "pci@00:02.0", RULED("R-1", "XFAIL", "\"reset-posted@0x70\""))) ","
	CELL("mmio-v2", "xen",
	     DEVICE("blk", "mmio-v2", "mmio@0xa000200",
		    CHECK("XEN-GNT-001", "PASS") "," CHECK("XEN-GNT-002", "PASS") "," CHECK("R-14", "PASS"))) "]}";

#define REG(space, off, width, name, gunyah)                                                       \
	"{\"space\": \"" space "\", \"offset\": \"" off "\", \"width\": " width ", \"name\": \"" name "\"," \
	" \"classes\": [], \"evidence\": [], \"models\": {\"kvm\": {\"verdict\": \"emulable\", \"reason\": \"k\"}," \
	" \"xen\": {\"verdict\": \"emulable\", \"reason\": \"x\"}, \"gunyah\": {\"verdict\": \"" gunyah "\","  \
	" \"reason\": \"why " name "\"}, \"page\": {\"verdict\": \"cannot-work\", \"reason\": \"p\"}}}"
#define SFX_CELL(tr, loc, regs)                                                                    \
	"{\"name\": \"t." tr ".direct\", \"target\": \"t\", \"transport\": \"" tr "\", \"personality\": \"direct\"," \
	" \"mode\": \"sidefx\", \"verdict\": \"PASS\", \"devices\": [{\"model\": \"blk\", \"interface\": \"" tr \
	"\", \"location\": \"" loc "\", \"checks\": [], \"registers\": [" regs "]}]}"

static const char models_json[] =
	"{\"schema\": \"vcheck/1\", \"verdict\": \"PASS\", \"cells\": ["
	SFX_CELL("pci-modern", "pci@00:02.0", REG("transport", "0x70", "4", "pciStatus", "emulable")) ","
	SFX_CELL("mmio-v2", "mmio@0xa000200",
		 REG("transport", "0x0", "4", "MagicValue", "emulable") ","
		 REG("transport", "0x10", "4", "DeviceFeatures", "cannot-work") ","
		 REG("transport", "0x50", "4", "QueueNotify", "emulable") ","
		 REG("transport", "0x70", "4", "Status", "cannot-work") ","
		 REG("config", "0x10", "4", "cfgfield", "sync-backend")) "]}";

struct loaded {
	struct rep_run run, models;
	struct rep_personalities p;
};

static struct loaded *build(int with_models)
{
	struct loaded *l = calloc(1, sizeof(*l));
	load(run_json, &l->run);
	load(models_json, &l->models);
	l->run.models = with_models ? &l->models : NULL;
	rep_pers_build(&l->run, l->run.models, &l->p);
	return l;
}

static void unload(struct loaded *l)
{
	rep_pers_free(&l->p);
	rep_free(&l->run);
	rep_free(&l->models);
	free(l);
}

static const struct rep_diff *diff_of(const struct rep_pair *p, const char *id)
{
	for (size_t i = 0; i < p->ndiffs; i++)
		if (!strcmp(p->diffs[i].check->id, id))
			return &p->diffs[i];
	return NULL;
}

static void test_verdict_classes(void **state)
{
	static const int pass_like[] = { VC_PASS, VC_WARN, VC_XPASS };
	static const int fail_like[] = { VC_XFAIL, VC_FAIL, VC_FAULT, VC_WEDGED, VC_CRASH, REP_VERDICT_OTHER };
	for (size_t i = 0; i < sizeof(pass_like) / sizeof(pass_like[0]); i++)
		assert_int_equal(rep_verdict_class(pass_like[i]), 0);
	assert_int_equal(rep_verdict_class(VC_SKIP), 1);
	for (size_t i = 0; i < sizeof(fail_like) / sizeof(fail_like[0]); i++)
		assert_int_equal(rep_verdict_class(fail_like[i]), 2);
}

static void test_pairs_and_agreement(void **state)
{
	struct loaded *l = build(1);
	assert_true(rep_pers_shown(&l->p));
	assert_int_equal(l->p.npairs, 3);
	const struct rep_pair *p = &l->p.pairs[0];
	assert_string_equal(p->base->name, "t.mmio-v2.direct");
	assert_string_equal(p->cell->name, "t.mmio-v2.gunyah");
	assert_int_equal(p->model, VC_HV_GUNYAH);
	/* listed: R-1 R-2 R-3 R-6 R-7 R-11 R-12 R-13; same class (R-4, R-5,
	 * R-10, and XEN-GNT-* skipped or failed on both sides) is not */
	assert_int_equal(p->ndiffs, 8);
	assert_null(diff_of(p, "XEN-GNT-001"));
	assert_null(diff_of(p, "R-4"));
	assert_null(diff_of(p, "R-5"));
	assert_null(diff_of(p, "R-10"));
	const struct rep_diff *d = diff_of(p, "R-1");
	assert_int_equal(d->agreement, REP_AGREES);
	assert_string_equal(d->base->verdict_name, "PASS");
	assert_string_equal(d->check->verdict_name, "XFAIL");
	assert_int_equal(d->nrules, 1);
	assert_string_equal(d->rules[0].name, "reset-posted");
	assert_string_equal(d->rules[0].reg, "Status");
	assert_int_equal(d->rules[0].verdict, VC_HV_CANNOT_WORK);
	d = diff_of(p, "R-2");
	assert_int_equal(d->agreement, REP_DISAGREES);
	assert_string_equal(d->rules[0].reg, "MagicValue");
	assert_string_equal(d->rules[0].model_reg->models[VC_HV_GUNYAH].reason, "why MagicValue");
	assert_int_equal(diff_of(p, "R-3")->agreement, REP_UNEXPLAINED);
	/* a config offset inside a field is judged by that field */
	d = diff_of(p, "R-6");
	assert_int_equal(d->agreement, REP_AGREES);
	assert_string_equal(d->rules[0].reg, "config+0x12");
	assert_string_equal(d->rules[0].field, "cfgfield");
	assert_int_equal(d->rules[0].verdict, VC_HV_SYNC_BACKEND);
	d = diff_of(p, "R-7");
	assert_int_equal(d->agreement, REP_NO_PREDICTION);
	assert_string_equal(d->rules[0].reg, "QueueSel");
	assert_null(d->rules[0].model_reg);
	/* one firm register explains a difference; emulable alone does not */
	d = diff_of(p, "R-11");
	assert_int_equal(d->agreement, REP_AGREES);
	assert_int_equal(d->rules[0].verdict, VC_HV_EMULABLE);
	assert_int_equal(d->rules[1].verdict, VC_HV_CANNOT_WORK);
	d = diff_of(p, "R-12");
	assert_int_equal(d->agreement, REP_DISAGREES);
	assert_int_equal(d->rules[1].verdict, REP_HV_NONE);
	/* personality-features is about the offer: DeviceFeatures */
	d = diff_of(p, "R-13");
	assert_int_equal(d->agreement, REP_AGREES);
	assert_string_equal(d->rules[0].reg, "DeviceFeatures");
	assert_int_equal(d->rules[0].verdict, VC_HV_CANNOT_WORK);
	/* the disagreements listed are the emulable rules of disagreeing rows */
	assert_int_equal(p->ndisagreements, 2);
	assert_string_equal(p->disagreements[0].diff->check->id, "R-2");
	assert_string_equal(p->disagreements[1].diff->check->id, "R-12");
	assert_string_equal(p->disagreements[1].rule->name, "read-only");
	/* nothing compared silently dropped */
	assert_int_equal(p->nonly_base, 1);
	assert_string_equal(p->only_base[0], "R-8");
	assert_int_equal(p->nonly_cell, 1);
	assert_string_equal(p->only_cell[0], "R-9");
	assert_int_equal(p->nlone_cell, 1);
	assert_string_equal(p->lone_cell[0]->model, "rng");
	assert_int_equal(p->nlone_base, 0);
	/* pci-modern: the gunyah front is mmio-v2, the mmio-v2 cell's Status judges */
	p = &l->p.pairs[1];
	assert_int_equal(p->ndiffs, 1);
	assert_int_equal(p->diffs[0].agreement, REP_AGREES);
	assert_string_equal(p->diffs[0].rules[0].model_reg->name, "Status");
	/* xen: only the check whose descriptor names xen, skipped under direct */
	p = &l->p.pairs[2];
	assert_int_equal(p->model, VC_HV_XEN);
	assert_int_equal(p->ndiffs, 3);
	assert_int_equal(diff_of(p, "XEN-GNT-001")->agreement, REP_PERSONALITY_ONLY);
	assert_int_equal(diff_of(p, "XEN-GNT-002")->agreement, REP_UNEXPLAINED);
	assert_int_equal(diff_of(p, "R-14")->agreement, REP_UNEXPLAINED);
	/* totals over the three pairs */
	assert_int_equal(l->p.ndiffs, 12);
	assert_int_equal(l->p.totals[REP_AGREES], 5);
	assert_int_equal(l->p.totals[REP_DISAGREES], 2);
	assert_int_equal(l->p.totals[REP_UNEXPLAINED], 3);
	assert_int_equal(l->p.totals[REP_PERSONALITY_ONLY], 1);
	assert_int_equal(l->p.totals[REP_NO_PREDICTION], 1);
	unload(l);
}

static void test_without_models(void **state)
{
	struct loaded *l = build(0);
	const struct rep_pair *p = &l->p.pairs[0];
	assert_false(l->p.models_given);
	assert_int_equal(diff_of(p, "R-1")->agreement, REP_NOT_GIVEN);
	assert_int_equal(diff_of(p, "R-2")->agreement, REP_NOT_GIVEN);
	assert_int_equal(diff_of(p, "R-3")->agreement, REP_UNEXPLAINED);
	/* the rule still names its register */
	assert_string_equal(diff_of(p, "R-1")->rules[0].reg, "Status");
	assert_null(diff_of(p, "R-1")->rules[0].model_reg);
	assert_int_equal(diff_of(&l->p.pairs[2], "XEN-GNT-001")->agreement, REP_PERSONALITY_ONLY);
	char *md = render(&l->run, rep_write_md);
	assert_non_null(strstr(md, "**12 differences: 8 with rules, 3 unexplained (no rule fired), 1 run under the "
				   "personality only; model predictions were not given (vcheck report DIR --models "
				   "SIDEFX-DIR).**"));
	assert_non_null(strstr(md, "| blk | R-1 | 1.2 R-1 | t R-1 | PASS | XFAIL | reset-posted at Status | not-given |"));
	assert_null(strstr(md, "DISAGREES"));
	free(md);
	char *h = render(&l->run, rep_write_html);
	assert_non_null(strstr(h, "data-models=\"not-given\""));
	assert_null(strstr(h, "data-model-verdict"));
	free(h);
	unload(l);
}

static void test_markdown(void **state)
{
	struct loaded *l = build(1);
	char *md = render(&l->run, rep_write_md);
	const char *sec = strstr(md, "## Personalities\n");
	assert_non_null(sec);
	assert_true(sec > strstr(md, "## Conformance"));
	assert_non_null(strstr(sec, "**12 differences, 5 agree with the models, 2 disagree, 3 unexplained, "
				    "1 run under the personality only, 1 without a model prediction.**"));
	assert_non_null(strstr(sec, "### t mmio-v2: direct vs gunyah\n"));
	assert_non_null(strstr(sec, "| device | check | spec | title | direct | gunyah | rules that fired: register: "
				    "gunyah model | agreement |"));
	assert_non_null(strstr(sec, "| blk | R-1 | 1.2 R-1 | t R-1 | PASS | XFAIL | reset-posted at Status: "
				    "cannot-work | agrees |"));
	assert_non_null(strstr(sec, "| blk | R-2 | 1.2 R-2 | t R-2 | PASS | FAULT | read-only at MagicValue: "
				    "emulable | **DISAGREES** |"));
	assert_non_null(strstr(sec, "| XFAIL | PASS | none | unexplained |"));
	assert_non_null(strstr(sec, "| PASS | SKIP | write-width at config+0x12 (cfgfield): sync-backend | agrees |"));
	assert_non_null(strstr(sec, "| queue-sel at QueueSel: none | no-prediction |"));
	assert_null(strstr(sec, "| R-4 |"));
	/* the disagreement again, with the model's reason */
	assert_non_null(strstr(sec, "- blk R-2: read-only at MagicValue; gunyah model: emulable, why MagicValue\n"));
	assert_non_null(strstr(sec, "- blk R-12: read-only at MagicValue; gunyah model: emulable, why MagicValue\n"));
	assert_null(strstr(sec, "- blk R-11:"));
	assert_non_null(strstr(sec, "| notify-held at QueueNotify: emulable; reset-posted at Status: cannot-work | "
				    "agrees |"));
	assert_non_null(strstr(sec, "| personality-features at DeviceFeatures: cannot-work | agrees |"));
	/* personality-only: apart from the table, after the xen pair's title */
	const char *xen = strstr(sec, "### t mmio-v2: direct vs xen\n");
	assert_non_null(xen);
	assert_non_null(strstr(xen, "Run under xen only (the check's descriptor names this personality; direct skips "
				    "it by construction, so no rule or model is asked to explain it): blk XEN-GNT-001 "
				    "(SKIP, PASS).\n"));
	assert_null(strstr(sec, "| XEN-GNT-001 |"));
	assert_non_null(strstr(xen, "| blk | XEN-GNT-002 |"));
	assert_non_null(strstr(sec, "- checks run only under direct: R-8\n"));
	assert_non_null(strstr(sec, "- checks run only under the personality: R-9\n"));
	assert_non_null(strstr(sec, "- devices found only under the personality: rng at mmio@0xa000600\n"));
	free(md);
	unload(l);
}

static void test_html(void **state)
{
	struct loaded *l = build(1);
	char *h = render(&l->run, rep_write_html);
	const char *sec = strstr(h, "<section id=\"personalities\">");
	assert_non_null(sec);
	assert_true(sec < strstr(h, "<section id=\"sidefx\">"));
	assert_non_null(strstr(sec, "<p id=\"personality-totals\" data-differences=\"12\" data-agrees=\"5\" "
				    "data-disagrees=\"2\" data-unexplained=\"3\" data-personality-only=\"1\" "
				    "data-no-prediction=\"1\" data-not-given=\"0\" data-models=\"given\">"));
	assert_non_null(strstr(sec, "<ul class=\"personality-only\">\n<li data-device=\"blk\" data-check=\"XEN-GNT-001\" "
				    "data-base-verdict=\"SKIP\" data-verdict=\"PASS\">blk XEN-GNT-001: SKIP, PASS</li>\n"
				    "</ul>"));
	assert_null(strstr(sec, "<tr data-device=\"blk\" data-interface=\"mmio-v2\" data-location=\"mmio@0xa000200\" "
				"data-check=\"XEN-GNT-001\""));
	assert_non_null(strstr(sec, "<section class=\"personality-pair\" data-target=\"t\" data-transport=\"mmio-v2\" "
				    "data-personality=\"gunyah\" data-base-cell=\"t.mmio-v2.direct\" "
				    "data-cell=\"t.mmio-v2.gunyah\">"));
	const char *row = strstr(sec, "<tr data-device=\"blk\" data-interface=\"mmio-v2\" data-location=\"mmio@0xa000200\" "
				      "data-check=\"R-2\" data-base-verdict=\"PASS\" data-verdict=\"FAULT\" "
				      "data-agreement=\"disagrees\">");
	assert_non_null(row);
	assert_non_null(strstr(row, "<li data-rule=\"read-only\" data-register=\"MagicValue\" "
				    "data-model-verdict=\"emulable\"><code>read-only</code> at MagicValue: "
				    "<span class=\"hv-emulable\">emulable</span></li>"));
	assert_non_null(strstr(row, "<td class=\"agreement agree-disagrees\">DISAGREES</td>"));
	assert_non_null(strstr(sec, "data-register=\"config+0x12\" data-field=\"cfgfield\" "
				    "data-model-verdict=\"sync-backend\""));
	assert_non_null(strstr(sec, "<li data-device=\"blk\" data-check=\"R-2\" data-rule=\"read-only\">"));
	assert_null(strstr(sec, "data-check=\"R-4\""));
	assert_null(strstr(h, "<script"));
	free(h);
	unload(l);
}

static void test_html_valid_html5(void **state)
{
	struct loaded *l = build(1);
	assert_valid_html5(&l->run);
	unload(l);
}

/* One personality per target and transport: no section at all; a gunyah
 * cell without a direct cell is named, not compared. */
static void test_single_personality(void **state)
{
	static const char direct_only[] = "{\"schema\": \"vcheck/1\", \"cells\": ["
		CELL("mmio-v2", "direct", DEVICE("blk", "mmio-v2", "mmio@0xa000200", CHECK("R-1", "PASS"))) "]}";
	static const char gunyah_only[] = "{\"schema\": \"vcheck/1\", \"cells\": ["
		CELL("mmio-v2", "gunyah", DEVICE("blk", "mmio-v2", "mmio@0xa000200", CHECK("R-1", "PASS"))) "]}";
	struct rep_run run;
	load(direct_only, &run);
	char *md = render(&run, rep_write_md), *h = render(&run, rep_write_html);
	assert_null(strstr(md, "Personalities"));
	assert_null(strstr(h, "personalities"));
	free(md);
	free(h);
	rep_free(&run);
	load(gunyah_only, &run);
	md = render(&run, rep_write_md);
	assert_non_null(strstr(md, "Cells without a direct cell of the same target and transport (not compared): "
				   "t.mmio-v2.gunyah\n"));
	free(md);
	rep_free(&run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verdict_classes),
		cmocka_unit_test(test_pairs_and_agreement),
		cmocka_unit_test(test_without_models),
		cmocka_unit_test(test_markdown),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_html_valid_html5),
		cmocka_unit_test(test_single_personality),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
