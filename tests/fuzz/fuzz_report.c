/* `vcheck report`: results.json through the report loader
 * (reports/report_model.h) and every writer (reports/report_writers.h:
 * the Markdown summary, its checks and registers pages, and the HTML with
 * its heatmap, personalities, side-effect and backend sections) into
 * /dev/null.
 *
 * Input: RESULTS.JSON [FZ_SEP MODELS-RESULTS.JSON]. The second document is
 * what `--models` names (a side-effect run); without a usable one, a run
 * that has side-effect data is also given as its own models, so the
 * personality comparison resolves its rules against registers. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "reports/report_personalities.h"
#include "reports/report_writers.h"
#include "fuzz_common.h"

static void render(const struct rep_run *run)
{
	FILE *f = fopen("/dev/null", "w");
	if (!f)
		abort();
	fz_require(rep_write_md(run, f) == 0, "Markdown writer failed on /dev/null");
	fz_require(rep_write_md_checks(run, f) == 0, "report-checks.md writer failed on /dev/null");
	fz_require(rep_write_md_registers(run, f) == 0, "report-registers.md writer failed on /dev/null");
	fz_require(rep_write_html(run, f) == 0, "HTML writer failed on /dev/null");
	fclose(f);
}

/* As `vcheck report` reads a file: the text up to its first NUL. */
static int load(const uint8_t *d, size_t n, struct rep_run *run)
{
	char *text = fz_strndup(d, n), err[256] = "";
	int rc = rep_load(text, strlen(text), run, err, sizeof(err));
	if (rc)
		fz_require(err[0], "refused without a reason");
	fz_note("results.json: %s%s\n", rc ? "refused: " : "loaded", rc ? err : run->any_registers ? ", with registers" : "");
	free(text);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	size_t rn, mn;
	const uint8_t *results = fz_part(d, n, 0, &rn), *models = fz_part(d, n, 1, &mn);
	struct rep_run run, mrun = { 0 };
	int have_models = models && load(models, mn, &mrun) == 0 && mrun.any_registers;
	if (load(results, rn, &run) == 0) {
		render(&run);
		run.models = have_models ? &mrun : run.any_registers ? &run : NULL;
		if (run.models) {
			render(&run);
			struct rep_personalities p = { 0 };
			rep_pers_build(&run, run.models, &p);
			rep_pers_free(&p);
		}
	}
	rep_free(&run); /* also after a failure, half-loaded */
	rep_free(&mrun);
	return 0;
}
