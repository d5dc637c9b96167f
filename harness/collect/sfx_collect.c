/* Turns one "sfx" record into a struct vc_sfx_obs on its device. Values on
 * the wire are bare hex; anything malformed is a cell problem, not a guess. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/collect/sfx_collect.h"
#include "harness/util/vec.h"

static int hex_u64(const char *s, char **end, uint64_t *v)
{
	if (!s || !((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
		return -1;
	*v = strtoull(s, end, 16);
	return 0;
}

static int key_hex(const struct vc_rec *r, const char *key, uint64_t *v)
{
	const char *s = vc_rec_get(r, key);
	char *end;
	if (!s || hex_u64(s, &end, v) || *end)
		return -1;
	return 0;
}

static int name_index(const char *s, const char *(*name)(int), int count)
{
	for (int i = 0; i < count; i++)
		if (!strcmp(s, name(i)))
			return i;
	return -1;
}

static const char *space_name(int i) { return vc_sfx_space_name((enum vc_sfx_space)i); }
static const char *exp_name(int i) { return vc_sfx_experiment_name((enum vc_sfx_experiment)i); }

int vc_sfx_parse_changes(const char *s, struct vc_sfx_obs *o)
{
	o->nch = 0;
	while (*s) {
		uint64_t off, before, after;
		char *p;
		if (hex_u64(s, &p, &off) || *p != ':' || hex_u64(p + 1, &p, &before) || *p != '>' ||
		    hex_u64(p + 1, &p, &after) || (*p && *p != ',') || off > 0xffffffffu)
			return -1;
		if (o->nch == VC_SFX_MAX_CHANGES)
			return -1; /* the guest never lists more; more= counts the rest */
		o->ch[o->nch++] = (struct vc_sfx_change){ (uint32_t)off, before, after };
		s = *p ? p + 1 : p;
	}
	return 0;
}

static int parse_values(const char *s, struct vc_sfx_obs *o)
{
	char *p;
	if (hex_u64(s, &p, &o->v[0]) || *p != ',' || hex_u64(p + 1, &p, &o->v[1]) || *p)
		return -1;
	o->nv = 2;
	return 0;
}

/* Keys every experiment may carry beyond the mandatory ones. */
static int parse_optional(const struct vc_rec *r, struct vc_sfx_obs *o)
{
	uint64_t n = 0, h = 0, more = 0, flag = 0;
	const char *s;
	if ((s = vc_rec_get(r, "v")) && parse_values(s, o))
		return -1;
	if ((s = vc_rec_get(r, "ch")) && vc_sfx_parse_changes(s, o))
		return -1;
	o->has_wv = key_hex(r, "wv", &o->wv) == 0;
	o->has_rb = key_hex(r, "rb", &o->rb) == 0;
	o->has_rb2 = key_hex(r, "rb2", &o->rb2) == 0;
	if ((vc_rec_get(r, "wv") && !o->has_wv) || (vc_rec_get(r, "rb") && !o->has_rb) ||
	    (vc_rec_get(r, "rb2") && !o->has_rb2))
		return -1;
	o->repeat = key_hex(r, "rep", &flag) == 0 && flag;
	o->has_was = key_hex(r, "was", &o->was) == 0;
	if (vc_rec_get(r, "was") && !o->has_was)
		return -1;
	if (key_hex(r, "n", &n) == 0)
		o->distinct = (unsigned)n;
	if (key_hex(r, "h", &h) == 0)
		o->hash = (uint32_t)h;
	if (key_hex(r, "more", &more) == 0)
		o->more = (unsigned)more;
	o->fault_read = key_hex(r, "fr", &flag) == 0 && flag;
	o->fault_write = key_hex(r, "fw", &flag) == 0 && flag;
	o->isr_bits = key_hex(r, "isr", &flag) == 0 ? (long)(flag & 0xff) : -1;
	o->isr_config = o->isr_bits < 0 ? -1 : (int)((o->isr_bits >> 1) & 1);
	o->gen_changed = -1;
	if ((s = vc_rec_get(r, "gen"))) {
		struct vc_sfx_obs g = { 0 };
		if (parse_values(s, &g))
			return -1;
		o->gen_changed = g.v[0] != g.v[1];
	}
	if (key_hex(r, "nt", &n) == 0)
		o->has_notified = 1, o->notified = (unsigned)(n & 0xffff);
	if (key_hex(r, "sm", &n) == 0)
		o->samples = (unsigned)(n & 0xffff);
	if ((s = vc_rec_get(r, "ev")))
		snprintf(o->event, sizeof(o->event), "%s", s);
	return 0;
}

void vc_sfx_on_record(struct vc_cell *c, struct vc_device *d, const struct vc_rec *r)
{
	struct vc_sfx_obs o = { .seq = r->seq };
	unsigned long long w;
	uint64_t off;
	int sp = name_index(vc_rec_get(r, "sp"), space_name, VC_SFX_SP__COUNT);
	int x = name_index(vc_rec_get(r, "x"), exp_name, VC_SFX_X__COUNT);
	if (sp < 0 || x < 0 || key_hex(r, "off", &off) || off > 0xffff || vc_rec_get_u64(r, "w", &w) ||
	    (w != 1 && w != 2 && w != 4 && w != 8) || parse_optional(r, &o)) {
		vc_cell_problem(c, "malformed sfx record (seq %lu)", r->seq);
		return;
	}
	if (x == VC_SFX_WINDOW) {
		uint64_t act = 0;
		if (key_hex(r, "a", &act) || act > 0xffffffffu || o.distinct < act) {
			vc_cell_problem(c, "malformed sfx window record (seq %lu)", r->seq);
			return;
		}
		d->window_size = o.distinct, d->window_active = (unsigned long)act;
		return;
	}
	o.space = (enum vc_sfx_space)sp, o.exp = (enum vc_sfx_experiment)x;
	o.off = (uint32_t)off, o.width = (uint8_t)w;
	*VEC_PUSH(d->sfx, d->nsfx, d->capsfx) = o;
}
