/* vcheck diff: two results.json documents compared (docs/diff.md): the
 * run and its cells, the devices paired across the runs, and the list of
 * differences every comparison adds to. Lookups go through the jv getters,
 * which answer a default for a missing key or a wrong type, so a hostile
 * file gives differences, not a crash. */
#include <stdlib.h>
#include <string.h>
#include "harness/results/diff_internal.h"
#include "harness/util/vec.h"
#include "vcheck/virtio_ids.h"

/* ---- the list of differences ---------------------------------------------- */

static const char *or_none(const char *s) { return s ? s : NOTHING; }
static int same(const char *a, const char *b) { return !strcmp(or_none(a), or_none(b)); }
long diff_device_id(const struct jv *dev) { return jv_int(jv_get(dev, "device_id"), 0, 0xffffffffL, -1); }
static const char *model_of(const struct devref *r) { return r ? jv_gets(r->dev, "model", "(unattached)") : "-"; }

static char *where(const struct devref *r)
{
	return r ? vc_xasprintf("%s, %s", jv_gets(r->cell, "name", "?"), jv_gets(r->dev, "location", "?")) : NULL;
}

static size_t new_pair(struct diff_ctx *c)
{
	const struct devref *one = c->a ? c->a : c->b;
	long id = diff_device_id(one->dev);
	struct vc_diff_pair *p = VEC_PUSH(c->d->pairs, c->d->npairs, c->d->pcap);
	char type[48];
	snprintf(type, sizeof(type), id < 0 ? "no device ID" : "%s (%ld)", virtio_id_name((unsigned)id), id);
	p->title = vc_xasprintf("%s vs %s: %s on %s", model_of(c->a), model_of(c->b), type,
				jv_gets(one->dev, "interface", "?"));
	p->a = where(c->a);
	p->b = where(c->b);
	return c->d->npairs - 1;
}

/* Records one difference; takes `what`, copies the rest. */
void diff_add(struct diff_ctx *c, enum vc_diff_kind k, char *what, const char *a, const char *b, const char *why)
{
	if ((c->a || c->b) && c->pair == NONE)
		c->pair = new_pair(c);
	struct vc_diff_item *it = VEC_PUSH(c->d->items, c->d->nitems, c->d->icap);
	*it = (struct vc_diff_item){ k, c->a || c->b ? c->pair : VC_DIFF_RUN, what, vc_xstrdup(or_none(a)),
				     vc_xstrdup(or_none(b)), why ? vc_xstrdup(why) : NULL };
	c->d->counts[k]++;
}

void diff_change(struct diff_ctx *c, enum vc_diff_kind k, char *what, const char *a, const char *b, const char *why)
{
	if (same(a, b))
		free(what);
	else
		diff_add(c, k, what, a, b, why);
}

/* ---- outcome: the run, its cells, devices in one run only ------------------ */

static char *cell_key(const struct jv *cell)
{
	/* results from before side-effect discovery have no mode: a catalogue */
	return vc_xasprintf("%s/%s", jv_gets(cell, "transport", "?"), jv_gets(cell, "mode", "checks"));
}

static void cell_changes(struct diff_ctx *c, const struct jv *x, const struct jv *y)
{
	const char *nx = jv_gets(x, "name", "?"), *ny = jv_gets(y, "name", "?");
	char *label = strcmp(nx, ny) ? vc_xasprintf("cell %s / %s", nx, ny) : vc_xasprintf("cell %s", nx);
	const char *why = jv_gets(y, "outcome_detail", jv_gets(x, "outcome_detail", NULL));
	diff_change(c, VC_DIFF_OUTCOME, vc_xasprintf("%s outcome", label), jv_gets(x, "outcome", NULL),
		    jv_gets(y, "outcome", NULL), why);
	diff_change(c, VC_DIFF_OUTCOME, vc_xasprintf("%s verdict", label), jv_gets(x, "verdict", NULL),
		    jv_gets(y, "verdict", NULL), NULL);
	free(label);
}

static void only_cell(struct diff_ctx *c, const struct jv *x, int in_a)
{
	const char *o = jv_gets(x, "outcome", NULL);
	diff_add(c, VC_DIFF_OUTCOME, vc_xasprintf("cell %s", jv_gets(x, "name", "?")), in_a ? o : ABSENT,
		 in_a ? ABSENT : o, NULL);
}

/* ---- devices ------------------------------------------------------------------- */

static struct devref *flatten(const struct jv *run, size_t *n)
{
	const struct jv *cells = jv_get(run, "cells");
	size_t total = 0, cap = 0;
	struct devref *refs = NULL;
	for (size_t c = 0; c < jv_count(cells); c++) {
		const struct jv *devs = jv_get(jv_at(cells, c), "devices");
		for (size_t d = 0; d < jv_count(devs); d++)
			*VEC_PUSH(refs, total, cap) = (struct devref){ jv_at(devs, d), jv_at(cells, c) };
	}
	*n = total;
	return refs;
}

/* The --match rule naming the model on side a (or b), or -1. */
static long match_rule(const struct vc_diff_opts *o, const char *model, int side_a)
{
	for (size_t i = 0; o && model && i < o->nmatch; i++)
		if (!strcmp(model, side_a ? o->match[i].a : o->match[i].b))
			return (long)i;
	return -1;
}

static char **device_keys(const struct devref *refs, size_t n, const struct vc_diff_opts *o, int side_a)
{
	char **k = vc_xcalloc(n, sizeof(*k));
	for (size_t i = 0; i < n; i++) {
		const char *iface = jv_gets(refs[i].dev, "interface", "?");
		long rule = match_rule(o, jv_gets(refs[i].dev, "model", NULL), side_a);
		k[i] = rule >= 0 ? vc_xasprintf("%s/=%ld", iface, rule)
				 : vc_xasprintf("%s/%ld", iface, diff_device_id(refs[i].dev));
	}
	return k;
}

static void diff_device(struct diff_ctx *c, const struct devref *a, const struct devref *b)
{
	c->a = a, c->b = b, c->pair = NONE;
	if (a && b) {
		diff_checks(c);
		diff_features(c);
		diff_config(c);
		diff_registers(c);
	} else {
		diff_add(c, VC_DIFF_OUTCOME, vc_xstrdup("device"), a ? "present" : ABSENT, b ? "present" : ABSENT, NULL);
	}
	c->a = c->b = NULL;
}

static void diff_devices(struct diff_ctx *c, const struct jv *ra, const struct jv *rb)
{
	size_t na, nb;
	struct devref *da = flatten(ra, &na), *db = flatten(rb, &nb);
	char **ka = device_keys(da, na, c->o, 1), **kb = device_keys(db, nb, c->o, 0);
	struct pairing p = diff_pair_up(ka, na, kb, nb);
	for (size_t i = 0; i < na; i++)
		diff_device(c, &da[i], p.a_to_b[i] != NONE ? &db[p.a_to_b[i]] : NULL);
	for (size_t j = 0; j < nb; j++)
		if (!p.b_paired[j])
			diff_device(c, NULL, &db[j]);
	diff_free_pairing(&p);
	diff_free_keys(ka, na);
	diff_free_keys(kb, nb);
	free(da);
	free(db);
}

void vc_diff_runs(const struct jv *a, const struct jv *b, const struct vc_diff_opts *o, struct vc_diff *out)
{
	memset(out, 0, sizeof(*out));
	struct diff_ctx c = { .d = out, .o = o, .pair = NONE };
	diff_change(&c, VC_DIFF_OUTCOME, vc_xstrdup("run verdict"), jv_gets(a, "verdict", NULL),
		    jv_gets(b, "verdict", NULL), NULL);
	diff_walk(&c, jv_get(a, "cells"), jv_get(b, "cells"), cell_key, cell_changes, only_cell);
	diff_devices(&c, a, b);
}

void vc_diff_free(struct vc_diff *d)
{
	for (size_t i = 0; i < d->nitems; i++) {
		free(d->items[i].what);
		free(d->items[i].a);
		free(d->items[i].b);
		free(d->items[i].why);
	}
	for (size_t i = 0; i < d->npairs; i++) {
		free(d->pairs[i].title);
		free(d->pairs[i].a);
		free(d->pairs[i].b);
	}
	free(d->items);
	free(d->pairs);
	memset(d, 0, sizeof(*d));
}

const char **vc_diff_model_names(const struct jv *doc, size_t *n)
{
	size_t total;
	struct devref *refs = flatten(doc, &total);
	const char **names = vc_xcalloc(total, sizeof(*names));
	*n = 0;
	for (size_t i = 0; i < total; i++)
		if (jv_gets(refs[i].dev, "model", NULL))
			names[(*n)++] = jv_gets(refs[i].dev, "model", NULL);
	free(refs);
	qsort(names, *n, sizeof(*names), diff_str_cmp);
	size_t u = 0;
	for (size_t i = 0; i < *n; i++)
		if (!u || strcmp(names[u - 1], names[i]))
			names[u++] = names[i];
	*n = u;
	return names;
}
