/* Selector sweeps: a target whose writes changed other offsets is written
 * with every value of a range, and each value that leaves its space in a
 * state not seen before is recorded (hash and the offsets that differ from
 * value 0). For a config selector, the other writable config fields are
 * then swept under each state found, which finds a second-level selector
 * such as virtio-input's subsel (only meaningful under some selects). */
#include "suites/sidefx/sfx.h"

#define MAX_STATES 48
#define TRANSPORT_RANGE 32 /* feature words, queues, SHM regions */
#define WIDE_RANGE 64

static struct sfx_snap zero_state, state;

struct seen {
	uint32_t h[MAX_STATES];
	unsigned n;
};

static int remember(struct seen *s, uint32_t h)
{
	for (unsigned i = 0; i < s->n; i++)
		if (s->h[i] == h)
			return 0;
	if (s->n < MAX_STATES)
		s->h[s->n++] = h;
	return 1;
}

/* A config byte is swept over all its 256 values, nested ones too
 * (virtio-input's subsel under every select state: QEMU 7.2's inputs
 * answer only below 0x40, and the full sweep shows nothing hides above;
 * it costs about 0.2 s of a cell with three input devices). */
static unsigned range_of(const struct sfx_target *t, int nested)
{
	if (t->sp != VC_SFX_SP_CONFIG && !nested)
		return TRANSPORT_RANGE;
	return t->width == 1 ? 256 : WIDE_RANGE;
}

/* Sweeps target i; records new states, and returns the values that gave
 * them in `found` (up to max). `outer` names an enclosing selector's
 * target and value (-1: none). */
static unsigned sweep_one(struct vdev *d, const struct sfx_set *s, int i, int outer, uint64_t outer_v,
			  uint64_t *found, unsigned max)
{
	const struct sfx_target *t = &s->t[i];
	struct seen seen = { .n = 0 };
	unsigned nfound = 0, range = range_of(t, outer >= 0);
	for (uint64_t v = 0; v < range; v++) {
		sfx_write(d, t, v);
		sfx_snapshot(d, s, t->sp, -1, v ? &state : &zero_state);
		uint32_t h = sfx_snap_hash(s, t->sp, v ? &state : &zero_state);
		if (!remember(&seen, h) || v == 0)
			continue;
		struct sfx_rec r;
		sfx_rec_init(&r);
		sfx_rec_kv(&r, "wv", v);
		sfx_rec_kv(&r, "h", h);
		if (outer >= 0)
			sfx_rec_pair(&r, "under", s->t[outer].off, outer_v);
		unsigned n = sfx_rec_changes(&r, s, t->sp, i, &zero_state, &state);
		sfx_rec_kv(&r, "n", n);
		sfx_emit(d, t, VC_SFX_SWEEP, &r);
		if (nfound < max)
			found[nfound++] = v;
	}
	return nfound;
}

void sfx_sweep(struct vdev *d, const struct sfx_set *s, int i)
{
	uint64_t found[MAX_STATES];
	sfx_prepare(d);
	unsigned n = sweep_one(d, s, i, -1, 0, found, MAX_STATES);
	if (s->t[i].sp != VC_SFX_SP_CONFIG)
		return;
	for (unsigned k = 0; k < n; k++) {
		for (unsigned j = 0; j < s->n; j++) {
			const struct sfx_target *o = &s->t[j];
			if ((int)j == i || o->sp != VC_SFX_SP_CONFIG || !o->writable || o->in_snapshot_only)
				continue;
			sfx_prepare(d);
			sfx_write(d, &s->t[i], found[k]);
			uint64_t unused[1];
			sweep_one(d, s, (int)j, i, found[k], unused, 0);
		}
	}
	sfx_prepare(d);
}
