/* The host's side of the record ring (vcheck/ring.h), on a mapping of the
 * ring's window of guest RAM. The guest writes the header too: a size or
 * head that cannot be is reported, never followed. */
#ifndef VC_RING_READER_H
#define VC_RING_READER_H
#include <stddef.h>
#include <stdint.h>
#include "vcheck/ring.h"

/* Hands every byte written since *tail to take() (at most two calls: the
 * ring wraps once), then moves *tail and the ring's tail to the head.
 * 0 when the ring is not there yet (no magic) or was read; -1 with why
 * when its header says what no ring can. */
int vc_ring_take(volatile struct vc_ring_header *r, uint64_t *tail,
		 void (*take)(void *ctx, const char *bytes, size_t n), void *ctx, char *why, size_t len);

#endif
