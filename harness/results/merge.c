/* Checking and joining the shards of one run (merge.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/util/errf.h"
#include "harness/results/merge.h"
#include "harness/util/vec.h"

#define SCHEMA "vcheck/1"

/* Same data, value for value (keys in the same order: one writer made both). */
static int jv_same(const struct jv *a, const struct jv *b)
{
	if (a->type != b->type || a->n != b->n)
		return 0;
	switch (a->type) {
	case JV_NULL: return 1;
	case JV_BOOL: return a->boolean == b->boolean;
	/* by value: a shard rewritten by another tool may spell a number
	 * another way (0.180 and 0.18) */
	case JV_NUM: return !strcmp(a->raw, b->raw) || strtod(a->raw, NULL) == strtod(b->raw, NULL);
	case JV_STR: return a->len == b->len && !memcmp(a->str, b->str, a->len);
	default: break;
	}
	for (size_t i = 0; i < a->n; i++)
		if ((a->type == JV_OBJ && strcmp(a->keys[i], b->keys[i])) || !jv_same(&a->items[i], &b->items[i]))
			return 0;
	return 1;
}

/* `key` of obj is an array or absent (then 0 items). */
static int array_or_absent(const struct jv *obj, const char *key)
{
	const struct jv *v = jv_get(obj, key);
	return !v || jv_is(v, JV_ARR);
}

/* The worst verdict a cell's contents hold: its outcome's and its checks'. */
static int contents_verdict(const struct jv *cell, enum vc_verdict *v, char *why, size_t len)
{
	const char *outcome = jv_gets(cell, "outcome", "");
	*v = !strcmp(outcome, "wedged") ? VC_WEDGED : !strcmp(outcome, "crashed") ? VC_CRASH : VC_PASS;
	if (!array_or_absent(cell, "devices"))
		return vc_errf(why, len, "\"devices\" is not an array");
	const struct jv *devices = jv_get(cell, "devices");
	for (size_t d = 0; d < jv_count(devices); d++) {
		const struct jv *dev = jv_at(devices, d);
		if (!jv_is(dev, JV_OBJ) || !array_or_absent(dev, "checks"))
			return vc_errf(why, len, "device %zu is not an object with a \"checks\" array", d);
		const struct jv *checks = jv_get(dev, "checks");
		for (size_t k = 0; k < jv_count(checks); k++) {
			const char *name = jv_gets(jv_at(checks, k), "verdict", "");
			enum vc_verdict cv;
			if (vc_verdict_from_name(name, &cv))
				return vc_errf(why, len, "check %s has no known verdict ('%s')",
					   jv_gets(jv_at(checks, k), "id", "?"), name);
			*v = vc_verdict_worst(*v, cv);
		}
	}
	return 0;
}

/* A cell as vcheck writes one: a name, a known verdict no better than
 * what it holds (a hand-edited PASS over a FAIL is refused, not
 * believed), logs a string or null. Its verdict in *v. */
static int check_cell(const struct jv *cell, enum vc_verdict *v, char *why, size_t len)
{
	const char *name = jv_gets(cell, "name", NULL);
	if (!jv_is(cell, JV_OBJ) || !name || !*name)
		return vc_errf(why, len, "a cell without a \"name\"");
	const struct jv *logs = jv_get(cell, "logs");
	if (logs && !jv_is(logs, JV_STR) && !jv_is(logs, JV_NULL))
		return vc_errf(why, len, "cell %s: \"logs\" is not a string", name);
	const char *stated = jv_gets(cell, "verdict", "");
	enum vc_verdict held;
	if (vc_verdict_from_name(stated, v))
		return vc_errf(why, len, "cell %s has no known verdict ('%s')", name, stated);
	char what[300];
	if (contents_verdict(cell, &held, what, sizeof(what)))
		return vc_errf(why, len, "cell %s: %s", name, what);
	if (held > *v)
		return vc_errf(why, len, "cell %s says %s but holds %s", name, stated, vc_verdict_name(held));
	return 0;
}

/* The shard's build or catalogue (`key`) against the first shard's. */
static int same_origin(const struct vc_merge_shard *s, const struct vc_merge_shard *first, const char *key,
		       const char *what, int force, const char **common, char *err, size_t len)
{
	const char *mine = jv_gets(s->doc, key, NULL), *theirs = jv_gets(first->doc, key, NULL);
	if (mine && theirs && !strcmp(mine, theirs))
		return 0;
	*common = NULL;
	if (force)
		return 0;
	if (!mine)
		return vc_errf(err, len, "%s/results.json does not name its %s (written before vcheck merge existed); "
			   "re-run it, or --force", s->name, what);
	return vc_errf(err, len, "%s/results.json is of %s %s, %s/results.json of %s: their verdicts do not "
		   "compare (re-run both with one vcheck, or --force)", s->name, what, mine, first->name,
		   theirs ? theirs : "none named");
}

static int check_shard(const struct vc_merge_shard *s, const struct vc_merge_shard *first, int force,
		       struct vc_merge *m, char *err, size_t len)
{
	if (!jv_is(s->doc, JV_OBJ))
		return vc_errf(err, len, "%s/results.json: the top level is not an object", s->name);
	const char *schema = jv_gets(s->doc, "schema", "none");
	if (strcmp(schema, SCHEMA))
		return vc_errf(err, len, "%s/results.json: schema is '%s', this vcheck merges '%s'", s->name, schema,
			   SCHEMA);
	if (!jv_is(jv_get(s->doc, "cells"), JV_ARR))
		return vc_errf(err, len, "%s/results.json: \"cells\" is missing or not an array", s->name);
	if (same_origin(s, first, "vcheck", "vcheck build", force, &m->version, err, len) ||
	    same_origin(s, first, "catalogue", "check catalogue", force, &m->catalogue, err, len))
		return -1;
	return 0;
}

/* Adds a shard's cells; a name already joined must carry the same data. */
static int join_cells(const struct vc_merge_shard *s, struct vc_merge *m, char *err, size_t len)
{
	const struct jv *cells = jv_get(s->doc, "cells");
	for (size_t i = 0; i < jv_count(cells); i++) {
		const struct jv *cell = jv_at(cells, i);
		enum vc_verdict v;
		char why[400];
		if (check_cell(cell, &v, why, sizeof(why)))
			return vc_errf(err, len, "%s/results.json: %s", s->name, why);
		const char *name = jv_gets(cell, "name", "");
		size_t j = 0;
		while (j < m->ncells && strcmp(jv_gets(m->cells[j].cell, "name", ""), name))
			j++;
		if (j < m->ncells && !jv_same(m->cells[j].cell, cell))
			return vc_errf(err, len, "cell %s is in %s/results.json and %s/results.json with different "
				   "results: shards must not overlap", name, m->cells[j].shard->name, s->name);
		if (j < m->ncells)
			continue; /* the same shard given twice, or a copy of it */
		*VEC_PUSH(m->cells, m->ncells, m->capcells) = (struct vc_merge_cell){ cell, s };
		m->verdict = vc_verdict_worst(m->verdict, v);
	}
	return 0;
}

int vc_merge_shards(const struct vc_merge_shard *s, size_t n, int force, struct vc_merge *m, char *err,
		    size_t errlen)
{
	memset(m, 0, sizeof(*m));
	m->verdict = VC_PASS;
	if (!n)
		return vc_errf(err, errlen, "no shards to merge");
	m->version = jv_gets(s[0].doc, "vcheck", NULL);
	m->catalogue = jv_gets(s[0].doc, "catalogue", NULL);
	for (size_t i = 0; i < n; i++)
		if (check_shard(&s[i], &s[0], force, m, err, errlen) || join_cells(&s[i], m, err, errlen))
			return vc_merge_free(m), -1;
	if (!m->ncells)
		return vc_merge_free(m), vc_errf(err, errlen, "no shard has any cell");
	return 0;
}

void vc_merge_free(struct vc_merge *m)
{
	free(m->cells);
	memset(m, 0, sizeof(*m));
}
