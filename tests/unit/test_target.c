/* Unit tests for target files (harness/plan/target.c): the real aarch64 target
 * and the parser's strictness on small inline texts. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "vcheck/virtio_ids.h"
#include "harness/plan/target.h"

/* The source tree: $VC_SOURCE_DIR, else three levels up from this file
 * (tests/unit/test_target.c; __FILE__ is absolute in this build). */
static void source_path(char *out, size_t len, const char *rel)
{
	const char *env = getenv("VC_SOURCE_DIR");
	if (env && *env) {
		snprintf(out, len, "%s/%s", env, rel);
		return;
	}
	char here[4096];
	snprintf(here, sizeof(here), "%s", __FILE__);
	for (int up = 0; up < 3; up++) {
		char *slash = strrchr(here, '/');
		if (slash)
			*slash = 0;
		else
			snprintf(here, sizeof(here), "..");
	}
	snprintf(out, len, "%s/%s", here, rel);
}

static int has_word(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || isspace((unsigned char)p[-1])) && (p[n] == 0 || isspace((unsigned char)p[n])))
			return 1;
	return 0;
}

/* ---- the real target file ------------------------------------------------- */

/* The events suites/sidefx/events.c asks for, per model, and what they run. */
static void check_real_events(const struct vc_target *t)
{
	static const struct { const char *model, *event, *has; } ev[] = {
		{ "net", "link-down", "\"set_link\"" },      { "net", "link-up", "\"up\":true" },
		{ "blk", "grow", "\"block_resize\"" },       { "blk", "shrink", "\"node-name\":\"disk{n}\"" },
		{ "balloon", "inflate", "\"balloon\"" },     { "balloon", "deflate", "268435456" },
		{ "keyboard", "input", "\"key\"" },          { "mouse", "input", "\"rel\"" },
		{ "tablet", "input", "\"abs\"" },            { "mem", "request", "\"requested-size\"" },
		{ "mem", "release", "mem{n}" },
	};
	size_t total = 0;
	for (size_t i = 0; i < sizeof(ev) / sizeof(ev[0]); i++) {
		const struct vc_device_def *d = vc_target_device(t, ev[i].model);
		assert_non_null(d);
		const char *cmd = vc_device_event(d, ev[i].event);
		if (!cmd || !strstr(cmd, ev[i].has))
			fail_msg("%s event.%s: %s", ev[i].model, ev[i].event, cmd ? cmd : "missing");
		assert_int_equal(cmd[0], '{');
	}
	for (size_t i = 0; i < t->ndevices; i++)
		total += t->devices[i].nevents;
	assert_int_equal(total, sizeof(ev) / sizeof(ev[0])); /* no others */
	/* qom-set needs the device's id */
	assert_non_null(strstr(vc_target_device(t, "mem")->pci, "id=mem{n}"));
	assert_null(vc_device_event(vc_target_device(t, "net"), "input"));
}

/* vhost-user-blk: the daemon listens where QEMU's chardev connects and
 * where the runner waits, and guest RAM is shared for the backend to map. */
static void check_real_daemon(const struct vc_device_def *d)
{
	assert_non_null(d);
	char *prog = vc_daemon_program(d);
	assert_string_equal(prog, "qemu-storage-daemon");
	free(prog);
	assert_string_equal(d->daemon_package, "qemu-system-common");
	assert_string_equal(d->daemon_ready, "{sock}/vu{n}.sock");
	assert_non_null(strstr(d->daemon, "type=vhost-user-blk"));
	assert_non_null(strstr(d->daemon, "addr.path={sock}/vu{n}.sock"));
	assert_non_null(strstr(d->backend, "path={sock}/vu{n}.sock"));
	assert_non_null(strstr(d->cell_args, "share=on"));
	assert_non_null(strstr(d->cell_args, "memory-backend="));
	assert_non_null(strstr(d->mmio, "chardev=vu{n}"));
	assert_non_null(strstr(d->pci, "vhost-user-blk-pci"));
}

static void test_real_target(void **state)
{
	char path[4200], err[512] = "";
	source_path(path, sizeof(path), "harness/targets/qemu-aarch64-virt.target");
	struct vc_target t;
	if (vc_target_load(path, &t, err, sizeof(err)))
		fail_msg("cannot load %s: %s", path, err);
	assert_string_equal(t.name, "qemu-aarch64-virt");
	assert_string_equal(t.arch, "aarch64");
	assert_string_equal(t.qemu, "qemu-system-aarch64");
	assert_non_null(t.image);
	assert_non_null(t.args);
	assert_string_equal(t.path, path);
	/* virt's virtio-mmio windows */
	assert_true(t.mmio_base == 0x0a000000);
	assert_true(t.mmio_stride == 0x200);
	assert_int_equal(t.mmio_slots, 32);
	assert_int_equal(t.pci_first_slot, 1);
	assert_int_equal(t.pci_last_slot, 31);
	assert_int_equal(t.console, VC_CONSOLE_SEMIHOSTING); /* QEMU's TCG serves it */

	static const struct { const char *name; enum vc_bus bus; } tr[] = {
		{ "mmio-v1", VC_BUS_MMIO }, { "mmio-v2", VC_BUS_MMIO },
		{ "pci-modern", VC_BUS_PCI }, { "pci-transitional", VC_BUS_PCI },
	};
	assert_int_equal(t.ntransports, 4);
	for (size_t i = 0; i < 4; i++) {
		assert_string_equal(t.transports[i].name, tr[i].name);
		assert_int_equal(t.transports[i].bus, tr[i].bus);
		assert_ptr_equal(vc_target_transport(&t, tr[i].name), &t.transports[i]);
		assert_non_null(t.transports[i].place);
		assert_non_null(strstr(t.transports[i].place, tr[i].bus == VC_BUS_PCI ? "{slotx}" : "{slot}"));
		assert_true(has_word(t.default_transports, tr[i].name));
	}
	const struct vc_transport_def *pt = vc_target_transport(&t, "pci-transitional");
	assert_non_null(pt);
	assert_true(has_word(pt->interfaces, "pci-legacy"));
	assert_true(has_word(pt->interfaces, "pci-modern"));
	assert_false(has_word(vc_target_transport(&t, "pci-modern")->interfaces, "pci-legacy"));
	assert_true(has_word(vc_target_transport(&t, "mmio-v1")->interfaces, "mmio-v1"));
	assert_true(has_word(vc_target_transport(&t, "mmio-v2")->interfaces, "mmio-v2"));
	assert_null(vc_target_transport(&t, "pci"));

	static const struct { const char *name; unsigned type; int mmio; } dev[] = {
		{ "net", VIRTIO_ID_NET, 1 },       { "blk", VIRTIO_ID_BLOCK, 1 },
		{ "console", VIRTIO_ID_CONSOLE, 1 }, { "rng", VIRTIO_ID_RNG, 1 },
		{ "balloon", VIRTIO_ID_BALLOON, 1 }, { "scsi", VIRTIO_ID_SCSI, 1 },
		{ "9p", VIRTIO_ID_P9, 1 },          { "gpu", VIRTIO_ID_GPU, 1 },
		{ "keyboard", VIRTIO_ID_INPUT, 1 }, { "mouse", VIRTIO_ID_INPUT, 1 },
		{ "tablet", VIRTIO_ID_INPUT, 1 },   { "crypto", VIRTIO_ID_CRYPTO, 1 },
		{ "iommu", VIRTIO_ID_IOMMU, 0 },    { "mem", VIRTIO_ID_MEM, 0 },
		{ "vhost-user-blk", VIRTIO_ID_BLOCK, 1 }, { "vhost-user-fs", VIRTIO_ID_FS, 1 },
	};
	/* the IDs themselves, from the spec's device type table */
	assert_int_equal(VIRTIO_ID_NET, 1);
	assert_int_equal(VIRTIO_ID_BLOCK, 2);
	assert_int_equal(VIRTIO_ID_CONSOLE, 3);
	assert_int_equal(VIRTIO_ID_RNG, 4);
	assert_int_equal(VIRTIO_ID_BALLOON, 5);
	assert_int_equal(VIRTIO_ID_SCSI, 8);
	assert_int_equal(VIRTIO_ID_P9, 9);
	assert_int_equal(VIRTIO_ID_GPU, 16);
	assert_int_equal(VIRTIO_ID_INPUT, 18);
	assert_int_equal(VIRTIO_ID_CRYPTO, 20);
	assert_int_equal(VIRTIO_ID_IOMMU, 23);
	assert_int_equal(VIRTIO_ID_MEM, 24);

	size_t ndev = sizeof(dev) / sizeof(dev[0]);
	assert_int_equal(t.ndevices, ndev);
	for (size_t i = 0; i < ndev; i++) {
		const struct vc_device_def *d = &t.devices[i];
		assert_string_equal(d->name, dev[i].name);
		assert_int_equal(d->type, dev[i].type);
		assert_ptr_equal(vc_target_device(&t, dev[i].name), d);
		assert_non_null(d->pci);
		if (dev[i].mmio)
			assert_non_null(d->mmio);
		else
			assert_null(d->mmio);
		/* a backend daemon is something to ask for, not a default */
		assert_int_equal(d->is_default, d->daemon == NULL);
		/* placed by the transport, or by slot where the type takes less */
		assert_true(strstr(d->pci, "{place}") || strstr(d->pci, "addr={slotx}"));
		if (d->mmio)
			assert_non_null(strstr(d->mmio, "{place}"));
	}
	assert_null(vc_target_device(&t, "nope"));
	check_real_events(&t);
	assert_string_equal(vc_target_device(&t, "blk")->files, "disk{n}.img:1M");
	assert_string_equal(vc_target_device(&t, "9p")->dirs, "share{n}");
	check_real_daemon(vc_target_device(&t, "vhost-user-blk"));
	/* virtiofsd: the same handshake through its own socket option; its PCI
	 * type is modern-only, placed by slot (no disable-legacy property) */
	const struct vc_device_def *fs = vc_target_device(&t, "vhost-user-fs");
	assert_string_equal(fs->daemon_ready, "{sock}/vfs{n}.sock");
	assert_non_null(strstr(fs->daemon, "--socket-path={sock}/vfs{n}.sock"));
	assert_non_null(strstr(fs->pci, "addr={slotx}"));
	assert_null(strstr(fs->pci, "{place}"));
	vc_target_free(&t);
	assert_null(t.name);
	assert_int_equal(t.ndevices, 0);
}

/* ---- inline texts -------------------------------------------------------- */

#define HEAD                                   \
	"[target]\n"                           \
	"name = tiny\n"                        \
	"arch = aarch64\n"                     \
	"qemu = qemu-system-aarch64\n"         \
	"image = probe.img\n"                  \
	"args = -machine virt\n"               \
	"mmio-base = 0x0a000000\n"             \
	"mmio-stride = 0x200\n"                \
	"mmio-slots = 4\n"                     \
	"\n"                                   \
	"[transport m]\n"                      \
	"bus = mmio\n"                         \
	"interfaces = mmio-v2\n"               \
	"place = bus=virtio-mmio-bus.{slot}\n" \
	"\n"                                   \
	"[device blk]\n"                       \
	"type = 2\n"                           \
	"mmio = -device virtio-blk-device,{place}\n"
/* HEAD is 18 lines; the next line is 19. */
#define HEAD_LINES 18

static void expect_error(const char *extra, const char *fragment)
{
	char text[2048], err[256] = "";
	struct vc_target t;
	snprintf(text, sizeof(text), "%s%s", HEAD, extra);
	if (!vc_target_parse("inline.target", text, &t, err, sizeof(err))) {
		vc_target_free(&t);
		fail_msg("accepted: %s", extra);
	}
	if (!strstr(err, fragment))
		fail_msg("error '%s' lacks '%s'", err, fragment);
}

static void test_daemon_keys(void **state)
{
	char text[2048], err[256] = "";
	struct vc_target t;
	snprintf(text, sizeof(text), "%s%s", HEAD,
		 "daemon =   qemu-storage-daemon --export x,addr.path={sock}/vu{n}.sock\n"
		 "daemon-ready = {sock}/vu{n}.sock\n"
		 "daemon-package = qemu-system-common\n"
		 "cell-args = -machine memory-backend=m\n");
	if (vc_target_parse("inline.target", text, &t, err, sizeof(err)))
		fail_msg("rejected: %s", err);
	const struct vc_device_def *d = vc_target_device(&t, "blk");
	char *prog = vc_daemon_program(d);
	assert_string_equal(prog, "qemu-storage-daemon");
	free(prog);
	assert_string_equal(d->daemon_ready, "{sock}/vu{n}.sock");
	assert_string_equal(d->cell_args, "-machine memory-backend=m");
	vc_target_free(&t);
	expect_error("daemon = qsd --x\n", "needs daemon and daemon-ready together");
	expect_error("daemon-ready = /tmp/x.sock\n", "needs daemon and daemon-ready together");
	expect_error("daemon-package = p\n", "daemon-package without daemon");
	expect_error("daemon = \ndaemon-ready = /x\n", "daemon is empty");
	expect_error("daemon = a\ndaemon = b\ndaemon-ready = /x\n", "duplicate key 'daemon'");
	/* a device without a daemon has no program */
	if (vc_target_parse("inline.target", HEAD, &t, err, sizeof(err)))
		fail_msg("rejected: %s", err);
	assert_null(vc_daemon_program(vc_target_device(&t, "blk")));
	vc_target_free(&t);
}

static void test_minimal_valid(void **state)
{
	struct vc_target t;
	char err[256] = "";
	if (vc_target_parse("inline.target", HEAD, &t, err, sizeof(err)))
		fail_msg("minimal text rejected: %s", err);
	assert_string_equal(t.name, "tiny");
	assert_string_equal(t.path, "inline.target");
	assert_int_equal(t.ntransports, 1);
	assert_int_equal(t.transports[0].bus, VC_BUS_MMIO);
	assert_int_equal(t.transports[0].line, 11);
	assert_string_equal(t.transports[0].place, "bus=virtio-mmio-bus.{slot}");
	assert_int_equal(t.ndevices, 1);
	assert_int_equal(t.devices[0].type, 2);
	assert_int_equal(t.devices[0].line, 16);
	assert_null(t.devices[0].pci);
	assert_false(t.devices[0].is_default);
	assert_true(t.mmio_base == 0x0a000000);
	assert_int_equal(t.mmio_slots, 4);
	assert_int_equal(t.console, VC_CONSOLE_UART); /* unless the target says otherwise */
	vc_target_free(&t);
}

static void test_comments_spaces_crlf(void **state)
{
	const char *text =
		"# leading comment\r\n"
		"  [ target ]  \r\n"
		"\tname=tiny   # trailing comment\r\n"
		"arch = aarch64\r\n"
		"qemu = q\r\n"
		"image = i\r\n"
		"args =\r\n"
		"pci-first-slot = 3\r\n"
		"pci-last-slot = 0x1f\r\n"
		"[transport p]\r\n"
		"bus = pci\r\n"
		"interfaces = pci-modern pci-legacy\r\n"
		"place = addr={slotx}\r\n"
		"[device net]\r\n"
		"type = 1\r\n"
		"default = yes\r\n"
		"pci = -device virtio-net-pci,{place}\r\n";
	struct vc_target t;
	char err[256] = "";
	if (vc_target_parse("crlf.target", text, &t, err, sizeof(err)))
		fail_msg("rejected: %s", err);
	assert_string_equal(t.name, "tiny");
	assert_string_equal(t.args, "");
	assert_int_equal(t.pci_first_slot, 3);
	assert_int_equal(t.pci_last_slot, 31);
	assert_int_equal(t.transports[0].bus, VC_BUS_PCI);
	assert_string_equal(t.transports[0].interfaces, "pci-modern pci-legacy");
	assert_string_equal(t.devices[0].pci, "-device virtio-net-pci,{place}");
	assert_true(t.devices[0].is_default);
	vc_target_free(&t);
}

/* Parses text and expects failure with "<path>:<line>: " in front. */
static void expect_error_at(const char *text, int line, const char *what)
{
	struct vc_target t;
	char err[512] = "", want[64];
	memset(&t, 0xab, sizeof(t));
	if (vc_target_parse("bad.target", text, &t, err, sizeof(err)) == 0) {
		vc_target_free(&t);
		fail_msg("%s: accepted", what);
	}
	snprintf(want, sizeof(want), "bad.target:%d:", line);
	if (strncmp(err, want, strlen(want)) != 0)
		fail_msg("%s: error '%s' does not start with '%s'", what, err, want);
	assert_true(strlen(err) > strlen(want) + 1); /* and says why */
	/* a failed parse leaves nothing to free */
	assert_null(t.name);
	assert_null(t.devices);
	assert_null(t.transports);
}

/* Same, when the error is about the file as a whole: any line number. */
static void expect_error_somewhere(const char *text, const char *what)
{
	struct vc_target t;
	char err[512] = "";
	if (vc_target_parse("bad.target", text, &t, err, sizeof(err)) == 0) {
		vc_target_free(&t);
		fail_msg("%s: accepted", what);
	}
	const char *p = err + strlen("bad.target:");
	if (strncmp(err, "bad.target:", 11) != 0 || !isdigit((unsigned char)*p))
		fail_msg("%s: error '%s' has no <path>:<line>:", what, err);
	while (isdigit((unsigned char)*p))
		p++;
	assert_int_equal(*p, ':');
	assert_true(strlen(p) > 2);
}

static void test_errors_with_line_numbers(void **state)
{
	expect_error_at(HEAD "[bogus]\n", HEAD_LINES + 1, "unknown section");
	expect_error_at(HEAD "[device]\n", HEAD_LINES + 1, "device without name");
	expect_error_at(HEAD "[target extra]\n", HEAD_LINES + 1, "target with a name");
	expect_error_at(HEAD "colour = red\n", HEAD_LINES + 1, "unknown key in device");
	expect_error_at("[target]\nname = a\nflavour = b\n", 3, "unknown key in target");
	expect_error_at(HEAD "[transport x]\nbus = mmio\nspeed = 9\n", HEAD_LINES + 3,
			"unknown key in transport");
	expect_error_at("[target]\nname = a\n\n# c\nname = b\n", 5, "duplicate key");
	expect_error_at(HEAD "mmio = again\n", HEAD_LINES + 1, "duplicate device key");
	expect_error_at("name = a\n[target]\n", 1, "key outside a section");
	expect_error_at("\n\n  arch = x\n", 3, "key outside a section, later line");
	expect_error_at("[target]\nmmio-slots = 12abc\n", 2, "bad number");
	expect_error_at("[target]\nmmio-base = -1\n", 2, "negative number");
	expect_error_at("[target]\nmmio-stride =\n", 2, "empty number");
	expect_error_at("[target]\nmmio-base = 0x\n", 2, "0x without digits");
	expect_error_at("[target]\nmmio-base = 99999999999999999999999\n", 2, "number out of range");
	expect_error_at("[target]\nmmio-slots = 2000\n", 2, "mmio-slots too large");
	expect_error_at("[target]\npci-last-slot = 32\n", 2, "slot beyond 31");
	expect_error_at(HEAD "[transport p]\nbus = isa\n", HEAD_LINES + 2, "bus not mmio/pci");
	expect_error_at(HEAD "[transport p]\nbus = PCI\n", HEAD_LINES + 2, "bus is case sensitive");
	expect_error_at(HEAD "[device blk]\ntype = 2\n", HEAD_LINES + 1, "duplicate device name");
	expect_error_at(HEAD "[transport m]\n", HEAD_LINES + 1, "duplicate transport name");
	expect_error_at(HEAD "[device x]\ntype = 0x10000\n", HEAD_LINES + 2, "type beyond 16 bits");
	expect_error_at(HEAD "[device x]\ntype = two\n", HEAD_LINES + 2, "type not a number");
	expect_error_at(HEAD "[device x]\ndefault = maybe\n", HEAD_LINES + 2, "default not yes/no");
	expect_error_at(HEAD "just words\n", HEAD_LINES + 1, "line without '='");
	expect_error_at(HEAD " = value\n", HEAD_LINES + 1, "empty key");
	/* a device without type: reported at its section header */
	expect_error_at(HEAD "\n[device x]\nmmio = -device y,{place}\n", HEAD_LINES + 2, "device without type");
	expect_error_at(HEAD "[device x]\ntype = 4\ndescription = no bus\n", HEAD_LINES + 1,
			"device with neither mmio nor pci");
	expect_error_at(HEAD "[device\n", HEAD_LINES + 1, "unterminated section header");
	expect_error_at(HEAD "[device x] junk\n", HEAD_LINES + 1, "junk after section header");
	expect_error_at(HEAD "[device a b]\n", HEAD_LINES + 1, "name with a space");
	expect_error_at(HEAD "[device a/b]\n", HEAD_LINES + 1, "name with a slash");
	expect_error_at(HEAD "[transport p]\nbus = pci\nplace = x\n", HEAD_LINES + 1,
			"transport without interfaces");
	expect_error_at(HEAD "[transport p]\nbus = pci\ninterfaces = pci-modern pci-old\n", HEAD_LINES + 3,
			"unknown interface in a transport");
	expect_error_at(HEAD "interfaces = mmio-v2 PCI-modern\n", HEAD_LINES + 1, "interface names are case sensitive");
	expect_error_at(HEAD "interfaces =   \n", HEAD_LINES + 1, "interfaces naming none");
	expect_error_at(HEAD "interfaces = mmio-v2\ninterfaces = mmio-v1\n", HEAD_LINES + 2, "duplicate interfaces");
	expect_error_at(HEAD "[transport p]\nbus = pci\ninterfaces = pci-modern\n", HEAD_LINES + 1,
			"transport without place");
}

static void test_missing_target_keys(void **state)
{
	static const char *const keys[] = { "name", "arch", "qemu", "image", "args" };
	const char *all = "[target]\nname = t\narch = a\nqemu = q\nimage = i\nargs = x\n"
			  "[transport p]\nbus = pci\ninterfaces = pci-modern\nplace = addr={slotx}\n";
	struct vc_target t;
	char err[256] = "";
	if (vc_target_parse("ok.target", all, &t, err, sizeof(err)))
		fail_msg("complete text rejected: %s", err);
	vc_target_free(&t);
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		/* drop the line that sets keys[i] */
		char text[512], needle[32];
		snprintf(needle, sizeof(needle), "\n%s = ", keys[i]);
		const char *at = strstr(all, needle);
		assert_non_null(at);
		const char *eol = strchr(at + 1, '\n');
		snprintf(text, sizeof(text), "%.*s%s", (int)(at - all), all, eol);
		expect_error_somewhere(text, keys[i]);
	}
	expect_error_somewhere("", "empty file");
	expect_error_somewhere("[target]\nname = t\narch = a\nqemu = q\nimage = i\nargs = x\n", "no transports");
	/* an mmio transport needs the window geometry */
	expect_error_somewhere("[target]\nname = t\narch = a\nqemu = q\nimage = i\nargs = x\n"
			       "[transport m]\nbus = mmio\ninterfaces = mmio-v2\nplace = bus={slot}\n",
			       "mmio transport without mmio-stride/slots");
}

/* The file header promises "duplicates ... are errors": that holds for every
 * key, including the numeric and enumerated ones. */
static void test_duplicate_non_string_keys(void **state)
{
	expect_error_at(HEAD "type = 3\n", HEAD_LINES + 1, "duplicate type");
	expect_error_at("[target]\nmmio-base = 0x1000\nmmio-base = 0x2000\n", 3, "duplicate mmio-base");
	expect_error_at("[target]\nmmio-slots = 4\nmmio-slots = 8\n", 3, "duplicate mmio-slots");
	expect_error_at(HEAD "[transport p]\nbus = pci\nbus = mmio\n", HEAD_LINES + 3, "duplicate bus");
	expect_error_at(HEAD "default = yes\ndefault = no\n", HEAD_LINES + 2, "duplicate default");
	expect_error_at(HEAD "checks-cell-args = -a\nchecks-cell-args = -b\n", HEAD_LINES + 2,
			"duplicate checks-cell-args");
}

/* HEAD with one more [target] line. */
static void head_with(const char *line, char *out, size_t len)
{
	const char *tr = strstr(HEAD, "[transport");
	snprintf(out, len, "%.*s%s\n%s", (int)(tr - HEAD), HEAD, line, tr);
}

static void test_console_key(void **state)
{
	static const struct { const char *v; enum vc_console want; } ok[] = {
		{ "uart", VC_CONSOLE_UART }, { "semihosting", VC_CONSOLE_SEMIHOSTING },
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		char text[1024], err[256] = "";
		char line[64];
		snprintf(line, sizeof(line), "console = %s", ok[i].v);
		head_with(line, text, sizeof(text));
		struct vc_target t;
		if (vc_target_parse("inline.target", text, &t, err, sizeof(err)))
			fail_msg("console = %s rejected: %s", ok[i].v, err);
		assert_int_equal(t.console, ok[i].want);
		vc_target_free(&t);
	}
	expect_error_at("[target]\nconsole = pl011\n", 2, "unknown console");
	expect_error_at("[target]\nconsole = Semihosting\n", 2, "console is case sensitive");
	expect_error_at("[target]\nconsole =\n", 2, "empty console");
	expect_error_at("[target]\nconsole = uart\nconsole = semihosting\n", 3, "duplicate console");
}

static void test_load_errors(void **state)
{
	struct vc_target t;
	char err[512] = "";
	assert_int_equal(vc_target_load("/nonexistent/dir/x.target", &t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "/nonexistent/dir/x.target"));

	/* binary data */
	char path[] = "/tmp/vc_target_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	static const char bin[] = "[target]\nname = a\0b\n";
	assert_int_equal(write(fd, bin, sizeof(bin) - 1), (ssize_t)(sizeof(bin) - 1));
	close(fd);
	err[0] = 0;
	assert_int_equal(vc_target_load(path, &t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, path));
	unlink(path);

	/* a loaded file reports errors with its own path */
	strcpy(path, "/tmp/vc_target_XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	static const char txt[] = "[target]\nname = a\nbogus = 1\n";
	assert_int_equal(write(fd, txt, sizeof(txt) - 1), (ssize_t)(sizeof(txt) - 1));
	close(fd);
	char want[64];
	snprintf(want, sizeof(want), "%s:3:", path);
	assert_int_equal(vc_target_load(path, &t, err, sizeof(err)), -1);
	assert_int_equal(strncmp(err, want, strlen(want)), 0);
	unlink(path);
}

static void test_events(void **state)
{
	const char *text = HEAD
		"event.grow = {\"execute\":\"block_resize\",\"arguments\":{\"size\":2}}\n"
		"event.a-rather-long-event-name-past-31 = {\"execute\":\"x\"}\n";
	struct vc_target t;
	char err[256] = "";
	if (vc_target_parse("inline.target", text, &t, err, sizeof(err)))
		fail_msg("events rejected: %s", err);
	const struct vc_device_def *d = vc_target_device(&t, "blk");
	assert_int_equal(d->nevents, 2);
	assert_string_equal(vc_device_event(d, "grow"), "{\"execute\":\"block_resize\",\"arguments\":{\"size\":2}}");
	assert_string_equal(vc_device_event(d, "a-rather-long-event-name-past-31"), "{\"execute\":\"x\"}");
	assert_null(vc_device_event(d, "shrink"));
	assert_null(vc_device_event(d, "gro"));
	vc_target_free(&t);

	expect_error_at(HEAD "event.x = set_link\n", HEAD_LINES + 1, "event not a JSON object");
	expect_error_at(HEAD "event.x = {\"execute\":\"a\"\n", HEAD_LINES + 1, "event object not closed");
	expect_error_at(HEAD "event.x =\n", HEAD_LINES + 1, "empty event");
	expect_error_at(HEAD "event. = {}\n", HEAD_LINES + 1, "event without a name");
	expect_error_at(HEAD "event.a/b = {}\n", HEAD_LINES + 1, "event name with a slash");
	expect_error_at(HEAD "event.x = {}\nevent.x = {}\n", HEAD_LINES + 2, "duplicate event");
	expect_error_at(HEAD "event.a-rather-long-event-name-past-31 = {}\n"
			"event.a-rather-long-event-name-past-31 = {}\n", HEAD_LINES + 2, "duplicate long event");
	expect_error_at("[target]\nevent.x = {}\n", 2, "event in [target]");
	expect_error_at(HEAD "[transport p]\nevent.x = {}\n", HEAD_LINES + 2, "event in a transport");
}

static void test_personalities(void **state)
{
	const char *text = HEAD
		"[personality gunyah]\n"
		"transports = m\n"
		"args = -global virtio-device.iommu_platform=on\n";
	struct vc_target t;
	char err[256] = "";
	if (vc_target_parse("inline.target", text, &t, err, sizeof(err)))
		fail_msg("personality rejected: %s", err);
	const struct vc_personality_def *g = vc_target_personality(&t, "gunyah");
	assert_non_null(g);
	assert_int_equal(g->line, HEAD_LINES + 1);
	assert_string_equal(g->args, "-global virtio-device.iommu_platform=on");
	assert_true(vc_personality_runs_on(g, "m"));
	assert_false(vc_personality_runs_on(g, "mm"));
	assert_false(vc_personality_runs_on(g, ""));
	const struct vc_personality_def *d = vc_target_personality(&t, "direct");
	assert_non_null(d); /* built in */
	assert_true(vc_personality_runs_on(d, "m"));
	assert_null(vc_target_personality(&t, "xen")); /* not defined here */
	vc_target_free(&t);

	expect_error_at(HEAD "[personality hyperv]\n", HEAD_LINES + 1, "personality the image does not know");
	expect_error_at(HEAD "[personality direct]\n", HEAD_LINES + 1, "direct redefined");
	expect_error_at(HEAD "[personality gunyah]\ntransports = m\n[personality gunyah]\n", HEAD_LINES + 3,
			"personality twice");
	expect_error_at(HEAD "[personality gunyah]\nbogus = 1\n", HEAD_LINES + 2, "unknown personality key");
	expect_error_at(HEAD "[personality gunyah]\nargs = x\n", HEAD_LINES + 1, "personality without transports");
	expect_error_at(HEAD "[personality xen]\ntransports = m nope\n", HEAD_LINES + 1,
			"personality on an undefined transport");
}

static void test_accels(void **state)
{
	const char *text = HEAD
		"[accel kvm]\n"
		"args = -accel kvm -cpu host\n"
		"console = uart\n"
		"description = real KVM\n";
	struct vc_target t;
	char err[256] = "";
	if (vc_target_parse("inline.target", text, &t, err, sizeof(err)))
		fail_msg("accel rejected: %s", err);
	const struct vc_accel_def *k = &t.accels[VC_ACCEL_KVM];
	assert_true(k->defined);
	assert_int_equal(k->line, HEAD_LINES + 1);
	assert_string_equal(k->args, "-accel kvm -cpu host");
	assert_true(k->console_given);
	assert_int_equal(k->console, VC_CONSOLE_UART);
	assert_false(t.accels[VC_ACCEL_TCG].defined); /* TCG needs no section: the target's own args */
	vc_target_free(&t);

	assert_int_equal(vc_accel_from_name("kvm"), VC_ACCEL_KVM);
	assert_int_equal(vc_accel_from_name("tcg"), VC_ACCEL_TCG);
	assert_int_equal(vc_accel_from_name("KVM"), -1);
	assert_int_equal(vc_accel_from_name(""), -1);
	assert_string_equal(vc_accel_name(VC_ACCEL_KVM), "kvm");

	expect_error_at(HEAD "[accel hvf]\n", HEAD_LINES + 1, "accelerator vcheck does not know");
	expect_error_at(HEAD "[accel]\n", HEAD_LINES + 1, "accel without a name");
	expect_error_at(HEAD "[accel kvm]\n[accel kvm]\n", HEAD_LINES + 2, "accel twice");
	expect_error_at(HEAD "[accel kvm]\nbogus = 1\n", HEAD_LINES + 2, "unknown accel key");
	expect_error_at(HEAD "[accel kvm]\nconsole = pl011\n", HEAD_LINES + 2, "unknown accel console");
	expect_error_at(HEAD "[accel kvm]\nargs = a\nargs = b\n", HEAD_LINES + 3, "duplicate accel args");
}

/* Writes name.target with text into dir. */
static void put_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s.target", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int load_in(const char *dir, const char *name, struct vc_target *t, char *err, size_t len)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s.target", dir, name);
	return vc_target_load(path, t, err, len);
}

static void test_ram_and_ring(void **state)
{
	static const struct { const char *v; uint64_t base, size; } ok[] = {
		{ "256M@0x40000000", 0x40000000, 256ull << 20 },
		{ "1G@0", 0, 1ull << 30 },
		{ "4194304@0x80000000", 0x80000000, 4194304 },
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		char text[1024], err[256] = "";
		char line[64];
		snprintf(line, sizeof(line), "ram = %s", ok[i].v);
		head_with(line, text, sizeof(text));
		struct vc_target t;
		if (vc_target_parse("inline.target", text, &t, err, sizeof(err)))
			fail_msg("ram = %s rejected: %s", ok[i].v, err);
		assert_int_equal(t.ram_base, ok[i].base);
		assert_int_equal(t.ram_size, ok[i].size);
		vc_target_free(&t);
	}
	expect_error_at("[target]\nram = 256M\n", 2, "ram without a base");
	expect_error_at("[target]\nram = @0x40000000\n", 2, "ram without a size");
	expect_error_at("[target]\nram = 256X@0x40000000\n", 2, "ram with a bad unit");
	expect_error_at("[target]\nram = -1@0\n", 2, "negative ram");
	expect_error_at("[target]\nram = 0@0\n", 2, "no ram");
	expect_error_at("[target]\nram = 256M@zz\n", 2, "ram with a bad base");
	expect_error_at("[target]\nram = 2000G@0\n", 2, "more ram than 1 TiB");
	/* a ring needs somewhere to go */
	expect_error_at(HEAD "[accel kvm]\nconsole = ring\n", 1, "ring without ram");
	char err[256] = "";
	struct vc_target t;
	assert_int_equal(vc_target_parse("inline.target", "[target]\nconsole = ring\n", &t, err, sizeof(err)), -1);
}

/* Slot 0 is a slot (kvmtool has no host-bridge function there); only a
 * file that says nothing gets the default, 1. */
static void test_pci_first_slot_zero(void **state)
{
	char text[1024], err[256] = "";
	struct vc_target t;
	head_with("pci-first-slot = 0", text, sizeof(text));
	if (vc_target_parse("inline.target", text, &t, err, sizeof(err)))
		fail_msg("%s", err);
	assert_int_equal(t.pci_first_slot, 0);
	vc_target_free(&t);
	if (vc_target_parse("inline.target", HEAD, &t, err, sizeof(err)))
		fail_msg("%s", err);
	assert_int_equal(t.pci_first_slot, 1);
	vc_target_free(&t);
}

static void test_base(void **state)
{
	char dir[] = "/tmp/vc_base_XXXXXX", err[512] = "";
	assert_non_null(mkdtemp(dir));
	put_file(dir, "tiny", HEAD "[accel kvm]\nargs = -accel kvm\nconsole = uart\n");
	put_file(dir, "derived", "[target]\nname = derived\nbase = tiny\ndescription = over tiny\n"
				 "args = -machine virt,secure=off\n\n[accel kvm]\nargs = -accel kvm -cpu host\n\n"
				 "[device rng]\ntype = 4\nmmio = -device virtio-rng-device,{place}\n");
	struct vc_target t;
	if (load_in(dir, "derived", &t, err, sizeof(err)))
		fail_msg("derived target rejected: %s", err);
	assert_string_equal(t.name, "derived");
	assert_string_equal(t.description, "over tiny");
	assert_string_equal(t.args, "-machine virt,secure=off");  /* replaced */
	assert_string_equal(t.qemu, "qemu-system-aarch64");       /* inherited */
	assert_int_equal(t.mmio_slots, 4);
	assert_non_null(vc_target_transport(&t, "m"));
	assert_non_null(vc_target_device(&t, "blk"));             /* the base's */
	assert_non_null(vc_target_device(&t, "rng"));             /* added */
	assert_string_equal(t.accels[VC_ACCEL_KVM].args, "-accel kvm -cpu host");
	assert_false(t.accels[VC_ACCEL_KVM].console_given); /* an [accel] section is replaced whole */
	assert_non_null(strstr(t.path, "derived.target"));
	vc_target_free(&t);

	static const struct { const char *text, *want; } bad[] = {
		{ "[target]\nname = d\nbase = missing\n", "missing.target" },
		{ "[target]\nname = d\nbase = ../tiny\n", "base names a target file beside this one" },
		{ "[target]\nname = d\nbase = tiny\n[device blk]\ntype = 2\nmmio = x\n", "defined twice" },
		{ "[target]\nname = d\nbase = tiny\nargs = a\nargs = b\n", "duplicate key 'args'" },
		{ "[target]\nbase = tiny\n", "needs name" },
		{ "[target]\nname = d\nbase = d\n", "nest deeper than" },
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		put_file(dir, "d", bad[i].text);
		err[0] = 0;
		if (!load_in(dir, "d", &t, err, sizeof(err)))
			fail_msg("case %zu loaded", i);
		if (!strstr(err, bad[i].want))
			fail_msg("case %zu: '%s' does not say '%s'", i, err, bad[i].want);
	}
	/* in memory there is no file beside it to be the base */
	assert_int_equal(vc_target_parse("inline.target", "[target]\nname = d\nbase = tiny\n", &t, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "loaded from its file"));
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_real_target),
		cmocka_unit_test(test_minimal_valid),
		cmocka_unit_test(test_console_key),
		cmocka_unit_test(test_daemon_keys),
		cmocka_unit_test(test_comments_spaces_crlf),
		cmocka_unit_test(test_errors_with_line_numbers),
		cmocka_unit_test(test_missing_target_keys),
		cmocka_unit_test(test_duplicate_non_string_keys),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_personalities),
		cmocka_unit_test(test_accels),
		cmocka_unit_test(test_base),
		cmocka_unit_test(test_pci_first_slot_zero),
		cmocka_unit_test(test_ram_and_ring),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
