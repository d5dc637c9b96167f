#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "baseline.h"
#include "text_lines.h"
#include "fsutil.h"
#include "vec.h"

int vc_baseline_parse(const char *path, const char *text, struct vc_baseline *b, char *err, size_t errlen)
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
		if (!tr || !model || !reason || !*reason) {
			snprintf(err, errlen, "%s:%d: want 'CHECK-ID TRANSPORT MODEL reason'", path, line);
			free(copy);
			vc_baseline_free(b);
			return -1;
		}
		struct vc_baseline_entry *e = VEC_PUSH(b->entries, b->n, b->cap);
		e->check = vc_xstrdup(id), e->transport = vc_xstrdup(tr), e->model = vc_xstrdup(model);
		e->reason = vc_xstrdup(reason), e->line = line;
	}
	free(copy);
	return 0;
}

int vc_baseline_load(const char *path, struct vc_baseline *b, char *err, size_t errlen)
{
	char *text;
	if (vc_read_text_file(path, &text, err, errlen))
		return -1;
	int rc = vc_baseline_parse(path, text, b, err, errlen);
	free(text);
	return rc;
}

/* `pattern` is "*" or a comma-separated list of names. */
static int match(const char *pattern, const char *value)
{
	size_t n = value ? strlen(value) : 0;
	for (const char *w = pattern; *w; w += strcspn(w, ",")) {
		w += *w == ',';
		size_t len = strcspn(w, ",");
		if ((len == 1 && w[0] == '*') || (value && len == n && !strncmp(w, value, n)))
			return 1;
	}
	return 0;
}

/* TRANSPORT is "mmio-v2" or "*" for the device as the VMM serves it (the
 * direct personality); "mmio-v2.gunyah", "*.gunyah" or "*.direct,xen" name
 * personalities: a QEMU deviation may be hidden behind a hypervisor's page,
 * and a personality's own failures are not QEMU's. */
static int match_cell(const char *pattern, const struct vc_cell *c)
{
	const char *dot = strchr(pattern, '.');
	const char *pers = c->personality ? c->personality : "direct";
	if (!dot)
		return !strcmp(pers, "direct") && match(pattern, c->transport);
	size_t n = (size_t)(dot - pattern);
	int tr_ok = (n == 1 && pattern[0] == '*') ||
		    (c->transport && strlen(c->transport) == n && !strncmp(pattern, c->transport, n));
	return tr_ok && match(dot + 1, pers);
}

static struct vc_baseline_entry *find(struct vc_baseline *b, const struct vc_cell *c,
				      const struct vc_device *d, const char *check)
{
	for (size_t i = 0; i < b->n; i++) {
		struct vc_baseline_entry *e = &b->entries[i];
		if (match(e->check, check) && match_cell(e->transport, c) && match(e->model, d->model))
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
		free(e->check), free(e->transport), free(e->model), free(e->reason);
	}
	free(b->entries);
	free(b->path);
	memset(b, 0, sizeof(*b));
}
