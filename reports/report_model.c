/* Turns the parsed results.json into report structs. Only what a report
 * cannot do without is enforced (an object with schema "vcheck/1" and a
 * "cells" array of objects, and arrays of objects where the schema has
 * them); anything else missing shows as blank rather than failing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/util/errf.h"
#include "reports/report_model.h"
#include "reports/report_reason.h"
#include "harness/util/vec.h"

static int verdict_from(const char *name)
{
	for (int v = 0; name && v < VC_VERDICT__COUNT; v++)
		if (!strcmp(name, vc_verdict_name((enum vc_verdict)v)))
			return v;
	return REP_VERDICT_OTHER;
}

static int hv_verdict_from(const char *name)
{
	for (int v = 0; name && v < VC_HV_V__COUNT; v++)
		if (!strcmp(name, vc_hv_verdict_name((enum vc_hv_verdict)v)))
			return v;
	return REP_HV_OTHER;
}

const char *rep_verdict_label(int v)
{
	return v >= 0 && v < VC_VERDICT__COUNT ? vc_verdict_name((enum vc_verdict)v) : "other";
}

const char *rep_hv_label(int v)
{
	return v >= 0 && v < VC_HV_V__COUNT ? vc_hv_verdict_name((enum vc_hv_verdict)v)
	       : v == REP_HV_OTHER ? "unknown" : "none";
}

const char *rep_device_label(const struct rep_device *d)
{
	return d->model ? d->model : "(unattached)";
}

/* The strings of an array (others skipped), as a fresh pointer array. */
static const char **strings(const struct jv *arr, size_t *n)
{
	const char **out = vc_xcalloc(jv_count(arr) + 1, sizeof(*out));
	*n = 0;
	for (size_t i = 0; i < jv_count(arr); i++)
		if (jv_str(jv_at(arr, i), NULL))
			out[(*n)++] = jv_str(jv_at(arr, i), NULL);
	return out;
}

/* An array whose elements must all be objects; absent is an empty array. */
static int objects(const struct jv *arr, const char *path, char *err, size_t errlen)
{
	if (arr && !jv_is(arr, JV_ARR) && !jv_is(arr, JV_NULL))
		return vc_errf(err, errlen, "%s is not an array", path);
	for (size_t i = 0; i < jv_count(arr); i++)
		if (!jv_is(jv_at(arr, i), JV_OBJ))
			return vc_errf(err, errlen, "%s[%zu] is not an object", path, i);
	return 0;
}

static void load_check(const struct jv *o, struct rep_check *k)
{
	k->id = jv_gets(o, "id", NULL);
	k->verdict_name = jv_gets(o, "verdict", NULL);
	k->verdict = verdict_from(k->verdict_name);
	k->spec = jv_gets(o, "spec", NULL);
	k->level = jv_gets(o, "level", NULL);
	k->title = jv_gets(o, "title", NULL);
	k->detail = jv_gets(o, "detail", NULL);
	k->baseline = jv_gets(o, "baseline", NULL);
	k->rules = strings(jv_get(o, "rules"), &k->nrules);
}

static void load_register(const struct jv *o, struct rep_register *r)
{
	r->space = jv_gets(o, "space", NULL);
	r->offset = jv_gets(o, "offset", NULL);
	r->off = r->offset ? (uint32_t)strtoul(r->offset, NULL, 0) : 0;
	r->field_offset = (long)jv_int(jv_get(jv_get(o, "field"), "offset"), 0, 0xffffffffL, -1);
	r->width = (unsigned)jv_int(jv_get(o, "width"), 1, 1 << 20, 0);
	r->name = jv_gets(o, "name", NULL);
	r->spec_access = jv_gets(o, "spec_access", NULL);
	r->classes = strings(jv_get(o, "classes"), &r->nclasses);
	r->evidence = strings(jv_get(o, "evidence"), &r->nevidence);
	const struct jv *backend = jv_get(o, "backend");
	r->backend_write = strings(jv_get(backend, "on_write"), &r->nbackend_write);
	r->backend_read = strings(jv_get(backend, "on_read"), &r->nbackend_read);
	const struct jv *models = jv_get(o, "models");
	for (int m = 0; m < VC_HV__COUNT; m++) {
		const struct jv *j = jv_get(models, vc_hv_model_name((enum vc_hv_model)m));
		struct rep_judgement *jd = &r->models[m];
		jd->name = jv_gets(j, "verdict", "missing");
		jd->verdict = hv_verdict_from(jv_gets(j, "verdict", NULL));
		jd->reason = jv_gets(j, "reason", NULL);
		if ((jd->owned_reason = rep_reason_readable(jd->reason)))
			jd->reason = jd->owned_reason;
	}
}

/* The worst verdict a model gives any register: among those that apply,
 * the highest of emulable < special-case < sync-backend < cannot-work; a
 * model that applies to none is n/a (or unknown when names were unknown). */
static int worst_of(const unsigned counts[VC_HV_V__COUNT + 1])
{
	for (int v = VC_HV_CANNOT_WORK; v >= VC_HV_EMULABLE; v--)
		if (counts[v])
			return v;
	if (counts[VC_HV_NOT_APPLICABLE])
		return VC_HV_NOT_APPLICABLE;
	return counts[REP_HV_OTHER] ? REP_HV_OTHER : REP_HV_NONE;
}

static void tally_models(struct rep_device *d)
{
	for (size_t i = 0; i < d->nregs; i++)
		for (int m = 0; m < VC_HV__COUNT; m++)
			d->hv_counts[m][d->regs[i].models[m].verdict]++;
	for (int m = 0; m < VC_HV__COUNT; m++)
		d->hv_worst[m] = worst_of(d->hv_counts[m]);
}

static int flag(const struct jv *o, const char *key) { return jv_bool(jv_get(o, key), -1); }

static int load_qemu_status(const struct jv *arr, struct rep_device *d, const char *path, char *err, size_t errlen)
{
	if (objects(arr, path, err, errlen))
		return -1;
	d->qstatus = vc_xcalloc(jv_count(arr) + 1, sizeof(*d->qstatus));
	for (; d->nqstatus < jv_count(arr); d->nqstatus++) {
		const struct jv *o = jv_at(arr, d->nqstatus);
		d->qstatus[d->nqstatus] = (struct rep_qemu_status){
			.after = jv_getn(o, "after", -1), .status = jv_gets(o, "status", NULL),
			.guest_features = jv_gets(o, "guest_features", NULL), .started = flag(o, "started"),
			.vhost_started = flag(o, "vhost_started"), .broken = flag(o, "broken") };
	}
	return 0;
}

static int load_daemons(const struct jv *arr, struct rep_cell *c, const char *path, char *err, size_t errlen)
{
	if (objects(arr, path, err, errlen))
		return -1;
	c->daemons = vc_xcalloc(jv_count(arr) + 1, sizeof(*c->daemons));
	for (; c->ndaemons < jv_count(arr); c->ndaemons++) {
		const struct jv *o = jv_at(arr, c->ndaemons);
		c->daemons[c->ndaemons] = (struct rep_daemon){
			.model = jv_gets(o, "model", NULL), .program = jv_gets(o, "program", NULL),
			.log = jv_gets(o, "log", NULL), .ended = jv_gets(o, "ended", NULL),
			.log_tail = jv_gets(o, "log_tail", NULL) };
	}
	return 0;
}

static int load_device(const struct jv *o, struct rep_device *d, const char *path, char *err, size_t errlen)
{
	char sub[160];
	d->model = jv_gets(o, "model", NULL);
	d->device_id = (uint32_t)jv_int(jv_get(o, "device_id"), 0, 0xffffffffL, 0);
	d->interface = jv_gets(o, "interface", NULL);
	d->location = jv_gets(o, "location", NULL);
	const struct jv *checks = jv_get(o, "checks"), *regs = jv_get(o, "registers");
	snprintf(sub, sizeof(sub), "%s.checks", path);
	if (objects(checks, sub, err, errlen))
		return -1;
	snprintf(sub, sizeof(sub), "%s.registers", path);
	if (objects(regs, sub, err, errlen))
		return -1;
	d->checks = vc_xcalloc(jv_count(checks), sizeof(*d->checks));
	for (d->nchecks = 0; d->nchecks < jv_count(checks); d->nchecks++) {
		load_check(jv_at(checks, d->nchecks), &d->checks[d->nchecks]);
		d->verdict_counts[d->checks[d->nchecks].verdict]++;
	}
	d->has_registers = jv_is(regs, JV_ARR);
	d->regs = vc_xcalloc(jv_count(regs), sizeof(*d->regs));
	for (d->nregs = 0; d->nregs < jv_count(regs); d->nregs++) {
		struct rep_register *r = &d->regs[d->nregs];
		load_register(jv_at(regs, d->nregs), r);
		d->has_backend |= r->nbackend_write || r->nbackend_read;
	}
	tally_models(d);
	snprintf(sub, sizeof(sub), "%s.qemu_status", path);
	return load_qemu_status(jv_get(o, "qemu_status"), d, sub, err, errlen);
}

static int load_cell(const struct jv *o, struct rep_cell *c, size_t index, char *err, size_t errlen)
{
	char path[96];
	c->name = jv_gets(o, "name", NULL);
	c->target = jv_gets(o, "target", NULL);
	c->transport = jv_gets(o, "transport", NULL);
	c->personality = jv_gets(o, "personality", NULL);
	/* results from before --accel ran under TCG */
	c->accel = jv_gets(o, "accel", "tcg");
	c->accel_why = jv_gets(o, "accel_why", NULL);
	c->mode = jv_gets(o, "mode", NULL);
	c->outcome = jv_gets(o, "outcome", NULL);
	c->outcome_detail = jv_gets(o, "outcome_detail", NULL);
	c->verdict_name = jv_gets(o, "verdict", NULL);
	c->verdict = verdict_from(c->verdict_name);
	c->seconds = jv_getn(o, "seconds", -1);
	c->problems = strings(jv_get(o, "problems"), &c->nproblems);
	snprintf(path, sizeof(path), "cells[%zu].daemons", index);
	if (load_daemons(jv_get(o, "daemons"), c, path, err, errlen))
		return -1;
	const struct jv *devs = jv_get(o, "devices");
	snprintf(path, sizeof(path), "cells[%zu].devices", index);
	if (objects(devs, path, err, errlen))
		return -1;
	c->devices = vc_xcalloc(jv_count(devs), sizeof(*c->devices));
	for (; c->ndevices < jv_count(devs); c->ndevices++) {
		snprintf(path, sizeof(path), "cells[%zu].devices[%zu]", index, c->ndevices);
		if (load_device(jv_at(devs, c->ndevices), &c->devices[c->ndevices], path, err, errlen)) {
			c->ndevices++; /* rep_free frees what it loaded */
			return -1;
		}
	}
	return 0;
}

static int load_run(struct rep_run *run, char *err, size_t errlen)
{
	const struct jv *doc = run->doc;
	if (!jv_is(doc, JV_OBJ))
		return vc_errf(err, errlen, "the top level is not an object");
	const char *schema = jv_gets(doc, "schema", NULL);
	if (!schema)
		return vc_errf(err, errlen, "no \"schema\" string (expected \"%s\")", REP_SCHEMA);
	if (strcmp(schema, REP_SCHEMA))
		return vc_errf(err, errlen, "schema is \"%s\", this vcheck reads \"%s\"", schema, REP_SCHEMA);
	const struct jv *cells = jv_get(doc, "cells");
	if (!jv_is(cells, JV_ARR))
		return vc_errf(err, errlen, "\"cells\" is missing or not an array");
	if (objects(cells, "cells", err, errlen))
		return -1;
	run->verdict_name = jv_gets(doc, "verdict", NULL);
	run->verdict = verdict_from(run->verdict_name);
	run->cells = vc_xcalloc(jv_count(cells), sizeof(*run->cells));
	for (; run->ncells < jv_count(cells); run->ncells++) {
		struct rep_cell *c = &run->cells[run->ncells];
		int rc = load_cell(jv_at(cells, run->ncells), c, run->ncells, err, errlen);
		for (size_t d = 0; d < c->ndevices; d++)
			run->any_registers |= c->devices[d].has_registers;
		run->any_daemons |= c->ndaemons > 0;
		if (rc) {
			run->ncells++;
			return -1;
		}
	}
	return 0;
}

int rep_load(const char *text, size_t len, struct rep_run *run, char *err, size_t errlen)
{
	memset(run, 0, sizeof(*run));
	run->doc = jv_parse(text, len, err, errlen);
	return run->doc ? load_run(run, err, errlen) : -1;
}

static void free_device(struct rep_device *d)
{
	for (size_t i = 0; i < d->nregs; i++) {
		free(d->regs[i].classes);
		free(d->regs[i].evidence);
		free(d->regs[i].backend_write);
		free(d->regs[i].backend_read);
		for (int m = 0; m < VC_HV__COUNT; m++)
			free(d->regs[i].models[m].owned_reason);
	}
	free(d->regs);
	free(d->qstatus);
	for (size_t i = 0; i < d->nchecks; i++)
		free(d->checks[i].rules);
	free(d->checks);
}

void rep_free(struct rep_run *run)
{
	for (size_t i = 0; i < run->ncells; i++) {
		struct rep_cell *c = &run->cells[i];
		for (size_t d = 0; d < c->ndevices; d++)
			free_device(&c->devices[d]);
		free(c->devices);
		free(c->problems);
		free(c->daemons);
	}
	free(run->cells);
	jv_free(run->doc);
	memset(run, 0, sizeof(*run));
}
