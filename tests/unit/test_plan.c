/* Unit tests for cell planning (harness/plan/plan.c): placeholder expansion,
 * slot assignment, QEMU argv and the attached-device list. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vcheck/blk_pattern.h"
#include "harness/util/fsutil.h"
#include "harness/model/model.h"
#include "harness/plan/plan.h"
#include "vcheck/ring.h"
#include "harness/plan/target.h"

#define OUT "/tmp/vc-plan-out"
#define IMAGES "/opt/vc/images"

static const char tiny[] =
	"[target]\n"
	"name = tiny\n"
	"arch = aarch64\n"
	"qemu = qemu-system-aarch64\n"
	"image = probe.img\n"
	"args = -machine virt  -nodefaults\n"
	"mmio-base = 0x0a000000\n"
	"mmio-stride = 0x200\n"
	"mmio-slots = 4\n"
	"pci-first-slot = 1\n"
	"pci-last-slot = 3\n"
	"\n"
	"[transport mm]\n"
	"bus = mmio\n"
	"interfaces = mmio-v2\n"
	"args = -global virtio-mmio.force-legacy=false\n"
	"place = bus=virtio-mmio-bus.{slot}\n"
	"\n"
	"[transport pc]\n"
	"bus = pci\n"
	"interfaces = pci-modern\n"
	"args =\n"
	"place = bus=pcie.0,addr={slotx}\n"
	"\n"
	"[device rng]\n"
	"type = 4\n"
	"default = yes\n"
	"mmio = -device virtio-rng-device,{place}\n"
	"pci = -device virtio-rng-pci,{place}\n"
	"\n"
	"[device blk]\n"
	"type = 2\n"
	"default = yes\n"
	"files = disk{n}.img:1M\n"
	"backend = -blockdev driver=file,filename={dir}/disk{n}.img,node-name=disk{n} -chardev file,id=c{n},path={out}/c{n}.txt\n"
	"mmio = -device virtio-blk-device,{place},drive=disk{n}\n"
	"pci = -device virtio-blk-pci,{place},drive=disk{n}\n"
	"\n"
	"[device net]\n"
	"type = 1\n"
	"default = no\n"
	"mmio = -device virtio-net-device,{place}\n"
	"pci = -device virtio-net-pci,{place}\n"
	"\n"
	"[device iommu]\n"
	"type = 23\n"
	"default = yes\n"
	"pci = -device virtio-iommu-pci,{place}\n";

static void load(struct vc_target *t, const char *text)
{
	char err[256] = "";
	if (vc_target_parse("tiny.target", text, t, err, sizeof(err)))
		fail_msg("target rejected: %s", err);
}

static struct vc_plan_options options(void)
{
	return (struct vc_plan_options){ .out_dir = OUT, .image_dir = IMAGES,
					 .extra_args = "-d guest_errors  -D qemu.log",
					 .bootargs = "vc.checks=all vc.trace=0" };
}

static ssize_t find_arg(const struct vc_cell_plan *p, const char *a)
{
	for (size_t i = 0; i < p->argc; i++)
		if (strcmp(p->argv[i], a) == 0)
			return (ssize_t)i;
	return -1;
}

static void print_argv(const struct vc_cell_plan *p)
{
	for (size_t i = 0; i < p->argc; i++)
		print_message("argv[%zu] = '%s'\n", i, p->argv[i]);
}

/* argv[i..] equals the given words */
static void assert_words_at(const struct vc_cell_plan *p, size_t i, const char *const *w, size_t n)
{
	if (i + n > p->argc) {
		print_argv(p);
		fail_msg("argv too short for %zu words at %zu", n, i);
	}
	for (size_t k = 0; k < n; k++)
		if (strcmp(p->argv[i + k], w[k]) != 0) {
			print_argv(p);
			fail_msg("argv[%zu] is '%s', expected '%s'", i + k, p->argv[i + k], w[k]);
		}
}

static void test_location_formats(void **state)
{
	struct vc_target t = { 0 };
	t.mmio_base = 0x0a000000;
	t.mmio_stride = 0x200;
	char buf[64];
	vc_plan_location(&t, VC_BUS_MMIO, 3, buf, sizeof(buf));
	assert_string_equal(buf, "mmio@0xa000600");
	vc_plan_location(&t, VC_BUS_MMIO, 0, buf, sizeof(buf));
	assert_string_equal(buf, "mmio@0xa000000");
	/* what the guest prints (guests/lib/discover.c) for the same window */
	char guest[64];
	snprintf(guest, sizeof(guest), "mmio@0x%llx", (unsigned long long)(0x0a000000ull + 31 * 0x200));
	vc_plan_location(&t, VC_BUS_MMIO, 31, buf, sizeof(buf));
	assert_string_equal(buf, guest);
	/* 64-bit windows are not truncated */
	t.mmio_base = 0x4010000000ull;
	t.mmio_stride = 0x1000;
	vc_plan_location(&t, VC_BUS_MMIO, 2, buf, sizeof(buf));
	assert_string_equal(buf, "mmio@0x4010002000");

	vc_plan_location(&t, VC_BUS_PCI, 5, buf, sizeof(buf));
	assert_string_equal(buf, "pci@00:05.0");
	snprintf(guest, sizeof(guest), "pci@%02x:%02x.%x", 0, 0x1f, 0);
	vc_plan_location(&t, VC_BUS_PCI, 0x1f, buf, sizeof(buf));
	assert_string_equal(buf, guest);
	assert_string_equal(buf, "pci@00:1f.0");
}

static void test_mmio_cell(void **state)
{
	struct vc_target t;
	load(&t, tiny);
	struct vc_run run = { 0 };
	struct vc_cell_plan p;
	struct vc_plan_options o = options();
	char err[256] = "";
	if (vc_plan_cell(&run, &t, vc_target_transport(&t, "mm"), &o, &p, err, sizeof(err)))
		fail_msg("plan failed: %s", err);
	assert_int_equal(run.ncells, 1);
	assert_int_equal(p.cell_index, 0);
	const struct vc_cell *c = &run.cells[0];
	assert_string_equal(c->target, "tiny");
	assert_string_equal(c->transport, "mm");
	assert_string_equal(c->arch, "aarch64");
	assert_string_equal(c->name, "tiny.mm.direct");

	/* directories: the cell's log dir under out_dir, scratch under it */
	char want[512];
	snprintf(want, sizeof(want), "%s/%s", OUT, c->log_dir);
	assert_string_equal(p.log_dir, want);
	assert_int_equal(strncmp(p.scratch_dir, p.log_dir, strlen(p.log_dir)), 0);
	assert_int_equal(p.scratch_dir[strlen(p.log_dir)], '/');

	/* argv: qemu, target args, transport args, kernel, append, serial ... */
	assert_non_null(p.argv);
	assert_null(p.argv[p.argc]);
	static const char *const head[] = { "qemu-system-aarch64", "-machine", "virt", "-nodefaults",
					    "-global", "virtio-mmio.force-legacy=false" };
	assert_words_at(&p, 0, head, 6);
	ssize_t k = find_arg(&p, "-kernel");
	assert_true(k > 0);
	assert_string_equal(p.argv[k + 1], IMAGES "/probe.img");
	k = find_arg(&p, "-append");
	assert_true(k > 0);
	assert_string_equal(p.argv[k + 1], "vc.checks=all vc.trace=0"); /* one argument */

	/* devices: rng in window 0, blk in window 1, net (not default) and iommu (pci only) absent */
	ssize_t rng = find_arg(&p, "virtio-rng-device,bus=virtio-mmio-bus.0");
	ssize_t blk = find_arg(&p, "virtio-blk-device,bus=virtio-mmio-bus.1,drive=disk1");
	if (rng < 0 || blk < 0)
		print_argv(&p);
	assert_true(rng > 0 && blk > rng);
	assert_string_equal(p.argv[rng - 1], "-device");
	assert_string_equal(p.argv[blk - 1], "-device");
	for (size_t i = 0; i < p.argc; i++) {
		assert_null(strstr(p.argv[i], "virtio-net"));
		assert_null(strstr(p.argv[i], "iommu"));
		assert_null(strchr(p.argv[i], '{'));
		assert_null(strchr(p.argv[i], '}'));
		assert_true(p.argv[i][0] != 0 || (k >= 0 && i == (size_t)k + 1));
	}

	/* the blk backend, with {dir} and {out} expanded, before its -device */
	char filename[600], chardev[600];
	snprintf(filename, sizeof(filename), "driver=file,filename=%s/disk1.img,node-name=disk1", p.scratch_dir);
	snprintf(chardev, sizeof(chardev), "file,id=c1,path=%s/c1.txt", p.log_dir);
	ssize_t bd = find_arg(&p, filename), ch = find_arg(&p, chardev);
	if (bd < 0 || ch < 0)
		print_argv(&p);
	assert_true(bd > 0 && ch > 0);
	assert_string_equal(p.argv[bd - 1], "-blockdev");
	assert_string_equal(p.argv[ch - 1], "-chardev");
	assert_true(bd < blk && ch < blk);

	/* extra args last, split into words */
	static const char *const tail[] = { "-d", "guest_errors", "-D", "qemu.log" };
	assert_true(p.argc >= 4);
	assert_words_at(&p, p.argc - 4, tail, 4);

	/* attached list: model names and the locations the guest will report */
	assert_int_equal(c->nexpected, 2);
	char loc[64];
	assert_string_equal(c->expected[0].model, "rng");
	assert_int_equal(c->expected[0].device_id, 4);
	vc_plan_location(&t, VC_BUS_MMIO, 0, loc, sizeof(loc));
	assert_string_equal(c->expected[0].location, loc);
	assert_string_equal(c->expected[0].location, "mmio@0xa000000");
	assert_string_equal(c->expected[1].model, "blk");
	assert_int_equal(c->expected[1].device_id, 2);
	vc_plan_location(&t, VC_BUS_MMIO, 1, loc, sizeof(loc));
	assert_string_equal(c->expected[1].location, loc);
	assert_string_equal(c->expected[1].location, "mmio@0xa000200");

	/* scratch: disk1.img of 1 MiB in the scratch dir */
	assert_int_equal(p.nfiles, 1);
	snprintf(want, sizeof(want), "%s/disk1.img", p.scratch_dir);
	assert_string_equal(p.files[0].path, want);
	assert_int_equal(p.files[0].size, 1048576);
	assert_int_equal(p.ndirs, 0);

	vc_plan_free(&p);
	assert_null(p.argv);
	vc_run_free(&run);
	vc_target_free(&t);
}

/* The console: the UART on stdio unless the target says semihosting; then
 * a mux shares stdio between the UART and semihosting, and the image is told
 * so. Side-effect cells stay on the UART (their trace places records by its
 * writes). */
/* Plans transport tr of t with the test options (sidefx as given) into
 * run and p; a plan error fails the test. */
static void plan_on(const struct vc_target *t, const char *tr, int sidefx, struct vc_run *run, struct vc_cell_plan *p)
{
	*run = (struct vc_run){ 0 };
	struct vc_plan_options o = options();
	o.sidefx = sidefx;
	char err[256] = "";
	if (vc_plan_cell(run, t, vc_target_transport(t, tr), &o, p, err, sizeof(err)))
		fail_msg("plan on %s failed: %s", tr, err);
}

static void test_console(void **state)
{
	struct vc_target t;
	load(&t, tiny);
	struct vc_cell_plan p;
	static const char *const uart[] = { "-serial", "stdio" };
	static const char *const semi[] = { "-chardev", "stdio,mux=on,id=vcheck-console", "-serial",
					    "chardev:vcheck-console", "-semihosting-config",
					    "enable=on,target=native,chardev=vcheck-console" };
	for (int sidefx = 0; sidefx < 2; sidefx++)
		for (int console = VC_CONSOLE_UART; console <= VC_CONSOLE_SEMIHOSTING; console++) {
			t.console = (enum vc_console)console;
			struct vc_run run;
			plan_on(&t, "mm", sidefx, &run, &p);
			vc_run_free(&run);
			/* side-effect cells too, their records marked in the trace */
			int semihosted = console == VC_CONSOLE_SEMIHOSTING;
			ssize_t a = find_arg(&p, "-append");
			assert_true(a > 0);
			assert_string_equal(p.argv[a + 1],
					    !semihosted ? "vc.checks=all vc.trace=0"
					    : sidefx    ? "vc.checks=all vc.trace=0 vcheck.console=semihosting vcheck.marker=1"
							: "vc.checks=all vc.trace=0 vcheck.console=semihosting");
			assert_words_at(&p, (size_t)a + 2, semihosted ? semi : uart, semihosted ? 6 : 2);
			assert_int_equal(find_arg(&p, "-semihosting-config") > 0, semihosted);
			assert_int_equal(find_arg(&p, "stdio") > 0, !semihosted); /* one stdio user */
			vc_plan_free(&p);
		}
	vc_target_free(&t);
}

/* The record ring: the cell's RAM as a shared file whose last
 * VC_RING_BYTES the image is told to use (decimal), and an accelerator's
 * console replacing the target's. */
static void test_ring_console(void **state)
{
	struct vc_target t;
	load(&t, tiny);
	t.ram_base = 0x40000000, t.ram_size = 256ull << 20;
	t.accels[VC_ACCEL_KVM] = (struct vc_accel_def){ .defined = 1, .console_given = 1, .console = VC_CONSOLE_RING };
	for (int sidefx = 0; sidefx < 2; sidefx++) {
		struct vc_run run = { 0 };
		struct vc_cell_plan p;
		struct vc_plan_options o = options();
		o.sidefx = sidefx, o.accel = VC_ACCEL_KVM;
		char err[256] = "", want[160], obj[200];
		if (vc_plan_cell(&run, &t, vc_target_transport(&t, "mm"), &o, &p, err, sizeof(err)))
			fail_msg("%s", err);
		assert_string_equal(run.cells[0].accel, "kvm");
		vc_run_free(&run);
		unsigned long long ring = 0x40000000ull + (256ull << 20) - VC_RING_BYTES;
		snprintf(want, sizeof(want), "vc.checks=all vc.trace=0 vcheck.console=ring vcheck.ring=%llu%s", ring,
			 sidefx ? " vcheck.marker=1" : "");
		ssize_t a = find_arg(&p, "-append");
		assert_true(a > 0);
		assert_string_equal(p.argv[a + 1], want);
		assert_non_null(p.ring_path);
		assert_int_equal(p.ring_offset, (256ull << 20) - VC_RING_BYTES);
		snprintf(obj, sizeof(obj), "memory-backend-file,id=vcheck-ram,size=268435456,mem-path=%s,share=on",
			 p.ring_path);
		ssize_t m = find_arg(&p, obj);
		assert_true(m > 0);
		assert_string_equal(p.argv[m + 2], "memory-backend=vcheck-ram");
		assert_true(find_arg(&p, "stdio") > 0); /* the UART stays: the fallback, and the host's answers */
		vc_plan_free(&p);
	}
	/* under TCG the target's own console */
	struct vc_run run = { 0 };
	struct vc_cell_plan p;
	plan_on(&t, "mm", 0, &run, &p);
	assert_null(p.ring_path);
	assert_string_equal(run.cells[0].accel, "tcg");
	vc_run_free(&run);
	vc_plan_free(&p);
	vc_target_free(&t);
}

/* A device that brings its own RAM backend leaves no file to read a ring
 * from: the cell stays on the UART. */
static void test_ring_console_gives_way(void **state)
{
	static const char memfd[] = "[device vu]\ntype = 2\ndefault = yes\n"
				    "cell-args = -object memory-backend-memfd,id=m,size=256M,share=on -machine memory-backend=m\n"
				    "mmio = -device vhost-user-blk,{place}\n";
	char text[sizeof(tiny) + sizeof(memfd)];
	snprintf(text, sizeof(text), "%s%s", tiny, memfd);
	struct vc_target t;
	load(&t, text);
	t.ram_base = 0x40000000, t.ram_size = 256ull << 20, t.console = VC_CONSOLE_RING;
	struct vc_run run;
	struct vc_cell_plan p;
	plan_on(&t, "mm", 0, &run, &p);
	assert_null(p.ring_path);
	ssize_t a = find_arg(&p, "-append");
	assert_null(strstr(p.argv[a + 1], "vcheck.console"));
	assert_true(find_arg(&p, "memory-backend=m") > 0);
	assert_true(find_arg(&p, "memory-backend=vcheck-ram") < 0);
	vc_run_free(&run);
	vc_plan_free(&p);
	vc_target_free(&t);
}

static void test_pci_cell(void **state)
{
	struct vc_target t;
	load(&t, tiny);
	struct vc_run run = { 0 };
	struct vc_cell_plan p;
	struct vc_plan_options o = options();
	o.extra_args = NULL;
	o.bootargs = NULL;
	char err[256] = "";
	if (vc_plan_cell(&run, &t, vc_target_transport(&t, "pc"), &o, &p, err, sizeof(err)))
		fail_msg("plan failed: %s", err);
	const struct vc_cell *c = &run.cells[0];
	assert_string_equal(c->name, "tiny.pc.direct");
	/* first device at pci-first-slot, then the next slots, in device order */
	ssize_t rng = find_arg(&p, "virtio-rng-pci,bus=pcie.0,addr=0x1");
	ssize_t blk = find_arg(&p, "virtio-blk-pci,bus=pcie.0,addr=0x2,drive=disk1");
	ssize_t iommu = find_arg(&p, "virtio-iommu-pci,bus=pcie.0,addr=0x3");
	if (rng < 0 || blk < 0 || iommu < 0)
		print_argv(&p);
	assert_true(rng > 0 && blk > rng && iommu > blk);
	/* no transport args: "-kernel" follows the target args directly */
	assert_string_equal(p.argv[4], "-kernel");
	ssize_t k = find_arg(&p, "-append");
	assert_true(k > 0);
	assert_string_equal(p.argv[k + 1], "");
	/* without extra args the last device is last */
	assert_int_equal((size_t)iommu, p.argc - 1);

	assert_int_equal(c->nexpected, 3);
	static const char *const models[] = { "rng", "blk", "iommu" };
	static const uint32_t ids[] = { 4, 2, 23 };
	for (unsigned i = 0; i < 3; i++) {
		char loc[64], want[64];
		vc_plan_location(&t, VC_BUS_PCI, 1 + i, loc, sizeof(loc));
		snprintf(want, sizeof(want), "pci@00:%02x.0", 1 + i);
		assert_string_equal(loc, want);
		assert_string_equal(c->expected[i].model, models[i]);
		assert_string_equal(c->expected[i].location, want);
		assert_int_equal(c->expected[i].device_id, ids[i]);
	}
	vc_plan_free(&p);
	vc_run_free(&run);
	vc_target_free(&t);
}

static void test_two_cells_in_one_run(void **state)
{
	struct vc_target t;
	load(&t, tiny);
	struct vc_run run = { 0 };
	struct vc_cell_plan a, b;
	struct vc_plan_options o = options();
	char err[256] = "";
	assert_int_equal(vc_plan_cell(&run, &t, &t.transports[0], &o, &a, err, sizeof(err)), 0);
	assert_int_equal(vc_plan_cell(&run, &t, &t.transports[1], &o, &b, err, sizeof(err)), 0);
	assert_int_equal(run.ncells, 2);
	assert_int_equal(a.cell_index, 0);
	assert_int_equal(b.cell_index, 1);
	assert_string_not_equal(a.log_dir, b.log_dir);
	assert_string_not_equal(a.scratch_dir, b.scratch_dir);
	assert_int_equal(run.cells[0].nexpected, 2);
	assert_int_equal(run.cells[1].nexpected, 3);
	vc_plan_free(&a);
	vc_plan_free(&b);
	vc_run_free(&run);
	vc_target_free(&t);
}

static void test_explicit_device_list(void **state)
{
	struct vc_target t;
	load(&t, tiny);
	struct vc_run run = { 0 };
	struct vc_cell_plan p;
	struct vc_plan_options o = options();
	static const char *const only[] = { "blk" };
	o.devices = only;
	o.ndevices = 1;
	char err[256] = "";
	if (vc_plan_cell(&run, &t, vc_target_transport(&t, "mm"), &o, &p, err, sizeof(err)))
		fail_msg("plan failed: %s", err);
	const struct vc_cell *c = &run.cells[0];
	assert_int_equal(c->nexpected, 1);
	assert_string_equal(c->expected[0].model, "blk");
	assert_string_equal(c->expected[0].location, "mmio@0xa000000");
	for (size_t i = 0; i < p.argc; i++)
		assert_null(strstr(p.argv[i], "virtio-rng"));
	/* the only device takes the first window */
	assert_true(find_arg(&p, "virtio-blk-device,bus=virtio-mmio-bus.0,drive=disk0") > 0);
	vc_plan_free(&p);
	vc_run_free(&run);

	/* an explicit list may name a non-default model, in its own order */
	static const char *const two[] = { "net", "rng" };
	o.devices = two;
	o.ndevices = 2;
	if (vc_plan_cell(&run, &t, vc_target_transport(&t, "mm"), &o, &p, err, sizeof(err)))
		fail_msg("plan failed: %s", err);
	c = &run.cells[0];
	assert_int_equal(c->nexpected, 2);
	assert_string_equal(c->expected[0].model, "net");
	assert_string_equal(c->expected[1].model, "rng");
	assert_true(find_arg(&p, "virtio-net-device,bus=virtio-mmio-bus.0") > 0);
	assert_true(find_arg(&p, "virtio-rng-device,bus=virtio-mmio-bus.1") > 0);
	vc_plan_free(&p);
	vc_run_free(&run);

	/* the same model twice: two devices with distinct backend ids and slots */
	static const char *const twice[] = { "blk", "blk" };
	o.devices = twice;
	o.ndevices = 2;
	if (vc_plan_cell(&run, &t, vc_target_transport(&t, "pc"), &o, &p, err, sizeof(err)))
		fail_msg("plan failed: %s", err);
	c = &run.cells[0];
	assert_int_equal(c->nexpected, 2);
	assert_string_not_equal(c->expected[0].location, c->expected[1].location);
	assert_int_equal(p.nfiles, 2);
	assert_string_not_equal(p.files[0].path, p.files[1].path);
	vc_plan_free(&p);
	vc_run_free(&run);
	vc_target_free(&t);
}

/* A device the transport's bus does not offer is left out, not an error. */
static void test_device_not_on_bus(void **state)
{
	struct vc_target t;
	load(&t, tiny);
	struct vc_run run = { 0 };
	struct vc_cell_plan p;
	struct vc_plan_options o = options();
	static const char *const only[] = { "iommu" };
	o.devices = only;
	o.ndevices = 1;
	char err[256] = "";
	assert_int_equal(vc_plan_cell(&run, &t, vc_target_transport(&t, "mm"), &o, &p, err, sizeof(err)), 0);
	assert_int_equal(run.cells[0].nexpected, 0);
	for (size_t i = 0; i < p.argc; i++)
		assert_null(strstr(p.argv[i], "-device"));
	vc_plan_free(&p);
	vc_run_free(&run);
	vc_target_free(&t);
}

/* A copy of `in` with the first occurrence of `from` replaced by `to`. */
static char *replaced(const char *in, const char *from, const char *to)
{
	const char *at = strstr(in, from);
	assert_non_null(at);
	size_t n = strlen(in) - strlen(from) + strlen(to) + 1;
	char *s = malloc(n);
	assert_non_null(s);
	snprintf(s, n, "%.*s%s%s", (int)(at - in), in, to, at + strlen(from));
	return s;
}

/* Replaces the first occurrence of `from` in the tiny target with `to`. */
static char *tiny_with(const char *from, const char *to) { return replaced(tiny, from, to); }

/* How many devices of `model` a plan of target text on transport tr
 * expects, by default or with `named` devices. */
static int planned(const char *text, const char *tr, const char *const *named, size_t nnamed, const char *model)
{
	struct vc_target t;
	load(&t, text);
	struct vc_run run = { 0 };
	struct vc_cell_plan p;
	struct vc_plan_options o = options();
	o.devices = named, o.ndevices = nnamed;
	char err[256] = "";
	if (vc_plan_cell(&run, &t, vc_target_transport(&t, tr), &o, &p, err, sizeof(err)))
		fail_msg("plan on %s failed: %s", tr, err);
	int n = 0;
	for (size_t k = 0; k < run.cells[0].nexpected; k++)
		n += !strcmp(run.cells[0].expected[k].model, model);
	vc_plan_free(&p);
	vc_run_free(&run);
	vc_target_free(&t);
	return n;
}

/* A device that cannot show every interface of a transport is left out of
 * its cells (a modern-only PCI type on pci-transitional), whether named or
 * by default, and planned where it can. */
static void test_device_interfaces(void **state)
{
	static const char *const named[] = { "rng", "blk" };
	char *marked = replaced(tiny, "[device rng]\n", "[device rng]\ninterfaces = mmio-v2 pci-modern\n");
	char *transitional = replaced(marked, "interfaces = pci-modern\n", "interfaces = pci-modern pci-legacy\n");
	assert_int_equal(planned(marked, "pc", NULL, 0, "rng"), 1);
	assert_int_equal(planned(marked, "mm", named, 2, "rng"), 1);
	assert_int_equal(planned(transitional, "pc", NULL, 0, "rng"), 0);
	assert_int_equal(planned(transitional, "pc", named, 2, "rng"), 0); /* named: left out, not an error */
	assert_int_equal(planned(transitional, "pc", named, 2, "blk"), 1); /* unmarked: every interface */
	assert_int_equal(planned(transitional, "pc", NULL, 0, "blk"), 1);
	free(marked), free(transitional);
}

static void expect_plan_error(const char *from, const char *to, const char *transport)
{
	char *text = tiny_with(from, to);
	struct vc_target t;
	load(&t, text);
	struct vc_run run = { 0 };
	struct vc_cell_plan p;
	struct vc_plan_options o = options();
	char err[256] = "";
	int rc = vc_plan_cell(&run, &t, vc_target_transport(&t, transport), &o, &p, err, sizeof(err));
	if (rc == 0) {
		print_argv(&p);
		fail_msg("'%s' -> '%s' on %s: planned", from, to, transport);
	}
	assert_int_equal(rc, -1);
	assert_true(strlen(err) > 0);
	vc_plan_free(&p);
	vc_run_free(&run);
	vc_target_free(&t);
	free(text);
}

/* A device template may place itself by slot when its QEMU type does not
 * take the transport's whole place (a modern-only PCI type has no
 * disable-legacy). */
static void test_device_placed_by_slot(void **state)
{
	char *text = tiny_with("pci = -device virtio-rng-pci,{place}\n",
			       "pci = -device virtio-rng-pci,bus=pcie.0,addr={slotx},s={slot}\n");
	struct vc_target t;
	load(&t, text);
	struct vc_run run;
	struct vc_cell_plan p;
	plan_on(&t, "pc", 0, &run, &p);
	if (find_arg(&p, "virtio-rng-pci,bus=pcie.0,addr=0x1,s=1") < 0) {
		print_argv(&p);
		fail_msg("the slot was not substituted");
	}
	vc_plan_free(&p);
	vc_run_free(&run);
	vc_target_free(&t);
	free(text);
}

static void test_unknown_placeholders(void **state)
{
	expect_plan_error("virtio-rng-device,{place}", "virtio-rng-device,{place},x={nope}", "mm");
	expect_plan_error("virtio-rng-pci,{place}", "virtio-rng-pci,{place},x={nope}", "pc");
	expect_plan_error("virtio-rng-device,{place}", "virtio-rng-device,{place", "mm");
	expect_plan_error("virtio-rng-device,{place}", "virtio-rng-device,{}", "mm");
	expect_plan_error("virtio-rng-device,{place}", "virtio-rng-device,{PLACE}", "mm");
	expect_plan_error("virtio-rng-device,{place}", "virtio-rng-device,{place},s={slots}", "mm");
	/* and {n} not to place */
	expect_plan_error("bus=virtio-mmio-bus.{slot}", "bus=virtio-mmio-bus.{n}", "mm");
	expect_plan_error("node-name=disk{n}", "node-name=disk{m}", "mm");
	expect_plan_error("files = disk{n}.img:1M", "files = disk{x}.img:1M", "mm");
	/* bad files specs */
	expect_plan_error("files = disk{n}.img:1M", "files = disk{n}.img", "mm");
	expect_plan_error("files = disk{n}.img:1M", "files = disk{n}.img:", "mm");
	expect_plan_error("files = disk{n}.img:1M", "files = ../disk{n}.img:1M", "mm");
	expect_plan_error("[device rng]\n", "[device rng]\nchecks-cell-args = -machine x{nope}=on\n", "mm");
}

/* checks-cell-args: in catalogue cells once however many devices ask, with
 * placeholders expanded; never in side-effect cells. */
static void test_checks_cell_args(void **state)
{
	char *one = replaced(tiny, "[device rng]\n", "[device rng]\nchecks-cell-args = -machine quick{n}=on\n");
	char *both = replaced(one, "[device blk]\n", "[device blk]\nchecks-cell-args = -machine quick0=on\n");
	for (int sidefx = 0; sidefx < 2; sidefx++) {
		struct vc_target t;
		load(&t, both);
		struct vc_run run;
		struct vc_cell_plan p;
		plan_on(&t, "mm", sidefx, &run, &p);
		size_t hits = 0;
		for (size_t i = 0; i < p.argc; i++)
			hits += !strcmp(p.argv[i], "quick0=on");
		assert_int_equal(hits, sidefx ? 0 : 1);
		ssize_t k = find_arg(&p, "quick0=on");
		if (!sidefx)
			assert_string_equal(p.argv[k - 1], "-machine");
		assert_int_equal(run.cells[0].nexpected, 2); /* both devices still planned */
		vc_plan_free(&p);
		vc_run_free(&run);
		vc_target_free(&t);
	}
	free(one), free(both);
}

#define BLK_EVENTS                                                                          \
	"pci = -device virtio-blk-pci,{place},drive=disk{n}\n"                                   \
	"event.grow = {\"execute\":\"block_resize\",\"arguments\":{\"node-name\":\"disk{n}\",\"size\":2}}\n" \
	"event.noop = {}\n"

/* Event commands: {n} expanded per device, JSON braces left alone, looked
 * up by the location the guest will report; the QMP socket only in sidefx. */
/* Plans transport "pc" into an output directory too deep for unix socket
 * paths under it; returns that directory. */
static const char *plan_deep(struct vc_run *run, struct vc_target *t, struct vc_plan_options *o,
			     struct vc_cell_plan *p)
{
	static char deep[200];
	char err[256] = "";
	memset(deep, 'd', sizeof(deep) - 1);
	deep[0] = '/', deep[sizeof(deep) - 1] = 0;
	o->out_dir = deep;
	if (vc_plan_cell(run, t, vc_target_transport(t, "pc"), o, p, err, sizeof(err)))
		fail_msg("plan failed: %s", err);
	return deep;
}

static void test_events_and_qmp(void **state)
{
	char *text = tiny_with("pci = -device virtio-blk-pci,{place},drive=disk{n}\n", BLK_EVENTS);
	struct vc_target t;
	load(&t, text);
	struct vc_run run = { 0 };
	struct vc_cell_plan p;
	struct vc_plan_options o = options();
	static const char *const two[] = { "rng", "blk", "blk" };
	o.devices = two, o.ndevices = 3, o.sidefx = 1;
	char err[256] = "";
	if (vc_plan_cell(&run, &t, vc_target_transport(&t, "pc"), &o, &p, err, sizeof(err)))
		fail_msg("plan failed: %s", err);
	assert_int_equal(p.nevents, 4);
	assert_string_equal(vc_plan_event(&p, "pci@00:02.0", "grow"),
			    "{\"execute\":\"block_resize\",\"arguments\":{\"node-name\":\"disk1\",\"size\":2}}");
	assert_string_equal(vc_plan_event(&p, "pci@00:03.0", "grow"),
			    "{\"execute\":\"block_resize\",\"arguments\":{\"node-name\":\"disk2\",\"size\":2}}");
	assert_string_equal(vc_plan_event(&p, "pci@00:03.0", "noop"), "{}");
	assert_null(vc_plan_event(&p, "pci@00:01.0", "grow")); /* rng has none */
	assert_null(vc_plan_event(&p, "pci@00:02.0", "shrink"));
	ssize_t q = find_arg(&p, "-qmp");
	assert_true(q > 0);
	assert_non_null(p.qmp_path);
	assert_string_equal(p.qmp_path, OUT "/cells/tiny.pc.direct/scratch/qmp.sock");
	assert_string_equal(p.argv[q + 1], "unix:" OUT "/cells/tiny.pc.direct/scratch/qmp.sock,server=on,wait=off");
	vc_plan_free(&p);
	vc_run_free(&run);

	/* a socket path that would not fit sun_path moves to /tmp */
	plan_deep(&run, &t, &o, &p);
	assert_true(strlen(p.qmp_path) < VC_QMP_PATH_MAX);
	assert_int_equal(strncmp(p.qmp_path, "/tmp/", 5), 0);
	vc_plan_free(&p);
	vc_run_free(&run);

	/* no side-effect run, no monitor */
	o = options();
	o.devices = two, o.ndevices = 3;
	if (vc_plan_cell(&run, &t, vc_target_transport(&t, "pc"), &o, &p, err, sizeof(err)))
		fail_msg("plan failed: %s", err);
	assert_true(find_arg(&p, "-qmp") < 0);
	assert_null(p.qmp_path);
	vc_plan_free(&p);
	vc_run_free(&run);
	vc_target_free(&t);
	free(text);
}

#define VU_DEVICE                                                                         \
	"\n[device vu]\n"                                                                \
	"type = 2\n"                                                                      \
	"default = no\n"                                                                  \
	"daemon = qemu-storage-daemon --blockdev f,filename={dir}/d{n}.img  --export a,addr.path={sock}/vu{n}.sock\n" \
	"daemon-ready = {sock}/vu{n}.sock\n"                                              \
	"cell-args = -object memory-backend-memfd,id=shm,size=256M,share=on -machine memory-backend=shm\n" \
	"backend = -chardev socket,id=vu{n},path={sock}/vu{n}.sock\n"                      \
	"pci = -device vhost-user-blk-pci,{place},chardev=vu{n}\n"

/* A daemon per device, its words expanded like QEMU's; the shared-RAM
 * arguments once however many devices ask; {sock} moves to /tmp when the
 * output directory is too deep for a unix socket path. */
static void test_daemons(void **state)
{
	char text[sizeof(tiny) + 1024];
	snprintf(text, sizeof(text), "%s%s", tiny, VU_DEVICE);
	struct vc_target t;
	load(&t, text);
	struct vc_run run = { 0 };
	struct vc_cell_plan p;
	struct vc_plan_options o = options();
	static const char *const two[] = { "rng", "vu", "vu" };
	o.devices = two, o.ndevices = 3;
	char err[256] = "";
	if (vc_plan_cell(&run, &t, vc_target_transport(&t, "pc"), &o, &p, err, sizeof(err)))
		fail_msg("plan failed: %s", err);
	const char *scratch = OUT "/cells/tiny.pc.direct/scratch";
	assert_string_equal(p.sock_dir, scratch);
	assert_int_equal(p.ndaemons, 2);
	const char *want[] = { "qemu-storage-daemon", "--blockdev", "f,filename=" OUT "/cells/tiny.pc.direct/scratch/d1.img",
			       "--export", "a,addr.path=" OUT "/cells/tiny.pc.direct/scratch/vu1.sock" };
	assert_int_equal(p.daemons[0].argc, 5);
	for (size_t i = 0; i < 5; i++)
		assert_string_equal(p.daemons[0].argv[i], want[i]);
	assert_null(p.daemons[0].argv[5]);
	assert_string_equal(p.daemons[0].ready, OUT "/cells/tiny.pc.direct/scratch/vu1.sock");
	assert_string_equal(p.daemons[0].log, OUT "/cells/tiny.pc.direct/daemon-vu1.txt");
	assert_string_equal(p.daemons[1].ready, OUT "/cells/tiny.pc.direct/scratch/vu2.sock");
	assert_string_equal(p.daemons[1].model, "vu");
	/* cell-args once, before the first device that asked */
	size_t shm = 0;
	for (size_t i = 0; i < p.argc; i++)
		shm += strcmp(p.argv[i], "memory-backend=shm") == 0;
	assert_int_equal(shm, 1);
	assert_true(find_arg(&p, "memory-backend=shm") < find_arg(&p, "vhost-user-blk-pci,bus=pcie.0,addr=0x2,chardev=vu1"));
	assert_true(find_arg(&p, "socket,id=vu2,path=" OUT "/cells/tiny.pc.direct/scratch/vu2.sock") > 0);
	vc_plan_free(&p);
	vc_run_free(&run);

	const char *deep = plan_deep(&run, &t, &o, &p);
	assert_int_equal(strncmp(p.sock_dir, "/tmp/vcheck-", 12), 0);
	assert_true(strlen(p.daemons[1].ready) < VC_QMP_PATH_MAX);
	assert_int_equal(strncmp(p.daemons[1].ready, p.sock_dir, strlen(p.sock_dir)), 0);
	assert_int_equal(strncmp(p.daemons[1].log, deep, strlen(deep)), 0); /* logs stay with the cell */
	vc_plan_free(&p);
	vc_run_free(&run);

	/* a device without a daemon plans none */
	o = options();
	if (vc_plan_cell(&run, &t, vc_target_transport(&t, "pc"), &o, &p, err, sizeof(err)))
		fail_msg("plan failed: %s", err);
	assert_int_equal(p.ndaemons, 0);
	assert_true(find_arg(&p, "memory-backend=shm") < 0);
	vc_plan_free(&p);
	vc_run_free(&run);
	vc_target_free(&t);
}

static void test_event_placeholders(void **state)
{
	expect_plan_error("pci = -device virtio-blk-pci,{place},drive=disk{n}\n",
			  "pci = -device virtio-blk-pci,{place}\nevent.x = {\"a\":\"{m}\"}\n", "pc");
	expect_plan_error("pci = -device virtio-blk-pci,{place},drive=disk{n}\n",
			  "pci = -device virtio-blk-pci,{place}\nevent.x = {\"a\":\"{n\"}\n", "pc");
}

static void test_too_many_devices(void **state)
{
	/* pci slots 1..2 for three default pci devices */
	expect_plan_error("pci-last-slot = 3", "pci-last-slot = 2", "pc");
	/* two mmio windows for two devices is fine, one is not */
	expect_plan_error("mmio-slots = 4", "mmio-slots = 1", "mm");
	char *text = tiny_with("mmio-slots = 4", "mmio-slots = 2");
	struct vc_target t;
	load(&t, text);
	struct vc_run run = { 0 };
	struct vc_cell_plan p;
	struct vc_plan_options o = options();
	char err[256] = "";
	assert_int_equal(vc_plan_cell(&run, &t, vc_target_transport(&t, "mm"), &o, &p, err, sizeof(err)), 0);
	assert_int_equal(run.cells[0].nexpected, 2);
	vc_plan_free(&p);
	vc_run_free(&run);
	vc_target_free(&t);
	free(text);
}

static void test_file_sizes_and_dirs(void **state)
{
	static const struct { const char *spec; unsigned long long size; } cases[] = {
		{ "files = a{n}.img:1M", 1048576 },
		{ "files = a{n}.img:4K", 4096 },
		{ "files = a{n}.img:512", 512 },
		{ "files = a{n}.img:0x200", 512 },
		{ "files = a{n}.img:3M", 3ull << 20 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char repl[128];
		snprintf(repl, sizeof(repl), "%s\ndirs = share{n} tmp{n}", cases[i].spec);
		char *text = tiny_with("files = disk{n}.img:1M", repl);
		struct vc_target t;
		load(&t, text);
		struct vc_run run = { 0 };
		struct vc_cell_plan p;
		struct vc_plan_options o = options();
		char err[256] = "", want[600];
		assert_int_equal(vc_plan_cell(&run, &t, vc_target_transport(&t, "mm"), &o, &p, err, sizeof(err)), 0);
		assert_int_equal(p.nfiles, 1);
		snprintf(want, sizeof(want), "%s/a1.img", p.scratch_dir);
		assert_string_equal(p.files[0].path, want);
		assert_true(p.files[0].size == cases[i].size);
		assert_int_equal(p.ndirs, 2);
		snprintf(want, sizeof(want), "%s/share1", p.scratch_dir);
		assert_string_equal(p.dirs[0], want);
		snprintf(want, sizeof(want), "%s/tmp1", p.scratch_dir);
		assert_string_equal(p.dirs[1], want);
		vc_plan_free(&p);
		vc_run_free(&run);
		vc_target_free(&t);
		free(text);
	}
}

/* A size with a suffix the planner does not know is an error (or means
 * what it says), never the bare number of bytes in front of it. */
static void test_file_size_unknown_suffix(void **state)
{
	static const struct { const char *spec; unsigned long long ok; } cases[] = {
		{ "files = a{n}.img:12x", 0 },
		{ "files = a{n}.img:1G", 1ull << 30 },
		{ "files = a{n}.img:1MB", 1ull << 20 },
		{ "files = a{n}.img:4k", 4096 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *text = tiny_with("files = disk{n}.img:1M", cases[i].spec);
		struct vc_target t;
		load(&t, text);
		struct vc_run run = { 0 };
		struct vc_cell_plan p;
		struct vc_plan_options o = options();
		char err[256] = "";
		int rc = vc_plan_cell(&run, &t, vc_target_transport(&t, "mm"), &o, &p, err, sizeof(err));
		unsigned long long got = rc == 0 && p.nfiles ? p.files[0].size : 0;
		vc_plan_free(&p);
		vc_run_free(&run);
		vc_target_free(&t);
		free(text);
		if (rc == 0 && got != cases[i].ok)
			fail_msg("'%s' planned a file of %llu bytes", cases[i].spec, got);
	}
}

/* The planned scratch file, written the way the runner writes it, has the
 * planned size and the block pattern of vcheck/blk_pattern.h. */
static void test_scratch_file_contents(void **state)
{
	char dir[] = "/tmp/vc_plan_XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct vc_target t;
	load(&t, tiny);
	struct vc_run run = { 0 };
	struct vc_cell_plan p;
	struct vc_plan_options o = options();
	o.out_dir = dir;
	char err[256] = "";
	assert_int_equal(vc_plan_cell(&run, &t, vc_target_transport(&t, "mm"), &o, &p, err, sizeof(err)), 0);
	assert_int_equal(p.nfiles, 1);
	assert_int_equal(strncmp(p.scratch_dir, dir, strlen(dir)), 0);
	assert_int_equal(vc_mkdirs(p.scratch_dir), 0);
	assert_int_equal(vc_write_pattern_file(p.files[0].path, p.files[0].size), 0);
	struct stat st;
	assert_int_equal(stat(p.files[0].path, &st), 0);
	assert_int_equal(st.st_size, 1048576);
	FILE *f = fopen(p.files[0].path, "rb");
	assert_non_null(f);
	static uint8_t buf[1048576];
	assert_int_equal(fread(buf, 1, sizeof(buf), f), sizeof(buf));
	fclose(f);
	for (uint64_t s = 0; s < sizeof(buf) / VC_BLK_SECTOR; s += 97)
		for (unsigned i = 0; i < VC_BLK_SECTOR; i += 13)
			assert_int_equal(buf[s * VC_BLK_SECTOR + i], vc_blk_pattern_byte(s, i));
	/* the pattern differs between sectors and within one */
	assert_int_not_equal(buf[0], buf[VC_BLK_SECTOR]);
	assert_int_not_equal(buf[0], buf[1]);
	vc_plan_free(&p);
	vc_run_free(&run);
	vc_target_free(&t);
	vc_remove_tree(dir);
	assert_false(vc_path_exists(dir));
}

/* fsutil.h: "Writes a file of `size` bytes" - also when size is not a
 * whole number of sectors (a target may say files = x:100). */
static void test_pattern_file_exact_size(void **state)
{
	char dir[] = "/tmp/vc_plan_XXXXXX", path[64];
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/f.img", dir);
	static const unsigned long long sizes[] = { 0, 100, 512, 1000, 4096 };
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		assert_int_equal(vc_write_pattern_file(path, sizes[i]), 0);
		struct stat st;
		assert_int_equal(stat(path, &st), 0);
		if ((unsigned long long)st.st_size != sizes[i]) {
			vc_remove_tree(dir);
			fail_msg("asked for %llu bytes, got %lld", sizes[i], (long long)st.st_size);
		}
	}
	vc_remove_tree(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_location_formats),
		cmocka_unit_test(test_mmio_cell),
		cmocka_unit_test(test_console),
		cmocka_unit_test(test_ring_console),
		cmocka_unit_test(test_ring_console_gives_way),
		cmocka_unit_test(test_pci_cell),
		cmocka_unit_test(test_two_cells_in_one_run),
		cmocka_unit_test(test_explicit_device_list),
		cmocka_unit_test(test_device_not_on_bus),
		cmocka_unit_test(test_device_interfaces),
		cmocka_unit_test(test_checks_cell_args),
		cmocka_unit_test(test_device_placed_by_slot),
		cmocka_unit_test(test_unknown_placeholders),
		cmocka_unit_test(test_events_and_qmp),
		cmocka_unit_test(test_event_placeholders),
		cmocka_unit_test(test_daemons),
		cmocka_unit_test(test_too_many_devices),
		cmocka_unit_test(test_file_sizes_and_dirs),
		cmocka_unit_test(test_file_size_unknown_suffix),
		cmocka_unit_test(test_scratch_file_contents),
		cmocka_unit_test(test_pattern_file_exact_size),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
