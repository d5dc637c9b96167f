#include <stdio.h>
#include <string.h>
#include "harness/plan/catalogue.h"
#include "harness/util/json.h"
#include "harness/util/vec.h"
#include "harness/results/results_json.h"
#include "harness/util/fsutil.h"
#include "harness/results/results_registers.h"

#ifndef VC_VERSION
#define VC_VERSION "unknown"
#endif

static void hex_words(struct vc_json *j, const uint32_t *w, unsigned n)
{
	char buf[16];
	json_arr(j);
	for (unsigned i = 0; i < n; i++) {
		snprintf(buf, sizeof(buf), "0x%08x", w[i]);
		json_str(j, buf);
	}
	json_arr_end(j);
}

static void hex_bytes(struct vc_json *j, const char *key, const uint8_t *b, size_t n)
{
	json_key(j, key);
	char *s = vc_hexdup(b, n);
	json_str(j, s);
	vc_hexfree(s);
}

/* "a@0x70,b@0x30" -> ["a@0x70", "b@0x30"] */
static void write_rules(struct vc_json *j, const char *rules)
{
	json_key(j, "rules");
	json_arr(j);
	for (const char *w = rules; *w; w += strcspn(w, ",")) {
		w += *w == ',';
		char one[64];
		size_t n = strcspn(w, ",");
		n = n < sizeof(one) - 1 ? n : sizeof(one) - 1;
		memcpy(one, w, n);
		one[n] = 0;
		if (one[0])
			json_str(j, one);
	}
	json_arr_end(j);
}

static void write_check(struct vc_json *j, const struct vc_check_result *k)
{
	const struct vc_check *c = vc_catalogue_find(k->id);
	json_obj(j);
	json_kstr(j, "id", k->id);
	json_kstr(j, "verdict", vc_verdict_name(k->verdict));
	json_kstr(j, "spec", c ? c->spec : NULL);
	json_kstr(j, "level", c ? vc_level_name(c->level) : NULL);
	json_kstr(j, "title", c ? c->title : NULL);
	json_kstr(j, "detail", k->detail && k->detail[0] ? k->detail : NULL);
	if (k->baseline_reason)
		json_kstr(j, "baseline", k->baseline_reason);
	if (k->rules)
		write_rules(j, k->rules);
	if (k->timed) {
		json_ku64(j, "guest_us", k->us);
		json_ku64(j, "reset_us", k->reset_us);
	}
	if (k->boot)
		json_ku64(j, "boot", k->boot); /* a resumed boot after the VMM died (resume.h) */
	json_obj_end(j);
}

static void write_device(struct vc_json *j, const struct vc_device *d)
{
	char buf[32];
	json_obj(j);
	json_kstr(j, "model", d->model);
	json_ku64(j, "device_id", d->device_id);
	snprintf(buf, sizeof(buf), "0x%x", d->vendor_id);
	json_kstr(j, "vendor_id", buf);
	json_kstr(j, "location", d->location);
	json_kstr(j, "interface", d->interface);
	if (d->version)
		json_ku64(j, "version", d->version);
	if (d->is_pci) {
		snprintf(buf, sizeof(buf), "0x%04x", d->pci_device);
		json_kstr(j, "pci_device_id", buf);
		json_ku64(j, "pci_revision", d->pci_revision);
		snprintf(buf, sizeof(buf), "0x%04x", d->pci_subsys);
		json_kstr(j, "pci_subsystem_id", buf);
	}
	json_key(j, "feature_words");
	hex_words(j, d->feature_words, d->nfeature_words);
	json_key(j, "queues");
	json_arr(j);
	for (size_t q = 0; q < d->nqueues; q++) {
		json_obj(j);
		json_ku64(j, "index", d->queues[q].index);
		json_ku64(j, "num_max", d->queues[q].num_max);
		json_obj_end(j);
	}
	json_arr_end(j);
	hex_bytes(j, "config", d->config, d->config_len);
	hex_bytes(j, "config_past_end", d->past_end, d->past_end_len);
	if (d->window_size) {
		json_key(j, "config_window");
		json_obj(j);
		json_ku64(j, "size", d->window_size);
		json_ku64(j, "examined", d->window_active);
		json_obj_end(j);
	}
	json_ku64(j, "faults", d->faults);
	if (d->backend_faults)
		json_ku64(j, "backend_faults", d->backend_faults);
	if (d->nqemu_status) {
		json_key(j, "qemu_status");
		json_arr(j);
		for (size_t k = 0; k < d->nqemu_status; k++) {
			const struct vc_qemu_status *q = &d->qemu_status[k];
			json_obj(j);
			json_ku64(j, "after", q->after_seq);
			json_kstr(j, "status", q->status);
			json_key(j, "started");
			json_bool(j, q->started);
			json_key(j, "vhost_started");
			json_bool(j, q->vhost_started);
			json_key(j, "broken");
			json_bool(j, q->broken);
			json_kstr(j, "guest_features", q->guest_features);
			json_obj_end(j);
		}
		json_arr_end(j);
	}
	json_key(j, "checks");
	json_arr(j);
	for (size_t k = 0; k < d->nchecks; k++)
		write_check(j, &d->checks[k]);
	json_arr_end(j);
	if (d->nsfx)
		vc_write_registers(j, d);
	json_obj_end(j);
}

static void write_cell(struct vc_json *j, const struct vc_cell *c)
{
	json_obj(j);
	json_kstr(j, "name", c->name);
	json_kstr(j, "target", c->target);
	json_kstr(j, "arch", c->arch);
	json_kstr(j, "transport", c->transport);
	json_kstr(j, "personality", c->personality);
	json_kstr(j, "accel", c->accel);
	json_kstr(j, "accel_why", c->accel_why);
	json_kstr(j, "mode", c->sidefx ? "sidefx" : "checks");
	json_kstr(j, "outcome", vc_outcome_name(c->outcome));
	json_kstr(j, "outcome_detail", c->outcome_detail);
	json_kstr(j, "verdict", vc_verdict_name(vc_cell_verdict(c)));
	json_key(j, "seconds");
	json_num(j, c->seconds);
	json_kstr(j, "logs", c->log_dir);
	if (c->boots > 1)
		json_ku64(j, "boots", c->boots);
	json_ku64(j, "records", c->records);
	json_ku64(j, "noise_lines", c->noise_lines);
	json_kstr(j, "console", c->console[0] ? c->console : NULL);
	json_key(j, "problems");
	json_arr(j);
	for (size_t p = 0; p < c->nproblems; p++)
		json_str(j, c->problems[p]);
	json_arr_end(j);
	json_key(j, "attached");
	json_arr(j);
	for (size_t e = 0; e < c->nexpected; e++) {
		json_obj(j);
		json_kstr(j, "model", c->expected[e].model);
		json_kstr(j, "location", c->expected[e].location);
		json_ku64(j, "device_id", c->expected[e].device_id);
		json_obj_end(j);
	}
	json_arr_end(j);
	if (c->ndaemons) {
		json_key(j, "daemons");
		json_arr(j);
		for (size_t k = 0; k < c->ndaemons; k++) {
			json_obj(j);
			json_kstr(j, "model", c->daemons[k].model);
			json_kstr(j, "program", c->daemons[k].program);
			json_kstr(j, "log", c->daemons[k].log);
			json_kstr(j, "ended", c->daemons[k].ended);
			json_kstr(j, "log_tail", c->daemons[k].says);
			json_obj_end(j);
		}
		json_arr_end(j);
	}
	json_key(j, "devices");
	json_arr(j);
	for (size_t d = 0; d < c->ndevices; d++)
		write_device(j, &c->devices[d]);
	json_arr_end(j);
	json_obj_end(j);
}

int vc_write_results_json(const struct vc_run *run, const char *path)
{
	char tmp[4300];
	FILE *f = vc_create_file(path, tmp, sizeof(tmp));
	if (!f)
		return -1;
	struct vc_json j;
	json_init(&j, f);
	json_obj(&j);
	json_kstr(&j, "schema", "vcheck/1");
	/* who wrote it: `vcheck merge` refuses to join runs of different
	 * builds or check catalogues, whose verdicts do not compare */
	json_kstr(&j, "vcheck", VC_VERSION);
	char catalogue[16];
	snprintf(catalogue, sizeof(catalogue), "0x%08x", (unsigned)vc_catalogue_fingerprint());
	json_kstr(&j, "catalogue", catalogue);
	json_kstr(&j, "verdict", vc_verdict_name(vc_run_verdict(run)));
	json_key(&j, "cells");
	json_arr(&j);
	for (size_t i = 0; i < run->ncells; i++)
		write_cell(&j, &run->cells[i]);
	json_arr_end(&j);
	json_obj_end(&j);
	return vc_commit_file(f, tmp, path);
}
