/* The host's path for one cell, as `vcheck run` takes it (harness/run/
 * runner.c, cli/run.c), for the harnesses that feed a console: a cell with
 * the devices the default target attaches at the locations real runs use,
 * the collector (with the runner's answer to "query" records), the
 * runner's conclusion, side-effect classification, the target's baseline,
 * results.json and JUnit, then results.json read back by the report loader
 * and rendered. That last step is a property: vcheck must be able to read
 * what vcheck wrote, whatever the guest sent. */
#ifndef VC_FUZZ_PIPELINE_H
#define VC_FUZZ_PIPELINE_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/collect/collect.h"
#include "harness/collect/qemu_status.h"
#include "harness/collect/sfx_chardev.h"
#include "harness/classify/sfx_cell.h"
#include "harness/plan/baseline.h"
#include "harness/plan/target.h"
#include "harness/results/results_json.h"
#include "harness/util/vec.h"
#include "reports/junit.h"
#include "reports/report_writers.h"
#include "fuzz_common.h"

#ifndef VC_FUZZ_SOURCE_DIR
#error "VC_FUZZ_SOURCE_DIR: the repository, for the default target and its baseline"
#endif

/* The default target and its baseline, read once: inputs never change them
 * (the baseline's `used` marks are cleared after every input). */
struct fz_setup {
	struct vc_target target;
	struct vc_baseline baseline;
};

static inline struct fz_setup *fz_setup(void)
{
	static struct fz_setup s;
	static int loaded;
	if (!loaded) {
		char err[512];
		if (vc_target_load(VC_FUZZ_SOURCE_DIR "/harness/targets/qemu-aarch64-virt.target", &s.target, err,
				   sizeof(err)) ||
		    vc_baseline_load(VC_FUZZ_SOURCE_DIR "/harness/targets/qemu-aarch64-virt.baseline", &s.target,
				     &s.baseline, err, sizeof(err))) {
			fprintf(stderr, "fuzz setup: %s\n", err);
			abort();
		}
		loaded = 1;
	}
	return &s;
}

/* The devices the plan attached: one per device the console announces
 * (the target's first model of that type, at that location, as a plan
 * that matched the guest would have), and one the guest never finds. */
static inline void fz_expect(struct vc_cell *c, const char *model, const char *loc, size_t loclen, uint32_t id,
			     const char *chardev_out)
{
	struct vc_expected *e = VEC_PUSH(c->expected, c->nexpected, c->capexpected);
	e->model = vc_xstrdup(model);
	e->location = vc_xasprintf("%.*s", (int)loclen, loc);
	e->device_id = id;
	e->chardev_out = chardev_out ? vc_xstrdup(chardev_out) : NULL;
}

static inline struct vc_cell *fz_new_cell(struct vc_run *run, int sidefx, const char *console, size_t n,
					  const char *chardev_out)
{
	const struct vc_target *t = &fz_setup()->target;
	memset(run, 0, sizeof(*run));
	struct vc_cell *c = VEC_PUSH(run->cells, run->ncells, run->capcells);
	c->name = vc_xstrdup("qemu-aarch64-virt.mmio-v2.direct");
	c->target = vc_xstrdup("qemu-aarch64-virt");
	c->arch = vc_xstrdup("aarch64");
	c->transport = vc_xstrdup("mmio-v2");
	c->personality = vc_xstrdup("direct");
	c->log_dir = vc_xstrdup("cells/qemu-aarch64-virt.mmio-v2.direct");
	c->sidefx = sidefx;
	/* " dev ... loc=L ... id=N" in the first 16 announcements */
	for (const char *p = console, *end = console + n; p && p < end && c->nexpected < 16;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *le = nl ? nl : end;
		size_t len = (size_t)(le - p);
		const char *dev = len > 10 ? memmem(p, len, " dev ", 5) : NULL;
		const char *loc = dev ? memmem(p, len, " loc=", 5) : NULL, *id = dev ? memmem(p, len, " id=", 4) : NULL;
		if (loc && id) {
			size_t ll = strcspn(loc + 5, " \n");
			unsigned long type = strtoul(id + 4, NULL, 10);
			const char *model = "unknown";
			for (size_t i = 0; i < t->ndevices; i++)
				if (t->devices[i].type == type) {
					model = t->devices[i].name;
					break;
				}
			if (loc + 5 + ll <= le)
				fz_expect(c, model, loc + 5, ll, (uint32_t)type, chardev_out);
		}
		p = nl ? nl + 1 : NULL;
	}
	fz_expect(c, "net", "mmio@0xa000e00", 14, 1, NULL);
	return c;
}

/* The runner's answer to a "query" record (harness/run/host_events.c):
 * QEMU's view of the device, here a fixed x-query-virtio-status reply run
 * through the real parser. */
static inline void fz_on_ask(void *ctx, const struct vc_rec *r)
{
	static const char reply[] =
		"{\"return\": {\"started\": true, \"broken\": false, \"vhost-started\": false, \"status\": "
		"{\"statuses\": [\"VIRTIO_CONFIG_S_ACKNOWLEDGE: Valid virtio device found\", "
		"\"VIRTIO_CONFIG_S_DRIVER: Guest OS can drive device\"]}, \"guest-features\": {\"dev-features\": [], "
		"\"transports\": [\"VIRTIO_F_VERSION_1: Device compliant for v1 spec (legacy)\"]}}}";
	struct vc_cell *c = ctx;
	unsigned long long d;
	if (r->kind != VC_REC_QUERY || vc_rec_get_u64(r, "d", &d))
		return;
	for (size_t i = 0; i < c->ndevices; i++)
		if (c->devices[i].guest_index == d) {
			struct vc_qemu_status s = { .after_seq = r->seq ? r->seq - 1 : 0 };
			char err[256];
			if (vc_qemu_status_parse(reply, &s, err, sizeof(err)))
				abort();
			struct vc_device *dev = &c->devices[i];
			*VEC_PUSH(dev->qemu_status, dev->nqemu_status, dev->capqemu_status) = s;
			return;
		}
}

/* Feeds n bytes (whole, or in chunks of 1..4093 bytes from an LCG on
 * seed), then ends the stream and concludes the cell as the runner does
 * for a QEMU that exited by itself. */
static inline void fz_collect(struct vc_cell *c, const char *d, size_t n, int whole, uint32_t seed)
{
	struct vc_collector *k = malloc(sizeof(*k));
	if (!k)
		abort();
	vc_collect_init(k, c);
	k->on_ask = fz_on_ask, k->ask_ctx = c;
	for (size_t at = 0; at < n;) {
		size_t chunk = whole ? n - at : 1 + seed % 4093;
		if (chunk > n - at)
			chunk = n - at;
		vc_collect_feed(k, d + at, chunk);
		at += chunk;
		seed = seed * 1103515245u + 12345u;
	}
	vc_collect_finish(k);
	free(k);
	c->seconds = 0.25;
	if (c->ended) {
		c->outcome = VC_OUT_COMPLETED;
	} else {
		char *why = vc_xasprintf("the image stopped without its end record%s%s", c->outcome_detail ? ": " : "",
					 c->outcome_detail ? c->outcome_detail : "");
		free(c->outcome_detail);
		c->outcome_detail = why;
		c->outcome = VC_OUT_CRASHED;
	}
}

/* After a side-effect cell (harness/classify/sfx_cell.c, without the
 * trace file it opens: the harnesses join their trace themselves). */
static inline void fz_classify(struct vc_cell *c)
{
	for (size_t i = 0; i < c->ndevices; i++) {
		vc_sfx_classify_device(&c->devices[i]);
		vc_qemu_status_evidence(&c->devices[i]);
	}
	vc_sfx_chardev_evidence(c);
}

/* A writer into /dev/null that still formats everything. */
static inline void fz_render(const struct rep_run *run)
{
	FILE *f = fopen("/dev/null", "w");
	if (!f)
		abort();
	rep_write_md(run, f);
	rep_write_html(run, f);
	fclose(f);
}

/* Baseline, results.json, JUnit; results.json read back and rendered. */
static inline void fz_finish_run(struct vc_run *run)
{
	struct fz_setup *s = fz_setup();
	for (size_t i = 0; fz_verbose() && i < run->ncells; i++) {
		const struct vc_cell *c = &run->cells[i];
		fz_note("cell: %lu records, %lu noise, %zu devices, %zu problems%s%s, verdict %s\n", c->records,
			c->noise_lines, c->ndevices, c->nproblems, c->nproblems ? ", first: " : "",
			c->nproblems ? c->problems[0] : "", vc_verdict_name(vc_cell_verdict(c)));
		for (size_t k = 0; k < c->ndevices; k++) {
			const struct vc_device *dv = &c->devices[k];
			size_t evs = 0, ev = 0;
			for (size_t j = 0; j < dv->nsfx; j++)
				evs += dv->sfx[j].ndev_events;
			for (size_t j = 0; j < dv->nregisters; j++)
				ev += dv->registers[j].nevidence;
			fz_note("  device %u %s: %zu checks, %zu steps, %zu trace events, %zu registers, %zu evidence lines, "
				"%zu qemu-status\n", dv->guest_index, dv->model ? dv->model : "-", dv->nchecks, dv->nsfx, evs,
				dv->nregisters, ev, dv->nqemu_status);
		}
	}
	for (size_t i = 0; i < run->ncells; i++)
		vc_baseline_apply_cell(&s->baseline, &run->cells[i]);
	for (size_t i = 0; i < s->baseline.n; i++)
		s->baseline.entries[i].used = 0;
	(void)vc_run_verdict(run);

	char path[128];
	snprintf(path, sizeof(path), "%s/junit.xml", fz_dir());
	fz_require(vc_write_junit(run, path) == 0, "cannot write %s", path);
	snprintf(path, sizeof(path), "%s/results.json", fz_dir());
	fz_require(vc_write_results_json(run, path) == 0, "cannot write %s", path);
	size_t len;
	char *text = fz_read_file(path, &len);
	struct rep_run rep;
	char err[256] = "";
	int rc = rep_load(text, len, &rep, err, sizeof(err));
	fz_require(rc == 0, "the report loader refuses the results.json vcheck wrote: %s", err);
	fz_render(&rep);
	rep.models = rep.any_registers ? &rep : NULL; /* a side-effect run is its own --models */
	if (rep.models)
		fz_render(&rep);
	rep_free(&rep);
	free(text);
}
#endif
