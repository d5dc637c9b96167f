/* The device behind vcheck-vu-ref: a virtio-input config space (VIRTIO 1.2
 * section 5.8) with a read-only vendor extension, and in planted mode a set
 * of side effects vcheck must find. device.c is the only file that knows
 * the byte map (README.md has the table).
 *
 * The model is written for a front-end that copies the whole window, as
 * QEMU's vhost-user-base does: every guest config read is a GET_CONFIG of
 * the window and every guest config write a SET_CONFIG carrying QEMU's copy
 * with the written bytes changed. So the device keeps the front-end's copy
 * and finds the written bytes by comparing against it. Time is passed in
 * (now_ms, any monotonic origin) so tests can drive the clock. */
#ifndef VU_DEVICE_H
#define VU_DEVICE_H
#include <stdint.h>

enum vu_mode { VU_MODE_HONEST, VU_MODE_PLANTED };

/* QEMU's front-end never moves more than 256 config bytes
 * (VHOST_USER_MAX_CONFIG_SIZE in hw/virtio/vhost-user.c). */
#define VU_CONFIG_MAX 256
/* The planted map (README.md's table). QEMU 10.0's generic
 * vhost-user-device is not user-creatable, so the front-end is
 * vhost-user-input, whose window is virtio-input's 136 bytes: the side
 * effects live in the reserved bytes 3..7, in `size`, and in the tail of
 * `u` (from 0x78 on), which no selection this device answers reaches. */
enum {
	VU_P_GHOST = 2,      /* size: latch until select/subsel is written */
	VU_P_MAILBOX = 3,    /* read-clears: a write, read once */
	VU_P_READS = 4,      /* read-mutates: counts config reads */
	VU_P_CLOCK = 5,      /* volatile-silent: the clock in ticks */
	VU_P_LATCH = 6,      /* latch */
	VU_P_TRIGGER = 7,    /* write-triggers: rings the doorbell */
	VU_P_DOORBELL = 120, /* counts writes to 7 */
	VU_P_BANK_SEL = 121, /* selector */
	VU_P_BANK = 122,     /* 122..125 banked on 121 */
	VU_P_BANK_LEN = 4,
	VU_P_VALIDATED = 126, /* takes 0x00..0x0f only */
	VU_P_W1C = 127,      /* write-1-to-clear, starts 0xff */
	VU_P_NOTIFIED = 128, /* volatile-notified: every 5 ticks, with a config change message */
};
/* The bytes the planted map needs: virtio-input's whole config. */
#define VU_PLANTED_MIN_SIZE 136
#define VU_TICK_MS_DEFAULT 20
/* Config changes waiting to be sent; more coalesce into the last. */
#define VU_NOTICES_MAX 8
#define VU_NOTICE_LEN 48

struct vu_device_opts {
	enum vu_mode mode;
	unsigned config_size;
	unsigned tick_ms;
};

struct vu_device {
	struct vu_device_opts o;
	uint64_t t0_ms;
	/* The front-end's copy of the window, as it last saw it: what the
	 * last GET_CONFIG served, overwritten by each SET_CONFIG's payload. */
	uint8_t frontend[VU_CONFIG_MAX];
	uint8_t select, subsel;
	/* planted state, by offset */
	int ghost_set;
	uint8_t ghost;          /* 2 */
	int mailbox_full;
	uint8_t mailbox;        /* 3 */
	uint8_t reads;          /* 4 */
	uint8_t latch;          /* 6 */
	uint8_t doorbell;       /* 120 */
	uint8_t bank_sel;       /* 136 */
	uint8_t validated;      /* 141 */
	uint8_t w1c;            /* 142 */
	uint64_t ticks_notified; /* 143's ticks already announced */
	unsigned notices;
	char notice[VU_NOTICES_MAX][VU_NOTICE_LEN];
};

/* Returns 0, or -1 when opts cannot work (planted window too small). */
int vu_device_init(struct vu_device *d, const struct vu_device_opts *o, uint64_t now_ms);

/* GET_CONFIG: bytes [off, off+len) as of now_ms into out, applying read
 * side effects. Returns 0, or -1 when the range leaves the window. */
int vu_device_get_config(struct vu_device *d, uint32_t off, uint32_t len, uint8_t *out,
			 uint64_t now_ms);

/* SET_CONFIG: data is the front-end's copy of [off, off+len) after the
 * guest's write. Bytes that differ from the copy are the written ones;
 * each gets its behaviour, lowest offset first. Returns 0 or -1 (range). */
int vu_device_set_config(struct vu_device *d, uint32_t off, uint32_t len, const uint8_t *data,
			 uint64_t now_ms);

/* Milliseconds until the device next changes with a notification, or -1
 * when it never does on its own. */
int vu_device_next_notice_ms(const struct vu_device *d, uint64_t now_ms);

/* Takes the next config change the device wants announced (a trigger
 * write, a notified tick): 1 with its reason in why, 0 when none. */
int vu_device_take_notice(struct vu_device *d, uint64_t now_ms, char why[VU_NOTICE_LEN]);

const char *vu_mode_name(enum vu_mode m);
/* The mode vu_mode_name calls `s`: 0, or -1 when there is none. */
int vu_mode_parse(const char *s, enum vu_mode *m);
#endif
