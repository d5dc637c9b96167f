/* The whole collector (harness/collect/collect.h) on a cell's console, as
 * the runner feeds it: the input once as it is (seals checked, so this is
 * mostly the splitter, the seal and the noise path) fed in input-chosen
 * chunks, and once with every record line sealed afresh (fuzz_common.h),
 * which takes mutated records into the collector's handlers, the
 * side-effect classifier, the baseline, results.json and the reports
 * (fuzz_pipeline.h). Both must give the same cell however the bytes are
 * chunked: the raw feed is compared with a whole feed. The sealed cell is
 * also a cell that ended early and boots again (harness/run/resume.h): the
 * options of its next boot must be the two the host means, whatever the
 * guest sent, and the second half of the console, as that boot, is
 * merged into it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/run/resume.h"
#include "vcheck/ranks.h"
#include "fuzz_pipeline.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fz_setup();
	fz_dir();
	return 0;
}

/* What the runner would know of a cell, to compare two feeds of it. */
static void summary(const struct vc_cell *c, unsigned long out[8])
{
	size_t checks = 0;
	for (size_t i = 0; i < c->ndevices; i++)
		checks += c->devices[i].nchecks + c->devices[i].nsfx;
	out[0] = c->records, out[1] = c->noise_lines, out[2] = c->next_seq, out[3] = c->nproblems;
	out[4] = c->ndevices, out[5] = checks, out[6] = (unsigned long)c->ended, out[7] = (unsigned long)vc_cell_verdict(c);
}

/* The next boot's options, from what the guest sent: exactly the two the
 * host means, the set one vcheck/ranks.h reads back. */
static void check_resume_point(const struct vc_cell *c)
{
	char opts[VC_RANKS_TEXT + 64];
	if (!vc_resume_point(c, opts, sizeof(opts)))
		return;
	long dev;
	char ranks[VC_RANKS_TEXT + 64];
	int used = 0;
	fz_require(sscanf(opts, "vcheck.careful=1 vcheck.resume=%ld:%s%n", &dev, ranks, &used) == 2 &&
		   (size_t)used == strlen(opts) && dev >= 0, "resume options '%s'", opts);
	uint8_t bits[VC_RANKS_BYTES];
	unsigned top;
	fz_require(vc_ranks_parse(ranks, strlen(ranks), bits, VC_RANKS_MAX, &top) == 0, "resume set '%s'", ranks);
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	uint32_t seed = fz_hash(d, n < 32 ? n : 32);
	unsigned long a[8], b[8];

	/* as sent: whole and chunked give one cell */
	struct vc_run run;
	struct vc_cell *c = fz_new_cell(&run, 0, (const char *)d, n, NULL);
	fz_collect(c, (const char *)d, n, 1, 0);
	summary(c, a);
	vc_run_free(&run);
	c = fz_new_cell(&run, 0, (const char *)d, n, NULL);
	fz_collect(c, (const char *)d, n, 0, seed);
	summary(c, b);
	fz_require(!memcmp(a, b, sizeof(a)), "the cell depends on how the console arrived (records %lu/%lu, "
		   "problems %lu/%lu)", a[0], b[0], a[3], b[3]);
	vc_run_free(&run);

	/* sealed afresh, through everything after the collector */
	size_t sn;
	char *sealed = fz_reseal(d, n, &sn);
	c = fz_new_cell(&run, 0, sealed, sn, NULL);
	fz_collect(c, sealed, sn, 0, seed);
	for (size_t i = 0; i < c->ndevices; i++)
		c->sidefx |= c->devices[i].nsfx > 0;
	check_resume_point(c);
	/* a resumed boot: the console's second half (from a line start) */
	const char *half = sn ? memchr(sealed + sn / 2, '\n', sn - sn / 2) : NULL;
	if (!c->sidefx && half) {
		struct vc_run boot;
		half++;
		struct vc_cell *k = fz_new_cell(&boot, 0, half, (size_t)(sealed + sn - half), NULL);
		fz_collect(k, half, (size_t)(sealed + sn - half), 1, 0);
		vc_resume_merge(c, k, 1);
		vc_run_free(&boot);
		check_resume_point(c);
	}
	fz_classify(c);
	fz_finish_run(&run);
	vc_run_free(&run);
	free(sealed);
	return 0;
}
