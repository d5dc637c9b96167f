/* Chardev evidence (harness/collect/sfx_chardev.h): the bytes a device's
 * chardev left in the host file (untrusted: the guest chose them) against
 * the config writes that made the device act.
 *
 * Input: FILE-BYTES [FZ_SEP FILE-NAME]. The write steps (up to 70, past
 * the 64 the collector keeps) take their values from the file's bytes, or
 * from them shifted when the input's hash says so, so both the "in order"
 * and the "not the low bytes" lines are reached. vc_chardev_line gets them
 * directly; vc_sfx_chardev_evidence reads the same bytes from a real file
 * for a console cell whose emerg_wr register is a write trigger. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/collect/sfx_chardev.h"
#include "harness/util/vec.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	size_t fn, nn;
	const uint8_t *file = fz_part(d, n, 0, &fn), *namep = fz_part(d, n, 1, &nn);
	char *name = namep ? fz_strndup(namep, nn) : vc_xstrdup("virtconsole0.txt");
	uint32_t h = fz_hash(d, n);
	size_t nsteps = h % 71, shift = (h >> 8) & 1;
	struct vc_chardev_step *s = calloc(nsteps + 1, sizeof(*s));
	if (!s)
		abort();
	for (size_t i = 0; i < nsteps; i++)
		s[i] = (struct vc_chardev_step){ 28 + i, i < fn ? (uint64_t)file[i] + (shift << 8) + shift : ~0ull };
	for (int readable = 0; readable < 2; readable++) {
		char *line = vc_chardev_line(s, nsteps, file, fn, readable, name);
		fz_require(line && !strncmp(line, "chardev: wr", 11), "line '%s'", line ? line : "(null)");
		free(line);
	}

	/* the same bytes from a file, for a cell whose config register at 8
	 * (console emerg_wr) triggered the device on each write */
	char path[128];
	snprintf(path, sizeof(path), "%s/%s", fz_dir(), (h >> 9) & 1 ? "virtconsole0.txt" : "absent.txt");
	if ((h >> 9) & 1)
		fz_write_file(path, file, fn);
	struct vc_run run = { 0 };
	struct vc_cell *c = VEC_PUSH(run.cells, run.ncells, run.capcells);
	struct vc_expected *e = VEC_PUSH(c->expected, c->nexpected, c->capexpected);
	e->model = vc_xstrdup("console"), e->location = vc_xstrdup("mmio@0xa000000"), e->chardev_out = vc_xstrdup(path);
	struct vc_device *dev = VEC_PUSH(c->devices, c->ndevices, c->capdevices);
	dev->location = vc_xstrdup("mmio@0xa000000"), dev->model = vc_xstrdup("console");
	for (size_t i = 0; i < nsteps; i++) {
		struct vc_sfx_obs *o = VEC_PUSH(dev->sfx, dev->nsfx, dev->capsfx);
		*o = (struct vc_sfx_obs){ .seq = s[i].seq, .exp = VC_SFX_WRITE, .space = VC_SFX_SP_CONFIG, .off = 8,
					 .width = 4, .has_wv = 1, .wv = s[i].wv };
		o->dev_events = vc_xcalloc(1, sizeof(*o->dev_events));
		o->dev_events[0] = vc_xstrdup("virtio_console_chr_write port 0x1 len 1 ret 1");
		o->ndev_events = 1;
	}
	dev->registers = vc_xcalloc(1, sizeof(*dev->registers));
	dev->nregisters = 1;
	dev->registers[0] = (struct vc_register){ .space = VC_SFX_SP_CONFIG, .off = 8, .width = 4,
						  .classes = VC_SFX_CLASS_BIT(VC_SFX_C_WRITE_TRIGGERS) };
	vc_sfx_chardev_evidence(c);
	fz_require(!nsteps || dev->registers[0].nevidence == 1, "%zu evidence lines", dev->registers[0].nevidence);
	vc_run_free(&run);
	if ((h >> 9) & 1)
		unlink(path);
	free(s);
	free(name);
	return 0;
}
