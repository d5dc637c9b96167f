/* Building and sending one "sfx" record (format in vcheck/sidefx.h). The
 * list-valued keys are assembled here because the record writer takes one
 * token per key. */
#include "guests/lib/format.h"
#include "guests/lib/record.h"
#include "suites/sidefx/sfx.h"
#include <string.h>

void sfx_rec_init(struct sfx_rec *r)
{
	r->len = 0;
	r->nch = 0;
	r->more = 0;
	r->buf[0] = 0;
}

static void put(struct sfx_rec *r, const char *fmt, unsigned long long a, unsigned long long b)
{
	if (r->len < sizeof(r->buf))
		r->len += (unsigned)vc_snprintf(r->buf + r->len, sizeof(r->buf) - r->len, fmt, a, b);
	if (r->len >= sizeof(r->buf))
		r->len = sizeof(r->buf) - 1;
}

void sfx_rec_kv(struct sfx_rec *r, const char *key, uint64_t v)
{
	put(r, " ", 0, 0);
	put(r, key, 0, 0);
	put(r, "=%llx", v, 0);
}

/* `plain` must consist of characters records.h lets through unescaped;
 * it is copied, not used as a format. */
void sfx_rec_str(struct sfx_rec *r, const char *key, const char *plain)
{
	put(r, " ", 0, 0);
	put(r, key, 0, 0);
	put(r, "=", 0, 0);
	for (; *plain && r->len < sizeof(r->buf) - 1; plain++)
		r->buf[r->len++] = *plain;
	r->buf[r->len] = 0;
}

void sfx_rec_pair(struct sfx_rec *r, const char *key, uint64_t a, uint64_t b)
{
	put(r, " ", 0, 0);
	put(r, key, 0, 0);
	put(r, "=%llx,%llx", a, b);
}

unsigned sfx_rec_changes(struct sfx_rec *r, const struct sfx_set *s, unsigned sp, int self,
			 const struct sfx_snap *a, const struct sfx_snap *b)
{
	unsigned n = 0;
	int last_head = -1;
	for (unsigned i = 0; i < s->n; i++) {
		if ((int)i == self || s->t[i].sp != sp || !a->ok[i] || !b->ok[i] || a->v[i] == b->v[i])
			continue;
		/* A large field (a string, a bitmap) is one entry: its first
		 * changed chunk, under the field's offset. */
		int head = s->t[i].head;
		if (head == last_head)
			continue;
		last_head = head;
		n++;
		if (r->nch >= VC_SFX_MAX_CHANGES) {
			r->more++;
			continue;
		}
		put(r, r->nch ? "," : " ch=", 0, 0);
		put(r, "%llx:%llx", s->t[head].off, a->v[i]);
		put(r, ">%llx", b->v[i], 0);
		r->nch++;
	}
	return n;
}

void sfx_emit(const struct vdev *d, const struct sfx_target *t, enum vc_sfx_experiment x,
	      struct sfx_rec *r)
{
	rec_begin("sfx");
	rec_u64("d", d->index);
	rec_str("sp", vc_sfx_space_name((enum vc_sfx_space)t->sp));
	char num[20];
	vc_snprintf(num, sizeof(num), "%x", t->off);
	rec_str("off", num);
	rec_u64("w", t->width);
	rec_str("x", vc_sfx_experiment_name(x));
	if (r->more) {
		vc_snprintf(num, sizeof(num), "%x", r->more);
		rec_str("more", num);
	}
	rec_raw(r->buf);
	rec_end();
}

void sfx_mark(const struct vdev *d)
{
	rec_begin("mark");
	rec_u64("d", d->index);
	rec_end();
}
