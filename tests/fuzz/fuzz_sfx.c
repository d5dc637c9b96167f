/* The side-effect record parser (harness/collect/sfx_collect.h) without the
 * collector around it: each input line is a record, sealed afresh and
 * parsed (harness/collect/record_parse.h); an "sfx" record goes to
 * vc_sfx_on_record on one device, and every line is also tried as a change
 * list (vc_sfx_parse_changes). The observations are then classified for a
 * transport and device type the input picks (harness/classify/), and each
 * register judged by the hypervisor models, as a side-effect cell is. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "harness/classify/hv_models.h"
#include "harness/classify/sfx_classify.h"
#include "harness/collect/record_parse.h"
#include "harness/collect/sfx_collect.h"
#include "harness/util/vec.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct vc_run run = { 0 };
	struct vc_cell *c = VEC_PUSH(run.cells, run.ncells, run.capcells);
	struct vc_device *dev = VEC_PUSH(c->devices, c->ndevices, c->capdevices);
	uint32_t h = fz_hash(d, n < 8 ? n : 8);
	struct vc_rec *r = malloc(sizeof(*r));
	if (!r)
		abort();

	size_t sn;
	char *sealed = fz_reseal(d, n, &sn);
	for (char *line = sealed, *next; line && line < sealed + sn; line = next) {
		char *nl = memchr(line, '\n', (size_t)(sealed + sn - line));
		size_t len = nl ? (size_t)(nl - line) : (size_t)(sealed + sn - line);
		next = nl ? nl + 1 : NULL;
		char err[128];
		if (vc_rec_parse_line(line, len, r, err, sizeof(err)) == VC_LINE_RECORD && r->kind == VC_REC_SFX) {
			size_t before = dev->nsfx;
			vc_sfx_on_record(c, dev, r);
			fz_require(dev->nsfx <= before + 1, "one record made %zu steps", dev->nsfx - before);
		}
		/* the raw line as a change list "off:before>after,..." */
		char save = line[len];
		line[len] = 0;
		struct vc_sfx_obs o;
		if (vc_sfx_parse_changes(line, &o) == 0)
			fz_require(o.nch <= VC_SFX_MAX_CHANGES, "%u changes", o.nch);
		line[len] = save;
	}
	free(sealed);
	free(r);

	/* classes and model verdicts, as vc_sfx_classify_device gives them */
	static const uint32_t types[] = { 1, 2, 3, 4, 5, 8, 9, 16, 18, 19, 20, 23, 24, 26, 0xffff };
	enum vc_transport t = (enum vc_transport)(h % (VC_TR__COUNT + 1));
	dev->device_id = types[(h >> 8) % (sizeof(types) / sizeof(types[0]))];
	dev->registers = vc_sfx_classify_for(dev->sfx, dev->nsfx, t, dev->device_id, &dev->nregisters);
	struct vc_hv_facts facts = { .transport = t, .device_id = dev->device_id, .offered = (uint64_t)h << 20,
				     .nqueues = (h >> 16) & 7 };
	for (size_t i = 0; i < dev->nregisters; i++) {
		vc_hv_judge(&dev->registers[i], &facts);
		for (int m = 0; m < VC_HV__COUNT; m++)
			fz_require((unsigned)dev->registers[i].models[m].verdict < VC_HV_V__COUNT, "model verdict");
	}
	vc_run_free(&run);
	return 0;
}
