/* Unit tests for the guest record parser and the console line splitter
 * (harness/collect/record_parse.c). Every record line used here is built by the
 * test itself from the wire format in include/vcheck/records.h:
 *     @vc1 <seq> <kind> key=value ... #<fnv1a32 of everything before " #">
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcheck/records.h"
#include "harness/collect/record_parse.h"

/* ---- helpers ------------------------------------------------------------ */

/* Seals `body` (n bytes, may contain NULs) with " #%08x" over exactly those
 * bytes; returns the total length written into out (no terminator counted). */
static size_t seal_n(char *out, size_t cap, const char *body, size_t n)
{
	assert_true(n + 11 <= cap);
	memcpy(out, body, n);
	uint32_t h = vc_record_hash(body, n);
	int k = snprintf(out + n, cap - n, " #%08x", (unsigned)h);
	assert_int_equal(k, 10);
	return n + 10;
}

static size_t seal(char *out, size_t cap, const char *body)
{
	return seal_n(out, cap, body, strlen(body));
}

static enum vc_line_class parse_str(const char *line, struct vc_rec *r, char *err, size_t errlen)
{
	err[0] = 0;
	return vc_rec_parse_line(line, strlen(line), r, err, errlen);
}

/* Parses a sealed version of body and expects a record. */
static void expect_record(const char *body, struct vc_rec *r)
{
	char line[4096], err[256];
	size_t n = seal(line, sizeof(line), body);
	err[0] = 0;
	enum vc_line_class c = vc_rec_parse_line(line, n, r, err, sizeof(err));
	if (c != VC_LINE_RECORD)
		fail_msg("'%s' not accepted: class %d, err '%s'", line, (int)c, err);
}

/* Parses a sealed version of body and expects MALFORMED with a reason. */
static void expect_malformed_body(const char *body, size_t n)
{
	char line[4096], err[256];
	struct vc_rec r;
	size_t len = seal_n(line, sizeof(line), body, n);
	memset(err, 0, sizeof(err));
	enum vc_line_class c = vc_rec_parse_line(line, len, &r, err, sizeof(err));
	if (c != VC_LINE_MALFORMED)
		fail_msg("'%.*s' classified %d, expected MALFORMED", (int)len, line, (int)c);
	assert_true(strlen(err) > 0);
}

static void expect_malformed(const char *body)
{
	expect_malformed_body(body, strlen(body));
}

/* ---- valid records ------------------------------------------------------ */

static void test_valid_start(void **state)
{
	struct vc_rec r;
	expect_record("@vc1 0 start proto=1 image=probe arch=aarch64 el=1", &r);
	assert_int_equal(r.seq, 0);
	assert_int_equal(r.kind, VC_REC_START);
	assert_string_equal(vc_rec_kind_name(r.kind), "start");
	assert_int_equal(r.nfields, 4);
	assert_string_equal(vc_rec_get(&r, "proto"), "1");
	assert_string_equal(vc_rec_get(&r, "image"), "probe");
	assert_string_equal(vc_rec_get(&r, "arch"), "aarch64");
	assert_string_equal(vc_rec_get(&r, "el"), "1");
	assert_null(vc_rec_get(&r, "missing"));
	/* fields keep their wire order */
	assert_string_equal(r.f[0].key, "proto");
	assert_string_equal(r.f[3].key, "el");
}

static void test_valid_dev_with_optional_fields(void **state)
{
	struct vc_rec r;
	expect_record("@vc1 17 dev d=3 loc=pci@00:05.0 transport=pci-modern id=2 vendor=0x1af4 "
		      "pcidev=0x1042 rev=1 subsys=0x1100", &r);
	assert_int_equal(r.seq, 17);
	assert_int_equal(r.kind, VC_REC_DEV);
	assert_int_equal(r.nfields, 8);
	assert_string_equal(vc_rec_get(&r, "loc"), "pci@00:05.0");
	assert_string_equal(vc_rec_get(&r, "transport"), "pci-modern");
	assert_string_equal(vc_rec_get(&r, "pcidev"), "0x1042");
	unsigned long long v = 0;
	assert_int_equal(vc_rec_get_u64(&r, "vendor", &v), 0);
	assert_int_equal(v, 0x1af4);
	assert_int_equal(vc_rec_get_u64(&r, "d", &v), 0);
	assert_int_equal(v, 3);
}

/* One record of every kind with exactly its required keys, taken from the
 * VC_RECORD_KINDS table, parses to that kind. */
static const struct { enum vc_record_kind kind; const char *name, *keys; } all_kinds[] = {
#define KIND_ROW(k, name, keys) { VC_REC_##k, name, keys },
	VC_RECORD_KINDS(KIND_ROW)
#undef KIND_ROW
};

static void test_every_kind_parses(void **state)
{
	assert_int_equal(sizeof(all_kinds) / sizeof(all_kinds[0]), VC_REC__COUNT);
	for (size_t i = 0; i < VC_REC__COUNT; i++) {
		char body[512], keys[128];
		int n = snprintf(body, sizeof(body), "@vc1 %zu %s", i * 1000 + 7, all_kinds[i].name);
		snprintf(keys, sizeof(keys), "%s", all_kinds[i].keys);
		unsigned nkeys = 0;
		for (char *save, *k = strtok_r(keys, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
			n += snprintf(body + n, sizeof(body) - (size_t)n, " %s=v%u", k, nkeys);
			nkeys++;
		}
		struct vc_rec r;
		expect_record(body, &r);
		assert_int_equal(r.kind, all_kinds[i].kind);
		assert_int_equal(r.seq, i * 1000 + 7);
		assert_int_equal(r.nfields, nkeys);
		assert_string_equal(vc_rec_kind_name(r.kind), all_kinds[i].name);
		/* and dropping any one required key makes it malformed */
		snprintf(keys, sizeof(keys), "%s", all_kinds[i].keys);
		char *list[VC_RECORD_MAX_FIELDS];
		unsigned cnt = 0;
		for (char *save, *k = strtok_r(keys, ",", &save); k; k = strtok_r(NULL, ",", &save))
			list[cnt++] = k;
		for (unsigned drop = 0; drop < cnt; drop++) {
			int m = snprintf(body, sizeof(body), "@vc1 1 %s", all_kinds[i].name);
			for (unsigned j = 0; j < cnt; j++)
				if (j != drop)
					m += snprintf(body + m, sizeof(body) - (size_t)m, " %s=1", list[j]);
			expect_malformed(body);
		}
	}
}

static void test_escapes_unescape(void **state)
{
	struct vc_rec r;
	expect_record("@vc1 4 log msg=a%20b%25c%3dd%23e%2A", &r);
	assert_string_equal(vc_rec_get(&r, "msg"), "a b%c=d#e*");

	expect_record("@vc1 5 check d=0 id=X-1 v=FAIL detail=%22%3c%26%3e%22%09tab%7e", &r);
	assert_string_equal(vc_rec_get(&r, "detail"), "\"<&>\"\ttab~");
	assert_string_equal(vc_rec_get(&r, "v"), "FAIL");
}

static void test_crlf_stripped(void **state)
{
	char line[512], err[128];
	struct vc_rec r;
	size_t n = seal(line, sizeof(line), "@vc1 9 log msg=hello");
	memcpy(line + n, "\r\n", 3);
	assert_int_equal(vc_rec_parse_line(line, n + 2, &r, err, sizeof(err)), VC_LINE_RECORD);
	assert_int_equal(r.seq, 9);
	assert_string_equal(vc_rec_get(&r, "msg"), "hello");
}

/* ---- malformed records -------------------------------------------------- */

static void test_wrong_checksum(void **state)
{
	char line[512], err[128];
	struct vc_rec r;
	size_t n = seal(line, sizeof(line), "@vc1 0 log msg=hello");
	/* change the last hex digit to a different hex digit */
	line[n - 1] = line[n - 1] == '0' ? '1' : '0';
	err[0] = 0;
	assert_int_equal(vc_rec_parse_line(line, n, &r, err, sizeof(err)), VC_LINE_MALFORMED);
	assert_true(strlen(err) > 0);

	/* correct checksum of a different body */
	char other[512];
	size_t m = seal(other, sizeof(other), "@vc1 0 log msg=hellp");
	memcpy(line + n - 8, other + m - 8, 8);
	err[0] = 0;
	assert_int_equal(vc_rec_parse_line(line, n, &r, err, sizeof(err)), VC_LINE_MALFORMED);
	assert_true(strlen(err) > 0);

	/* checksum field that is not hex */
	line[n - 4] = 'g';
	err[0] = 0;
	assert_int_equal(vc_rec_parse_line(line, n, &r, err, sizeof(err)), VC_LINE_MALFORMED);
	assert_true(strlen(err) > 0);
}

static void test_missing_checksum(void **state)
{
	char err[128];
	struct vc_rec r;
	assert_int_equal(parse_str("@vc1 0 log msg=hello", &r, err, sizeof(err)), VC_LINE_MALFORMED);
	assert_true(strlen(err) > 0);
	/* hash present but without the " #" separator */
	char line[512];
	size_t n = seal(line, sizeof(line), "@vc1 0 log msg=hello");
	memmove(line + n - 10, line + n - 8, 9); /* drop " #" */
	assert_int_equal(parse_str(line, &r, err, sizeof(err)), VC_LINE_MALFORMED);
	assert_true(strlen(err) > 0);
	/* short checksum */
	n = seal(line, sizeof(line), "@vc1 0 log msg=hello");
	line[n - 1] = 0;
	assert_int_equal(parse_str(line, &r, err, sizeof(err)), VC_LINE_MALFORMED);
	assert_true(strlen(err) > 0);
	/* prefix and nothing else */
	assert_int_equal(parse_str("@vc1 ", &r, err, sizeof(err)), VC_LINE_MALFORMED);
	assert_true(strlen(err) > 0);
}

/* A seal whose separator is the prefix's own space ("@vc1 #<hash of @vc1>",
 * 14 bytes): the body would be -1 bytes long. It crashed the parser once
 * (a size_t underflow into memcpy); every shorter cut must be refused too. */
static void test_seal_overlapping_prefix(void **state)
{
	(void)state;
	char line[32], err[128];
	struct vc_rec r;
	uint32_t h = vc_record_hash("@vc1", 4);
	int n = snprintf(line, sizeof(line), "@vc1 #%08x", (unsigned)h);
	assert_int_equal(n, 14);
	assert_int_equal(vc_rec_parse_line(line, (size_t)n, &r, err, sizeof(err)), VC_LINE_MALFORMED);
	assert_non_null(strstr(err, "checksum"));
	/* the prefix, an empty body and a seal over the prefix alone */
	n = (int)seal(line, sizeof(line), "@vc1 ");
	assert_int_equal(vc_rec_parse_line(line, (size_t)n, &r, err, sizeof(err)), VC_LINE_MALFORMED);
	for (size_t cut = 5; cut < 15; cut++) {
		n = snprintf(line, sizeof(line), "@vc1 #%08x", (unsigned)h);
		assert_int_not_equal(vc_rec_parse_line(line, cut, &r, err, sizeof(err)), VC_LINE_RECORD);
	}
}

static void test_malformed_sealed_inputs(void **state)
{
	static const char *const bodies[] = {
		"@vc1 0 bogus a=1",                                        /* unknown kind */
		"@vc1 0 START proto=1 image=p arch=a el=1",                /* kinds are lower case */
		"@vc1 0 dev d=0 transport=mmio-v2 id=2 vendor=0x1",        /* dev without loc */
		"@vc1 0 log msg=a msg=b",                                  /* duplicate key */
		"@vc1 0 log msg=a x",                                      /* field without '=' */
		"@vc1 0 log msg=",                                         /* empty value */
		"@vc1 0 log msg=a =b",                                     /* empty key */
		"@vc1 0 log msg=%zz",                                      /* bad escape */
		"@vc1 0 log msg=ab%4",                                     /* truncated escape */
		"@vc1 0 log msg=ab%",                                      /* truncated escape */
		"@vc1 0 log msg=%4g",                                      /* half a bad escape */
		"@vc1 x1 log msg=a",                                       /* non-numeric seq */
		"@vc1 1x log msg=a",                                       /* trailing junk in seq */
		"@vc1 -1 log msg=a",                                       /* negative seq */
		"@vc1 +1 log msg=a",                                       /* signed seq */
		"@vc1 0x1 log msg=a",                                      /* seq is decimal */
		"@vc1 log msg=a",                                          /* no seq */
		"@vc1 0",                                                  /* no kind */
		"@vc1 0 log",                                              /* log without msg */
		"@vc1 0 end devices=1",                                    /* end without checks */
		"@vc1 0 log msg=a a=1 b=2 c=3 d=4 e=5 f=6 g=7 h=8 i=9 j=10 k=11 l=12 m=13 n=14 o=15 p=16",
		/* ^ 17 fields: more than VC_RECORD_MAX_FIELDS */
	};
	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++)
		expect_malformed(bodies[i]);
}

static void test_max_fields_accepted(void **state)
{
	/* exactly VC_RECORD_MAX_FIELDS fields is fine */
	char body[512];
	int n = snprintf(body, sizeof(body), "@vc1 0 log msg=x");
	for (int i = 1; i < VC_RECORD_MAX_FIELDS; i++)
		n += snprintf(body + n, sizeof(body) - (size_t)n, " k%d=%d", i, i);
	struct vc_rec r;
	expect_record(body, &r);
	assert_int_equal(r.nfields, VC_RECORD_MAX_FIELDS);
	assert_string_equal(vc_rec_get(&r, "k15"), "15");
}

static void test_nul_byte_inside(void **state)
{
	static const char body[] = "@vc1 0 log msg=ab\0cd";
	expect_malformed_body(body, sizeof(body) - 1);
	/* NUL inside the checksum area too */
	char line[256], err[128];
	struct vc_rec r;
	size_t n = seal(line, sizeof(line), "@vc1 0 log msg=abcd");
	line[n - 3] = 0;
	err[0] = 0;
	assert_int_equal(vc_rec_parse_line(line, n, &r, err, sizeof(err)), VC_LINE_MALFORMED);
	assert_true(strlen(err) > 0);
}

static void test_overlong_line(void **state)
{
	/* a correctly sealed record longer than VC_RECORD_MAX_LINE */
	char body[VC_RECORD_MAX_LINE + 64];
	int n = snprintf(body, sizeof(body), "@vc1 0 log msg=");
	while ((size_t)n < VC_RECORD_MAX_LINE)
		body[n++] = 'a';
	body[n] = 0;
	expect_malformed(body);

	/* a long but legal record (well under the limit) is accepted */
	char ok[VC_RECORD_MAX_LINE];
	int m = snprintf(ok, sizeof(ok), "@vc1 0 log msg=");
	while (m < VC_RECORD_MAX_LINE - 100)
		ok[m++] = 'b';
	ok[m] = 0;
	struct vc_rec r;
	expect_record(ok, &r);
	assert_int_equal(strlen(vc_rec_get(&r, "msg")), (size_t)(VC_RECORD_MAX_LINE - 100 - 15));
}

/* ---- noise ------------------------------------------------------------- */

static void test_noise_lines(void **state)
{
	char line[512], err[128];
	struct vc_rec r;
	static const char *const noise[] = {
		"qemu-system-aarch64: warning: host doesn't support requested feature",
		"",
		"\r",
		"@vc2 0 log msg=a #00000000",
		"@vc1",
		"@vc10 0 log msg=a",
		" @vc1 0 log msg=a",
		"@VC1 0 log msg=a",
		"U-Boot 2024.01",
	};
	for (size_t i = 0; i < sizeof(noise) / sizeof(noise[0]); i++) {
		if (parse_str(noise[i], &r, err, sizeof(err)) != VC_LINE_NOISE)
			fail_msg("'%s' should be noise", noise[i]);
	}
	/* a properly sealed line under another protocol version is still noise */
	size_t n = seal(line, sizeof(line), "@vc2 0 log msg=hello");
	assert_int_equal(vc_rec_parse_line(line, n, &r, err, sizeof(err)), VC_LINE_NOISE);
	n = seal(line, sizeof(line), "qemu: @vc1 0 log msg=hello");
	assert_int_equal(vc_rec_parse_line(line, n, &r, err, sizeof(err)), VC_LINE_NOISE);
}

/* ---- numeric fields ----------------------------------------------------- */

static void make_rec(struct vc_rec *r, const char *key, const char *val)
{
	memset(r, 0, sizeof(*r));
	r->nfields = 1;
	r->f[0].key = key;
	r->f[0].val = val;
}

static void test_get_u64(void **state)
{
	struct vc_rec r;
	unsigned long long v;
	expect_record("@vc1 0 log msg=x a=42 b=0x2A c=12x d=-1 e=0 f=0xffffffffffffffff g=18446744073709551615 "
		      "h=0x i=x12 j=%2012 k=+5", &r);
	v = 0;
	assert_int_equal(vc_rec_get_u64(&r, "a", &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(vc_rec_get_u64(&r, "b", &v), 0);
	assert_int_equal(v, 0x2a);
	v = 7;
	assert_int_equal(vc_rec_get_u64(&r, "e", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(vc_rec_get_u64(&r, "f", &v), 0);
	assert_true(v == 0xffffffffffffffffull);
	assert_int_equal(vc_rec_get_u64(&r, "g", &v), 0);
	assert_true(v == 18446744073709551615ull);
	assert_int_not_equal(vc_rec_get_u64(&r, "c", &v), 0);   /* 12x */
	assert_int_not_equal(vc_rec_get_u64(&r, "d", &v), 0);   /* -1 */
	assert_int_not_equal(vc_rec_get_u64(&r, "h", &v), 0);   /* 0x with no digits */
	assert_int_not_equal(vc_rec_get_u64(&r, "i", &v), 0);   /* x12 */
	assert_int_not_equal(vc_rec_get_u64(&r, "j", &v), 0);   /* " 12" */
	assert_int_not_equal(vc_rec_get_u64(&r, "k", &v), 0);   /* +5 */
	assert_int_not_equal(vc_rec_get_u64(&r, "nope", &v), 0); /* absent */
	make_rec(&r, "e", "");
	assert_int_not_equal(vc_rec_get_u64(&r, "e", &v), 0);   /* "" */
	make_rec(&r, "e", "12x");
	assert_int_not_equal(vc_rec_get_u64(&r, "e", &v), 0);
	make_rec(&r, "e", "-1");
	assert_int_not_equal(vc_rec_get_u64(&r, "e", &v), 0);
	make_rec(&r, "e", "0X10");
	assert_int_equal(vc_rec_get_u64(&r, "e", &v), 0);
	assert_int_equal(v, 16);
}

/* Values out of the 64-bit range are not silently clamped to ULLONG_MAX. */
static void test_get_u64_rejects_out_of_range(void **state)
{
	struct vc_rec r;
	unsigned long long v;
	make_rec(&r, "a", "18446744073709551616"); /* 2^64 */
	assert_int_not_equal(vc_rec_get_u64(&r, "a", &v), 0);
	make_rec(&r, "a", "0x10000000000000000");
	assert_int_not_equal(vc_rec_get_u64(&r, "a", &v), 0);
}

/* The parser rejects a leading ' '; other leading whitespace (reachable via
 * %09 / %0a escapes) is not part of a "decimal or 0x-hex" number either. */
static void test_get_u64_rejects_leading_whitespace(void **state)
{
	struct vc_rec r;
	unsigned long long v;
	make_rec(&r, "a", " 12");
	assert_int_not_equal(vc_rec_get_u64(&r, "a", &v), 0);
	make_rec(&r, "a", "\t12");
	assert_int_not_equal(vc_rec_get_u64(&r, "a", &v), 0);
	make_rec(&r, "a", "\n12");
	assert_int_not_equal(vc_rec_get_u64(&r, "a", &v), 0);
}

/* "decimal or 0x-hex": a leading zero does not switch to octal. */
static void test_get_u64_leading_zero_is_decimal(void **state)
{
	struct vc_rec r;
	unsigned long long v = 0;
	/* a leading zero may be rejected, but if accepted it is decimal */
	make_rec(&r, "a", "010");
	if (vc_rec_get_u64(&r, "a", &v) == 0)
		assert_int_equal(v, 10);
	make_rec(&r, "a", "0755");
	if (vc_rec_get_u64(&r, "a", &v) == 0)
		assert_int_equal(v, 755);
}

/* Sequence numbers beyond the range of the counter are not silently clamped. */
static void test_seq_out_of_range(void **state)
{
	expect_malformed("@vc1 99999999999999999999999999 log msg=a");
}

/* The checksum field is exactly eight hex digits: a "0x" inside it is not a
 * hex digit, even when strtoul would read the same value. */
static void test_checksum_field_strictly_hex(void **state)
{
	char body[128], line[256], err[128];
	struct vc_rec r;
	uint32_t h = 0;
	unsigned i;
	for (i = 0; i < 1000000; i++) {
		snprintf(body, sizeof(body), "@vc1 0 log msg=m%u", i);
		h = vc_record_hash(body, strlen(body));
		if (h < 0x01000000u) /* canonical form starts with "00" */
			break;
	}
	assert_true(h < 0x01000000u);
	snprintf(line, sizeof(line), "%s #%08x", body, (unsigned)h);
	assert_int_equal(parse_str(line, &r, err, sizeof(err)), VC_LINE_RECORD);
	/* "00abcdef" -> "0xabcdef": same strtoul value, not the wire format */
	line[strlen(line) - 7] = 'x';
	assert_int_equal(parse_str(line, &r, err, sizeof(err)), VC_LINE_MALFORMED);
}

/* ---- splitter ----------------------------------------------------------- */

#define MAX_LINES 64
struct sink {
	unsigned n;
	char *line[MAX_LINES];
	size_t len[MAX_LINES];
	int overlong[MAX_LINES];
};

static void on_line(void *ctx, const char *line, size_t n, int overlong)
{
	struct sink *s = ctx;
	assert_true(s->n < MAX_LINES);
	s->line[s->n] = malloc(n + 1);
	assert_non_null(s->line[s->n]);
	memcpy(s->line[s->n], line, n);
	s->line[s->n][n] = 0;
	s->len[s->n] = n;
	s->overlong[s->n] = overlong;
	s->n++;
}

static void sink_free(struct sink *s)
{
	for (unsigned i = 0; i < s->n; i++)
		free(s->line[i]);
	s->n = 0;
}

static void splitter_init(struct vc_line_splitter *sp, struct sink *s)
{
	memset(sp, 0, sizeof(*sp));
	memset(s, 0, sizeof(*s));
	sp->on_line = on_line;
	sp->ctx = s;
}

static void test_splitter_chunking_equivalent(void **state)
{
	char rec[256];
	size_t rn = seal(rec, sizeof(rec), "@vc1 0 log msg=hi");
	char stream[1024];
	size_t n = 0;
	const char *pre = "firmware banner\n";
	memcpy(stream + n, pre, strlen(pre)), n += strlen(pre);
	memcpy(stream + n, rec, rn), n += rn;
	memcpy(stream + n, "\r\n\nnoise line\nunterminated tail", 31), n += 31;

	struct vc_line_splitter a, b;
	struct sink sa, sb;
	splitter_init(&a, &sa);
	splitter_init(&b, &sb);
	vc_splitter_feed(&a, stream, n);
	for (size_t i = 0; i < n; i++)
		vc_splitter_feed(&b, stream + i, 1);
	/* the unterminated tail is held back until flush */
	assert_int_equal(sa.n, 4);
	assert_int_equal(sb.n, 4);
	vc_splitter_flush(&a);
	vc_splitter_flush(&b);
	assert_int_equal(sa.n, 5);
	assert_int_equal(sb.n, 5);
	for (unsigned i = 0; i < sa.n; i++) {
		assert_int_equal(sa.len[i], sb.len[i]);
		assert_memory_equal(sa.line[i], sb.line[i], sa.len[i]);
		assert_int_equal(sa.overlong[i], 0);
		assert_int_equal(sb.overlong[i], 0);
	}
	assert_string_equal(sa.line[0], "firmware banner");
	/* the record line keeps its '\r'; the parser strips it */
	assert_int_equal(sa.len[1], rn + 1);
	assert_memory_equal(sa.line[1], rec, rn);
	struct vc_rec r;
	char err[64];
	assert_int_equal(vc_rec_parse_line(sa.line[1], sa.len[1], &r, err, sizeof(err)), VC_LINE_RECORD);
	assert_int_equal(sa.len[2], 0); /* empty line is delivered */
	assert_string_equal(sa.line[3], "noise line");
	assert_string_equal(sa.line[4], "unterminated tail");

	/* flushing again delivers nothing */
	vc_splitter_flush(&a);
	assert_int_equal(sa.n, 5);
	sink_free(&sa);
	sink_free(&sb);
}

static void test_splitter_random_chunks(void **state)
{
	char stream[8192];
	size_t n = 0;
	srand(7);
	for (int l = 0; l < 100; l++) {
		int len = rand() % 60;
		for (int i = 0; i < len; i++)
			stream[n++] = (char)('a' + rand() % 26);
		stream[n++] = '\n';
	}
	struct vc_line_splitter a, b;
	struct sink sa, sb;
	splitter_init(&a, &sa);
	splitter_init(&b, &sb);
	/* only compare the first MAX_LINES lines: feed up to that point */
	size_t cut = 0;
	for (int seen = 0; cut < n && seen < MAX_LINES - 1; cut++)
		if (stream[cut] == '\n')
			seen++;
	vc_splitter_feed(&a, stream, cut);
	for (size_t i = 0; i < cut;) {
		size_t k = 1 + (size_t)(rand() % 17);
		if (k > cut - i)
			k = cut - i;
		vc_splitter_feed(&b, stream + i, k);
		i += k;
	}
	assert_int_equal(sa.n, MAX_LINES - 1);
	assert_int_equal(sa.n, sb.n);
	for (unsigned i = 0; i < sa.n; i++) {
		assert_int_equal(sa.len[i], sb.len[i]);
		assert_memory_equal(sa.line[i], sb.line[i], sa.len[i]);
	}
	sink_free(&sa);
	sink_free(&sb);
}

static void test_splitter_overlong(void **state)
{
	struct vc_line_splitter s;
	struct sink k;
	splitter_init(&s, &k);
	size_t cap = sizeof(s.buf);
	char *big = malloc(cap + 100);
	assert_non_null(big);

	/* exactly the buffer size fits */
	memset(big, 'x', cap);
	vc_splitter_feed(&s, big, cap);
	vc_splitter_feed(&s, "\n", 1);
	assert_int_equal(k.n, 1);
	assert_int_equal(k.len[0], cap);
	assert_int_equal(k.overlong[0], 0);

	/* one byte more is over-long */
	memset(big, 'y', cap + 1);
	vc_splitter_feed(&s, big, cap + 1);
	vc_splitter_feed(&s, "\nok\n", 4);
	assert_int_equal(k.n, 3);
	assert_int_equal(k.overlong[1], 1);
	assert_true(k.len[1] <= cap);
	/* the next line is normal again */
	assert_int_equal(k.overlong[2], 0);
	assert_string_equal(k.line[2], "ok");

	/* an over-long unterminated line is reported on flush */
	memset(big, 'z', cap + 100);
	for (size_t i = 0; i < cap + 100; i++)
		vc_splitter_feed(&s, big + i, 1);
	assert_int_equal(k.n, 3);
	vc_splitter_flush(&s);
	assert_int_equal(k.n, 4);
	assert_int_equal(k.overlong[3], 1);
	free(big);
	sink_free(&k);
}

/* ---- fuzz ---------------------------------------------------------------- */

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Whatever was accepted must really be a sealed record. */
static void check_accepted(const char *line, size_t n, const struct vc_rec *r)
{
	while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		n--;
	assert_true(n >= 15);
	assert_memory_equal(line, VC_RECORD_PREFIX, 5);
	assert_true(n <= VC_RECORD_MAX_LINE);
	assert_null(memchr(line, 0, n));
	assert_int_equal(line[n - 10], ' ');
	assert_int_equal(line[n - 9], '#');
	char hex[9];
	for (int i = 0; i < 8; i++) {
		assert_true(is_hex(line[n - 8 + i]));
		hex[i] = line[n - 8 + i];
	}
	hex[8] = 0;
	assert_int_equal(strtoul(hex, NULL, 16), vc_record_hash(line, n - 10));
	assert_true((unsigned)r->kind < VC_REC__COUNT);
	assert_true(r->nfields <= VC_RECORD_MAX_FIELDS);
	char keys[128];
	snprintf(keys, sizeof(keys), "%s", all_kinds[r->kind].keys);
	for (char *save, *k = strtok_r(keys, ",", &save); k; k = strtok_r(NULL, ",", &save))
		assert_non_null(vc_rec_get(r, k));
	for (unsigned i = 0; i < r->nfields; i++) {
		assert_true(r->f[i].key[0] != 0);
		assert_non_null(r->f[i].val);
	}
}

static void test_fuzz_random_bytes(void **state)
{
	static char line[VC_RECORD_MAX_LINE + 200];
	char err[128];
	struct vc_rec r;
	unsigned counts[3] = { 0, 0, 0 };
	srand(1);
	for (int it = 0; it < 20000; it++) {
		size_t n = (size_t)(rand() % (int)sizeof(line));
		for (size_t i = 0; i < n; i++)
			line[i] = (char)(rand() & 0xff);
		/* half of them look like records, so the parser gets past the prefix */
		if (it % 2 && n >= 5)
			memcpy(line, VC_RECORD_PREFIX, 5);
		memset(err, 0, sizeof(err));
		enum vc_line_class c = vc_rec_parse_line(line, n, &r, err, sizeof(err));
		assert_true(c == VC_LINE_RECORD || c == VC_LINE_NOISE || c == VC_LINE_MALFORMED);
		counts[c]++;
		if (c == VC_LINE_MALFORMED)
			assert_true(strlen(err) > 0 && strlen(err) < sizeof(err));
		if (c == VC_LINE_RECORD)
			check_accepted(line, n, &r);
	}
	assert_true(counts[VC_LINE_MALFORMED] > 5000);
	assert_true(counts[VC_LINE_NOISE] > 5000);
}

static void test_fuzz_mutations(void **state)
{
	static const char *const seeds[] = {
		"@vc1 0 start proto=1 image=probe arch=aarch64 el=1",
		"@vc1 12 dev d=0 loc=mmio@0xa000000 transport=mmio-v2 id=2 vendor=0x554d4551 ver=2",
		"@vc1 13 cfg d=0 off=0 hex=00080000000000000000000000000000",
		"@vc1 99 check d=0 id=MMIO-ID-001 v=PASS detail=a%20b%25c",
		"@vc1 100 end devices=1 checks=3",
	};
	char body[1200], line[1300], err[128];
	struct vc_rec r;
	unsigned broken_rejected = 0, resealed_accepted = 0;
	srand(1);
	for (int it = 0; it < 20000; it++) {
		const char *seed = seeds[it % 5];
		size_t n = strlen(seed);
		memcpy(body, seed, n);
		int nm = 1 + rand() % 3;
		for (int m = 0; m < nm; m++) {
			size_t pos = n ? (size_t)rand() % n : 0;
			int op = rand() % 4;
			char c = (rand() % 4) ? "abz09=% #-x\r\n"[rand() % 13] : (char)(rand() & 0xff);
			if (op == 0 && n) {
				body[pos] = c; /* substitute */
			} else if (op == 1 && n + 1 < sizeof(body)) {
				memmove(body + pos + 1, body + pos, n - pos); /* insert */
				body[pos] = c;
				n++;
			} else if (op == 2 && n) {
				memmove(body + pos, body + pos + 1, n - pos - 1); /* delete */
				n--;
			} else if (n + 1 < sizeof(body)) {
				body[n++] = c; /* append */
			}
		}
		uint32_t orig = vc_record_hash(seed, strlen(seed));
		int reseal = rand() % 2;
		memcpy(line, body, n);
		size_t len = n + (size_t)snprintf(line + n, sizeof(line) - n, " #%08x",
						  reseal ? (unsigned)vc_record_hash(body, n) : (unsigned)orig);
		memset(err, 0, sizeof(err));
		enum vc_line_class c = vc_rec_parse_line(line, len, &r, err, sizeof(err));
		assert_true(c == VC_LINE_RECORD || c == VC_LINE_NOISE || c == VC_LINE_MALFORMED);
		if (c == VC_LINE_MALFORMED)
			assert_true(strlen(err) > 0);
		if (c == VC_LINE_RECORD) {
			check_accepted(line, len, &r);
			resealed_accepted += reseal;
		}
		/* a changed body under the original seal: never a record */
		if (!reseal && vc_record_hash(body, n) != orig) {
			assert_int_not_equal(c, VC_LINE_RECORD);
			broken_rejected++;
		}
	}
	/* the mutations exercised both paths */
	assert_true(broken_rejected > 5000);
	assert_true(resealed_accepted > 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_start),
		cmocka_unit_test(test_valid_dev_with_optional_fields),
		cmocka_unit_test(test_every_kind_parses),
		cmocka_unit_test(test_escapes_unescape),
		cmocka_unit_test(test_crlf_stripped),
		cmocka_unit_test(test_wrong_checksum),
		cmocka_unit_test(test_missing_checksum),
		cmocka_unit_test(test_seal_overlapping_prefix),
		cmocka_unit_test(test_malformed_sealed_inputs),
		cmocka_unit_test(test_max_fields_accepted),
		cmocka_unit_test(test_nul_byte_inside),
		cmocka_unit_test(test_overlong_line),
		cmocka_unit_test(test_noise_lines),
		cmocka_unit_test(test_get_u64),
		cmocka_unit_test(test_get_u64_rejects_out_of_range),
		cmocka_unit_test(test_get_u64_rejects_leading_whitespace),
		cmocka_unit_test(test_get_u64_leading_zero_is_decimal),
		cmocka_unit_test(test_seq_out_of_range),
		cmocka_unit_test(test_checksum_field_strictly_hex),
		cmocka_unit_test(test_splitter_chunking_equivalent),
		cmocka_unit_test(test_splitter_random_chunks),
		cmocka_unit_test(test_splitter_overlong),
		cmocka_unit_test(test_fuzz_random_bytes),
		cmocka_unit_test(test_fuzz_mutations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
