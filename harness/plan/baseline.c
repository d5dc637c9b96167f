#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/plan/baseline.h"
#include "harness/plan/baseline_names.h"
#include "harness/util/text_lines.h"
#include "harness/util/fsutil.h"
#include "harness/util/vec.h"

/* Checks one line's fields; 0 with its TRANSPORT field in *where, or -1
 * with why (the first field that is wrong). */
static int check_line(const char *id, const char *tr, const char *model, const char *reason,
		      const struct vc_target *t, struct vc_bl_where *where, char *why, size_t len)
{
	if (!tr || !model || !reason || !*reason)
		return snprintf(why, len, "want 'CHECK-ID TRANSPORT[/INTERFACE][.PERSONALITY] MODEL reason'"), -1;
	if (t && (vc_bl_check_ids(id, why, len) || vc_bl_models(model, t, why, len)))
		return -1;
	return vc_bl_where_parse(tr, t, where, why, len);
}

int vc_baseline_parse(const char *path, const char *text, const struct vc_target *t, struct vc_baseline *b,
		      char *err, size_t errlen)
{
	memset(b, 0, sizeof(*b));
	b->path = vc_xstrdup(path);
	char *copy = vc_xstrdup(text), *cursor = copy, *l;
	int line = 0;
	while ((l = vc_next_line(&cursor, &line, 1))) {
		char *save, *id = strtok_r(l, " \t\r", &save), *tr = strtok_r(NULL, " \t\r", &save);
		char *model = strtok_r(NULL, " \t\r", &save), *reason = strtok_r(NULL, "\r", &save);
		if (!id)
			continue;
		while (reason && (*reason == ' ' || *reason == '\t'))
			reason++;
		struct vc_bl_where where;
		char why[400];
		if (check_line(id, tr, model, reason, t, &where, why, sizeof(why)) == 0) {
			struct vc_baseline_entry *e = VEC_PUSH(b->entries, b->n, b->cap);
			e->check = vc_xstrdup(id), e->model = vc_xstrdup(model), e->where = where;
			e->reason = vc_xstrdup(reason), e->line = line;
			continue;
		}
		snprintf(err, errlen, "%s:%d: %s", path, line, why);
		free(copy);
		vc_baseline_free(b);
		return -1;
	}
	free(copy);
	return 0;
}

int vc_baseline_load(const char *path, const struct vc_target *t, struct vc_baseline *b, char *err,
		     size_t errlen)
{
	char *text;
	if (vc_read_text_file(path, &text, err, errlen))
		return -1;
	int rc = vc_baseline_parse(path, text, t, b, err, errlen);
	free(text);
	return rc;
}

static struct vc_baseline_entry *find(struct vc_baseline *b, const struct vc_cell *c,
				      const struct vc_device *d, const char *check)
{
	for (size_t i = 0; i < b->n; i++) {
		struct vc_baseline_entry *e = &b->entries[i];
		if (vc_bl_list_match(e->check, check) && vc_bl_list_match(e->model, d->model) &&
		    vc_bl_where_match(&e->where, c->transport, d->interface, c->personality))
			return e;
	}
	return NULL;
}

void vc_baseline_apply_cell(struct vc_baseline *b, struct vc_cell *c)
{
	for (size_t k = 0; k < c->ndevices; k++)
		for (size_t j = 0; j < c->devices[k].nchecks; j++) {
			struct vc_check_result *r = &c->devices[k].checks[j];
			struct vc_baseline_entry *e = find(b, c, &c->devices[k], r->id);
			if (!e)
				continue;
			e->used = 1;
			if (r->verdict == VC_FAIL || r->verdict == VC_FAULT)
				r->verdict = VC_XFAIL;
			else if (r->verdict == VC_PASS)
				r->verdict = VC_XPASS;
			else
				continue;
			r->baseline_reason = vc_xstrdup(e->reason);
		}
}

void vc_baseline_free(struct vc_baseline *b)
{
	for (size_t i = 0; i < b->n; i++) {
		struct vc_baseline_entry *e = &b->entries[i];
		free(e->check), free(e->model), free(e->reason);
		vc_bl_where_free(&e->where);
	}
	free(b->entries);
	free(b->path);
	memset(b, 0, sizeof(*b));
}
