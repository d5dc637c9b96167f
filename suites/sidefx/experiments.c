/* The basic experiments on one target: read it twice, and write values to
 * it on a freshly reset device, each followed by a read-back and a snapshot
 * of the rest of its space, then a reset. */
#include "guests/lib/access.h"
#include "guests/lib/driver.h"
#include "suites/sidefx/sfx.h"

static struct sfx_snap before, after, base;

static void fault_flag(struct sfx_rec *r, int rd, int wr)
{
	if (rd || wr)
		sfx_rec_kv(r, wr ? "fw" : "fr", 1);
}

void sfx_read_twice(struct vdev *d, const struct sfx_set *s, int i)
{
	const struct sfx_target *t = &s->t[i];
	struct sfx_rec r;
	sfx_rec_init(&r);
	sfx_snapshot(d, s, t->sp, i, &before);
	uint64_t a = 0, b = 0;
	int fa = sfx_read(d, t, &a) != VC_ACC_OK;
	int fb = sfx_read(d, t, &b) != VC_ACC_OK;
	sfx_snapshot(d, s, t->sp, i, &after);
	/* The two snapshots bracket the reads: a change elsewhere means the
	 * read itself did something. Our own offset is left out. */
	sfx_rec_pair(&r, "v", a, b);
	fault_flag(&r, fa || fb, 0);
	sfx_rec_changes(&r, s, t->sp, i, &before, &after);
	sfx_emit(d, t, VC_SFX_READ2, &r);
}

/* What to write: the value read (write-back), then bits 0, 1 and 7 flipped
 * in turn (a selector whose first values look alike, such as a net
 * device's queues of equal size, shows itself past its last entry; all ones
 * is often ignored as out of range) and all bits flipped; for a write-only
 * register the same around 0. */
#define WRITE_VALUES 5
static void write_values(const struct sfx_target *t, uint64_t pre, int have_pre, uint64_t *v)
{
	uint64_t m = sfx_mask(t->width);
	if (!have_pre)
		pre = 0;
	v[0] = pre, v[1] = (pre ^ 1) & m, v[2] = (pre ^ 2) & m, v[3] = (pre ^ 0x80) & m, v[4] = ~pre & m;
}

int sfx_write_step(struct vdev *d, const struct sfx_set *s, int i, uint64_t val)
{
	const struct sfx_target *t = &s->t[i];
	struct sfx_rec r;
	sfx_rec_init(&r);
	sfx_snapshot(d, s, t->sp, i, &before);
	int fw = sfx_write(d, t, val) != VC_ACC_OK;
	uint64_t rb = 0;
	int fr = t->readable && sfx_read(d, t, &rb) != VC_ACC_OK;
	sfx_snapshot(d, s, t->sp, i, &after);
	sfx_rec_kv(&r, "wv", val);
	if (t->readable)
		sfx_rec_kv(&r, "rb", rb);
	fault_flag(&r, fr, fw);
	unsigned changed = sfx_rec_changes(&r, s, t->sp, i, &before, &after);
	sfx_emit(d, t, VC_SFX_WRITE, &r);
	return changed != 0;
}

static void reset_after(struct vdev *d, const struct sfx_set *s, int i)
{
	const struct sfx_target *t = &s->t[i];
	struct sfx_rec r;
	sfx_rec_init(&r);
	sfx_prepare(d);
	uint64_t rb = 0;
	if (t->readable) {
		int fr = sfx_read(d, t, &rb) != VC_ACC_OK;
		sfx_rec_kv(&r, "rb", rb);
		fault_flag(&r, fr, 0);
	}
	sfx_snapshot(d, s, t->sp, i, &after);
	sfx_rec_changes(&r, s, t->sp, i, &base, &after);
	sfx_emit(d, t, VC_SFX_RESET, &r);
}

int sfx_write_values(struct vdev *d, const struct sfx_set *s, int i)
{
	const struct sfx_target *t = &s->t[i];
	sfx_prepare_for(d, t);
	sfx_snapshot(d, s, t->sp, i, &base);
	uint64_t pre = 0, vals[WRITE_VALUES];
	int have_pre = t->readable && sfx_read(d, t, &pre) == VC_ACC_OK;
	write_values(t, pre, have_pre, vals);
	int selects = 0;
	for (unsigned k = 0; k < WRITE_VALUES; k++)
		selects |= sfx_write_step(d, s, i, vals[k]);
	/* what QEMU made of the last Status value, before the reset undoes it */
	if (sfx_is_status(d, t) && sfx_host_served())
		sfx_qemu_status(d);
	reset_after(d, s, i);
	sfx_forget_features(d, t);
	return selects;
}
