/* Console record lines (harness/collect/record_parse.h): the line parser on
 * the raw input, on the input sealed afresh (so mutations reach the fields
 * past the checksum), and the line splitter, fed the input whole and in
 * input-chosen chunks, which must deliver the same lines either way. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "harness/collect/record_parse.h"
#include "fuzz_common.h"

/* What a parsed record promises its readers. */
static void check_record(const struct vc_rec *r, enum vc_line_class cls)
{
	if (cls != VC_LINE_RECORD)
		return;
	fz_require(r->nfields <= VC_RECORD_MAX_FIELDS, "%u fields", r->nfields);
	fz_require((unsigned)r->kind < VC_REC__COUNT, "kind %d", (int)r->kind);
	fz_require(strcmp(vc_rec_kind_name(r->kind), "?") != 0, "kind %d has no name", (int)r->kind);
	for (unsigned i = 0; i < r->nfields; i++) {
		const char *k = r->f[i].key, *v = r->f[i].val;
		fz_require(k && v && *k, "field %u", i);
		fz_require(k >= r->buf && k < r->buf + sizeof(r->buf), "key outside the record");
		fz_require(vc_rec_get(r, k) == v, "key '%s' is not unique", k);
		unsigned long long n;
		(void)vc_rec_get_u64(r, k, &n);
	}
}

static void parse(const char *line, size_t n)
{
	struct vc_rec r;
	char err[128];
	enum vc_line_class cls = vc_rec_parse_line(line, n, &r, err, sizeof(err));
	fz_require(cls == VC_LINE_RECORD || cls == VC_LINE_NOISE || cls == VC_LINE_MALFORMED, "class %d", (int)cls);
	if (cls == VC_LINE_MALFORMED)
		fz_require(memchr(err, 0, sizeof(err)) != NULL, "error text not terminated");
	check_record(&r, cls);
}

/* The splitter's output, summarised so two feeds can be compared. */
struct lines {
	uint32_t hash;
	size_t count;
};

static void on_line(void *ctx, const char *line, size_t n, int overlong)
{
	struct lines *l = ctx;
	char tag[2] = { (char)overlong, '\n' };
	fz_require(n <= VC_RECORD_MAX_LINE * 2, "line of %zu bytes", n);
	l->hash = vc_hash_more(vc_hash_more(l->hash, line, n), tag, 2);
	l->count++;
	parse(line, n);
}

/* whole: one feed; otherwise chunks of 1..61 bytes from an LCG on seed */
static struct lines split(const uint8_t *d, size_t n, int whole, uint32_t seed)
{
	struct vc_line_splitter *s = calloc(1, sizeof(*s));
	struct lines out = { VC_HASH_START, 0 };
	if (!s)
		abort();
	s->on_line = on_line, s->ctx = &out;
	for (size_t at = 0; at < n;) {
		size_t chunk = whole ? n - at : 1 + (seed % 61);
		if (chunk > n - at)
			chunk = n - at;
		vc_splitter_feed(s, (const char *)d + at, chunk);
		at += chunk;
		seed = seed * 1103515245u + 12345u;
	}
	vc_splitter_flush(s);
	free(s);
	return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	/* the input as one line, exactly n bytes: no terminator to lean on */
	parse((const char *)d, n);

	/* the input as the body of a record, sealed */
	const size_t plen = sizeof(VC_RECORD_PREFIX) - 1;
	const uint8_t *nl = memchr(d, '\n', n);
	size_t body = nl ? (size_t)(nl - d) : n;
	int has_prefix = body >= plen && !memcmp(d, VC_RECORD_PREFIX, plen);
	size_t ln = (has_prefix ? 0 : plen) + body;
	char *line = malloc(ln + 1);
	if (!line)
		abort();
	memcpy(line, VC_RECORD_PREFIX, has_prefix ? 0 : plen);
	memcpy(line + (has_prefix ? 0 : plen), d, body);
	line[ln] = 0;
	size_t sealed_n;
	char *sealed = fz_reseal((const uint8_t *)line, ln, &sealed_n);
	parse(sealed, sealed_n);
	free(sealed);
	free(line);

	/* the splitter: whole, then in chunks chosen by the input */
	struct lines whole = split(d, n, 1, 0);
	struct lines chunked = split(d, n, 0, fz_hash(d, n < 16 ? n : 16));
	fz_require(whole.count == chunked.count && whole.hash == chunked.hash,
		   "the splitter's lines depend on how the bytes arrived (%zu vs %zu lines)", whole.count,
		   chunked.count);
	return 0;
}
