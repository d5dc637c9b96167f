/* Selector sweeps: a target whose writes changed other offsets is written
 * with every value of a range, and each value that leaves its space in a
 * state not seen before is recorded (hash and the offsets that differ from
 * value 0). For a config selector, the bytes near it that keep what is
 * written are then swept under each state found, which finds a second-level
 * selector such as virtio-input's subsel (only meaningful under some
 * selects); such a sweep stops once values stop giving new states. */
#include "guests/lib/access.h"
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

/* A nested sweep stops after this many values in a row gave no new state
 * (once past the first NESTED_MIN): second-level selectors (virtio-input's
 * subsel: event types, axes) answer in the low values. */
#define NESTED_QUIET 16
#define NESTED_MIN 32
/* Second-level selectors are looked for in bytes this close to the first. */
#define NESTED_REACH 8

/* Sweeps target i; records new states, and returns the values that gave
 * them in `found` (up to max). `outer` names an enclosing selector's
 * target and value (-1: none). */
static unsigned sweep_one(struct vdev *d, const struct sfx_set *s, int i, int outer, uint64_t outer_v,
			  uint64_t *found, unsigned max)
{
	const struct sfx_target *t = &s->t[i];
	struct seen seen = { .n = 0 };
	unsigned nfound = 0, range = range_of(t, outer >= 0), quiet = 0;
	for (uint64_t v = 0; v < range; v++) {
		if (outer >= 0 && v >= NESTED_MIN && quiet >= NESTED_QUIET)
			break;
		/* the enclosing value is written again before each of ours, as a
		 * driver writes both before it reads: QEMU 7.2's virtio-input
		 * forms a config write from the window its last read returned,
		 * and an unanswered read returns select 0 with everything else */
		if (outer >= 0)
			sfx_write(d, &s->t[outer], outer_v);
		sfx_write(d, t, v);
		/* the selector's own value is not a state: what it selects is */
		sfx_snapshot(d, s, t->sp, i, v ? &state : &zero_state);
		uint32_t h = sfx_snap_hash(s, t->sp, v ? &state : &zero_state);
		quiet++;
		if (!remember(&seen, h) || v == 0)
			continue;
		quiet = 0;
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

/* Whether byte t keeps a write under outer value v (virtio-input's subsel
 * does only under the selects that use it); left as it was. Each write of
 * t follows one of the outer value (sweep_one says why). */
static int keeps_a_write(struct vdev *d, const struct sfx_target *outer, uint64_t v, const struct sfx_target *t)
{
	uint64_t cur = 0, rb = 0;
	sfx_write(d, outer, v);
	if (sfx_read(d, t, &cur) != VC_ACC_OK)
		return 0;
	sfx_write(d, outer, v);
	sfx_write(d, t, cur ^ 1);
	int kept = sfx_read(d, t, &rb) == VC_ACC_OK && rb == (cur ^ 1);
	sfx_write(d, outer, v);
	sfx_write(d, t, cur);
	return kept;
}

/* A byte close enough to target i to be its second level. */
static int nearby(const struct sfx_set *s, int i, unsigned j)
{
	const struct sfx_target *o = &s->t[j], *t = &s->t[i];
	unsigned far = o->off > t->off ? o->off - t->off : t->off - o->off;
	return (int)j != i && o->width == 1 && far <= NESTED_REACH;
}

/* Whether the device acknowledges outer value v (reads it back) once the
 * nearby byte o holds 1 or 2; o is put back as it was. */
static int answers_under(struct vdev *d, const struct sfx_target *t, const struct sfx_target *o, uint64_t v)
{
	uint64_t prev = 0, rb = 0;
	int ok = 0;
	if (sfx_read(d, o, &prev) != VC_ACC_OK)
		return 0;
	for (uint64_t x = 1; x <= 2 && !ok; x++) {
		sfx_write(d, t, v);
		sfx_write(d, o, x);
		ok = sfx_read(d, t, &rb) == VC_ACC_OK && rb == v;
	}
	sfx_write(d, o, prev);
	return ok;
}

static int listed(const uint64_t *v, unsigned n, uint64_t x)
{
	for (unsigned k = 0; k < n; k++)
		if (v[k] == x)
			return 1;
	return 0;
}

/* Outer values that show nothing until a second level names something:
 * virtio-input's EV_BITS answers all zeros, select included, while subsel
 * is 0, and the event types from 1. Each value the sweep did not find and
 * the device does not read back by itself is tried with every nearby byte
 * at 1 and 2 (a few accesses each: at most about 12 000 for a byte-wide
 * selector, two per value for one that keeps what it is given); the ones
 * the device then reads back join `found` for the nested sweeps. */
static unsigned hidden_values(struct vdev *d, const struct sfx_set *s, int i, uint64_t *found, unsigned n)
{
	const struct sfx_target *t = &s->t[i];
	if (t->width != 1 || !t->readable || !t->writable)
		return n;
	sfx_prepare(d);
	for (uint64_t v = 1; v < 256 && n < MAX_STATES; v++) {
		uint64_t rb = 0;
		if (listed(found, n, v))
			continue;
		sfx_write(d, t, v);
		if (sfx_read(d, t, &rb) != VC_ACC_OK || rb == v)
			continue; /* acknowledged alone: nothing hidden behind it */
		for (unsigned j = s->cfg_first; j < s->n; j++)
			if (nearby(s, i, j) && s->t[j].writable && answers_under(d, t, &s->t[j], v)) {
				found[n++] = v;
				break;
			}
	}
	return n;
}

void sfx_sweep(struct vdev *d, const struct sfx_set *s, int i)
{
	uint64_t found[MAX_STATES];
	sfx_prepare(d);
	unsigned n = sweep_one(d, s, i, -1, 0, found, MAX_STATES);
	if (s->t[i].sp != VC_SFX_SP_CONFIG)
		return;
	n = hidden_values(d, s, i, found, n);
	for (unsigned k = 0; k < n; k++) {
		for (unsigned j = s->cfg_first; j < s->n; j++) {
			if (!nearby(s, i, j))
				continue;
			sfx_prepare(d);
			if (!keeps_a_write(d, &s->t[i], found[k], &s->t[j]))
				continue;
			uint64_t unused[1];
			sweep_one(d, s, (int)j, i, found[k], unused, 0);
		}
	}
	sfx_prepare(d);
}
