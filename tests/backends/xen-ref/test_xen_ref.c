/* vcheck-xen-ref's unit test: the register file driven as a virtio-mmio
 * driver drives it (Linux's virtio_mmio.c order), with the driver's memory
 * a fake page mapper over a small array standing for the domU's pages, and
 * no Xen. Expected values come from VIRTIO 1.4 4.2.2 and vu-ref's byte map
 * (its README.md), worked out here, never read back from the device. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "mmio.h"
#include "options.h"

#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_status.h"

#define TICK 20
#define T0 5000 /* an arbitrary clock origin */

/* ---- the domU's memory: PAGES pages, reached by grant ref (ref n is
 * page n) or by guest-physical address from GPA_BASE ---- */

#define PAGES 16
#define GPA_BASE 0x40000000ull
/* Every page is followed by a junk one, so that a copy running past a
 * page's end instead of mapping the next page reads junk. */
static uint8_t mem[2 * PAGES][XR_PAGE_SIZE];
#define JUNK 0xee
static uint8_t *page(unsigned i) { return mem[2 * i]; }
static int readonly_grant[PAGES];          /* granted read-only */
static int live[XR_MAP_KINDS][PAGES];      /* mappings held now, per page */
static int bad_unmaps;

static long page_index(enum xr_map_kind kind, uint64_t frame)
{
	uint64_t first = kind == XR_MAP_GRANT ? 0 : GPA_BASE >> XR_PAGE_SHIFT;
	return frame >= first && frame - first < PAGES ? (long)(frame - first) : -1;
}

static void *fake_map(void *ctx, enum xr_map_kind kind, uint64_t frame, int writable)
{
	long i = page_index(kind, frame);
	if (i < 0 || (kind == XR_MAP_GRANT && writable && readonly_grant[i])) {
		errno = i < 0 ? EINVAL : EPERM;
		return NULL;
	}
	live[kind][i]++;
	return page((unsigned)i);
}

static int fake_unmap(void *ctx, enum xr_map_kind kind, void *p)
{
	long i = ((uint8_t *)p - mem[0]) / (2 * XR_PAGE_SIZE);
	if (i < 0 || i >= PAGES || live[kind][i] <= 0) {
		bad_unmaps++;
		return -1;
	}
	live[kind][i]--;
	return 0;
}

static const struct xr_dma_ops fake_ops = { fake_map, fake_unmap };

static int live_maps(void)
{
	int n = 0;
	for (int k = 0; k < XR_MAP_KINDS; k++)
		for (int i = 0; i < PAGES; i++)
			n += live[k][i];
	return n;
}

/* ---- the device under test ---- */

static struct xr_dma dma;
static struct xr_mmio m;
static struct xr_trace trace;
static char *trace_buf;
static size_t trace_len;
static uint64_t now;
static int raised;

static int fake_raise(void *ctx)
{
	raised++;
	return 0;
}

static void power_on(enum vu_mode mode, unsigned config_size)
{
	for (unsigned i = 0; i < PAGES; i++) {
		memset(page(i), 0, XR_PAGE_SIZE);
		memset(page(i) + XR_PAGE_SIZE, JUNK, XR_PAGE_SIZE);
	}
	memset(readonly_grant, 0, sizeof readonly_grant);
	memset(live, 0, sizeof live);
	bad_unmaps = raised = 0;
	now = T0;
	vu_log_set_quiet(1);
	vu_log_reset();
	trace.f = open_memstream(&trace_buf, &trace_len);
	xr_dma_init(&dma, &fake_ops, NULL);
	struct vu_device_opts o = { mode, config_size, TICK };
	assert_int_equal(xr_mmio_init(&m, &o, &dma, fake_raise, NULL, &trace, now), 0);
}

static int teardown(void **state)
{
	fclose(trace.f);
	free(trace_buf);
	trace_buf = NULL;
	return 0;
}

static int traced(const char *s)
{
	fflush(trace.f);
	return strstr(trace_buf, s) != NULL;
}

static uint32_t rd(uint32_t off) { return (uint32_t)xr_mmio_read(&m, off, 4, now); }
static void wr(uint32_t off, uint32_t v) { xr_mmio_write(&m, off, 4, v, now); }
static uint8_t cfg8(uint32_t off) { return (uint8_t)xr_mmio_read(&m, VIRTIO_MMIO_CONFIG + off, 1, now); }
static void cfg8_wr(uint32_t off, uint8_t v) { xr_mmio_write(&m, VIRTIO_MMIO_CONFIG + off, 1, v, now); }

#define ACK VIRTIO_STATUS_ACKNOWLEDGE
#define DRV VIRTIO_STATUS_DRIVER
#define FOK VIRTIO_STATUS_FEATURES_OK
#define DOK VIRTIO_STATUS_DRIVER_OK
#define NEEDS_RESET VIRTIO_STATUS_DEVICE_NEEDS_RESET

/* 3.1.1 steps 1-5: reset, ACKNOWLEDGE, DRIVER, features (high word first,
 * as Linux writes them), FEATURES_OK; returns Status as read back. */
static uint32_t negotiate(uint64_t accept, uint32_t beyond)
{
	wr(VIRTIO_MMIO_STATUS, 0);
	wr(VIRTIO_MMIO_STATUS, ACK);
	wr(VIRTIO_MMIO_STATUS, ACK | DRV);
	wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 1);
	wr(VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)(accept >> 32));
	wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	wr(VIRTIO_MMIO_DRIVER_FEATURES, (uint32_t)accept);
	if (beyond) {
		wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 2);
		wr(VIRTIO_MMIO_DRIVER_FEATURES, beyond);
	}
	wr(VIRTIO_MMIO_STATUS, ACK | DRV | FOK);
	return rd(VIRTIO_MMIO_STATUS);
}

#define VERSION_1 (1ull << 32)
#define ACCESS_PLATFORM (1ull << 33)

/* ---- rings: statusq of QNUM entries in one granted page (or a
 * guest-physical one), buffers elsewhere ---- */

#define QNUM 8
#define RING_PAGE 4
#define DESC_OFF 0x000
#define AVAIL_OFF 0x200
#define USED_OFF 0x400
static int use_gpa; /* rings and buffers by guest-physical address instead of grants */

static uint64_t dma_addr(unsigned page, unsigned off)
{
	uint64_t a = ((uint64_t)page << XR_PAGE_SHIFT) + off;
	return use_gpa ? GPA_BASE + a : XR_GRANT_DMA_BIT | a;
}

/* the statusq's ring page (setup_queue puts queue q at RING_PAGE + 2q) */
#define STATUS_RING_PAGE (RING_PAGE + 2)
static uint8_t *ring(unsigned off) { return page(STATUS_RING_PAGE) + off; }

static void put16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
static uint16_t get16(const uint8_t *p) { uint16_t v; memcpy(&v, p, 2); return v; }
static uint32_t get32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }

static void put_desc(unsigned i, uint64_t addr, uint32_t len, uint16_t flags, uint16_t next)
{
	uint8_t *d = ring(DESC_OFF + 16 * i);
	memcpy(d, &addr, 8);
	memcpy(d + 8, &len, 4);
	put16(d + 12, flags);
	put16(d + 14, next);
}

/* 2.7.13: the entry, then the idx that covers it */
static void make_available(uint16_t head)
{
	uint16_t idx = get16(ring(AVAIL_OFF + 2));
	put16(ring(AVAIL_OFF + 4 + 2 * (idx % QNUM)), head);
	put16(ring(AVAIL_OFF + 2), (uint16_t)(idx + 1));
}

static uint16_t used_idx(void) { return get16(ring(USED_OFF + 2)); }

/* 4.2.3.2: select, size, addresses, ready */
static void setup_queue(unsigned qi)
{
	unsigned page = RING_PAGE + qi * 2; /* the eventq's ring apart from the statusq's */
	wr(VIRTIO_MMIO_QUEUE_SEL, qi);
	assert_int_equal(rd(VIRTIO_MMIO_QUEUE_READY), 0);
	assert_int_equal(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), XR_QUEUE_NUM_MAX);
	wr(VIRTIO_MMIO_QUEUE_NUM, QNUM);
	uint64_t desc = dma_addr(page, DESC_OFF), drv = dma_addr(page, AVAIL_OFF), dev = dma_addr(page, USED_OFF);
	wr(VIRTIO_MMIO_QUEUE_DESC_LOW, (uint32_t)desc);
	wr(VIRTIO_MMIO_QUEUE_DESC_HIGH, (uint32_t)(desc >> 32));
	wr(VIRTIO_MMIO_QUEUE_DRIVER_LOW, (uint32_t)drv);
	wr(VIRTIO_MMIO_QUEUE_DRIVER_HIGH, (uint32_t)(drv >> 32));
	wr(VIRTIO_MMIO_QUEUE_DEVICE_LOW, (uint32_t)dev);
	wr(VIRTIO_MMIO_QUEUE_DEVICE_HIGH, (uint32_t)(dev >> 32));
	wr(VIRTIO_MMIO_QUEUE_READY, 1);
	assert_int_equal(rd(VIRTIO_MMIO_QUEUE_READY), 1);
}

/* The whole init sequence (3.1.1) up to DRIVER_OK, both queues set up. */
static void driver_up(void)
{
	assert_true(negotiate(VERSION_1 | ACCESS_PLATFORM, 0) & FOK);
	setup_queue(XR_QUEUE_EVENT);
	setup_queue(XR_QUEUE_STATUS);
	wr(VIRTIO_MMIO_STATUS, ACK | DRV | FOK | DOK);
	assert_int_equal(rd(VIRTIO_MMIO_STATUS), ACK | DRV | FOK | DOK);
}

/* A virtio_input_event (5.8.6): EV_LED (0x11), LED_CAPSL (1), on. */
static const uint8_t led_event[8] = { 0x11, 0, 1, 0, 1, 0, 0, 0 };

/* ---- the register file ---- */

static void identity_registers(void **state)
{
	power_on(VU_MODE_HONEST, 256);
	assert_int_equal(rd(VIRTIO_MMIO_MAGIC_VALUE), 0x74726976);
	assert_int_equal(rd(VIRTIO_MMIO_VERSION), 2);
	assert_int_equal(rd(VIRTIO_MMIO_DEVICE_ID), 18);
	assert_int_equal(rd(VIRTIO_MMIO_VENDOR_ID), 0x6b686376); /* "vchk" */
	/* 8 bytes: two 32-bit reads, low half first */
	assert_true(xr_mmio_read(&m, 0, 8, now) == (0x74726976ull | 2ull << 32));
	/* 4.2.2.2: registers are 32-bit; narrower reads get nothing */
	assert_int_equal(xr_mmio_read(&m, VIRTIO_MMIO_MAGIC_VALUE, 1, now), 0);
	assert_int_equal(xr_mmio_read(&m, VIRTIO_MMIO_MAGIC_VALUE + 2, 2, now), 0);
	/* legacy registers are not there in version 2 (4.2.4) */
	assert_int_equal(rd(VIRTIO_MMIO_QUEUE_PFN), 0);
	/* no shared memory regions: length -1 (4.2.2 SHMLen) */
	wr(VIRTIO_MMIO_SHM_SEL, 0);
	assert_int_equal(rd(VIRTIO_MMIO_SHM_LEN_LOW), 0xffffffffu);
	assert_int_equal(rd(VIRTIO_MMIO_SHM_LEN_HIGH), 0xffffffffu);
	/* two queues; the third is not available (QueueNumMax 0) */
	wr(VIRTIO_MMIO_QUEUE_SEL, 2);
	assert_int_equal(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), 0);
	wr(VIRTIO_MMIO_QUEUE_SEL, 1);
	assert_int_equal(rd(VIRTIO_MMIO_QUEUE_NUM_MAX), 64);
	assert_int_equal(rd(VIRTIO_MMIO_QUEUE_RESET), 0); /* no VIRTIO_F_RING_RESET */
	assert_int_equal(rd(VIRTIO_MMIO_CONFIG_GENERATION), 0);
}

static void device_features(void **state)
{
	power_on(VU_MODE_HONEST, 256);
	wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 0);
	assert_int_equal(rd(VIRTIO_MMIO_DEVICE_FEATURES), 0);
	wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1); /* bits 32 VERSION_1, 33 ACCESS_PLATFORM */
	assert_int_equal(rd(VIRTIO_MMIO_DEVICE_FEATURES), 0x3);
	wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 2);
	assert_int_equal(rd(VIRTIO_MMIO_DEVICE_FEATURES), 0);
}

/* --no-access-platform: VERSION_1 alone is offered, and a driver that
 * accepts ACCESS_PLATFORM all the same is refused FEATURES_OK (6.1). */
static void without_access_platform(void **state)
{
	power_on(VU_MODE_HONEST, 256);
	m.features &= ~XR_F_ACCESS_PLATFORM;
	wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	assert_int_equal(rd(VIRTIO_MMIO_DEVICE_FEATURES), 0x1);
	assert_false(negotiate(VERSION_1 | ACCESS_PLATFORM, 0) & FOK);
	wr(VIRTIO_MMIO_STATUS, 0);
	assert_true(negotiate(VERSION_1, 0) & FOK);
	/* a reset keeps what the device offers */
	wr(VIRTIO_MMIO_STATUS, 0);
	wr(VIRTIO_MMIO_DEVICE_FEATURES_SEL, 1);
	assert_int_equal(rd(VIRTIO_MMIO_DEVICE_FEATURES), 0x1);
}

static void features_ok_refusals(void **state)
{
	power_on(VU_MODE_HONEST, 256);
	assert_true(negotiate(VERSION_1 | ACCESS_PLATFORM, 0) & FOK);
	assert_true(negotiate(VERSION_1, 0) & FOK); /* a subset is fine */
	/* a bit not offered (0), VERSION_1 left out, a bit above 63 */
	assert_int_equal(negotiate(VERSION_1 | 1, 0), ACK | DRV);
	assert_int_equal(negotiate(ACCESS_PLATFORM, 0), ACK | DRV);
	assert_int_equal(negotiate(VERSION_1, 1), ACK | DRV);
	assert_true(traced("refused FEATURES_OK"));
	/* once FEATURES_OK holds, the accepted set no longer changes */
	assert_true(negotiate(VERSION_1, 0) & FOK);
	wr(VIRTIO_MMIO_DRIVER_FEATURES_SEL, 0);
	wr(VIRTIO_MMIO_DRIVER_FEATURES, 1);
	assert_true(m.driver_features == VERSION_1);
}

static void reset_clears_everything(void **state)
{
	power_on(VU_MODE_HONEST, 256);
	driver_up();
	m.isr = 3;
	wr(VIRTIO_MMIO_STATUS, 0);
	assert_int_equal(rd(VIRTIO_MMIO_STATUS), 0);
	assert_int_equal(rd(VIRTIO_MMIO_INTERRUPT_STATUS), 0);
	for (unsigned q = 0; q < XR_QUEUES; q++) {
		wr(VIRTIO_MMIO_QUEUE_SEL, q);
		assert_int_equal(rd(VIRTIO_MMIO_QUEUE_READY), 0);
	}
	/* the features must be negotiated again: FEATURES_OK needs VERSION_1 */
	wr(VIRTIO_MMIO_STATUS, ACK | DRV | FOK);
	assert_int_equal(rd(VIRTIO_MMIO_STATUS), ACK | DRV);
}

static void interrupt_ack(void **state)
{
	power_on(VU_MODE_HONEST, 256);
	m.isr = 3;
	wr(VIRTIO_MMIO_INTERRUPT_ACK, 1);
	assert_int_equal(rd(VIRTIO_MMIO_INTERRUPT_STATUS), 2);
	wr(VIRTIO_MMIO_INTERRUPT_ACK, 2);
	assert_int_equal(rd(VIRTIO_MMIO_INTERRUPT_STATUS), 0);
}

static void expect_needs_reset(const char *what);

/* 2.7: a split queue's size is a power of 2, here at most QueueNumMax. 4.2.2:
 * QueueReady reads back the last value written all the same; the device
 * refuses such a queue once the driver makes it use it. */
static void queue_size_must_be_power_of_two(void **state)
{
	static const uint32_t bad[] = { 6, 128 /* above QueueNumMax */ };
	for (unsigned i = 0; i < 2; i++) {
		power_on(VU_MODE_HONEST, 256);
		use_gpa = 0;
		driver_up();
		wr(VIRTIO_MMIO_STATUS, 0);
		assert_true(negotiate(VERSION_1 | ACCESS_PLATFORM, 0) & FOK);
		setup_queue(XR_QUEUE_EVENT);
		wr(VIRTIO_MMIO_QUEUE_SEL, XR_QUEUE_STATUS);
		wr(VIRTIO_MMIO_QUEUE_NUM, bad[i]);
		wr(VIRTIO_MMIO_QUEUE_READY, 1);
		assert_int_equal(rd(VIRTIO_MMIO_QUEUE_READY), 1);
		raised = 0;
		/* DRIVER_OK serves what is available: the queue is refused then */
		wr(VIRTIO_MMIO_STATUS, ACK | DRV | FOK | DOK);
		expect_needs_reset("which is no queue size");
		if (i == 0)
			teardown(state); /* the framework's own teardown closes the last */
	}
}

/* ---- the statusq ---- */

static void statusq_served_through_grants(void **state)
{
	power_on(VU_MODE_HONEST, 256);
	use_gpa = 0;
	driver_up();
	/* the event straddles two read-only granted pages (refs 8 and 9) */
	readonly_grant[8] = readonly_grant[9] = 1;
	memcpy(page(8) + XR_PAGE_SIZE - 4, led_event, 4);
	memcpy(page(9), led_event + 4, 4);
	put_desc(3, dma_addr(8, XR_PAGE_SIZE - 4), 8, 0, 0);
	make_available(3);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, XR_QUEUE_STATUS);
	/* 2.7.8: one used element, id = head, len 0 (nothing written) */
	assert_int_equal(used_idx(), 1);
	assert_int_equal(get32(ring(USED_OFF + 4)), 3);
	assert_int_equal(get32(ring(USED_OFF + 8)), 0);
	/* a used buffer notification: bit 0 and the interrupt */
	assert_int_equal(rd(VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_MMIO_INT_VRING);
	assert_int_equal(raised, 1);
	assert_true(traced("event type 0x11 code 0x1 value 0x1"));
	/* the buffer's pages are given back at once; the ring's are kept */
	assert_int_equal(live[XR_MAP_GRANT][8] + live[XR_MAP_GRANT][9], 0);
	assert_true(live[XR_MAP_GRANT][STATUS_RING_PAGE] > 0);
	assert_int_equal(rd(VIRTIO_MMIO_STATUS) & NEEDS_RESET, 0);
	/* a reset unmaps every page */
	wr(VIRTIO_MMIO_STATUS, 0);
	assert_int_equal(live_maps(), 0);
	assert_true(xr_dma_held(&dma, XR_MAP_GRANT) == 0);
	assert_true(dma.n[XR_MAP_GRANT].mapped > 0);
	assert_int_equal(bad_unmaps, 0);
}

static void statusq_no_interrupt_and_batches(void **state)
{
	power_on(VU_MODE_HONEST, 256);
	use_gpa = 0;
	driver_up();
	put16(ring(AVAIL_OFF), 1); /* VIRTQ_AVAIL_F_NO_INTERRUPT */
	memcpy(page(10), led_event, 8);
	/* a chain of two descriptors and a single one */
	put_desc(0, dma_addr(10, 0), 4, 1, 5);
	put_desc(5, dma_addr(10, 4), 4, 0, 0);
	put_desc(1, dma_addr(10, 0), 8, 0, 0);
	make_available(0);
	make_available(1);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, XR_QUEUE_STATUS);
	assert_int_equal(used_idx(), 2);
	assert_int_equal(get32(ring(USED_OFF + 4)), 0);
	assert_int_equal(get32(ring(USED_OFF + 12)), 1);
	assert_int_equal(raised, 0);
	assert_int_equal(rd(VIRTIO_MMIO_INTERRUPT_STATUS), 0);
	assert_true(traced("statusq head 0 descs 2 len 8 event type 0x11 code 0x1 value 0x1"));
}

static void statusq_through_guest_physical_pages(void **state)
{
	power_on(VU_MODE_HONEST, 256);
	use_gpa = 1;
	driver_up();
	memcpy(page(12), led_event, 8);
	put_desc(0, dma_addr(12, 0), 8, 0, 0);
	make_available(0);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, XR_QUEUE_STATUS);
	use_gpa = 0;
	assert_int_equal(used_idx(), 1);
	assert_int_equal(raised, 1);
	assert_true(dma.n[XR_MAP_FOREIGN].mapped > 0);
	assert_true(dma.n[XR_MAP_GRANT].mapped == 0);
	/* disabling the queue gives its ring back */
	wr(VIRTIO_MMIO_QUEUE_SEL, XR_QUEUE_STATUS);
	wr(VIRTIO_MMIO_QUEUE_READY, 0);
	assert_int_equal(live_maps(), 0);
}

static void nothing_served_before_driver_ok(void **state)
{
	power_on(VU_MODE_HONEST, 256);
	use_gpa = 0;
	assert_true(negotiate(VERSION_1 | ACCESS_PLATFORM, 0) & FOK);
	setup_queue(XR_QUEUE_STATUS);
	memcpy(page(10), led_event, 8);
	put_desc(0, dma_addr(10, 0), 8, 0, 0);
	make_available(0);
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, XR_QUEUE_STATUS);
	assert_int_equal(used_idx(), 0);
	assert_int_equal(live_maps(), 0);
	/* DRIVER_OK takes what was made available before it */
	wr(VIRTIO_MMIO_STATUS, ACK | DRV | FOK | DOK);
	assert_int_equal(used_idx(), 1);
}

/* ---- malformed rings: DEVICE_NEEDS_RESET and a config interrupt ---- */

static void expect_needs_reset(const char *what)
{
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, XR_QUEUE_STATUS);
	assert_int_equal(rd(VIRTIO_MMIO_STATUS), ACK | DRV | FOK | DOK | NEEDS_RESET);
	assert_true(rd(VIRTIO_MMIO_INTERRUPT_STATUS) & VIRTIO_MMIO_INT_CONFIG);
	assert_int_equal(raised, 1);
	assert_int_equal(used_idx(), 0);
	assert_true(traced(what));
	/* buffers are never kept, whatever went wrong */
	for (int i = 8; i < PAGES; i++)
		assert_int_equal(live[XR_MAP_GRANT][i], 0);
	/* nothing more is served, and a reset clears it */
	wr(VIRTIO_MMIO_QUEUE_NOTIFY, XR_QUEUE_STATUS);
	assert_int_equal(raised, 1);
	wr(VIRTIO_MMIO_STATUS, 0);
	assert_int_equal(rd(VIRTIO_MMIO_STATUS), 0);
	assert_int_equal(live_maps(), 0);
}

static void malformed_loop(void **state)
{
	power_on(VU_MODE_HONEST, 256);
	use_gpa = 0;
	driver_up();
	put_desc(0, dma_addr(10, 0), 4, 1, 1);
	put_desc(1, dma_addr(10, 4), 4, 1, 0);
	make_available(0);
	expect_needs_reset("needs-reset chain from 0 longer than QueueNum 8");
}

static void malformed_head_out_of_range(void **state)
{
	power_on(VU_MODE_HONEST, 256);
	use_gpa = 0;
	driver_up();
	make_available(QNUM);
	expect_needs_reset("needs-reset descriptor index 8 out of range");
}

static void malformed_next_out_of_range(void **state)
{
	power_on(VU_MODE_HONEST, 256);
	use_gpa = 0;
	driver_up();
	put_desc(2, dma_addr(10, 0), 4, 1, 200);
	make_available(2);
	expect_needs_reset("needs-reset descriptor index 200 out of range");
}

static void malformed_length_overflow(void **state)
{
	power_on(VU_MODE_HONEST, 256);
	use_gpa = 0;
	driver_up();
	put_desc(0, dma_addr(10, 0), 0x80000000u, 3, 1); /* device-writable: not peeked */
	put_desc(1, dma_addr(10, 0), 0x80000000u, 2, 0);
	make_available(0);
	expect_needs_reset("needs-reset descriptor 1: length 0x80000000 overflows");
}

static void malformed_avail_idx_jump(void **state)
{
	power_on(VU_MODE_HONEST, 256);
	use_gpa = 0;
	driver_up();
	put16(ring(AVAIL_OFF + 2), QNUM + 1);
	expect_needs_reset("needs-reset available idx 9 is 9 ahead");
}

static void malformed_unmappable_buffer(void **state)
{
	power_on(VU_MODE_HONEST, 256);
	use_gpa = 0;
	driver_up();
	put_desc(0, XR_GRANT_DMA_BIT | (100ull << XR_PAGE_SHIFT), 8, 0, 0); /* no such grant */
	make_available(0);
	expect_needs_reset("buffer at 0x8000000000064000 not mappable");
}

/* ---- the configuration space: vu-ref's byte map ---- */

static void config_honest(void **state)
{
	power_on(VU_MODE_HONEST, 256);
	/* select ID_NAME (0x01): size 13, u = "vcheck-vu-ref" */
	cfg8_wr(0, 0x01);
	assert_int_equal(cfg8(2), 13);
	char name[14] = { 0 };
	for (unsigned i = 0; i < 13; i++)
		name[i] = (char)cfg8(8 + i);
	assert_string_equal(name, "vcheck-vu-ref");
	/* the reserved bytes and the u tail read 0, twice */
	for (unsigned off = 3; off <= 7; off++)
		assert_int_equal(cfg8(off), 0);
	assert_int_equal(cfg8(4), 0);
	assert_int_equal(cfg8(126), 0);
	assert_int_equal(cfg8(127), 0);
	/* the extension: (i * 7 + 3) & 0xff, here as a 32-bit read */
	uint32_t want = 0;
	for (unsigned k = 0; k < 4; k++)
		want |= (uint32_t)(((200 + k) * 7 + 3) & 0xff) << (8 * k);
	assert_int_equal(xr_mmio_read(&m, VIRTIO_MMIO_CONFIG + 200, 4, now), want);
	/* no change ever announced */
	now += 60 * 5 * TICK;
	assert_int_equal(rd(VIRTIO_MMIO_CONFIG_GENERATION), 0);
	assert_int_equal(raised, 0);
}

static void config_planted(void **state)
{
	power_on(VU_MODE_PLANTED, 256);
	/* 4: read-mutates, one more per read */
	uint8_t r0 = cfg8(4);
	assert_int_equal(cfg8(4), (uint8_t)(r0 + 1));
	/* 126 validated starts at 0x05; 127 write-1-to-clear starts 0xff */
	assert_int_equal(cfg8(126), 0x05);
	assert_int_equal(cfg8(127), 0xff);
	cfg8_wr(127, 0x0f);
	assert_int_equal(cfg8(127), 0xf0);
	/* 3: read-clears */
	cfg8_wr(3, 0x5a);
	assert_int_equal(cfg8(3), 0x5a);
	assert_int_equal(cfg8(3), 0);
	/* 122..125 banked on 121: sel * 16 + k + 1, one 32-bit read */
	cfg8_wr(121, 2);
	assert_int_equal(xr_mmio_read(&m, VIRTIO_MMIO_CONFIG + 122, 4, now), 0x24232221);
}

static void config_write_is_a_diff_against_the_copy(void **state)
{
	power_on(VU_MODE_PLANTED, 256);
	/* 7 reads 0: writing 0 back changes nothing in the copy, so no trigger */
	assert_int_equal(cfg8(7), 0);
	cfg8_wr(7, 0);
	assert_int_equal(cfg8(120), 0);
	/* writing 1 rings the doorbell at 120 and announces a change */
	cfg8_wr(7, 1);
	assert_int_equal(cfg8(120), 1);
	assert_int_equal(rd(VIRTIO_MMIO_CONFIG_GENERATION), 1);
	assert_int_equal(raised, 0); /* before DRIVER_OK: no interrupt */
	/* a 16-bit write at 6: 6 latches, 7 triggers again */
	xr_mmio_write(&m, VIRTIO_MMIO_CONFIG + 6, 2, 0x0233, now);
	assert_int_equal(cfg8(6), 0x33);
	assert_int_equal(cfg8(120), 2);
	assert_int_equal(rd(VIRTIO_MMIO_CONFIG_GENERATION), 2);
}

static void config_past_the_window(void **state)
{
	/* a window of two bytes: select (0) and subsel (1) */
	power_on(VU_MODE_HONEST, 2);
	cfg8_wr(1, 5);
	assert_int_equal(cfg8(1), 5);
	/* an access reaching past the window reads 0 and writes nothing */
	assert_int_equal(cfg8(2), 0);
	assert_int_equal(xr_mmio_read(&m, VIRTIO_MMIO_CONFIG + 1, 2, now), 0);
	xr_mmio_write(&m, VIRTIO_MMIO_CONFIG + 1, 2, 0x0707, now);
	assert_int_equal(cfg8(1), 5);
	/* one that fits reaches the device */
	xr_mmio_write(&m, VIRTIO_MMIO_CONFIG, 2, 0x0707, now);
	assert_int_equal(cfg8(1), 7);
	assert_int_equal(xr_mmio_read(&m, VIRTIO_MMIO_CONFIG, 2, now), 0x0707);
}

static void config_generation_follows_the_notified_tick(void **state)
{
	power_on(VU_MODE_PLANTED, 256);
	use_gpa = 0;
	driver_up();
	uint32_t gen = rd(VIRTIO_MMIO_CONFIG_GENERATION);
	assert_int_equal(cfg8(128), 0);
	/* 128 counts every 5 ticks: nothing before the first step */
	now += 5 * TICK - 1;
	xr_mmio_tick(&m, now);
	assert_int_equal(rd(VIRTIO_MMIO_CONFIG_GENERATION), gen);
	assert_int_equal(raised, 0);
	/* the step: a read of 128 already sees the generation moved */
	now += 1;
	assert_int_equal(cfg8(128), 1);
	assert_int_equal(rd(VIRTIO_MMIO_CONFIG_GENERATION), gen + 1);
	assert_int_equal(rd(VIRTIO_MMIO_INTERRUPT_STATUS), VIRTIO_MMIO_INT_CONFIG);
	assert_int_equal(raised, 1);
	/* the loop's own clock: the next step due in 5 ticks, taken by a tick */
	assert_int_equal(xr_mmio_next_ms(&m, now), 5 * TICK);
	now += 5 * TICK;
	xr_mmio_tick(&m, now);
	assert_int_equal(raised, 2);
	assert_int_equal(rd(VIRTIO_MMIO_CONFIG_GENERATION), gen + 2);
	assert_int_equal(cfg8(128), 2);
	/* 5, the silent clock, moves without the generation */
	now += TICK;
	uint8_t c = cfg8(5);
	now += TICK;
	assert_int_equal(cfg8(5), (uint8_t)(c + 1));
	assert_int_equal(rd(VIRTIO_MMIO_CONFIG_GENERATION), gen + 2);
}

/* ---- the command line ---- */

static int parse(struct xr_options *o, int n, ...)
{
	char *argv[16] = { "vcheck-xen-ref" };
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		argv[1 + i] = va_arg(ap, char *);
	va_end(ap);
	FILE *null = fopen("/dev/null", "w");
	int r = xr_options_parse(n + 1, argv, o, null, null);
	fclose(null);
	return r;
}

static void options(void **state)
{
	struct xr_options o;
	assert_int_equal(parse(&o, 6, "--domid", "3", "--base", "0x2000000", "--irq", "33"), 0);
	assert_int_equal(o.domid, 3);
	assert_true(o.base == 0x2000000);
	assert_int_equal(o.irq, 33);
	assert_int_equal(o.dev.mode, VU_MODE_HONEST);
	assert_int_equal(o.dev.config_size, 256);
	assert_int_equal(o.dev.tick_ms, 20);
	assert_int_equal(o.vcpus, 0);
	assert_int_equal(parse(&o, 12, "--domid", "1", "--base", "0x2000200", "--irq", "34", "--mode", "planted",
			       "--vcpus", "2", "--trace", "/tmp/t"),
			 0);
	assert_int_equal(o.dev.mode, VU_MODE_PLANTED);
	assert_int_equal(o.vcpus, 2);
	assert_string_equal(o.trace, "/tmp/t");
	assert_int_equal(o.no_access_platform, 0);
	assert_int_equal(parse(&o, 7, "--domid", "1", "--base", "0x2000000", "--irq", "33", "--no-access-platform"),
			 0);
	assert_int_equal(o.no_access_platform, 1);
	assert_int_equal(parse(&o, 1, "--help"), 1);
	/* missing, malformed or out of range */
	assert_int_equal(parse(&o, 4, "--domid", "1", "--base", "0x2000000"), -1);
	assert_int_equal(parse(&o, 6, "--domid", "1", "--base", "0x2000100", "--irq", "33"), -1);
	assert_int_equal(parse(&o, 6, "--domid", "1", "--base", "0x2000000", "--irq", "31"), -1);
	assert_int_equal(parse(&o, 6, "--domid", "0", "--base", "0x2000000", "--irq", "33"), -1);
	assert_int_equal(parse(&o, 6, "--domid", "x", "--base", "0x2000000", "--irq", "33"), -1);
	assert_int_equal(parse(&o, 8, "--domid", "1", "--base", "0x2000000", "--irq", "33", "--mode", "sly"), -1);
	assert_int_equal(parse(&o, 10, "--domid", "1", "--base", "0x2000000", "--irq", "33", "--mode", "planted",
			       "--config-size", "100"),
			 -1);
	assert_int_equal(parse(&o, 7, "--domid", "1", "--base", "0x2000000", "--irq", "33", "extra"), -1);
	assert_int_equal(parse(&o, 1, "--bogus"), -1);
}

int main(void)
{
#define T(t) cmocka_unit_test_teardown(t, teardown)
	const struct CMUnitTest tests[] = {
		T(identity_registers),
		T(device_features),
		T(without_access_platform),
		T(features_ok_refusals),
		T(reset_clears_everything),
		T(interrupt_ack),
		T(queue_size_must_be_power_of_two),
		T(statusq_served_through_grants),
		T(statusq_no_interrupt_and_batches),
		T(statusq_through_guest_physical_pages),
		T(nothing_served_before_driver_ok),
		T(malformed_loop),
		T(malformed_head_out_of_range),
		T(malformed_next_out_of_range),
		T(malformed_length_overflow),
		T(malformed_avail_idx_jump),
		T(malformed_unmappable_buffer),
		T(config_honest),
		T(config_planted),
		T(config_write_is_a_diff_against_the_copy),
		T(config_past_the_window),
		T(config_generation_follows_the_notified_tick),
		cmocka_unit_test(options),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
