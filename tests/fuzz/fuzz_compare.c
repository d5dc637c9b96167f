/* `vcheck diff` and `vcheck merge`: two results.json documents, as
 * untrusted as any file a CI job hands over, through the diff validator,
 * the comparison and both its writers, and through the shard merge (with
 * and without --force) and its JSON writer, into /dev/null.
 *
 * Input: A.JSON FZ_SEP B.JSON. Promises kept: a refusal says why; a merge
 * that succeeds writes; the merged verdict is never better than a cell's. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/results/diff.h"
#include "harness/results/merge.h"
#include "harness/util/json_read.h"
#include "fuzz_common.h"

static struct jv *parse(const uint8_t *d, size_t n)
{
	char *text = fz_strndup(d, n), err[256] = "";
	struct jv *v = jv_parse(text, strlen(text), err, sizeof(err));
	fz_require(v || err[0], "JSON refused without a reason");
	free(text);
	return v;
}

static void diff(const struct jv *a, const struct jv *b, FILE *null)
{
	char err[512] = "";
	if (vc_diff_validate(a, err, sizeof(err)) || vc_diff_validate(b, err, sizeof(err))) {
		fz_require(err[0], "diff refused a run without a reason");
		return;
	}
	struct vc_diff d;
	struct vc_diff_opts o = { 0 };
	vc_diff_runs(a, b, &o, &d);
	unsigned all = (1u << VC_DIFF__COUNT) - 1;
	vc_diff_gated(&d, all);
	vc_diff_write_text(&d, null, "A", "B", all, 0);
	fz_require(vc_diff_write_md(&d, null, "A", "B", all) == 0, "diff's Markdown writer failed on /dev/null");
	vc_diff_free(&d);
}

static void merge(const struct jv *a, const struct jv *b, int force, FILE *null)
{
	struct vc_merge_shard s[2] = { { "A", a, "../A" }, { "B", b, "." } };
	struct vc_merge m;
	char err[512] = "";
	if (vc_merge_shards(s, 2, force, &m, err, sizeof(err))) {
		fz_require(err[0], "merge refused shards without a reason");
		return;
	}
	fz_require(vc_merge_write_json(&m, null) == 0, "merge's writer failed on /dev/null");
	vc_merge_free(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	size_t an, bn;
	const uint8_t *ad = fz_part(d, n, 0, &an), *bd = fz_part(d, n, 1, &bn);
	if (!bd)
		bd = ad, bn = an; /* a run against itself */
	struct jv *a = parse(ad, an), *b = parse(bd, bn);
	FILE *null = fopen("/dev/null", "w");
	if (!null)
		abort();
	if (a && b) {
		diff(a, b, null);
		merge(a, b, 0, null);
		merge(a, b, 1, null);
	}
	fclose(null);
	jv_free(a);
	jv_free(b);
	return 0;
}
