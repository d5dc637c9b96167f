/* Baselines (harness/plan/baseline.h): the input as a baseline file, parsed
 * without a target and against the default target (names checked against
 * its transports and personalities), then applied to cells of every
 * transport and personality of that target whose devices ran the checks
 * the baseline names, with verdicts that turn into XFAIL and XPASS. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_pipeline.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fz_setup();
	return 0;
}

/* The first name of a comma list ("*" stays "*"). */
static char *first_name(const char *list)
{
	char *s = vc_xstrdup(list);
	s[strcspn(s, ",")] = 0;
	return s;
}

static void apply(struct vc_baseline *b, const struct vc_target *t)
{
	static const enum vc_verdict verdicts[] = { VC_FAIL, VC_PASS, VC_FAULT, VC_WARN, VC_SKIP };
	static const char *const personalities[] = { "direct", "gunyah", "xen", NULL };
	for (size_t tr = 0; tr < t->ntransports; tr++)
		for (size_t p = 0; p < sizeof(personalities) / sizeof(personalities[0]); p++) {
			struct vc_run run = { 0 };
			struct vc_cell *c = VEC_PUSH(run.cells, run.ncells, run.capcells);
			c->transport = vc_xstrdup(t->transports[tr].name);
			c->personality = personalities[p] ? vc_xstrdup(personalities[p]) : NULL;
			size_t ifn;
			const char *at = t->transports[tr].interfaces, *ifc = vc_next_word(&at, &ifn);
			for (size_t e = 0; e < b->n && e < 64; e++) { /* the apply is checks x entries */
				struct vc_device *d = VEC_PUSH(c->devices, c->ndevices, c->capdevices);
				d->model = first_name(b->entries[e].model);
				d->interface = ifc ? vc_xasprintf("%.*s", (int)ifn, ifc) : NULL;
				d->location = vc_xstrdup("mmio@0xa000000");
				char *ids = vc_xstrdup(b->entries[e].check), *save;
				unsigned k = (unsigned)e;
				for (char *id = strtok_r(ids, ",", &save); id; id = strtok_r(NULL, ",", &save), k++) {
					struct vc_check_result *r = VEC_PUSH(d->checks, d->nchecks, d->capchecks);
					r->id = vc_xstrdup(id);
					r->verdict = verdicts[k % (sizeof(verdicts) / sizeof(verdicts[0]))];
				}
				free(ids);
			}
			vc_baseline_apply_cell(b, c);
			for (size_t i = 0; i < c->ndevices; i++)
				for (size_t k = 0; k < c->devices[i].nchecks; k++) {
					const struct vc_check_result *r = &c->devices[i].checks[k];
					fz_require(!r->baseline_reason || r->verdict == VC_XFAIL || r->verdict == VC_XPASS,
						   "a reason on verdict %s", vc_verdict_name(r->verdict));
				}
			vc_run_free(&run);
		}
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	const struct vc_target *t = &fz_setup()->target;
	char *text = fz_strndup(d, n), err[512] = "";
	struct vc_baseline b;
	if (vc_baseline_parse("fuzz.baseline", text, NULL, &b, err, sizeof(err)) == 0)
		vc_baseline_free(&b);
	else
		fz_require(!strncmp(err, "fuzz.baseline:", 14), "error '%s'", err);
	int rc = vc_baseline_parse("fuzz.baseline", text, t, &b, err, sizeof(err));
	fz_note("baseline against the target: %s\n", rc ? err : "ok");
	if (rc == 0) {
		apply(&b, t);
		vc_baseline_free(&b);
	}
	free(text);
	return 0;
}
