/* The byte map. Honest mode is a virtio-input device (VIRTIO 1.2, 5.8.4)
 * and, past its 136 bytes, a read-only extension; planted mode adds one
 * side effect per row (device.h), each in bytes no layout names (the
 * reserved 3..7, the tail of u that no selection reaches) except the ghost
 * latch on `size`:
 *
 *   off      honest                       planted
 *   0, 1     select, subsel: latch        same, and they drop the ghost latch
 *   2        size (read-only)             latch until select/subsel written
 *   3        reserved: 0                  read-clears mailbox
 *   4        reserved: 0                  read-mutates: counts config reads
 *   5        reserved: 0                  volatile-silent: clock / tick
 *   6        reserved: 0                  latch
 *   7        reserved: 0                  write-triggers: rings 120's doorbell
 *   8..119   u (read-only)                same
 *   120      u: 0                         doorbell: counts writes to 7
 *   121      u: 0                         selector
 *   122..125 u: 0                         banked on 121: sel*16 + k + 1
 *   126      u: 0                         validated: 0x00..0x0f, starts 0x05
 *   127      u: 0                         write-1-to-clear, starts 0xff
 *   128      u: 0                         volatile-notified: every 5 ticks
 *   129..135 u: 0                         same
 *   136..    extension: (i*7+3) & 0xff    same */
#include "device.h"
#include "log.h"

#include <stdio.h>
#include <string.h>

/* virtio-input's config (5.8.4) */
#define OFF_SELECT 0
#define OFF_SUBSEL 1
#define OFF_SIZE 2
#define OFF_U 8
#define U_LEN 128
#define OFF_EXT 136
#define CFG_ID_NAME 0x01
#define CFG_ID_SERIAL 0x02
#define CFG_ID_DEVIDS 0x03
#define CFG_EV_BITS 0x11
#define EV_KEY 0x01
#define DEV_NAME "vcheck-vu-ref"
#define DEV_SERIAL "0001"

/* planted offsets */
#define P_MAILBOX VU_P_MAILBOX
#define P_READS VU_P_READS
#define P_CLOCK VU_P_CLOCK
#define P_LATCH VU_P_LATCH
#define P_TRIGGER VU_P_TRIGGER
#define P_DOORBELL VU_P_DOORBELL
#define P_BANK_SEL VU_P_BANK_SEL
#define P_BANK VU_P_BANK
#define P_BANK_LEN VU_P_BANK_LEN
#define P_VALIDATED VU_P_VALIDATED
#define P_VALID_MAX 0x0f
#define P_VALID_START 0x05
#define P_W1C VU_P_W1C
#define P_NOTIFIED VU_P_NOTIFIED
/* 143 moves this many times slower than 5 */
#define NOTIFIED_TICKS 5

const char *vu_mode_name(enum vu_mode m) { return m == VU_MODE_PLANTED ? "planted" : "honest"; }

int vu_mode_parse(const char *s, enum vu_mode *m)
{
	for (enum vu_mode k = VU_MODE_HONEST; k <= VU_MODE_PLANTED; k++)
		if (!strcmp(s, vu_mode_name(k))) {
			*m = k;
			return 0;
		}
	return -1;
}

static int planted(const struct vu_device *d) { return d->o.mode == VU_MODE_PLANTED; }

int vu_device_init(struct vu_device *d, const struct vu_device_opts *o, uint64_t now_ms)
{
	unsigned min = o->mode == VU_MODE_PLANTED ? VU_PLANTED_MIN_SIZE : 1;
	if (o->config_size < min || o->config_size > VU_CONFIG_MAX || !o->tick_ms)
		return -1;
	memset(d, 0, sizeof *d);
	d->o = *o;
	d->t0_ms = now_ms;
	d->validated = P_VALID_START;
	d->w1c = 0xff;
	/* The front-end's copy starts zeroed: QEMU allocates it so and fetches
	 * nothing before the guest's first access. */
	return 0;
}

static uint64_t ticks(const struct vu_device *d, uint64_t now_ms, unsigned per)
{
	uint64_t elapsed = now_ms > d->t0_ms ? now_ms - d->t0_ms : 0;
	return elapsed / ((uint64_t)d->o.tick_ms * per);
}

/* ---- virtio-input's select/subsel union ---- */

static unsigned put_str(uint8_t *u, const char *s)
{
	size_t n = strlen(s);
	memcpy(u, s, n);
	return (unsigned)n;
}

static void put_le16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)v, p[1] = (uint8_t)(v >> 8); }

/* A bitmap's size is its bytes up to the last nonzero one (5.8.5). */
static unsigned bitmap_size(const uint8_t *u)
{
	unsigned n = U_LEN;
	while (n && !u[n - 1])
		n--;
	return n;
}

/* What `u` holds for a selection; returns `size`. */
static unsigned input_union(uint8_t sel, uint8_t sub, uint8_t u[U_LEN])
{
	memset(u, 0, U_LEN);
	if (sel == CFG_ID_NAME && !sub)
		return put_str(u, DEV_NAME);
	if (sel == CFG_ID_SERIAL && !sub)
		return put_str(u, DEV_SERIAL);
	if (sel == CFG_ID_DEVIDS && !sub) {
		/* bustype BUS_VIRTUAL, vendor Red Hat's PCI vendor, product 1, version 1 */
		put_le16(u, 0x0006), put_le16(u + 2, 0x1af4), put_le16(u + 4, 0x0001), put_le16(u + 6, 0x0001);
		return 8;
	}
	if (sel == CFG_EV_BITS && sub == EV_KEY) {
		/* two keys, in different bytes so `size` covers a gap */
		u[30 / 8] |= 1u << (30 % 8);
		u[48 / 8] |= 1u << (48 % 8);
		return bitmap_size(u);
	}
	return 0;
}

/* ---- the window as it reads now ---- */

static void honest_image(const struct vu_device *d, uint8_t *img)
{
	uint8_t u[U_LEN];
	memset(img, 0, VU_CONFIG_MAX);
	img[OFF_SELECT] = d->select;
	img[OFF_SUBSEL] = d->subsel;
	img[OFF_SIZE] = (uint8_t)input_union(d->select, d->subsel, u);
	memcpy(img + OFF_U, u, U_LEN);
	for (unsigned i = OFF_EXT; i < VU_CONFIG_MAX; i++)
		img[i] = (uint8_t)(i * 7 + 3);
}

static void planted_image(const struct vu_device *d, uint8_t *img, uint64_t now_ms)
{
	if (d->ghost_set)
		img[OFF_SIZE] = d->ghost;
	img[P_MAILBOX] = d->mailbox_full ? d->mailbox : 0;
	img[P_READS] = d->reads;
	img[P_CLOCK] = (uint8_t)ticks(d, now_ms, 1);
	img[P_LATCH] = d->latch;
	img[P_TRIGGER] = 0;
	img[P_DOORBELL] = d->doorbell;
	img[P_BANK_SEL] = d->bank_sel;
	for (unsigned k = 0; k < P_BANK_LEN; k++)
		img[P_BANK + k] = (uint8_t)(d->bank_sel * 16 + k + 1);
	img[P_VALIDATED] = d->validated;
	img[P_W1C] = d->w1c;
	img[P_NOTIFIED] = (uint8_t)ticks(d, now_ms, NOTIFIED_TICKS);
}

static int covers(uint32_t off, uint32_t len, unsigned i) { return i >= off && i - off < len; }

/* Reading is what changes these bytes, so only a read that covers them. */
static void read_effects(struct vu_device *d, uint32_t off, uint32_t len)
{
	if (covers(off, len, P_MAILBOX) && d->mailbox_full) {
		d->mailbox_full = 0;
		vu_log_action(P_MAILBOX, "mailbox 0x03 read, now 0 (held 0x%02x)", d->mailbox);
	}
	if (covers(off, len, P_READS))
		d->reads++;
}

static int in_window(const struct vu_device *d, uint32_t off, uint32_t len)
{
	return off <= d->o.config_size && len <= d->o.config_size - off;
}

int vu_device_get_config(struct vu_device *d, uint32_t off, uint32_t len, uint8_t *out,
			 uint64_t now_ms)
{
	if (!in_window(d, off, len))
		return -1;
	uint8_t img[VU_CONFIG_MAX];
	honest_image(d, img);
	if (planted(d)) {
		planted_image(d, img, now_ms);
		read_effects(d, off, len);
	}
	memcpy(out, img + off, len);
	memcpy(d->frontend + off, img + off, len);
	return 0;
}

/* ---- writes ---- */

static void notice(struct vu_device *d, const char *fmt, unsigned v)
{
	/* A full queue already has a change to announce: the front-end
	 * re-reads the whole window for any one of them. */
	if (d->notices < VU_NOTICES_MAX)
		snprintf(d->notice[d->notices++], VU_NOTICE_LEN, fmt, v);
}

static void write_honest(struct vu_device *d, unsigned i, uint8_t v)
{
	if (i == OFF_SELECT)
		d->select = v;
	else if (i == OFF_SUBSEL)
		d->subsel = v;
	/* everything else is read-only or reserved: the write is dropped */
}

static void write_validated(struct vu_device *d, uint8_t v)
{
	if (v <= P_VALID_MAX)
		d->validated = v;
	else
		vu_log_action(P_VALIDATED, "refused 0x%02x at 0x8d (keeps 0x%02x)", v, d->validated);
}

static void write_planted(struct vu_device *d, unsigned i, uint8_t v)
{
	switch (i) {
	case OFF_SELECT:
	case OFF_SUBSEL:
		d->ghost_set = 0;
		break;
	case OFF_SIZE:
		d->ghost_set = 1, d->ghost = v;
		vu_log_action(OFF_SIZE, "size 0x02 latched 0x%02x", v);
		break;
	case P_MAILBOX:
		d->mailbox_full = 1, d->mailbox = v;
		vu_log_action(P_MAILBOX, "mailbox 0x03 holds 0x%02x until read", v);
		break;
	case P_LATCH:
		d->latch = v;
		break;
	case P_TRIGGER:
		/* logged here too: the front-end may not take the message (session.h) */
		vu_log_action(P_TRIGGER, "write of 0x%02x to 0x07: doorbell rung, config change due", v);
		d->doorbell++;
		notice(d, "write to 0x%02x", P_TRIGGER);
		break;
	case P_BANK_SEL:
		d->bank_sel = v;
		break;
	case P_VALIDATED:
		write_validated(d, v);
		break;
	case P_W1C:
		d->w1c &= (uint8_t)~v;
		break;
	}
}

int vu_device_set_config(struct vu_device *d, uint32_t off, uint32_t len, const uint8_t *data,
			 uint64_t now_ms)
{
	if (!in_window(d, off, len))
		return -1;
	/* Find the written bytes before applying any: a selector written
	 * first must not make a later byte of the same access look written. */
	uint8_t written[VU_CONFIG_MAX];
	for (uint32_t k = 0; k < len; k++)
		written[k] = data[k] != d->frontend[off + k];
	memcpy(d->frontend + off, data, len);
	for (uint32_t k = 0; k < len; k++) {
		if (!written[k])
			continue;
		write_honest(d, off + k, data[k]);
		if (planted(d))
			write_planted(d, off + k, data[k]);
	}
	return 0;
}

/* ---- notifications ---- */

int vu_device_next_notice_ms(const struct vu_device *d, uint64_t now_ms)
{
	if (d->notices)
		return 0;
	if (!planted(d))
		return -1;
	uint64_t per = (uint64_t)d->o.tick_ms * NOTIFIED_TICKS;
	uint64_t elapsed = now_ms > d->t0_ms ? now_ms - d->t0_ms : 0;
	return (int)(per - elapsed % per);
}

int vu_device_take_notice(struct vu_device *d, uint64_t now_ms, char why[VU_NOTICE_LEN])
{
	if (d->notices) {
		memcpy(why, d->notice[0], VU_NOTICE_LEN);
		memmove(d->notice[0], d->notice[1], (size_t)(--d->notices) * VU_NOTICE_LEN);
		return 1;
	}
	if (!planted(d))
		return 0;
	/* Ticks missed while the daemon was not scheduled are announced by
	 * one message: the front-end re-reads the whole window anyway. */
	uint64_t t = ticks(d, now_ms, NOTIFIED_TICKS);
	if (t <= d->ticks_notified)
		return 0;
	d->ticks_notified = t;
	snprintf(why, VU_NOTICE_LEN, "0x%02x ticked to 0x%02x", P_NOTIFIED, (unsigned)(t & 0xff));
	return 1;
}
