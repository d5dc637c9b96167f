/* Reads spread over time: every readable register outside config is
 * sampled a few times a millisecond apart with nothing else happening; a
 * target whose value moves is recorded (first, last, and how many times it
 * changed plus one). Quiet targets are not sent: their two-read records
 * already stand for them. Config is watched through its window
 * (config.c). */
#include "guests/lib/driver.h"
#include "suites/sidefx/sfx.h"

#define SAMPLES 6
#define GAP_US 1000

static struct sfx_snap first, prev, cur;
static uint8_t moves[SFX_MAX_TARGETS];

void sfx_timing(struct vdev *d, const struct sfx_set *s)
{
	sfx_prepare(d);
	sfx_snapshot(d, s, VC_SFX_SP__COUNT, -1, &first);
	prev = first;
	for (unsigned i = 0; i < s->n; i++)
		moves[i] = 0;
	for (unsigned k = 1; k < SAMPLES; k++) {
		drv_delay_us(GAP_US);
		sfx_snapshot(d, s, VC_SFX_SP__COUNT, -1, &cur);
		for (unsigned i = 0; i < s->n; i++)
			if (cur.ok[i] && prev.ok[i] && cur.v[i] != prev.v[i])
				moves[i]++;
		prev = cur;
	}
	for (unsigned i = 0; i < s->cfg_first; i++) {
		if (!moves[i])
			continue;
		struct sfx_rec r;
		sfx_rec_init(&r);
		sfx_rec_pair(&r, "v", first.v[i], cur.v[i]);
		sfx_rec_kv(&r, "n", moves[i] + 1u);
		sfx_emit(d, &s->t[i], VC_SFX_TIME, &r);
	}
}
