/* Unit tests for the side-effect heatmap (reports/report_heatmap*.c,
 * report_html_heatmap.c, report_md_heatmap.c), the readable model reasons
 * (report_reason.c) and the report's file list (report_outputs.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "reports/report_heatmap.h"
#include "reports/report_reason.h"
#include "tests/unit/report_test_util.h"

#define J(v, why) "{\"verdict\": \"" v "\", \"reason\": \"" why "\"}"
#define MODELS(k, x, g, p) \
	"\"models\": {\"kvm\": " k ", \"xen\": " x ", \"gunyah\": " g ", \"page\": " p "}"
#define EMU J("emulable", "trap")
#define ALL_EMU MODELS(EMU, EMU, EMU, EMU)
#define REG(space, off, width, name, extra, classes, models)                                                   \
	"{\"space\": \"" space "\", \"offset\": \"" off "\", \"width\": " #width ", \"name\": " name extra       \
	", \"classes\": [" classes "], \"evidence\": [], " models "}"
#define FIELD(off, size) ", \"field\": {\"offset\": " #off ", \"size\": " #size ", \"width\": 1}"
#define STATUS_OK REG("transport", "0x70", 4, "\"Status\"", "", "\"latch\"", \
		      MODELS(EMU, EMU, J("special-case", "stored as written"), J("sync-backend", "snapshot")))
#define NOTIFY REG("transport", "0x50", 4, "\"QueueNotify\"", "", "", ALL_EMU)
#define DEVICE(model, loc, regs) \
	"{\"model\": \"" model "\", \"interface\": \"mmio-v2\", \"location\": \"" loc "\", \"checks\": [], " \
	"\"registers\": [" regs "]}"

/* Three devices on mmio-v2: a and b alike, c with another Status and no
 * QueueNotify; a's config has a field, a reserved byte and a run of bytes
 * no layout names. A fourth device alone on pci-modern. */
static const char heatmap_json[] =
	"{\"schema\": \"vcheck/1\", \"verdict\": \"PASS\", \"cells\": [\n"
	" {\"name\": \"t.mmio-v2.direct\", \"target\": \"t\", \"transport\": \"mmio-v2\", \"mode\": \"sidefx\",\n"
	"  \"verdict\": \"PASS\", \"devices\": [\n"
	DEVICE("blk", "mmio@0", NOTIFY ", " STATUS_OK ",\n"
	       REG("config", "0x0", 1, "\"capacity\"", FIELD(0, 8), "\"constant\"", ALL_EMU) ",\n"
	       REG("config", "0x0", 2, "\"capacity\"", FIELD(0, 8), "\"constant\"", ALL_EMU) ",\n"
	       REG("config", "0x1", 1, "\"capacity+0x1\"", FIELD(0, 8), "\"volatile-notified\"",
		   MODELS(EMU, EMU, J("cannot-work", "a write aborts the guest (reference section 2), and no more"),
			  J("cannot-work", "snapshot"))) ",\n"
	       REG("config", "0x8", 1, "\"(reserved 0x8)\"", "", "\"constant\"", ALL_EMU) ",\n"
	       REG("config", "0x9", 1, "null", "", "\"constant\"", ALL_EMU) ",\n"
	       REG("config", "0xa", 2, "null", "", "\"latch\"",
		   MODELS(EMU, EMU, J("sync-backend", "stored"), J("sync-backend", "nowhere")))) ",\n"
	DEVICE("net", "mmio@200", NOTIFY ", " STATUS_OK) ",\n"
	DEVICE("rng", "mmio@400",
	       REG("transport", "0x70", 4, "\"Status\"", "", "\"latch\", \"write-triggers\"",
		   MODELS(EMU, EMU, J("cannot-work", "refuses (reference sections 2 and 4)"), J("sync-backend", "snapshot"))))
	"]},\n"
	" {\"name\": \"t.pci-modern.direct\", \"target\": \"t\", \"transport\": \"pci-modern\", \"mode\": \"sidefx\",\n"
	"  \"verdict\": \"PASS\", \"devices\": [\n"
	"{\"model\": \"rng\", \"interface\": \"pci-modern\", \"location\": \"pci@00:01.0\", \"checks\": [], \"registers\": ["
	REG("isr", "0x0", 1, "\"ISR\"", "", "\"read-clears\"",
	    MODELS(EMU, EMU, J("n/a", "no counterpart"), J("sync-backend", "read side effect"))) "]}]}]}\n";

static void test_readable_reasons(void **state)
{
	char *s = rep_reason_readable("a write aborts the guest (reference section 2), where the device did not");
	assert_string_equal(s, "a write aborts the guest (Gunyah's per-register write handling), where the device did not");
	free(s);
	s = rep_reason_readable("posted (reference sections 2 and 4): late");
	assert_string_equal(s, "posted (Gunyah's per-register write handling and Gunyah's Status and reset handling): late");
	free(s);
	s = rep_reason_readable("at most 16 queues (VIRTIO_MMIO_MAX_VQS, reference section 6): more");
	assert_string_equal(s, "at most 16 queues (VIRTIO_MMIO_MAX_VQS, Gunyah's queue limit): more");
	free(s);
	s = rep_reason_readable("sizes fault (reference section 1); reads: reference section 99");
	assert_string_equal(s, "sizes fault (Gunyah's access-size rules for trapped writes); reads: Gunyah's design");
	free(s);
	assert_null(rep_reason_readable("every access traps synchronously"));
	assert_null(rep_reason_readable(NULL));
}

/* The model shows the readable reason; results.json's stays as written. */
static void test_model_reasons_readable(void **state)
{
	struct rep_run run;
	load(heatmap_json, &run);
	const struct rep_register *r = &run.cells[0].devices[0].regs[4];
	assert_string_equal(r->offset, "0x1");
	assert_string_equal(r->models[VC_HV_GUNYAH].reason,
			    "a write aborts the guest (Gunyah's per-register write handling), and no more");
	assert_string_equal(r->models[VC_HV_PAGE].reason, "snapshot");
	assert_int_equal(r->field_offset, 0);
	assert_int_equal(run.cells[0].devices[0].regs[5].field_offset, -1);
	rep_free(&run);
}

static void test_transport_shared_once(void **state)
{
	struct rep_run run;
	struct rep_heatmap hm;
	load(heatmap_json, &run);
	rep_heatmap_build(&run, &hm);
	assert_int_equal(hm.ngroups, 2);
	const struct rep_hm_group *g = &hm.groups[0];
	assert_string_equal(g->interface, "mmio-v2");
	assert_int_equal(g->nrows, 3);
	assert_int_equal(g->ncells, 1);
	/* columns in register order, whichever device named them first */
	assert_int_equal(g->ncols, 2);
	assert_string_equal(g->cols[0].common->name, "QueueNotify");
	assert_string_equal(g->cols[1].common->name, "Status");
	/* Status: blk and net alike, so theirs is shared; rng shows its own */
	assert_ptr_equal(g->cols[1].common, &run.cells[0].devices[0].regs[1]);
	assert_int_equal(g->cols[1].deviating, 1);
	assert_int_equal(g->rows[0].slots[1], REP_HM_SHARED);
	assert_int_equal(g->rows[1].slots[1], REP_HM_SHARED);
	assert_int_equal(g->rows[2].slots[1], REP_HM_OWN);
	assert_int_equal(rep_hm_register(g->rows[2].own[1], VC_HV_GUNYAH).verdict, VC_HV_CANNOT_WORK);
	/* rng has no QueueNotify */
	assert_int_equal(g->rows[2].slots[0], REP_HM_ABSENT);
	assert_int_equal(g->cols[0].deviating, 1);
	/* a device alone in its group has nothing to share */
	assert_int_equal(hm.groups[1].nrows, 1);
	assert_int_equal(hm.groups[1].rows[0].slots[0], REP_HM_OWN);
	assert_int_equal(hm.groups[1].cols[0].deviating, 0);
	rep_heatmap_free(&hm);
	rep_free(&run);
}

static void test_config_cells(void **state)
{
	struct rep_run run;
	struct rep_heatmap hm;
	load(heatmap_json, &run);
	rep_heatmap_build(&run, &hm);
	const struct rep_hm_row *blk = &hm.groups[0].rows[0];
	assert_int_equal(blk->nconfig, 3);
	/* the field, whatever byte or width: the worst of its registers */
	assert_string_equal(blk->config[0].label, "capacity");
	assert_int_equal(blk->config[0].nregs, 3);
	assert_int_equal(blk->config[0].lo, 0);
	assert_int_equal(blk->config[0].hi, 1);
	struct rep_hm_verdict v = rep_hm_config_verdict(&blk->config[0], VC_HV_GUNYAH);
	assert_int_equal(v.verdict, VC_HV_CANNOT_WORK);
	assert_string_equal(v.at->offset, "0x1");
	assert_int_equal(rep_hm_config_verdict(&blk->config[0], VC_HV_KVM).verdict, VC_HV_EMULABLE);
	/* a byte the layout names, and a run of bytes it does not */
	assert_string_equal(blk->config[1].label, "(reserved 0x8)");
	assert_string_equal(blk->config[2].label, "0x9-0xb");
	assert_int_equal(blk->config[2].nregs, 2);
	assert_int_equal(rep_hm_config_verdict(&blk->config[2], VC_HV_PAGE).verdict, VC_HV_SYNC_BACKEND);
	assert_int_equal(hm.groups[0].rows[1].nconfig, 0);
	rep_heatmap_free(&hm);
	rep_free(&run);
}

static void test_html_heatmap(void **state)
{
	struct rep_run run;
	load(heatmap_json, &run);
	char *h = render(&run, rep_write_html);
	const char *hm = strstr(h, "<section id=\"heatmap\">");
	assert_non_null(hm);
	assert_true(hm > strstr(h, "<table id=\"matrix\">"));
	assert_true(hm < strstr(h, "<section class=\"sidefx-device\""));
	/* one legend, a symbol per verdict */
	assert_non_null(strstr(hm, "<li data-verdict=\"cannot-work\"><span class=\"hm hv-cannot-work\">\xe2\x9c\x97</span>"));
	assert_non_null(strstr(hm, "<li data-verdict=\"n/a\"><span class=\"hm hv-na\">\xe2\x80\x93</span>"));
	const char *gy = strstr(hm, "<section class=\"hm-model\" id=\"hm-gunyah\" data-model=\"gunyah\">");
	assert_non_null(gy);
	const char *pg = strstr(gy, "id=\"hm-page\"");
	assert_non_null(pg);
	/* the shared row: Status once, marked as deviating on one device */
	const char *shared = strstr(gy, "<tr class=\"hm-shared\"><th scope=\"row\">all 3 devices</th>");
	assert_non_null(shared);
	assert_non_null(strstr(shared, "<td data-register=\"Status\" data-deviating=\"1\" class=\"hm hv-special-case\" "
				       "data-verdict=\"special-case\" title=\"Status (transport 0x70, 4 bytes); some devices "
				       "differ, their rows show their own: special-case: stored as written\">\xe2\x97\x86<sup>"));
	/* net's row: nothing of its own; rng's: its Status, no QueueNotify */
	assert_non_null(strstr(gy, "data-device=\"net\" data-interface=\"mmio-v2\"><th scope=\"row\" title=\"t.mmio-v2.direct "
				   "mmio@200\">net</th><td class=\"hm-same\"></td><td class=\"hm-same\"></td>"
				   "<td class=\"hm-config\"></td></tr>"));
	const char *rng = strstr(gy, "data-device=\"rng\" data-interface=\"mmio-v2\"");
	assert_non_null(rng);
	assert_non_null(strstr(rng, "<td class=\"hm-absent\" title=\"not examined on this device\"></td>"
				    "<td data-register=\"Status\" class=\"hm hv-cannot-work\" data-verdict=\"cannot-work\" "
				    "title=\"Status (transport 0x70, 4 bytes): cannot-work: refuses (Gunyah&#39;s per-register "
				    "write handling and Gunyah&#39;s Status and reset handling)\">\xe2\x9c\x97<sup>"));
	/* blk's config cells: the field with its worst verdict and reason */
	assert_non_null(strstr(gy, "<span data-field=\"capacity\" class=\"hm hv-cannot-work\" data-verdict=\"cannot-work\" "
				   "title=\"capacity (config 0x0-0x1, 3 registers; this verdict at 0x1/1): cannot-work: "
				   "a write aborts the guest (Gunyah&#39;s per-register write handling), and no more\">"
				   "\xe2\x9c\x97<sup>"));
	assert_non_null(strstr(gy, "data-field=\"0x9-0xb\" class=\"hm hv-sync-backend\""));
	/* the reasons listed under the model's tables, readable */
	const char *list = strstr(gy, "<ol class=\"hm-reasons\">");
	assert_non_null(list);
	assert_true(list < pg);
	assert_non_null(strstr(list, "data-verdict=\"cannot-work\"><span class=\"hm hv-cannot-work\">\xe2\x9c\x97</span> "
				     "cannot-work: a write aborts the guest (Gunyah&#39;s per-register write handling)"));
	assert_null(strstr(h, "reference section"));
	/* the lone pci-modern device: no shared row, its own ISR cell */
	const char *pci = strstr(gy, "data-interface=\"pci-modern\"><caption>t, pci-modern: 1 device</caption>");
	assert_non_null(pci);
	const char *shared_pci = strstr(pci, "hm-shared");
	assert_true(!shared_pci || shared_pci > strstr(pci, "</table>"));
	assert_non_null(strstr(pci, "<td data-register=\"ISR\" class=\"hm hv-na\" data-verdict=\"n/a\""));
	free(h);
	rep_free(&run);
}

static void test_html_heatmap_valid_html5(void **state)
{
	struct rep_run run;
	load(heatmap_json, &run);
	assert_valid_html5(&run);
	rep_free(&run);
}

static void test_md_cannot_serve(void **state)
{
	struct rep_run run;
	load(heatmap_json, &run);
	char *md = render(&run, rep_write_md);
	assert_non_null(strstr(md, "### What each model cannot serve\n"));
	/* the shared transport once; per device only its own cells */
	assert_non_null(strstr(md, "- **the transport registers most devices on mmio-v2 share** (3 devices): "
				   "page sync-backend: 1 transport register\n"));
	assert_non_null(strstr(md, "- **blk** on mmio-v2 (t.mmio-v2.direct): gunyah cannot-work: capacity; "
				   "sync-backend: 0x9-0xb \xc2\xb7 page cannot-work: capacity; sync-backend: 0x9-0xb\n"));
	assert_non_null(strstr(md, "- **net** on mmio-v2 (t.mmio-v2.direct): nothing of its own that a model "
				   "cannot serve\n"));
	assert_non_null(strstr(md, "- **rng** on mmio-v2 (t.mmio-v2.direct): gunyah cannot-work: Status \xc2\xb7 "
				   "page sync-backend: 1 transport register\n"));
	/* a lone device's line has all its cells */
	assert_non_null(strstr(md, "- **rng** on pci-modern (t.pci-modern.direct): page sync-backend: "
				   "1 transport register\n"));
	assert_null(strstr(md, "pci-modern share"));
	free(md);
	rep_free(&run);
}

static void test_outputs(void **state)
{
	static const char *const want[] = { "report.md", "report-checks.md", "report-registers.md", "report.html" };
	size_t n = 0;
	for (; rep_outputs[n].name; n++) {
		assert_true(n < 4);
		assert_string_equal(rep_outputs[n].name, want[n]);
		assert_non_null(rep_outputs[n].write);
	}
	assert_int_equal(n, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_readable_reasons),
		cmocka_unit_test(test_model_reasons_readable),
		cmocka_unit_test(test_transport_shared_once),
		cmocka_unit_test(test_config_cells),
		cmocka_unit_test(test_html_heatmap),
		cmocka_unit_test(test_html_heatmap_valid_html5),
		cmocka_unit_test(test_md_cannot_serve),
		cmocka_unit_test(test_outputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
