#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/plan/baseline_from.h"
#include "harness/plan/baseline_where.h"
#include "harness/model/model.h"
#include "harness/util/vec.h"

/* What a check asks of the baseline. */
enum fate { NO_LINE, LINE, NOT_HELD, FIXED };

static enum fate fate_of(const struct jv *check, enum vc_verdict *v)
{
	if (vc_verdict_from_name(jv_gets(check, "verdict", ""), v))
		return NOT_HELD; /* a verdict this build does not know */
	if (*v == VC_FAIL || *v == VC_FAULT || *v == VC_XFAIL)
		return LINE;
	if (*v == VC_XPASS)
		return FIXED;
	return *v >= VC_ERROR ? NOT_HELD : NO_LINE;
}

/* A reason the loader reads back whole: on one line, without '#' (a
 * comment to it), never empty. An XFAIL keeps the reason it had. */
static char *reason_of(const struct jv *check, enum vc_verdict v)
{
	const char *given = jv_gets(check, v == VC_XFAIL ? "baseline" : "detail", NULL);
	char *r = vc_xstrdup(given ? given : ""), *w = r;
	for (const char *p = r; *p; p++)
		if (*p != '#')
			*w++ = (unsigned char)*p < 0x20 || *p == 0x7f ? ' ' : *p;
	while (w > r && w[-1] == ' ')
		w--;
	*w = 0;
	size_t lead = strspn(r, " ");
	memmove(r, r + lead, strlen(r + lead) + 1);
	if (*r)
		return r;
	free(r);
	return vc_xasprintf("%s with no detail: say why it is known", vc_verdict_name(v));
}

static int accepted(const char *field, const struct vc_target *t)
{
	struct vc_bl_where w;
	char why[400];
	if (vc_bl_where_parse(field, t, &w, why, sizeof(why)))
		return 0;
	vc_bl_where_free(&w);
	return 1;
}

/* TRANSPORT[/INTERFACE][.PERSONALITY] for a device seen through `ifc` in
 * a cell of `tr` under `pers`: the interface only where the transport
 * shows several (a transitional cell's two), the personality only when
 * not direct (the default), as a human would write them. */
static char *field_of(const struct vc_target *t, const char *tr, const char *ifc, const char *pers)
{
	const struct vc_transport_def *def = vc_target_transport(t, tr);
	const char *at = def ? def->interfaces : "";
	size_t len;
	int several = vc_next_word(&at, &len) && vc_next_word(&at, &len);
	const char *p = pers && strcmp(pers, "direct") ? pers : NULL;
	char *f = vc_xasprintf("%s%s%s%s%s", tr, several && ifc ? "/" : "", several && ifc ? ifc : "",
			       p ? "." : "", p ? p : "");
	if (accepted(f, t))
		return f;
	free(f);
	return vc_xasprintf("%s%s%s", tr, p ? "." : "", p ? p : "");
}

struct emitted {
	char **keys;
	size_t n, cap;
};

/* Whether a line for `key` (check, field, model) was written already:
 * two devices of one model in a cell, a cell listed twice. The loader
 * would use the first line alone. Else remembers it. */
static int seen(struct emitted *e, const char *line)
{
	for (size_t i = 0; i < e->n; i++)
		if (!strcmp(e->keys[i], line))
			return 1;
	*VEC_PUSH(e->keys, e->n, e->cap) = vc_xstrdup(line);
	return 0;
}

/* The device's lines, under a comment naming it; counts what is left out. */
static void write_device(const struct jv *cell, const struct jv *dev, const struct vc_target *t, FILE *f,
			 struct emitted *e, struct vc_bl_from_counts *n)
{
	const char *model = jv_gets(dev, "model", NULL), *ifc = jv_gets(dev, "interface", NULL);
	const struct jv *checks = jv_get(dev, "checks");
	int header = 0;
	char *field = field_of(t, jv_gets(cell, "transport", "?"), ifc, jv_gets(cell, "personality", NULL));
	for (size_t k = 0; k < jv_count(checks); k++) {
		const struct jv *check = jv_at(checks, k);
		enum vc_verdict v;
		enum fate fate = fate_of(check, &v);
		n->not_held += fate == NOT_HELD;
		n->xpass += fate == FIXED;
		n->unattached += fate == LINE && !model;
		if (fate != LINE || !model)
			continue;
		const char *id = jv_gets(check, "id", "?");
		char *key = vc_xasprintf("%s %s %s", id, field, model);
		if (seen(e, key)) {
			free(key);
			continue;
		}
		char *reason = reason_of(check, v);
		if (!header++)
			fprintf(f, "\n# %s: %s at %s (%s)\n", jv_gets(cell, "name", "?"), model,
				jv_gets(dev, "location", "?"), ifc ? ifc : "?");
		fprintf(f, "%-16s %-24s %-8s %s\n", id, field, model, reason);
		n->lines++;
		free(key);
		free(reason);
	}
	free(field);
}

int vc_baseline_from_results(const struct jv *doc, const struct vc_target *t, const char *source, FILE *f,
			     struct vc_bl_from_counts *n, char *err, size_t errlen)
{
	memset(n, 0, sizeof(*n));
	const struct jv *cells = jv_get(doc, "cells");
	if (!jv_is(cells, JV_ARR))
		return snprintf(err, errlen, "%s: \"cells\" is missing or not an array", source), -1;
	fprintf(f, "# Known failures of target %s, from %s (vcheck baseline --from).\n"
		"# CHECK-ID       TRANSPORT[/INTERFACE][.PERSONALITY]  MODEL  reason\n"
		"# Each reason is what the run said of the check: make it say why the failure\n"
		"# is known (the code that does it) before committing (docs/ci.md).\n", t->name, source);
	struct emitted e = { 0 };
	for (size_t i = 0; i < jv_count(cells); i++) {
		const struct jv *cell = jv_at(cells, i), *devices = jv_get(cell, "devices");
		if (strcmp(jv_gets(cell, "target", ""), t->name))
			continue;
		n->cells++;
		for (size_t d = 0; d < jv_count(devices); d++)
			write_device(cell, jv_at(devices, d), t, f, &e, n);
	}
	for (size_t i = 0; i < e.n; i++)
		free(e.keys[i]);
	free(e.keys);
	if (!n->cells)
		return snprintf(err, errlen, "%s has no cell of target %s", source, t->name), -1;
	return 0;
}
