/* Side-effect discovery on one device. The order matters:
 *   the config window is scanned first (its size, what moves between two
 *   reads), then every register and config target is read twice; bytes
 *   that moved since the scan are watched over time; then the write
 *   experiments, config first (a transport write can start the device with
 *   nothing negotiated, Status all ones, which a vhost-user backend refuses
 *   by dropping the connection; config writes made before still reach it),
 *   each series on a freshly reset device, followed by a sweep of whatever
 *   turned out to select; then reads over time, around a provoked interrupt
 *   and around a host-triggered event. Leaves the device reset, as found. */
#include "guests/lib/driver.h"
#include "suites/sidefx/sfx.h"

/* Volatility slower than this is caught only if it shows: the scan and
 * the look for moved bytes are at least this far apart. */
#define SCAN_GAP_US 20000

static struct sfx_set set;
static struct sfx_window win;
static uint8_t moved[VC_SFX_WINDOW_MAX / 8];

static void transport_writes(struct vdev *d)
{
	for (unsigned i = 0; i < set.cfg_first; i++) {
		const struct sfx_target *t = &set.t[i];
		if (t->writable && !t->in_snapshot_only && sfx_write_values(d, &set, (int)i))
			sfx_sweep(d, &set, (int)i);
	}
}

/* Every series before any sweep: a sweep writes the bytes near its
 * selector (to find a second level), and a byte that changes for good
 * when written (write-one-to-clear) must meet its own series first. */
static void config_writes(struct vdev *d)
{
	static uint8_t selects[SFX_MAX_TARGETS];
	for (unsigned i = set.cfg_first; i < set.n; i++)
		selects[i] = sfx_config_writes(d, &set, i) == SFX_WROTE_SELECTS;
	for (unsigned i = set.cfg_first; i < set.n; i++)
		if (selects[i])
			sfx_sweep(d, &set, (int)i);
}

/* The window is said once: the bytes past `active` read as the device's
 * fill and kept no write (window.c), so no target stands for them. */
static void report_window(struct vdev *d)
{
	struct sfx_target t = { .sp = VC_SFX_SP_CONFIG, .width = 1 };
	struct sfx_rec r;
	sfx_rec_init(&r);
	sfx_rec_kv(&r, "n", win.size);
	sfx_rec_kv(&r, "a", win.active);
	sfx_emit(d, &t, VC_SFX_WINDOW, &r);
}

static void watch_what_moved(struct vdev *d, uint64_t scanned_at)
{
	uint64_t gone = drv_micros() - scanned_at;
	if (gone < SCAN_GAP_US)
		drv_delay_us((unsigned)(SCAN_GAP_US - gone));
	for (unsigned k = 0; k < sizeof(moved); k++)
		moved[k] = 0;
	sfx_window_moved(d, &win, moved);
	sfx_config_timing(d, &set, &win, moved);
}

static int host_served = 1;

int sfx_host_served(void) { return host_served; }

unsigned vc_run_sidefx(struct vdev *d, unsigned cfgsize, int host)
{
	host_served = host;
	sfx_prepare(d);
	uint64_t scanned_at = drv_micros();
	sfx_window_scan(d, cfgsize, &win);
	sfx_targets(d, &win, &set);
	report_window(d);
	sfx_prepare(d);
	for (unsigned i = 0; i < set.cfg_first; i++)
		if (set.t[i].readable && !set.t[i].in_snapshot_only)
			sfx_read_twice(d, &set, (int)i);
	sfx_config_reads(d, &set);
	watch_what_moved(d, scanned_at);
	config_writes(d);
	transport_writes(d);
	sfx_timing(d, &set);
	sfx_interrupt(d, &set);
	if (host_served)
		sfx_events(d, &set);
	d->ops->set_status(d, 0);
	return set.n;
}
