/* Consoles vcheck did not read itself (harness/collect/foreign.h), as
 * `vcheck collect` feeds them: the input fed whole and in input-chosen
 * chunks must give one cell; the input sealed afresh and then mangled the
 * way a Xen console mangles a domU's lines (a prefix on every line, lines
 * split at an input-chosen width) must give the records the plain sealed
 * input gives, no more and no fewer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "harness/collect/foreign.h"
#include "fuzz_common.h"

struct seen {
	unsigned long records, problems, noise, ended;
};

static struct seen feed(const char *d, size_t n, uint32_t seed)
{
	struct vc_cell c = { 0 };
	struct vc_collector k;
	struct vc_foreign *f = calloc(1, sizeof(*f));
	vc_collect_init(&k, &c);
	vc_foreign_init(f, &k);
	for (size_t at = 0; at < n;) {
		size_t len = seed ? 1 + (seed = seed * 1103515245u + 12345u) % 61 : n;
		if (len > n - at)
			len = n - at;
		vc_foreign_feed(f, d + at, len);
		at += len;
	}
	vc_foreign_finish(f);
	struct seen s = { c.records, c.nproblems, c.noise_lines, (unsigned long)c.ended };
	vc_cell_free(&c);
	free(f);
	return s;
}

/* Every line of d behind "(d1) ", split every `width` bytes. */
static char *mangle(const char *d, size_t n, size_t width, size_t *out_n)
{
	char *out = malloc(n * 8 + 16), *w = out;
	for (size_t at = 0; at < n;) {
		const char *nl = memchr(d + at, '\n', n - at);
		size_t line = nl ? (size_t)(nl - (d + at)) : n - at;
		for (size_t p = 0; p < line || p == 0; p += width) {
			size_t piece = line - p < width ? line - p : width;
			memcpy(w, "(d1) ", 5), w += 5;
			memcpy(w, d + at + p, piece), w += piece;
			*w++ = '\n';
			if (!line)
				break;
		}
		at += line + 1;
	}
	*out_n = (size_t)(w - out);
	return out;
}

/* Whether "@vc1 " occurs only at line starts: elsewhere (a record behind
 * text of its own, a value that reads "@vc1") a split can put a record's
 * prefix at a piece's start, where it is taken for a new record. */
static int prefix_only_at_line_starts(const char *d, size_t n)
{
	for (size_t i = 0; i + 5 <= n; i++)
		if (!memcmp(d + i, VC_RECORD_PREFIX, 5) && i && d[i - 1] != '\n')
			return 0;
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	uint32_t seed = fz_hash(d, n < 32 ? n : 32) | 1;
	struct seen a = feed((const char *)d, n, 0), b = feed((const char *)d, n, seed);
	fz_require(!memcmp(&a, &b, sizeof(a)), "the cell depends on how the console arrived (records %lu/%lu)",
		   a.records, b.records);

	size_t sn, mn;
	char *sealed = fz_reseal(d, n, &sn);
	/* records the plain input holds whole, on lines of their own */
	struct seen plain = feed(sealed, sn, 0);
	size_t width = 126 + seed % 200;
	char *mangled = mangle(sealed, sn, width, &mn);
	struct seen m = feed(mangled, mn, 0);
	int comparable = prefix_only_at_line_starts(sealed, sn);
	fz_require(!comparable || m.records == plain.records, "mangled at width %zu: %lu records, plain %lu", width, m.records,
		   plain.records);
	fz_require(!comparable || m.ended == plain.ended, "mangled: end record %lu, plain %lu", m.ended, plain.ended);
	free(mangled);
	free(sealed);
	return 0;
}
