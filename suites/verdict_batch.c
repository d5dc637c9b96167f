/* Batches of checks with one verdict and detail (verdict_batch.h). */
#include "vcheck/records.h"
#include "record.h"
#include "string.h"
#include "vdev.h"
#include "verdict_batch.h"

#define BATCHES 8       /* distinct SKIP reasons open at once on one device */
#define DETAIL_MAX 96   /* a longer detail travels in its own record */
#define IDS_MAX 600     /* keeps a record well inside VC_RECORD_MAX_LINE */

struct batch {
	enum vc_verdict v;
	char detail[DETAIL_MAX];
	char ids[IDS_MAX];
	size_t len; /* 0: the slot is free */
};

static struct batch batches[BATCHES];

static void write_batch(const struct vdev *d, struct batch *b)
{
	if (!b->len)
		return;
	rec_begin(b->v == VC_PASS ? "pass" : "skip");
	rec_u64("d", d->index);
	rec_str("ids", b->ids);
	/* A skip record without detail stands for the commonest reason. */
	if (b->v == VC_SKIP && strcmp(b->detail, VC_SKIP_UNOFFERED) != 0)
		rec_str("detail", b->detail);
	rec_end();
	b->len = 0;
}

/* The open batch for (v, detail), or a slot made free for it: when all
 * are taken, the fullest is written out, so few records stay short. */
static struct batch *slot_for(const struct vdev *d, enum vc_verdict v, const char *detail)
{
	struct batch *free_slot = 0, *fullest = &batches[0];
	for (struct batch *b = batches; b < batches + BATCHES; b++) {
		if (b->len && b->v == v && strcmp(b->detail, detail) == 0)
			return b;
		if (!b->len && !free_slot)
			free_slot = b;
		if (b->len > fullest->len)
			fullest = b;
	}
	if (!free_slot) {
		write_batch(d, fullest);
		free_slot = fullest;
	}
	free_slot->v = v;
	memcpy(free_slot->detail, detail, strlen(detail) + 1);
	return free_slot;
}

int vc_batch_add(const struct vdev *d, enum vc_verdict v, const char *id, const char *detail)
{
	size_t n = strlen(id);
	if ((v != VC_PASS && v != VC_SKIP) || strlen(detail) >= DETAIL_MAX || n + 2 > IDS_MAX ||
	    (v == VC_PASS && detail[0]))
		return -1;
	struct batch *b = slot_for(d, v, detail);
	if (b->len + n + 2 > IDS_MAX) {
		write_batch(d, b);
		b = slot_for(d, v, detail);
	}
	if (b->len)
		b->ids[b->len++] = ',';
	memcpy(b->ids + b->len, id, n + 1);
	b->len += n;
	return 0;
}

void vc_batch_flush(const struct vdev *d)
{
	for (struct batch *b = batches; b < batches + BATCHES; b++)
		write_batch(d, b);
}
