/* The image's main line: platform from the DT, the options from the kernel
 * command line, the devices, then the program (program.h), framed by the
 * start and end records. */
#include <stdint.h>
#include "guests/lib/console.h"
#include "guests/lib/discover.h"
#include "guests/lib/dt.h"
#include "arch/mmu.h"
#include "guests/lib/options.h"
#include "guests/lib/panic.h"
#include "guests/lib/personality/personality.h"
#include "guests/lib/personality/name.h"
#include "guests/lib/program.h"
#include "arch/psci.h"
#include "guests/lib/record.h"
#include "guests/lib/ring_console.h"
#include "arch/semihost.h"
#include <string.h>
#include "arch/cpu.h"
#include "guests/lib/xen/dt.h"
#include "guests/lib/xen/xen.h"

extern char _head[], _image_end[];

static struct vc_devices devices;

static void map_ram(uint64_t base, uint64_t size) { mmu_map_normal(base, size); }

static int is_pl011(int node)
{
	/* Xen's vPL011 is an SBSA generic UART: the PL011 subset the writer uses. */
	return dt_is_compatible(node, "arm,pl011") || dt_is_compatible(node, "arm,sbsa-uart");
}

static int console_from_dt(void)
{
	int node = dt_stdout_node();
	if (node < 0)
		node = dt_next_compatible(-1, "arm,pl011");
	if (node < 0)
		node = dt_next_compatible(-1, "arm,sbsa-uart");
	uint64_t base, size;
	if (node < 0 || !is_pl011(node) || dt_reg(node, 0, &base, &size))
		return -1;
	/* a node that says both is a PL011 (it has the whole register set) */
	console_use_pl011((uintptr_t)base, !dt_is_compatible(node, "arm,pl011"));
	return 0;
}

/* The host may ask for a faster channel than the UART (options.h); it is
 * taken where it is served. */
static void console_select(const struct vc_options *o, uintptr_t base)
{
	if (!strcmp(o->console, "semihosting") && semihost_present())
		console_use_text(semihost_write, "semihosting");
	if (!strcmp(o->console, "ring") && o->ring)
		ring_console_start(o->ring, base, (uint64_t)(_image_end - _head));
}

/* Once the run has started, so the host sees it: a channel the host asked
 * for and did not get. An unknown name ends the run. */
static void console_check(const char *want)
{
	if (!want[0] || !strcmp(want, console_name()))
		return;
	if (!strcmp(want, "ring")) {
		rec_log("vcheck.console=ring: no ring at vcheck.ring (absent, not page-aligned, not in RAM or over the "
			"image); records stay on the UART");
		return;
	}
	if (strcmp(want, "semihosting"))
		vc_panic("unknown vcheck.console");
	rec_log("vcheck.console=semihosting: not served here (the trap is undefined); records stay on the UART");
}

static void finish(unsigned checks) __attribute__((noreturn));
static void finish(unsigned checks)
{
	xen_finish();
	rec_begin("end");
	rec_u64("devices", devices.n);
	rec_u64("checks", checks);
	rec_end();
	psci_system_off();
}

/* vcheck.say: raw bytes on the console, as a broken or hostile channel
 * would put them there (the host's own test). */
static void say(const char *hex)
{
	char raw[sizeof(((struct vc_options *)0)->say) / 2];
	unsigned n = 0;
	for (; hex[0] && hex[1] && n < sizeof(raw); hex += 2) {
		int hi = vc_hex_digit_value(hex[0]), lo = vc_hex_digit_value(hex[1]);
		if (hi < 0 || lo < 0)
			break;
		raw[n++] = (char)(hi << 4 | lo);
	}
	if (n)
		console_write(raw, n);
}

static void start_record(uint64_t el)
{
	rec_begin("start");
	rec_u64("proto", 1);
	rec_str("image", "probe");
	rec_str("arch", VC_ARCH_NAME);
	rec_str("console", console_name());
	rec_u64("el", el);
	rec_hex("cat", vc_program_fingerprint()); /* what pass/skip ranks mean */
	rec_end();
}

void vc_boot(const void *dtb, uintptr_t base, uint64_t el)
{
	mmu_init(base, (uint64_t)(_image_end - _head), (uint64_t)(uintptr_t)dtb);
	if (dt_init(dtb) != 0)
		psci_system_off(); /* no DT: nothing can be found or reported */
	dt_for_each_memory(map_ram);
	psci_set_conduit(dt_psci_uses_smc());
	xen_detect();
	if (console_from_dt() != 0 && xen_console_start() != 0)
		psci_system_off();
	struct vc_options opt;
	vc_parse_options(dt_bootargs(), &opt);
	console_select(&opt, base);
	console_mark_records(opt.marker);
	rec_lose((uint32_t)opt.lose);
	start_record(el);
	console_check(opt.console);
	if (opt.bad_set)
		vc_panic("unreadable vcheck.run or vcheck.resume");
	say(opt.say);
	xen_dt_force_grant((int)opt.xen_grant);
	xen_start(base, (uint64_t)(_image_end - _head));
	vdev_trace(opt.trace);
	if (vc_personality_select(vc_personality_name(&opt)))
		vc_panic("unknown vcheck.personality");
	vc_discover(&devices);
	unsigned checks = vc_program_main(&devices, &opt);
	finish(checks);
}
