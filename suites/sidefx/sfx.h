/* Side-effect experiments in the guest (suites/sidefx): what a target is,
 * how a space is snapshotted, and the experiment steps. The guest observes
 * and reports; the host classifies (harness/classify/sfx_classify.c). */
#ifndef VC_SFX_H
#define VC_SFX_H
#include <stdint.h>
#include "vcheck/sidefx.h"
#include "guests/lib/vdev.h"

/* One register, field or field chunk at one width. */
struct sfx_target {
	uint8_t sp;        /* enum vc_sfx_space */
	uint8_t width;
	uint8_t readable, writable;
	uint16_t off;
	uint8_t in_snapshot_only; /* a chunk of a large field: snapshotted, not experimented on */
	uint16_t head;            /* index of the field's first chunk (itself for small fields) */
	uint64_t features;        /* a config field's gating features (the layout's), 0: none */
};

/* Transport registers, and every config byte of the active window at
 * widths 1, 2 and 4: 256 bytes make 448 targets. */
#define SFX_MAX_TARGETS 1024

/* The device's config window: every byte the transport states is examined,
 * whatever a layout names (window.c). Bytes past the device's own config
 * (QEMU answers them itself: reads all ones or 0, writes dropped) are
 * found by reading, and the write experiments, whose cost grows with the
 * window, cover only the active part before them. */
struct sfx_window {
	unsigned size;                 /* bytes the transport states, or vcheck.cfgsize */
	unsigned active;               /* [0, active): the bytes the experiments address */
	uint8_t unstable[VC_SFX_WINDOW_MAX / 8]; /* moved between reads: left out of snapshots */
};
/* The active window's bytes at one moment; ok: the byte was read. */
struct sfx_bytes {
	uint8_t b[VC_SFX_WINDOW_MAX];
	uint8_t ok[VC_SFX_WINDOW_MAX / 8];
};

struct sfx_set {
	struct sfx_target t[SFX_MAX_TARGETS];
	unsigned n;
	/* The config window; its bytes at width 1 are targets cfg_first ..
	 * cfg_first + win->active - 1, in order, and snapshots read config
	 * through it (wider targets are experimented on, not snapshotted). */
	const struct sfx_window *win;
	unsigned cfg_first;
};

/* Every target of the device: transport registers for its interface, the
 * PCI ISR byte and notify address, and every byte of the active config
 * window at each width (a layout only names them). */
void sfx_targets(struct vdev *d, const struct sfx_window *w, struct sfx_set *s);


/* Register I/O by space; VC_ACC_OK or a fault. */
int sfx_read(struct vdev *d, const struct sfx_target *t, uint64_t *v);
int sfx_write(struct vdev *d, const struct sfx_target *t, uint64_t v);
uint64_t sfx_mask(unsigned width);

/* Values of every readable target of one space (VC_SFX_SP__COUNT: every
 * space but config, which only its window's reads snapshot), indexed like
 * the set. */
struct sfx_snap {
	uint64_t v[SFX_MAX_TARGETS];
	uint8_t ok[SFX_MAX_TARGETS];
};
/* `skip` (an index, or -1) is left unread: a target's own reads are the
 * experiment, and a snapshot must not consume what they would see. */
void sfx_snapshot(struct vdev *d, const struct sfx_set *s, unsigned sp, int skip, struct sfx_snap *out);
uint32_t sfx_snap_hash(const struct sfx_set *s, unsigned sp, const struct sfx_snap *a);

/* A record under construction: one experiment step. */
struct sfx_rec {
	char buf[640];
	unsigned len, nch, more;
};
void sfx_rec_init(struct sfx_rec *r);
void sfx_rec_kv(struct sfx_rec *r, const char *key, uint64_t v);
void sfx_rec_str(struct sfx_rec *r, const char *key, const char *plain);
void sfx_rec_pair(struct sfx_rec *r, const char *key, uint64_t a, uint64_t b);
/* Adds every target of space sp (other than `self`) that differs between
 * a and b to the change list. Returns how many differ. */
unsigned sfx_rec_changes(struct sfx_rec *r, const struct sfx_set *s, unsigned sp, int self,
			 const struct sfx_snap *a, const struct sfx_snap *b);
void sfx_emit(const struct vdev *d, const struct sfx_target *t, enum vc_sfx_experiment x,
	      struct sfx_rec *r);

/* The window the transport states (vcheck.cfgsize narrows or widens it). */
unsigned sfx_window_size(struct vdev *d, unsigned cfgsize);
/* Reads the whole window twice and sets size, active and the unstable
 * bytes; `cfgsize` as above. */
void sfx_window_scan(struct vdev *d, unsigned cfgsize, struct sfx_window *w);
/* The active window's stable bytes, read at the widest width that holds
 * no unstable byte (one access per word where it can). */
void sfx_window_read(struct vdev *d, const struct sfx_window *w, struct sfx_bytes *out);
static inline int sfx_bit(const uint8_t *map, unsigned i) { return (map[i / 8] >> (i % 8)) & 1; }
static inline void sfx_set_bit(uint8_t *map, unsigned i) { map[i / 8] |= (uint8_t)(1u << (i % 8)); }
/* The same, leaving bytes [lo, hi) unread (a target's own reads are the
 * experiment). */
void sfx_window_read_except(struct vdev *d, const struct sfx_window *w, unsigned lo, unsigned hi,
			    struct sfx_bytes *out);
/* Sets in `moved` the active bytes that differ now from the scan's first
 * read: the candidates for volatility. */
void sfx_window_moved(struct vdev *d, struct sfx_window *w, uint8_t *moved);

/* Ends a stretch of set-up accesses: what the device does up to here is not
 * the next step's doing (the host splits the device-side trace at records). */
void sfx_mark(const struct vdev *d);

/* Reset, then ACKNOWLEDGE|DRIVER: the state every write experiment starts in. */
void sfx_prepare(struct vdev *d);
/* The state a write series starts from: sfx_prepare's, with the feature,
 * queue and driver-feature selectors at 0; for a field that exists only
 * with a feature, that feature (and VERSION_1) negotiated up to
 * FEATURES_OK, as a driver that uses the field would have it (a device may
 * ignore writes to a field whose feature was not accepted: virtio-iommu's
 * bypass, virtio-balloon's poison_val in QEMU 7.2). */
void sfx_prepare_for(struct vdev *d, const struct sfx_target *t);
/* After such a target: driver features written back to 0 and the device
 * reset, so no later experiment starts with them (QEMU's virtio-mmio keeps
 * DriverFeatures across a reset). */
void sfx_forget_features(struct vdev *d, const struct sfx_target *t);

/* The experiments (experiments.c, sweep.c, timing.c, interrupt.c, events.c). */
void sfx_read_twice(struct vdev *d, const struct sfx_set *s, int i);
/* One write, read-back and snapshot step, recorded; returns whether
 * another offset of the space changed. */
int sfx_write_step(struct vdev *d, const struct sfx_set *s, int i, uint64_t val);
/* All write steps on a fresh device, then a reset step. Returns whether any
 * write changed another offset of the space. */
int sfx_write_values(struct vdev *d, const struct sfx_set *s, int i);
void sfx_sweep(struct vdev *d, const struct sfx_set *s, int i);
void sfx_timing(struct vdev *d, const struct sfx_set *s);
void sfx_interrupt(struct vdev *d, const struct sfx_set *s);
/* Asks the host for the device type's host-triggered event and records what
 * config, ConfigGeneration and the interrupt status did (events.c). */
void sfx_events(struct vdev *d, const struct sfx_set *s);

/* The config window's experiments (config.c). The read pass: every config
 * target read twice, snapshots around groups of them. */
void sfx_config_reads(struct vdev *d, const struct sfx_set *s);
/* A write series on config target i from a fresh device: each value
 * written and read back twice, the window snapshotted after the second
 * and last writes, the last value repeated where others changed. */
enum { SFX_WROTE_QUIET, SFX_WROTE_SELECTS, SFX_WROTE_TRIGGER };
int sfx_config_writes(struct vdev *d, const struct sfx_set *s, unsigned i);
/* Whether target i's last series read back every value it wrote. */
int sfx_config_latched(unsigned i);
/* Watches the bytes set in `moved` at DRIVER_OK; those that move are
 * recorded (tm, with ConfigGeneration and the interrupt status) and become
 * unstable in w. */
void sfx_config_timing(struct vdev *d, const struct sfx_set *s, struct sfx_window *w, uint8_t *moved);

/* Whether t is the device status register of d's interface. */
int sfx_is_status(const struct vdev *d, const struct sfx_target *t);
/* Asks the host to record QEMU's view of the device now, and waits for its
 * answer without touching the device (qemu_status.c). */
void sfx_qemu_status(const struct vdev *d);
/* Whether a host answers asks and queries (vcheck.host, options.h). */
int sfx_host_served(void);

/* Runs every experiment on one device; returns the targets examined.
 * cfgsize: vcheck.cfgsize, the config window to examine (0: as the
 * transport states it); host: whether a host answers asks and queries. */
unsigned vc_run_sidefx(struct vdev *d, unsigned cfgsize, int host);
#endif
