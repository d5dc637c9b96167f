/* vcheck-vu-ref's unit test: the device's byte map driven the way QEMU's
 * vhost-user-base front-end drives it (whole-window GET_CONFIG per guest
 * read; whole-window SET_CONFIG of its copy per guest write), and the
 * protocol over a socketpair with this test as the front-end.
 * Expected values come from the byte map table (README.md), computed
 * here, never read back from the device's own code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "device.h"
#include "log.h"
#include "protocol.h"
#include "session.h"

#define SIZE 256
#define TICK 20
#define T0 1000 /* an arbitrary clock origin */

/* ---- a QEMU-like front-end for the device ---- */

static struct vu_device dev;
static uint8_t qemu[SIZE]; /* the front-end's copy */
static uint64_t now;

static void power_on(enum vu_mode mode)
{
	struct vu_device_opts o = { mode, SIZE, TICK };
	now = T0;
	memset(qemu, 0, sizeof qemu);
	vu_log_reset();
	assert_int_equal(vu_device_init(&dev, &o, now), 0);
}

/* A guest config read: QEMU fetches the whole window into its copy. */
static uint8_t rd(unsigned off)
{
	assert_int_equal(vu_device_get_config(&dev, 0, SIZE, qemu, now), 0);
	return qemu[off];
}

/* A guest config write: QEMU stores the byte in its copy, sends the copy. */
static void wr(unsigned off, uint8_t v)
{
	qemu[off] = v;
	assert_int_equal(vu_device_set_config(&dev, 0, SIZE, qemu, now), 0);
}

static void select_(uint8_t sel, uint8_t sub)
{
	rd(0); /* a driver reads before it writes; any copy works */
	wr(0, sel);
	wr(1, sub);
}

static uint8_t pattern(unsigned i) { return (uint8_t)(i * 7 + 3); }

static int notices(void)
{
	char why[VU_NOTICE_LEN];
	int n = 0;
	while (vu_device_take_notice(&dev, now, why))
		n++;
	return n;
}

/* ---- honest mode ---- */

static void expect_u(const uint8_t *want, unsigned n)
{
	rd(0);
	assert_memory_equal(qemu + 8, want, n);
	for (unsigned i = 8 + n; i < 136; i++)
		assert_int_equal(qemu[i], 0);
}

static void honest_select_banking(void **state)
{
	power_on(VU_MODE_HONEST);
	assert_int_equal(rd(2), 0);
	select_(0x01, 0);
	assert_int_equal(rd(0), 0x01);
	assert_int_equal(rd(2), strlen("vcheck-vu-ref"));
	expect_u((const uint8_t *)"vcheck-vu-ref", 13);
	select_(0x02, 0);
	assert_int_equal(rd(2), 4);
	expect_u((const uint8_t *)"0001", 4);
	select_(0x03, 0);
	assert_int_equal(rd(2), 8);
	static const uint8_t ids[8] = { 0x06, 0, 0xf4, 0x1a, 0x01, 0, 0x01, 0 };
	expect_u(ids, 8);
	select_(0x11, 0x01);
	uint8_t bits[7] = { 0 };
	bits[30 / 8] |= 1 << (30 % 8), bits[48 / 8] |= 1 << (48 % 8);
	assert_int_equal(rd(1), 0x01);
	assert_int_equal(rd(2), 7);
	expect_u(bits, 7);
	/* unknown selections read empty */
	static const uint8_t pairs[][2] = { { 0x11, 0x02 }, { 0x01, 0x01 }, { 0x55, 0 }, { 0, 0 } };
	for (unsigned k = 0; k < 4; k++) {
		select_(pairs[k][0], pairs[k][1]);
		assert_int_equal(rd(2), 0);
		expect_u(NULL, 0);
	}
}

static void honest_read_only_bytes(void **state)
{
	power_on(VU_MODE_HONEST);
	select_(0x02, 0);
	for (unsigned i = 2; i < SIZE; i++) {
		rd(i);
		wr(i, (uint8_t)~qemu[i]);
	}
	/* nothing but select and subsel took a write */
	assert_int_equal(rd(2), 4);
	for (unsigned i = 3; i < 8; i++)
		assert_int_equal(rd(i), 0);
	expect_u((const uint8_t *)"0001", 4);
	for (unsigned i = 136; i < SIZE; i++)
		assert_int_equal(rd(i), pattern(i));
}

/* None of the planted rows shows in honest mode. */
static void honest_has_no_planted_behaviour(void **state)
{
	power_on(VU_MODE_HONEST);
	select_(0x01, 0);
	wr(2, 0x42);
	assert_int_equal(rd(2), 13);
	wr(3, 0x5a);
	assert_int_equal(rd(3), 0);
	assert_int_equal(rd(4), 0);
	assert_int_equal(rd(4), 0);
	wr(6, 0x77);
	assert_int_equal(rd(6), 0);
	wr(7, 0x01);
	wr(VU_P_BANK_SEL, 0x03);
	wr(VU_P_VALIDATED, 0x02);
	wr(VU_P_W1C, 0xff);
	now += 10000;
	assert_int_equal(rd(5), 0);
	for (unsigned i = 136; i < SIZE; i++)
		assert_int_equal(rd(i), pattern(i));
	assert_int_equal(notices(), 0);
	assert_int_equal(vu_device_next_notice_ms(&dev, now), -1);
}

/* ---- planted mode, one test per row of the table ---- */

static void planted_ghost_latch_on_size(void **state)
{
	power_on(VU_MODE_PLANTED);
	select_(0x01, 0);
	wr(2, 0x42);
	assert_int_equal(rd(2), 0x42);
	assert_int_equal(rd(2), 0x42);
	wr(1, 0x01); /* subsel written again: size is the layout's (empty) */
	assert_int_equal(rd(2), 0);
	wr(2, 0x43);
	assert_int_equal(rd(2), 0x43);
	wr(0, 0x02); /* select written again */
	assert_int_equal(rd(2), 0);
	wr(1, 0x00);
	assert_int_equal(rd(2), 4);
}

static void planted_read_clears(void **state)
{
	power_on(VU_MODE_PLANTED);
	assert_int_equal(rd(3), 0);
	wr(3, 0x5a);
	assert_int_equal(rd(3), 0x5a);
	assert_int_equal(rd(3), 0);
	assert_int_equal(rd(3), 0);
}

static void planted_read_mutates(void **state)
{
	power_on(VU_MODE_PLANTED);
	uint8_t first = rd(4);
	for (unsigned k = 1; k < 300; k++)
		assert_int_equal(rd(4), (uint8_t)(first + k));
	wr(4, 0x00); /* reserved: the write is not stored */
	assert_int_equal(rd(4), (uint8_t)(first + 300));
}

static void planted_volatile_silent(void **state)
{
	power_on(VU_MODE_PLANTED);
	static const unsigned at[] = { 0, 19, 20, 41, 60, 99, 20 * 255, 20 * 256, 20 * 300 + 5 };
	for (unsigned k = 0; k < sizeof at / sizeof at[0]; k++) {
		now = T0 + at[k];
		assert_int_equal(rd(5), (at[k] / TICK) & 0xff);
	}
	/* it moved within the first 5 ticks without a notification */
	power_on(VU_MODE_PLANTED);
	now = T0 + 3 * TICK;
	assert_int_equal(rd(5), 3);
	assert_int_equal(notices(), 0);
	wr(5, 0x00);
	assert_int_equal(rd(5), 3);
}

static void planted_latch(void **state)
{
	power_on(VU_MODE_PLANTED);
	assert_int_equal(rd(6), 0);
	wr(6, 0xa5);
	assert_int_equal(rd(6), 0xa5);
	assert_int_equal(rd(6), 0xa5);
	wr(6, 0x11);
	assert_int_equal(rd(6), 0x11);
}

static void planted_write_triggers(void **state)
{
	power_on(VU_MODE_PLANTED);
	assert_int_equal(rd(7), 0);
	assert_int_equal(notices(), 0);
	wr(7, 0x01);
	char why[VU_NOTICE_LEN];
	assert_int_equal(vu_device_take_notice(&dev, now, why), 1);
	assert_non_null(strstr(why, "0x07"));
	assert_int_equal(notices(), 0);
	assert_int_equal(rd(7), 0); /* nothing stored */
	assert_int_equal(rd(VU_P_DOORBELL), 1); /* the doorbell counts the write */
	wr(7, 0xff);
	assert_int_equal(notices(), 1);
	assert_int_equal(rd(VU_P_DOORBELL), 2);
	rd(7);
	assert_int_equal(notices(), 0); /* reads trigger nothing */
}

static void planted_selector_and_bank(void **state)
{
	power_on(VU_MODE_PLANTED);
	static const uint8_t sels[] = { 0x00, 0x01, 0x02, 0x0f, 0x10, 0x80, 0xff };
	for (unsigned k = 0; k < sizeof sels; k++) {
		rd(VU_P_BANK_SEL);
		if (qemu[VU_P_BANK_SEL] != sels[k])
			wr(VU_P_BANK_SEL, sels[k]);
		assert_int_equal(rd(VU_P_BANK_SEL), sels[k]);
		for (unsigned b = 0; b < 4; b++)
			assert_int_equal(rd(VU_P_BANK + b), (uint8_t)(sels[k] * 16 + b + 1));
		wr(VU_P_BANK, 0x00); /* banked bytes ignore writes */
		assert_int_equal(rd(VU_P_BANK), (uint8_t)(sels[k] * 16 + 1));
	}
	assert_int_equal(rd(VU_P_BANK + VU_P_BANK_LEN), 0x05); /* the bank ends where validated begins */
	assert_int_equal(rd(135), 0);
}

static void planted_validated(void **state)
{
	power_on(VU_MODE_PLANTED);
	assert_int_equal(rd(VU_P_VALIDATED), 0x05);
	wr(VU_P_VALIDATED, 0x0a);
	assert_int_equal(rd(VU_P_VALIDATED), 0x0a);
	wr(VU_P_VALIDATED, 0x10);
	assert_int_equal(rd(VU_P_VALIDATED), 0x0a);
	wr(VU_P_VALIDATED, 0xff);
	assert_int_equal(rd(VU_P_VALIDATED), 0x0a);
	wr(VU_P_VALIDATED, 0x00);
	assert_int_equal(rd(VU_P_VALIDATED), 0x00);
	wr(VU_P_VALIDATED, 0x0f);
	assert_int_equal(rd(VU_P_VALIDATED), 0x0f);
}

static void planted_write_clears(void **state)
{
	power_on(VU_MODE_PLANTED);
	assert_int_equal(rd(VU_P_W1C), 0xff);
	wr(VU_P_W1C, 0x0f);
	assert_int_equal(rd(VU_P_W1C), 0xf0);
	wr(VU_P_W1C, 0x00); /* clears nothing */
	assert_int_equal(rd(VU_P_W1C), 0xf0);
	wr(VU_P_W1C, 0x30);
	assert_int_equal(rd(VU_P_W1C), 0xc0);
	wr(VU_P_W1C, 0x0c); /* bits already clear stay clear, none set */
	assert_int_equal(rd(VU_P_W1C), 0xc0);
}

static void planted_volatile_notified(void **state)
{
	power_on(VU_MODE_PLANTED);
	const unsigned per = 5 * TICK;
	assert_int_equal(rd(VU_P_NOTIFIED), 0);
	assert_int_equal(vu_device_next_notice_ms(&dev, now), per);
	now = T0 + per - 1;
	assert_int_equal(rd(VU_P_NOTIFIED), 0);
	assert_int_equal(notices(), 0);
	now = T0 + per;
	assert_int_equal(rd(VU_P_NOTIFIED), 1);
	assert_int_equal(notices(), 1);
	assert_int_equal(notices(), 0);
	/* ticks missed while not scheduled: one notice, the value still counts them */
	now = T0 + 3 * per + per / 2;
	assert_int_equal(rd(VU_P_NOTIFIED), 3);
	assert_int_equal(notices(), 1);
	assert_int_equal(vu_device_next_notice_ms(&dev, now), per / 2);
	wr(VU_P_NOTIFIED, 0x00);
	assert_int_equal(rd(VU_P_NOTIFIED), 3);
}

/* ---- SET_CONFIG diffing ---- */

static void set_config_applies_only_changed_bytes(void **state)
{
	power_on(VU_MODE_PLANTED);
	select_(0x01, 0);
	rd(0);
	uint8_t win[SIZE];
	memcpy(win, qemu, SIZE);
	win[6] = 0x99;
	assert_int_equal(vu_device_set_config(&dev, 0, SIZE, win, now), 0);
	assert_int_equal(rd(6), 0x99);
	assert_int_equal(rd(2), 13);     /* size not latched */
	assert_int_equal(rd(3), 0);      /* mailbox not filled */
	assert_int_equal(rd(VU_P_VALIDATED), 0x05); /* nothing else written */
	assert_int_equal(rd(VU_P_W1C), 0xff);
	assert_int_equal(notices(), 0);  /* 7 not written */
}

/* Writes without a read between: the second SET_CONFIG carries the first
 * write's byte again, and stale bytes around it, none of them written. */
static void set_config_diffs_against_front_end_copy(void **state)
{
	power_on(VU_MODE_PLANTED);
	rd(0);
	wr(0, 0x01); /* size would now read 13; QEMU's copy still says 0 */
	wr(6, 0x22);
	wr(1, 0x00); /* the value the copy holds: the device cannot see this write */
	assert_int_equal(rd(2), 13); /* the stale 0 was not latched */
	assert_int_equal(rd(6), 0x22);
	assert_int_equal(rd(0), 0x01);
	wr(7, 0x01);
	wr(6, 0x23); /* carries 7's 0x01 again: not a second write to 7 */
	assert_int_equal(notices(), 1);
}

/* One access over several bytes: each written byte, lowest offset first. */
static void set_config_wide_write_in_offset_order(void **state)
{
	power_on(VU_MODE_PLANTED);
	rd(0);
	qemu[0] = 0x02, qemu[2] = 0x77, qemu[3] = 0x12;
	assert_int_equal(vu_device_set_config(&dev, 0, 4, qemu, now), 0);
	assert_int_equal(rd(2), 0x77); /* latched after select, so it stays */
	assert_int_equal(qemu[3], 0x12); /* the same read served the mailbox */
	assert_int_equal(rd(0), 0x02);
	assert_int_equal(rd(3), 0);
}

static void window_bounds(void **state)
{
	uint8_t b[SIZE];
	struct vu_device_opts small = { VU_MODE_PLANTED, 135, TICK };
	assert_int_equal(vu_device_init(&dev, &small, 0), -1);
	small.config_size = 136; /* vhost-user-input's window */
	assert_int_equal(vu_device_init(&dev, &small, 0), 0);
	assert_int_equal(vu_device_get_config(&dev, 132, 4, b, 0), 0);
	assert_int_equal(vu_device_get_config(&dev, 132, 5, b, 0), -1);
	assert_int_equal(vu_device_set_config(&dev, 136, 1, b, 0), -1);
	struct vu_device_opts honest = { VU_MODE_HONEST, 8, TICK };
	assert_int_equal(vu_device_init(&dev, &honest, 0), 0);
	assert_int_equal(vu_device_get_config(&dev, 0, 8, b, 0), 0);
}

/* ---- the protocol, this test as the front-end ---- */

static int fe = -1;            /* the front-end's end */
static struct vu_session sess; /* the backend's end */

static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); } /* the host is little-endian */
static uint32_t get32(const uint8_t *p) { uint32_t v; memcpy(&v, p, 4); return v; }
static uint64_t get64(const uint8_t *p) { uint64_t v; memcpy(&v, p, 8); return v; }

static int connect_backend(void **state)
{
	int sv[2];
	struct vu_device_opts o = { VU_MODE_PLANTED, SIZE, 1000000 }; /* no ticks in a test */
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	fe = sv[0];
	vu_log_set_quiet(1);
	assert_int_equal(vu_device_init(&dev, &o, 0), 0);
	vu_session_init(&sess, sv[1], &dev);
	return 0;
}

static int disconnect_backend(void **state)
{
	vu_session_end(&sess);
	close(sess.fd);
	close(fe);
	vu_log_set_quiet(0);
	return 0;
}

static void fe_send_fd(uint32_t req, uint32_t flags, const void *payload, uint32_t size, int fd)
{
	uint8_t buf[12 + 512];
	put32(buf, req), put32(buf + 4, flags), put32(buf + 8, size);
	if (size)
		memcpy(buf + 12, payload, size);
	struct iovec iov = { buf, 12 + size };
	union { char b[CMSG_SPACE(sizeof(int))]; struct cmsghdr a; } ctl;
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	if (fd >= 0) {
		mh.msg_control = ctl.b, mh.msg_controllen = sizeof ctl.b;
		struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET, c->cmsg_type = SCM_RIGHTS, c->cmsg_len = CMSG_LEN(sizeof(int));
		memcpy(CMSG_DATA(c), &fd, sizeof fd);
	}
	assert_int_equal(sendmsg(fe, &mh, 0), (ssize_t)(12 + size));
}

static void fe_send(uint32_t req, uint32_t flags, const void *payload, uint32_t size)
{
	fe_send_fd(req, flags, payload, size, -1);
}

static void fe_send_u64(uint32_t req, uint32_t flags, uint64_t v) { fe_send(req, flags, &v, 8); }

/* Reads one reply: its size, payload into p. */
static uint32_t fe_reply(int fd, uint32_t req, uint8_t *p)
{
	uint8_t h[12];
	assert_int_equal(recv(fd, h, 12, MSG_WAITALL), 12);
	assert_int_equal(get32(h), req);
	assert_int_equal(get32(h + 4), 0x5); /* version 1 | reply */
	uint32_t size = get32(h + 8);
	if (size)
		assert_int_equal(recv(fd, p, size, MSG_WAITALL), (ssize_t)size);
	return size;
}

static uint64_t fe_reply_u64(uint32_t req)
{
	uint8_t p[VU_MAX_PAYLOAD];
	assert_int_equal(fe_reply(fe, req, p), 8);
	return get64(p);
}

static int nothing_waiting(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };
	return poll(&p, 1, 0) == 0;
}

static void handled(void) { assert_int_equal(vu_session_handle(&sess), 0); }

static void proto_features(void **state)
{
	fe_send(1, 0x1, NULL, 0);
	handled();
	uint64_t f = fe_reply_u64(1);
	assert_true(f & 1ull << 32); /* VIRTIO_F_VERSION_1 */
	assert_true(f & 1ull << 30); /* VHOST_USER_F_PROTOCOL_FEATURES */
	fe_send(15, 0x1, NULL, 0);
	handled();
	uint64_t pf = fe_reply_u64(15);
	static const unsigned wanted[] = { 0, 3, 5, 9 }; /* MQ, REPLY_ACK, BACKEND_REQ, CONFIG */
	for (unsigned b = 0; b < 4; b++)
		assert_true(pf & 1ull << wanted[b]);
	/* without need_reply: no answer */
	fe_send_u64(16, 0x1, 1ull << 3 | 1ull << 9);
	handled();
	assert_true(nothing_waiting(fe));
	/* with it: an acknowledgement, 0 for success */
	fe_send_u64(16, 0x1 | 0x8, 1ull << 3 | 1ull << 5 | 1ull << 9);
	handled();
	assert_int_equal(fe_reply_u64(16), 0);
	fe_send(3, 0x1 | 0x8, NULL, 0); /* SET_OWNER */
	handled();
	assert_int_equal(fe_reply_u64(3), 0);
}

static void proto_unknown_request(void **state)
{
	fe_send(99, 0x1, NULL, 0);
	handled();
	assert_true(nothing_waiting(fe));
	fe_send(99, 0x1 | 0x8, "abc", 3);
	handled();
	assert_int_not_equal(fe_reply_u64(99), 0);
}

static uint32_t fe_get_config(uint32_t off, uint32_t len, uint8_t *p)
{
	uint8_t req[12 + SIZE] = { 0 };
	put32(req, off), put32(req + 4, len);
	fe_send(24, 0x1, req, 12 + len);
	handled();
	return fe_reply(fe, 24, p);
}

static void proto_get_config_slices(void **state)
{
	uint8_t p[VU_MAX_PAYLOAD];
	assert_int_equal(fe_get_config(0, SIZE, p), 12 + SIZE);
	assert_int_equal(get32(p), 0);
	assert_int_equal(get32(p + 4), SIZE);
	assert_int_equal(p[12 + VU_P_VALIDATED], 0x05);
	assert_int_equal(p[12 + 200], pattern(200));
	assert_int_equal(fe_get_config(144, 8, p), 12 + 8);
	assert_int_equal(get32(p), 144);
	for (unsigned i = 0; i < 8; i++)
		assert_int_equal(p[12 + i], pattern(144 + i));
	/* past the window: an empty reply is the error */
	assert_int_equal(fe_get_config(250, 10, p), 0);
}

static void proto_set_config(void **state)
{
	uint8_t p[VU_MAX_PAYLOAD];
	fe_get_config(0, SIZE, p);
	uint8_t req[12 + SIZE];
	memset(req, 0, 12);
	put32(req + 4, SIZE);
	memcpy(req + 12, p + 12, SIZE);
	req[12 + 6] = 0x99;
	fe_send(25, 0x1 | 0x8, req, sizeof req);
	handled();
	assert_int_equal(fe_reply_u64(25), 0);
	fe_get_config(0, SIZE, p);
	assert_int_equal(p[12 + 6], 0x99);
	/* a migration write is refused */
	put32(req + 8, 1);
	fe_send(25, 0x1 | 0x8, req, sizeof req);
	handled();
	assert_int_not_equal(fe_reply_u64(25), 0);
}

static void proto_vring_base_and_fds(void **state)
{
	uint8_t st[8];
	put32(st, 1), put32(st + 4, 0x1234);
	fe_send(10, 0x1, st, 8); /* SET_VRING_BASE */
	handled();
	int pipefd[2];
	assert_int_equal(pipe(pipefd), 0);
	uint64_t idx = 1;
	fe_send_fd(13, 0x1, &idx, 8, pipefd[1]); /* SET_VRING_CALL */
	close(pipefd[1]);
	handled();
	/* the backend closed its copy: the pipe's last writer is gone */
	fcntl(pipefd[0], F_SETFL, O_NONBLOCK);
	char c;
	assert_int_equal(read(pipefd[0], &c, 1), 0);
	close(pipefd[0]);
	put32(st + 4, 0);
	fe_send(11, 0x1, st, 8); /* GET_VRING_BASE */
	handled();
	uint8_t p[VU_MAX_PAYLOAD];
	assert_int_equal(fe_reply(fe, 11, p), 8);
	assert_int_equal(get32(p), 1);
	assert_int_equal(get32(p + 4), 0x1234);
}

/* A guest write to the trigger byte, through the front-end's copy. */
static void fe_write_trigger(uint8_t v)
{
	uint8_t p[VU_MAX_PAYLOAD];
	fe_get_config(0, SIZE, p);
	uint8_t req[12 + SIZE] = { 0 };
	put32(req + 4, SIZE);
	memcpy(req + 12, p + 12, SIZE);
	req[12 + 7] = v;
	fe_send(25, 0x1 | 0x8, req, sizeof req);
	handled();
	assert_int_equal(fe_reply_u64(25), 0);
}

static void fe_vring_kick(void)
{
	fe_send_u64(12, 0x1, 0 | 0x100); /* vring 0, no fd: vhost start */
	handled();
}

/* Negotiates REPLY_ACK and hands over a backend channel; returns this
 * test's end of it. */
static int hand_over_channel(void)
{
	int bc[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, bc), 0);
	fe_send_u64(16, 0x1, 1ull << 3 | 1ull << 5 | 1ull << 9);
	handled();
	fe_send_fd(21, 0x1 | 0x8, NULL, 0, bc[1]);
	close(bc[1]);
	handled();
	assert_int_equal(fe_reply_u64(21), 0);
	return bc[0];
}

static void fe_vring(uint32_t req, uint32_t num)
{
	uint8_t st[8];
	put32(st, 0), put32(st + 4, num);
	fe_send(req, 0x1, st, 8);
	handled();
	if (req == 11)
		fe_reply(fe, 11, st);
}

/* The trigger byte: the SET_CONFIG is acknowledged, then CONFIG_CHANGE_MSG
 * goes out on the channel with need_reply; its reply is read later. */
static void proto_config_change_sent_and_acknowledged(void **state)
{
	int bc = hand_over_channel();
	fe_vring_kick();
	fe_write_trigger(0x02);
	uint8_t h[12];
	assert_int_equal(recv(bc, h, 12, MSG_DONTWAIT), 12);
	assert_int_equal(get32(h), 2); /* CONFIG_CHANGE_MSG */
	assert_int_equal(get32(h + 4), 0x1 | 0x8);
	assert_int_equal(get32(h + 8), 0);
	assert_int_equal(sess.bc.pending, 1);
	uint8_t rep[20] = { 0 };
	put32(rep, 2), put32(rep + 4, 0x5), put32(rep + 8, 8);
	assert_int_equal(send(bc, rep, sizeof rep, 0), 20);
	vu_backend_channel_read(&sess.bc, 0);
	assert_int_equal(sess.bc.pending, 0);
	assert_int_equal(sess.bc.acked, 1);
	close(bc);
}

/* Only while the front-end has the device started: QEMU 10 crashes on a
 * change announced outside that span. */
static void proto_config_change_only_while_started(void **state)
{
	int bc = hand_over_channel();
	uint8_t h[12];
	fe_write_trigger(0x01);
	assert_true(nothing_waiting(bc));
	fe_vring_kick();
	fe_vring(11, 0); /* GET_VRING_BASE: stopping */
	fe_write_trigger(0x03);
	assert_true(nothing_waiting(bc));
	fe_vring(18, 1); /* rings without addresses get no kick, only enable */
	fe_write_trigger(0x04);
	assert_int_equal(recv(bc, h, 12, MSG_DONTWAIT), 12);
	fe_vring(18, 0);
	fe_write_trigger(0x05);
	assert_true(nothing_waiting(bc));
	close(bc);
}

static void proto_oversize_header_closes(void **state)
{
	uint8_t h[12];
	put32(h, 24), put32(h + 4, 0x1), put32(h + 8, 0x100000);
	assert_int_equal(send(fe, h, 12, 0), 12);
	assert_int_equal(vu_session_handle(&sess), -1);
	assert_non_null(strstr(sess.why_closed, "oversize"));
}

static void proto_short_header_closes(void **state)
{
	uint8_t h[6] = { 1, 0, 0, 0, 1, 0 };
	assert_int_equal(send(fe, h, 6, 0), 6);
	shutdown(fe, SHUT_WR);
	assert_int_equal(vu_session_handle(&sess), -1);
	assert_non_null(strstr(sess.why_closed, "short"));
}

static void proto_short_payload_closes(void **state)
{
	uint8_t m[12 + 4];
	put32(m, 2), put32(m + 4, 0x1), put32(m + 8, 8); /* SET_FEATURES, 8 promised */
	assert_int_equal(send(fe, m, sizeof m, 0), (ssize_t)sizeof m);
	shutdown(fe, SHUT_WR);
	assert_int_equal(vu_session_handle(&sess), -1);
	assert_non_null(strstr(sess.why_closed, "short"));
}

static void proto_wrong_version_closes(void **state)
{
	uint8_t h[12];
	put32(h, 1), put32(h + 4, 0x2), put32(h + 8, 0);
	assert_int_equal(send(fe, h, 12, 0), 12);
	assert_int_equal(vu_session_handle(&sess), -1);
	assert_non_null(strstr(sess.why_closed, "version"));
}

static void proto_payload_too_short_for_request_closes(void **state)
{
	fe_send(24, 0x1, "\0\0\0\0", 4); /* GET_CONFIG needs 12 */
	assert_int_equal(vu_session_handle(&sess), -1);
}

/* The whole serving loop in a child: an oversize header ends the
 * connection (the front-end sees it closed) and the process lives on to
 * return normally. */
static void serve_loop_survives_bad_input(void **state)
{
	int sv[2];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		static volatile sig_atomic_t never;
		struct vu_device_opts o = { VU_MODE_PLANTED, SIZE, TICK };
		close(sv[0]);
		vu_log_set_quiet(1);
		vu_device_init(&dev, &o, vu_now_ms());
		vu_session_init(&sess, sv[1], &dev);
		vu_session_serve(&sess, &never, NULL);
		vu_session_end(&sess);
		_exit(strstr(sess.why_closed, "oversize") ? 0 : 3);
	}
	close(sv[1]);
	fe = sv[0];
	fe_send(1, 0x1, NULL, 0);
	assert_true(fe_reply_u64(1) & 1ull << 32); /* it serves */
	uint8_t h[12];
	put32(h, 24), put32(h + 4, 0x1), put32(h + 8, 0xffffffffu);
	assert_int_equal(send(fe, h, 12, 0), 12);
	char c;
	assert_int_equal(recv(fe, &c, 1, 0), 0); /* dropped */
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	close(fe);
}

int main(void)
{
	const struct CMUnitTest device_tests[] = {
		cmocka_unit_test(honest_select_banking),
		cmocka_unit_test(honest_read_only_bytes),
		cmocka_unit_test(honest_has_no_planted_behaviour),
		cmocka_unit_test(planted_ghost_latch_on_size),
		cmocka_unit_test(planted_read_clears),
		cmocka_unit_test(planted_read_mutates),
		cmocka_unit_test(planted_volatile_silent),
		cmocka_unit_test(planted_latch),
		cmocka_unit_test(planted_write_triggers),
		cmocka_unit_test(planted_selector_and_bank),
		cmocka_unit_test(planted_validated),
		cmocka_unit_test(planted_write_clears),
		cmocka_unit_test(planted_volatile_notified),
		cmocka_unit_test(set_config_applies_only_changed_bytes),
		cmocka_unit_test(set_config_diffs_against_front_end_copy),
		cmocka_unit_test(set_config_wide_write_in_offset_order),
		cmocka_unit_test(window_bounds),
	};
#define PROTO(t) cmocka_unit_test_setup_teardown(t, connect_backend, disconnect_backend)
	const struct CMUnitTest protocol_tests[] = {
		PROTO(proto_features),
		PROTO(proto_unknown_request),
		PROTO(proto_get_config_slices),
		PROTO(proto_set_config),
		PROTO(proto_vring_base_and_fds),
		PROTO(proto_config_change_sent_and_acknowledged),
		PROTO(proto_config_change_only_while_started),
		PROTO(proto_oversize_header_closes),
		PROTO(proto_short_header_closes),
		PROTO(proto_short_payload_closes),
		PROTO(proto_wrong_version_closes),
		PROTO(proto_payload_too_short_for_request_closes),
		cmocka_unit_test(serve_loop_survives_bad_input),
	};
	vu_log_set_quiet(1);
	int failed = cmocka_run_group_tests_name("vu-ref device", device_tests, NULL, NULL);
	return failed + cmocka_run_group_tests_name("vu-ref protocol", protocol_tests, NULL, NULL);
}
