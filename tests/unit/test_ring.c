/* Unit tests for the host's side of the record ring (harness/collect/
 * ring_reader.c): bytes across the wrap, in order, the tail handed back,
 * and a guest-written header that cannot be a ring refused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/collect/ring_reader.h"

static struct vc_ring_header *ring;
static char *data;

static struct { char *buf; size_t len, calls; } got;

static void take(void *ctx, const char *bytes, size_t n)
{
	got.buf = realloc(got.buf, got.len + n);
	memcpy(got.buf + got.len, bytes, n);
	got.len += n;
	got.calls++;
}

static int setup(void **state)
{
	ring = calloc(1, VC_RING_BYTES);
	data = (char *)ring + sizeof(*ring);
	ring->size = VC_RING_DATA_BYTES;
	ring->magic = VC_RING_MAGIC;
	memset(&got, 0, sizeof(got));
	return 0;
}

static int teardown(void **state)
{
	free(ring), free(got.buf);
	return 0;
}

/* What the image does (guests/lib/ring_console.c): bytes, then the head. */
static void guest_write(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		data[(ring->head + i) % ring->size] = s[i];
	ring->head += n;
}

static void test_not_there_yet(void **state)
{
	uint64_t tail = 0;
	char why[160] = "";
	ring->magic = 0;
	guest_write("abc", 3);
	assert_int_equal(vc_ring_take(ring, &tail, take, NULL, why, sizeof(why)), 0);
	assert_int_equal(got.len, 0);
	assert_int_equal(tail, 0);
}

static void test_in_order_and_tail_returned(void **state)
{
	uint64_t tail = 0;
	char why[160] = "";
	guest_write("@vc1 0 start\n", 13);
	assert_int_equal(vc_ring_take(ring, &tail, take, NULL, why, sizeof(why)), 0);
	guest_write("@vc1 1 end\n", 11);
	assert_int_equal(vc_ring_take(ring, &tail, take, NULL, why, sizeof(why)), 0);
	assert_int_equal(got.len, 24);
	assert_memory_equal(got.buf, "@vc1 0 start\n@vc1 1 end\n", 24);
	assert_int_equal(tail, 24);
	assert_int_equal(ring->tail, 24); /* room given back */
	/* nothing new: nothing taken */
	assert_int_equal(vc_ring_take(ring, &tail, take, NULL, why, sizeof(why)), 0);
	assert_int_equal(got.calls, 2);
}

static void test_across_the_wrap(void **state)
{
	uint64_t tail = VC_RING_DATA_BYTES - 5;
	char why[160] = "";
	ring->head = ring->tail = tail;
	guest_write("0123456789", 10);
	assert_int_equal(vc_ring_take(ring, &tail, take, NULL, why, sizeof(why)), 0);
	assert_int_equal(got.calls, 2);
	assert_int_equal(got.len, 10);
	assert_memory_equal(got.buf, "0123456789", 10);
	assert_int_equal(ring->tail, VC_RING_DATA_BYTES + 5);
}

static void test_full_ring(void **state)
{
	uint64_t tail = 0;
	char why[160] = "";
	char *all = malloc(VC_RING_DATA_BYTES);
	for (size_t i = 0; i < VC_RING_DATA_BYTES; i++)
		all[i] = (char)('a' + i % 26);
	guest_write(all, VC_RING_DATA_BYTES);
	assert_int_equal(vc_ring_take(ring, &tail, take, NULL, why, sizeof(why)), 0);
	assert_int_equal(got.len, VC_RING_DATA_BYTES);
	assert_memory_equal(got.buf, all, VC_RING_DATA_BYTES);
	free(all);
}

/* The header is the guest's to write: none of these may be followed. */
static void test_impossible_headers(void **state)
{
	static const struct { uint32_t size; uint64_t head, tail; } bad[] = {
		{ VC_RING_DATA_BYTES + 1, 10, 0 },               /* bigger than the window */
		{ 16, 10, 0 },                                   /* not the size the host set aside */
		{ VC_RING_DATA_BYTES, VC_RING_DATA_BYTES + 1, 0 }, /* more than a ring holds */
		{ VC_RING_DATA_BYTES, 5, 10 },                   /* the head went back */
		{ VC_RING_DATA_BYTES, UINT64_MAX, 0 },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint64_t tail = bad[i].tail;
		char why[160] = "";
		ring->size = bad[i].size, ring->head = bad[i].head;
		got.len = 0;
		assert_int_equal(vc_ring_take(ring, &tail, take, NULL, why, sizeof(why)), -1);
		assert_non_null(strstr(why, "not a ring"));
		assert_int_equal(got.len, 0);
		assert_int_equal(tail, bad[i].tail);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_not_there_yet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_in_order_and_tail_returned, setup, teardown),
		cmocka_unit_test_setup_teardown(test_across_the_wrap, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_ring, setup, teardown),
		cmocka_unit_test_setup_teardown(test_impossible_headers, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
