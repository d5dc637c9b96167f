#include <stdio.h>
#include "harness/collect/ring_reader.h"

int vc_ring_take(volatile struct vc_ring_header *r, uint64_t *tail,
		 void (*take)(void *ctx, const char *bytes, size_t n), void *ctx, char *why, size_t len)
{
	if (r->magic != VC_RING_MAGIC)
		return 0;
	uint64_t head = r->head, size = r->size;
	__atomic_thread_fence(__ATOMIC_ACQUIRE); /* the bytes after the head that shows them */
	if (size != VC_RING_DATA_BYTES || head - *tail > size) {
		snprintf(why, len, "record ring: size %llu, head %llu after %llu bytes taken: not a ring",
			 (unsigned long long)size, (unsigned long long)head, (unsigned long long)*tail);
		return -1;
	}
	const char *data = (const char *)r + sizeof(struct vc_ring_header);
	while (*tail != head) {
		uint64_t at = *tail % size, n = head - *tail;
		if (n > size - at)
			n = size - at;
		take(ctx, data + at, (size_t)n);
		*tail += n;
	}
	__atomic_thread_fence(__ATOMIC_RELEASE); /* taken before the guest may reuse the room */
	r->tail = *tail;
	return 0;
}
