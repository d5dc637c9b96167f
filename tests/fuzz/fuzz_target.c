/* Target files (harness/plan/target.h): the parser on the input as text,
 * then what `vcheck run --target FILE` does with a target it accepted:
 * lookups, {share}/{bin} substitution, and a planned cell
 * (harness/plan/plan.h, every placeholder expanded into QEMU's command
 * line) for every transport under every personality that runs on it, in
 * catalogue and side-effect mode. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "harness/model/model.h"
#include "harness/plan/plan.h"
#include "harness/plan/target.h"
#include "fuzz_common.h"

/* Weak: target.h gains vc_target_set_dirs in a change under way; until it
 * is in, the harness builds without it and skips the substitution. */
void vc_target_set_dirs(struct vc_target *t, const char *share, const char *bin) __attribute__((weak));

static void plan_all(const struct vc_target *t)
{
	struct vc_run run = { 0 };
	const struct vc_personality_def *pers[8];
	size_t np = 0;
	pers[np++] = vc_target_personality(t, "direct");
	for (size_t i = 0; i < t->npersonalities && np < 8; i++)
		pers[np++] = &t->personalities[i];
	for (size_t i = 0; i < t->ntransports; i++) {
		const struct vc_transport_def *tr = &t->transports[i];
		fz_require(vc_target_transport(t, tr->name) == tr, "transport '%s' not found by name", tr->name);
		for (size_t k = 0; k < np; k++) {
			if (!pers[k] || !vc_personality_runs_on(pers[k], tr->name))
				continue;
			for (int sidefx = 0; sidefx < 2; sidefx++) {
				struct vc_plan_options o = { .out_dir = "/nonexistent/out", .image_dir = "/nonexistent/img",
							     .bootargs = "vcheck.only=X", .sidefx = sidefx,
							     .personality = k ? pers[k] : NULL };
				struct vc_cell_plan p = { 0 };
				char err[512];
				int rc = vc_plan_cell(&run, t, tr, &o, &p, err, sizeof(err));
				fz_note("plan %s/%s%s: %s\n", tr->name, pers[k]->name, sidefx ? " sidefx" : "", rc ? err : "ok");
				if (rc == 0) {
					fz_require(p.argv && p.argc && !p.argv[p.argc], "argv not terminated");
					for (size_t e = 0; e < p.nevents; e++)
						(void)vc_plan_event(&p, p.events[e].location, p.events[e].name);
				}
				vc_plan_free(&p);
			}
		}
	}
	vc_run_free(&run);
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	char *text = fz_strndup(d, n), err[512] = "";
	struct vc_target t;
	if (vc_target_parse("fuzz.target", text, &t, err, sizeof(err))) {
		fz_note("target refused: %s\n", err);
		fz_require(!strncmp(err, "fuzz.target:", 12), "error '%s' does not name the file", err);
		vc_target_free(&t);
		free(text);
		return 0;
	}
	free(text);
	for (size_t i = 0; i < t.ndevices; i++) {
		const struct vc_device_def *dv = &t.devices[i];
		fz_require(vc_target_device(&t, dv->name) == dv, "device '%s' not found by name", dv->name);
		for (size_t k = 0; k < t.ntransports; k++) {
			size_t len;
			(void)vc_device_runs_on(dv, &t.transports[k]);
			(void)vc_device_lacks(dv, &t.transports[k], &len);
		}
		for (size_t e = 0; e < dv->nevents; e++)
			fz_require(vc_device_event(dv, dv->events[e].name), "event '%s' lost", dv->events[e].name);
		free(vc_daemon_program(dv));
	}
	char loc[64];
	for (unsigned s = 0; s < 3; s++)
		vc_plan_location(&t, VC_BUS_MMIO, s, loc, sizeof(loc)), vc_plan_location(&t, VC_BUS_PCI, s, loc, sizeof(loc));
	if (vc_target_set_dirs)
		vc_target_set_dirs(&t, "/usr/share/vcheck", "/usr/lib/vcheck");
	plan_all(&t);
	vc_target_free(&t);
	return 0;
}
