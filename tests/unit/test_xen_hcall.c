/* Unit tests for the guest's Xen hypercall marshalling (guests/lib/xen/hcall.c)
 * and the consoles built on it (xen_console.c), through a fake hypercall:
 * numbers and layouts are the ones of xen/include/public (xen.h,
 * grant_table.h, memory.h, hvm/hvm_op.h, hvm/params.h, event_channel.h,
 * io/console.h, arch-arm.h), restated here as plain numbers. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "guests/lib/xen/console.h"
#include "tests/unit/xen_fake.h"
#include "guests/lib/xen/hcall.h"

/* ---- ABI layouts ---------------------------------------------------------- */

static void test_abi_numbers(void **state)
{
	(void)state;
	/* xen.h hypercall numbers */
	assert_int_equal(XEN_HC_MEMORY_OP, 12);
	assert_int_equal(XEN_HC_XEN_VERSION, 17);
	assert_int_equal(XEN_HC_CONSOLE_IO, 18);
	assert_int_equal(XEN_HC_GRANT_TABLE_OP, 20);
	assert_int_equal(XEN_HC_EVENT_CHANNEL_OP, 32);
	assert_int_equal(XEN_HC_HVM_OP, 34);
	assert_int_equal(XEN_DOMID_SELF, 0x7ff0);
	assert_int_equal(XEN_HYPERCALL_TAG, 0xea1);
	/* grant_table.h */
	assert_int_equal(XEN_GNTTABOP_QUERY_SIZE, 6);
	assert_int_equal(XEN_GNTTABOP_SET_VERSION, 8);
	assert_int_equal(XEN_GTF_PERMIT_ACCESS, 1);
	assert_int_equal(XEN_GTF_READONLY, 4);
	assert_int_equal(XEN_GTF_READING, 8);
	assert_int_equal(XEN_GTF_WRITING, 16);
	assert_int_equal(XEN_GNTTAB_NR_RESERVED, 8);
	assert_int_equal(XEN_GNTTAB_ENTRIES_PER_FRAME, 512);
	/* memory.h, hvm, event channels */
	assert_int_equal(XEN_XENMEM_ADD_TO_PHYSMAP, 7);
	assert_int_equal(XEN_XENMAPSPACE_GRANT_TABLE, 1);
	assert_int_equal(XEN_HVMOP_GET_PARAM, 1);
	assert_int_equal(XEN_HVM_PARAM_CONSOLE_PFN, 17);
	assert_int_equal(XEN_HVM_PARAM_CONSOLE_EVTCHN, 18);
	assert_int_equal(XEN_EVTCHNOP_SEND, 4);
	assert_int_equal(XEN_GRANT_DMA_ADDR_OFF, 0x8000000000000000ull);
}

static void test_abi_layouts(void **state)
{
	(void)state;
	assert_int_equal(sizeof(struct xen_grant_entry_v1), 8);
	assert_int_equal(offsetof(struct xen_grant_entry_v1, flags), 0);
	assert_int_equal(offsetof(struct xen_grant_entry_v1, domid), 2);
	assert_int_equal(offsetof(struct xen_grant_entry_v1, frame), 4);
	assert_int_equal(sizeof(struct xen_gnttab_query_size), 16);
	assert_int_equal(offsetof(struct xen_gnttab_query_size, nr_frames), 4);
	assert_int_equal(offsetof(struct xen_gnttab_query_size, max_nr_frames), 8);
	assert_int_equal(offsetof(struct xen_gnttab_query_size, status), 12);
	assert_int_equal(sizeof(struct xen_add_to_physmap), 24);
	assert_int_equal(offsetof(struct xen_add_to_physmap, space), 4);
	assert_int_equal(offsetof(struct xen_add_to_physmap, idx), 8);
	assert_int_equal(offsetof(struct xen_add_to_physmap, gpfn), 16);
	assert_int_equal(sizeof(struct xen_hvm_param), 16);
	assert_int_equal(offsetof(struct xen_hvm_param, index), 4);
	assert_int_equal(offsetof(struct xen_hvm_param, value), 8);
	assert_int_equal(offsetof(struct xen_cons_interface, out), 1024);
	assert_int_equal(offsetof(struct xen_cons_interface, in_cons), 3072);
	assert_int_equal(offsetof(struct xen_cons_interface, out_cons), 3080);
	assert_int_equal(offsetof(struct xen_cons_interface, out_prod), 3084);
}

/* ---- marshalling ------------------------------------------------------------ */

static void test_no_hypercall_is_enosys(void **state)
{
	(void)state;
	xen_hcall_use(NULL);
	assert_false(xen_hcall_ready());
	assert_int_equal(xen_version(), -38);
	assert_int_equal(xen_evtchn_send(3), -38);
}

static int64_t answer_version(const struct fake_call *c) { return c->op == 17 ? (4 << 16 | 19) : -1; }

static void test_version(void **state)
{
	(void)state;
	fake_reset(answer_version);
	assert_true(xen_hcall_ready());
	assert_int_equal(xen_version(), 4 << 16 | 19);
	assert_int_equal(fake_ncalls, 1);
	assert_int_equal(fake_calls[0].op, 17);
	assert_int_equal(fake_calls[0].a[0], 0); /* XENVER_version */
	assert_int_equal(fake_calls[0].a[1], 0);
}

static char console_seen[256];
static int64_t answer_console(const struct fake_call *c)
{
	if (c->op != 18 || c->a[0] != 0 || c->a[1] >= sizeof(console_seen))
		return -22;
	memcpy(console_seen, (const void *)(uintptr_t)c->a[2], c->a[1]);
	console_seen[c->a[1]] = 0;
	return 0;
}

static void test_console_io(void **state)
{
	(void)state;
	fake_reset(answer_console);
	assert_int_equal(xen_console_io_write("hello\n", 6), 0);
	assert_int_equal(fake_calls[0].a[1], 6);
	assert_string_equal(console_seen, "hello\n");
}

static int64_t answer_query(const struct fake_call *c)
{
	struct xen_gnttab_query_size *q = (void *)(uintptr_t)c->a[1];
	if (c->op != 20 || c->a[0] != 6 || c->a[2] != 1 || q->dom != 0x7ff0)
		return -22;
	q->nr_frames = 1;
	q->max_nr_frames = 64;
	q->status = 0;
	return 0;
}

static int64_t answer_query_denied(const struct fake_call *c)
{
	struct xen_gnttab_query_size *q = (void *)(uintptr_t)c->a[1];
	q->status = -8; /* GNTST_permission_denied */
	return 0;
}

static void test_gnttab_query_size(void **state)
{
	(void)state;
	uint32_t nr = 0, max = 0;
	fake_reset(answer_query);
	assert_int_equal(xen_gnttab_query_size(&nr, &max), 0);
	assert_int_equal(nr, 1);
	assert_int_equal(max, 64);
	/* the op's own status is the result when the call itself succeeded */
	fake_reset(answer_query_denied);
	assert_int_equal(xen_gnttab_query_size(&nr, &max), -8);
}

static int64_t answer_set_version(const struct fake_call *c)
{
	struct xen_gnttab_set_version *v = (void *)(uintptr_t)c->a[1];
	if (c->op != 20 || c->a[0] != 8 || c->a[2] != 1)
		return -22;
	if (v->version == 2)
		return -38; /* a hypervisor built without v2 */
	return 0;
}

static void test_gnttab_set_version(void **state)
{
	(void)state;
	fake_reset(answer_set_version);
	uint32_t v = 1;
	assert_int_equal(xen_gnttab_set_version(&v), 0);
	assert_int_equal(v, 1);
	v = 2;
	assert_int_equal(xen_gnttab_set_version(&v), -38);
}

static struct xen_add_to_physmap seen_map;
static int64_t answer_physmap(const struct fake_call *c)
{
	if (c->op != 12 || c->a[0] != 7)
		return -22;
	seen_map = *(const struct xen_add_to_physmap *)(uintptr_t)c->a[1];
	return 0;
}

static void test_add_to_physmap(void **state)
{
	(void)state;
	fake_reset(answer_physmap);
	assert_int_equal(xen_map_grant_frame(3, 0x38003), 0);
	assert_int_equal(seen_map.domid, 0x7ff0);
	assert_int_equal(seen_map.space, 1); /* XENMAPSPACE_grant_table */
	assert_int_equal(seen_map.idx, 3);
	assert_int_equal(seen_map.gpfn, 0x38003);
	assert_int_equal(seen_map.size, 0);
}

static int64_t answer_param(const struct fake_call *c)
{
	struct xen_hvm_param *p = (void *)(uintptr_t)c->a[1];
	if (c->op != 34 || c->a[0] != 1 || p->domid != 0x7ff0)
		return -22;
	if (p->index == 17)
		p->value = 0x39000;
	else if (p->index == 18)
		p->value = 3;
	else
		return -22;
	return 0;
}

static void test_hvm_get_param(void **state)
{
	(void)state;
	fake_reset(answer_param);
	uint64_t v = 0;
	assert_int_equal(xen_hvm_get_param(XEN_HVM_PARAM_CONSOLE_PFN, &v), 0);
	assert_int_equal(v, 0x39000);
	assert_int_equal(xen_hvm_get_param(XEN_HVM_PARAM_CONSOLE_EVTCHN, &v), 0);
	assert_int_equal(v, 3);
	assert_int_equal(xen_hvm_get_param(99, &v), -22);
}

static uint32_t sent_port;
static int64_t answer_send(const struct fake_call *c)
{
	if (c->op != 32 || c->a[0] != 4)
		return -22;
	sent_port = ((const struct xen_evtchn_send *)(uintptr_t)c->a[1])->port;
	return 0;
}

static void test_evtchn_send(void **state)
{
	(void)state;
	fake_reset(answer_send);
	assert_int_equal(xen_evtchn_send(7), 0);
	assert_int_equal(sent_port, 7);
}

/* ---- PV console ring ------------------------------------------------------- */

static struct xen_cons_interface ring;
static unsigned kicks;
/* The backend: each kick drains what is published. */
static int64_t answer_drain(const struct fake_call *c)
{
	if (c->op != 32 || c->a[0] != 4 || ((const struct xen_evtchn_send *)(uintptr_t)c->a[1])->port != 5)
		return -22;
	kicks++;
	ring.out_cons = ring.out_prod;
	return 0;
}

static void test_pvcons_line(void **state)
{
	(void)state;
	memset(&ring, 0, sizeof(ring));
	ring.out_prod = ring.out_cons = 100; /* the backend's indexes from an earlier writer */
	fake_reset(NULL);
	struct xen_pvcons c;
	xen_pvcons_init(&c, &ring, 5);
	for (const char *s = "rec"; *s; s++)
		xen_pvcons_put(&c, *s);
	assert_int_equal(ring.out_prod, 100); /* nothing published before the newline */
	assert_int_equal(fake_ncalls, 0);
	xen_pvcons_put(&c, '\n');
	assert_int_equal(ring.out_prod, 104);
	assert_memory_equal(&ring.out[100], "rec\n", 4);
	assert_int_equal(fake_ncalls, 1);
	assert_int_equal(fake_calls[0].op, 32);
}

static void test_pvcons_wraps_and_waits(void **state)
{
	(void)state;
	memset(&ring, 0, sizeof(ring));
	ring.out_prod = ring.out_cons = 2040;
	kicks = 0;
	fake_reset(answer_drain);
	struct xen_pvcons c;
	xen_pvcons_init(&c, &ring, 5);
	/* 5000 bytes without a newline: more than two rings, so the writer must
	 * publish and wait for the backend twice; nothing is dropped. */
	char want[5000];
	for (unsigned i = 0; i < sizeof(want); i++) {
		want[i] = (char)('a' + i % 26);
		xen_pvcons_put(&c, want[i]);
		if (i == 7)
			assert_int_equal(ring.out[2047], want[7]); /* the last slot of the ring */
		if (i == 8)
			assert_int_equal(ring.out[0], want[8]); /* then the first */
	}
	assert_int_equal(kicks, 2);
	xen_pvcons_flush(&c);
	assert_int_equal(ring.out_prod, 2040 + 5000);
	/* the tail still in the ring is the end of what was written */
	uint32_t p = ring.out_prod;
	for (unsigned k = 1; k <= 100; k++)
		assert_int_equal(ring.out[(p - k) % 2048], want[sizeof(want) - k]);
}

/* ---- console_io line writer ------------------------------------------------ */

static unsigned console_calls;
static char console_all[512];
static int64_t answer_console_all(const struct fake_call *c)
{
	console_calls++;
	strncat(console_all, (const char *)(uintptr_t)c->a[2], c->a[1]);
	return 0;
}

static void test_hvccons_lines(void **state)
{
	(void)state;
	console_calls = 0;
	console_all[0] = 0;
	fake_reset(answer_console_all);
	struct xen_hvccons c = { .n = 0 };
	for (const char *s = "one\ntwo\n"; *s; s++)
		xen_hvccons_put(&c, *s);
	assert_int_equal(console_calls, 2);
	assert_string_equal(console_all, "one\ntwo\n");
	/* a line longer than the buffer goes out in buffer-sized pieces */
	for (unsigned i = 0; i < 200; i++)
		xen_hvccons_put(&c, 'x');
	assert_int_equal(console_calls, 3);
	assert_int_equal(strlen(console_all), 8 + 128);
	xen_hvccons_flush(&c);
	assert_int_equal(console_calls, 4);
	assert_int_equal(strlen(console_all), 8 + 200);
	xen_hvccons_flush(&c); /* nothing left: no call */
	assert_int_equal(console_calls, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_abi_numbers),
		cmocka_unit_test(test_abi_layouts),
		cmocka_unit_test(test_no_hypercall_is_enosys),
		cmocka_unit_test(test_version),
		cmocka_unit_test(test_console_io),
		cmocka_unit_test(test_gnttab_query_size),
		cmocka_unit_test(test_gnttab_set_version),
		cmocka_unit_test(test_add_to_physmap),
		cmocka_unit_test(test_hvm_get_param),
		cmocka_unit_test(test_evtchn_send),
		cmocka_unit_test(test_pvcons_line),
		cmocka_unit_test(test_pvcons_wraps_and_waits),
		cmocka_unit_test(test_hvccons_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
