/* One device pair's side-effect registers compared: each register's
 * classes, and each hypervisor model's verdict on it. */
#include <stdlib.h>
#include <string.h>
#include "harness/results/diff_internal.h"
#include "harness/util/vec.h"
#include "vcheck/sidefx.h"

static char *reg_key(const struct jv *r)
{
	const char *off = jv_gets(r, "offset", "?"), *space = jv_gets(r, "space", "?");
	long width = jv_int(jv_get(r, "width"), 0, 1L << 30, -1);
	uint64_t o;
	/* by value: "0x070" and "0x70" are one register */
	return diff_parse_hex(off, UINT64_MAX, &o) ? vc_xasprintf("%s/%s/%ld", space, off, width)
						   : vc_xasprintf("%s/%llx/%ld", space, (unsigned long long)o, width);
}

static char *reg_label(const struct jv *r)
{
	const char *name = jv_gets(r, "name", NULL);
	return vc_xasprintf("%s %s/%ld%s%s", jv_gets(r, "space", "?"), jv_gets(r, "offset", "?"),
			    jv_int(jv_get(r, "width"), 0, 1L << 30, -1), name ? " " : "", name ? name : "");
}

/* The classes as a set: sorted, comma-joined; "(none)" for none. */
static char *classes_text(const struct jv *r)
{
	const struct jv *cl = jv_get(r, "classes");
	const char **names = vc_xcalloc(jv_count(cl), sizeof(*names));
	size_t n = 0, len = 1;
	for (size_t i = 0; i < jv_count(cl); i++)
		if (jv_str(jv_at(cl, i), NULL))
			len += strlen(names[n++] = jv_str(jv_at(cl, i), NULL)) + 1;
	qsort(names, n, sizeof(*names), diff_str_cmp);
	char *s = n ? vc_xcalloc(len, 1) : vc_xstrdup(NOTHING);
	for (size_t i = 0, at = 0; i < n; i++)
		at += (size_t)sprintf(s + at, "%s%s", i ? "," : "", names[i]);
	free(names);
	return s;
}

static void model_change(struct diff_ctx *c, const char *model, const struct jv *x, const struct jv *y,
			 const char *label)
{
	const char *why = jv_gets(y, "reason", jv_gets(x, "reason", NULL));
	const char *vx = x ? jv_gets(x, "verdict", NULL) : ABSENT, *vy = y ? jv_gets(y, "verdict", NULL) : ABSENT;
	diff_change(c, VC_DIFF_MODELS, vc_xasprintf("%s %s", model, label), vx, vy, why);
}

static void register_changes(struct diff_ctx *c, const struct jv *x, const struct jv *y)
{
	char *label = reg_label(x), *cx = classes_text(x), *cy = classes_text(y);
	diff_change(c, VC_DIFF_CLASSES, vc_xstrdup(label), cx, cy, NULL);
	/* the models this build knows, not every key: a lookup per key of a
	 * hostile object with a million keys would be quadratic */
	const struct jv *mx = jv_get(x, "models"), *my = jv_get(y, "models");
	for (int m = 0; m < VC_HV__COUNT; m++) {
		const char *name = vc_hv_model_name((enum vc_hv_model)m);
		model_change(c, name, jv_get(mx, name), jv_get(my, name), label);
	}
	free(label);
	free(cx);
	free(cy);
}

static void only_register(struct diff_ctx *c, const struct jv *r, int in_a)
{
	char *cl = classes_text(r);
	diff_add(c, VC_DIFF_CLASSES, reg_label(r), in_a ? cl : ABSENT, in_a ? ABSENT : cl, NULL);
	free(cl);
}

void diff_registers(struct diff_ctx *c)
{
	const struct jv *ra = jv_get(c->a->dev, "registers"), *rb = jv_get(c->b->dev, "registers");
	size_t na = jv_count(ra), nb = jv_count(rb);
	if (jv_is(ra, JV_ARR) != jv_is(rb, JV_ARR)) { /* side effects against a catalogue */
		char *sa = jv_is(ra, JV_ARR) ? vc_xasprintf("%zu registers", na) : vc_xstrdup(ABSENT);
		char *sb = jv_is(rb, JV_ARR) ? vc_xasprintf("%zu registers", nb) : vc_xstrdup(ABSENT);
		diff_add(c, VC_DIFF_CLASSES, vc_xstrdup("side-effect registers"), sa, sb, NULL);
		free(sa);
		free(sb);
		return;
	}
	diff_walk(c, ra, rb, reg_key, register_changes, only_register);
}
