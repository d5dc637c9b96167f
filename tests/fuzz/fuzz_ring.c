/* The record ring as the host reads it (harness/collect/ring_reader.h): the
 * guest writes the whole header, so its size, head and tail are the input's
 * to choose, and so are the host's own tail and a series of head moves.
 * Whatever they say, the reader hands on at most one ring's worth of bytes
 * per call, every byte from inside the ring, in order, and never moves the
 * host's tail past the head or backwards; an impossible header is refused
 * without taking anything. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "harness/collect/ring_reader.h"
#include "fuzz_common.h"

struct taken {
	const char *lo, *hi; /* the ring's data */
	uint64_t n;
};

static void take(void *ctx, const char *bytes, size_t n)
{
	struct taken *t = ctx;
	fz_require(bytes >= t->lo && bytes + n <= t->hi, "bytes outside the ring");
	t->n += n;
}

static uint64_t u64_at(const uint8_t *d, size_t n, size_t at)
{
	uint64_t v = 0;
	for (size_t i = 0; i < 8 && at + i < n; i++)
		v |= (uint64_t)d[at + i] << (8 * i);
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct vc_ring_header *r = calloc(1, VC_RING_BYTES);
	struct taken t = { (char *)r + sizeof(*r), (char *)r + VC_RING_BYTES, 0 };
	r->magic = n && d[0] & 1 ? VC_RING_MAGIC : (uint32_t)u64_at(d, n, 1);
	r->size = n > 1 && d[1] & 1 ? VC_RING_DATA_BYTES : (uint32_t)u64_at(d, n, 2);
	uint64_t tail = u64_at(d, n, 10);
	/* the guest moves its head a few times; the host reads after each */
	for (size_t at = 18; at + 8 <= n + 8 && at < 18 + 8 * 8; at += 8) {
		r->head = (d[at < n ? at : 0] & 1) ? tail + (u64_at(d, n, at) % (2ull * VC_RING_DATA_BYTES))
						   : u64_at(d, n, at);
		uint64_t before = tail, had = t.n;
		char why[160];
		int rc = vc_ring_take(r, &tail, take, &t, why, sizeof(why));
		if (rc < 0) {
			fz_require(tail == before && t.n == had, "a refused ring moved the tail or gave bytes");
			fz_require(strstr(why, "not a ring") != NULL, "refusal without a reason: %s", why);
			break;
		}
		fz_require(t.n - had <= VC_RING_DATA_BYTES, "more than a ring's worth in one read");
		fz_require(tail - before == t.n - had, "tail moved by %llu for %llu bytes",
			   (unsigned long long)(tail - before), (unsigned long long)(t.n - had));
		if (r->magic == VC_RING_MAGIC)
			fz_require(tail == r->head && r->tail == tail, "a read ring ends at its head");
	}
	free(r);
	return 0;
}
