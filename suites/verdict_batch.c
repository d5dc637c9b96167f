/* Batches of checks with one verdict and detail (verdict_batch.h). A batch
 * is a set of check ranks (check.h), written as a hex bitmap: a device's
 * whole catalogue fits one record of a few dozen characters, where its IDs
 * took kilobytes. */
#include "vcheck/ranks.h"
#include "vcheck/records.h"
#include "suites/check.h"
#include "guests/lib/format.h"
#include "guests/lib/record.h"
#include <string.h>
#include "guests/lib/vdev.h"
#include "suites/verdict_batch.h"

#define BATCHES 8       /* distinct SKIP reasons open at once on one device */
#define DETAIL_MAX 96   /* a longer detail travels in its own record */

struct batch {
	enum vc_verdict v;
	char detail[DETAIL_MAX];
	uint8_t set[VC_RANKS_BYTES];
	unsigned top; /* highest rank in the set + 1; 0: the slot is free */
};

static struct batch batches[BATCHES];

static void write_batch(const struct vdev *d, struct batch *b)
{
	char hex[VC_RANKS_TEXT];
	if (!b->top)
		return;
	vc_ranks_format(b->set, b->top, hex);
	rec_begin(b->v == VC_PASS ? "pass" : "skip");
	rec_u64("d", d->index);
	rec_str("set", hex);
	/* A skip record without detail stands for the commonest reason. */
	if (b->v == VC_SKIP && strcmp(b->detail, VC_SKIP_UNOFFERED) != 0)
		rec_str("detail", b->detail);
	rec_end();
	memset(b, 0, sizeof(*b));
}

/* The open batch for (v, detail), or a slot made free for it: when all
 * are taken, the largest is written out. */
static struct batch *slot_for(const struct vdev *d, enum vc_verdict v, const char *detail)
{
	struct batch *free_slot = 0, *largest = &batches[0];
	for (struct batch *b = batches; b < batches + BATCHES; b++) {
		if (b->top && b->v == v && strcmp(b->detail, detail) == 0)
			return b;
		if (!b->top && !free_slot)
			free_slot = b;
		if (b->top > largest->top)
			largest = b;
	}
	if (!free_slot) {
		write_batch(d, largest);
		free_slot = largest;
	}
	free_slot->v = v;
	memcpy(free_slot->detail, detail, strlen(detail) + 1);
	return free_slot;
}

int vc_batch_add(const struct vdev *d, enum vc_verdict v, const struct vc_check *c, const char *detail)
{
	unsigned rank = vc_check_rank(c);
	if ((v != VC_PASS && v != VC_SKIP) || (v == VC_PASS && detail[0]) || strlen(detail) >= DETAIL_MAX ||
	    rank >= VC_RANKS_MAX)
		return -1;
	struct batch *b = slot_for(d, v, detail);
	b->set[rank / 8] |= (uint8_t)(1u << (rank % 8));
	if (rank + 1 > b->top)
		b->top = rank + 1;
	return 0;
}

void vc_batch_flush(const struct vdev *d)
{
	for (struct batch *b = batches; b < batches + BATCHES; b++)
		write_batch(d, b);
}
