/* The reports' backend parts (reports/report_*backend.c): the daemons a
 * cell ran, QEMU's view of a device and the vhost-user requests a register
 * sent, on a hand-written results.json in the shape docs/results-schema.md
 * gives; and their absence where a run has none. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "tests/unit/report_test_util.h"
#include "reports/report_backend.h"

#define MODELS "\"models\": {\"kvm\": {\"verdict\": \"emulable\"}, \"xen\": {\"verdict\": \"emulable\"}," \
	       " \"gunyah\": {\"verdict\": \"cannot-work\"}, \"page\": {\"verdict\": \"sync-backend\"}}"

static const char backend_json[] =
	"{\"schema\": \"vcheck/1\", \"verdict\": \"PASS\", \"cells\": [\n"
	" {\"name\": \"t.mmio-v2.direct\", \"target\": \"t\", \"transport\": \"mmio-v2\", \"personality\": \"direct\",\n"
	"  \"mode\": \"sidefx\", \"outcome\": \"completed\", \"verdict\": \"PASS\", \"seconds\": 2.5,\n"
	"  \"daemons\": [{\"model\": \"vhost-user-blk\", \"program\": \"qemu-storage-daemon\",\n"
	"    \"log\": \"daemon-vhost-user-blk0.txt\", \"ended\": \"exited with status 3\",\n"
	"    \"log_tail\": \"vu_panic: a <b> | c\"}],\n"
	"  \"devices\": [{\"model\": \"vhost-user-blk\", \"interface\": \"mmio-v2\", \"location\": \"mmio@0xa000000\",\n"
	"   \"checks\": [],\n"
	"   \"qemu_status\": [{\"after\": 121, \"status\": \"FAILED|DRIVER_OK\", \"started\": true,\n"
	"     \"vhost_started\": false, \"guest_features\": \"VIRTIO_BLK_F_FLUSH\"}],\n"
	"   \"registers\": [\n"
	"    {\"space\": \"config\", \"offset\": \"0x20\", \"width\": 1, \"name\": \"writeback\", \"spec_access\": \"rw\",\n"
	"     \"classes\": [\"latch\", \"write-triggers\"], \"evidence\": [],\n"
	"     \"backend\": {\"on_write\": [\"SET_CONFIG\"], \"on_read\": [\"GET_CONFIG\"]}, " MODELS "},\n"
	"    {\"space\": \"config\", \"offset\": \"0x0\", \"width\": 8, \"name\": \"capacity\", \"spec_access\": \"r\",\n"
	"     \"classes\": [\"constant\"], \"evidence\": [], " MODELS "}]}]}]}\n";

/* A side-effect run of a device QEMU serves itself: none of the three. */
static const char plain_sidefx_json[] =
	"{\"schema\": \"vcheck/1\", \"verdict\": \"PASS\", \"cells\": [{\"name\": \"c\", \"mode\": \"sidefx\",\n"
	" \"devices\": [{\"model\": \"rng\", \"interface\": \"mmio-v2\", \"checks\": [], \"registers\": [\n"
	"  {\"space\": \"transport\", \"offset\": \"0x0\", \"width\": 4, \"name\": \"MagicValue\",\n"
	"   \"classes\": [\"constant\"], \"evidence\": [], " MODELS "}]}]}]}";

static void test_model_reads_backend_data(void **state)
{
	struct rep_run run;
	load(backend_json, &run);
	const struct rep_cell *c = &run.cells[0];
	assert_true(run.any_daemons);
	assert_int_equal(c->ndaemons, 1);
	assert_string_equal(c->daemons[0].ended, "exited with status 3");
	const struct rep_device *d = &c->devices[0];
	assert_true(d->has_backend);
	assert_int_equal(d->nqstatus, 1);
	assert_true(d->qstatus[0].after == 121);
	assert_int_equal(d->qstatus[0].started, 1);
	assert_int_equal(d->qstatus[0].vhost_started, 0);
	assert_int_equal(d->qstatus[0].broken, -1); /* absent */
	char text[64];
	rep_backend_text(&d->regs[0], text, sizeof(text));
	assert_string_equal(text, "write: SET_CONFIG; read: GET_CONFIG");
	rep_backend_text(&d->regs[1], text, sizeof(text));
	assert_string_equal(text, "");
	rep_free(&run);
}

static void test_markdown_shows_backend(void **state)
{
	struct rep_run run;
	load(backend_json, &run);
	/* the daemons in the summary; the register tables, with their backend
	 * column and QEMU's view, in report-registers.md */
	char *md = render(&run, rep_write_md), *regs = render(&run, rep_write_md_registers);
	assert_non_null(strstr(md, "## Backend daemons\n"));
	assert_non_null(strstr(md, "| t.mmio-v2.direct | vhost-user-blk | qemu-storage-daemon | exited with status 3 | "
				   "daemon-vhost-user-blk0.txt | vu\\_panic: a \\<b\\> \\| c |"));
	assert_non_null(strstr(regs, "| classes | backend | kvm |"));
	assert_non_null(strstr(regs, "| latch, write-triggers | write: SET\\_CONFIG; read: GET\\_CONFIG | emulable |"));
	assert_non_null(strstr(regs, "| constant | - | emulable |"));
	assert_non_null(strstr(regs, "| \\#121 | FAILED\\|DRIVER\\_OK | yes | no | - | VIRTIO\\_BLK\\_F\\_FLUSH |"));
	free(md);
	free(regs);
	rep_free(&run);
}

static void test_html_shows_backend(void **state)
{
	struct rep_run run;
	load(backend_json, &run);
	char *h = render(&run, rep_write_html);
	const char *row = strstr(h, "<tr data-cell=\"t.mmio-v2.direct\" data-device=\"vhost-user-blk\" "
				    "data-program=\"qemu-storage-daemon\" data-ended=\"exited with status 3\">");
	assert_non_null(row);
	assert_true(row > strstr(h, "<table id=\"daemon-table\">"));
	assert_non_null(strstr(row, "<td>vu_panic: a &lt;b&gt; | c</td>"));
	assert_non_null(strstr(h, "<td class=\"backend\" data-on-write=\"SET_CONFIG\" data-on-read=\"GET_CONFIG\">"
				  "write: SET_CONFIG; read: GET_CONFIG</td>"));
	assert_non_null(strstr(h, "<td class=\"backend\" data-on-write=\"\" data-on-read=\"\">&mdash;</td>"));
	assert_non_null(strstr(h, "<tr data-after=\"121\" data-status=\"FAILED|DRIVER_OK\"><td>#121</td>"));
	assert_null(strstr(h, "<b>"));
	free(h);
	rep_free(&run);
}

static void test_no_backend_no_sections(void **state)
{
	struct rep_run run;
	load(plain_sidefx_json, &run);
	char *md = render(&run, rep_write_md), *h = render(&run, rep_write_html);
	char *regs = render(&run, rep_write_md_registers);
	assert_null(strstr(md, "Backend daemons"));
	assert_null(strstr(regs, "| backend |"));
	assert_null(strstr(regs, "x-query-virtio-status"));
	assert_null(strstr(h, "id=\"daemons\""));
	assert_null(strstr(h, "class=\"backend\""));
	assert_null(strstr(h, "qemu-status"));
	free(md);
	free(regs);
	free(h);
	rep_free(&run);
}

static void test_malformed_backend_data_refused(void **state)
{
	static const struct { const char *text, *what; } cases[] = {
		{ "{\"schema\": \"vcheck/1\", \"cells\": [{\"daemons\": [1], \"devices\": []}]}", "cells[0].daemons[0]" },
		{ "{\"schema\": \"vcheck/1\", \"cells\": [{\"daemons\": {}, \"devices\": []}]}", "cells[0].daemons" },
		{ "{\"schema\": \"vcheck/1\", \"cells\": [{\"devices\": [{\"qemu_status\": \"x\"}]}]}",
		  "cells[0].devices[0].qemu_status" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rep_run run;
		char err[256] = "";
		int rc = rep_load(cases[i].text, strlen(cases[i].text), &run, err, sizeof(err));
		rep_free(&run);
		if (rc == 0 || !strstr(err, cases[i].what))
			fail_msg("case %zu: rc %d, error \"%s\", wanted \"%s\"", i, rc, err, cases[i].what);
	}
}

static void test_html_valid_html5(void **state)
{
	struct rep_run run;
	load(backend_json, &run);
	assert_valid_html5(&run);
	rep_free(&run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_reads_backend_data),
		cmocka_unit_test(test_markdown_shows_backend),
		cmocka_unit_test(test_html_shows_backend),
		cmocka_unit_test(test_no_backend_no_sections),
		cmocka_unit_test(test_malformed_backend_data_refused),
		cmocka_unit_test(test_html_valid_html5),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
