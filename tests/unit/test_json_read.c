/* Unit tests for the JSON reader (harness/util/json_read.c): values and lookups,
 * escapes, strictness with line:column errors, the depth limit, a round
 * trip through the writer, and a fuzz loop of random mutations. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/util/json.h"
#include "harness/util/json_read.h"

static struct jv *parse_ok(const char *text)
{
	char err[256] = "";
	struct jv *v = jv_parse(text, strlen(text), err, sizeof(err));
	if (!v)
		fail_msg("unexpected error for %s: %s", text, err);
	return v;
}

static void test_values_and_lookups(void **state)
{
	struct jv *v = parse_ok(" {\"s\": \"x\", \"n\": -12.5e1, \"t\": true, \"f\": false, \"z\": null,\n"
				"  \"a\": [1, [], {}], \"o\": {\"k\": 0}} ");
	assert_int_equal(v->type, JV_OBJ);
	assert_int_equal(jv_count(v), 7);
	assert_string_equal(v->keys[0], "s"); /* document order */
	assert_string_equal(v->keys[6], "o");
	assert_string_equal(jv_gets(v, "s", "?"), "x");
	assert_true(jv_getn(v, "n", 0) == -125.0);
	assert_string_equal(jv_get(v, "n")->raw, "-12.5e1");
	assert_int_equal(jv_bool(jv_get(v, "t"), 0), 1);
	assert_int_equal(jv_bool(jv_get(v, "f"), 1), 0);
	assert_true(jv_is(jv_get(v, "z"), JV_NULL));
	const struct jv *a = jv_get(v, "a");
	assert_int_equal(jv_count(a), 3);
	assert_true(jv_num(jv_at(a, 0), 0) == 1.0);
	assert_true(jv_is(jv_at(a, 1), JV_ARR) && jv_count(jv_at(a, 1)) == 0);
	assert_true(jv_is(jv_at(a, 2), JV_OBJ) && jv_count(jv_at(a, 2)) == 0);
	assert_null(jv_at(a, 3));
	assert_true(jv_getn(jv_get(v, "o"), "k", 7) == 0.0);
	/* defaults: missing keys, wrong types, NULL everywhere */
	assert_null(jv_get(v, "missing"));
	assert_string_equal(jv_gets(v, "n", "def"), "def");
	assert_true(jv_getn(v, "s", 3) == 3.0);
	assert_int_equal(jv_bool(jv_get(v, "z"), -1), -1);
	assert_null(jv_get(a, "s"));
	assert_null(jv_at(v, 0));
	assert_null(jv_get(NULL, "s"));
	assert_int_equal(jv_count(NULL), 0);
	assert_string_equal(jv_str(NULL, "d"), "d");
	jv_free(v);
	jv_free(NULL);
}

/* Integers taken from a peer's JSON (QMP's devfn, a results.json width):
 * a huge, negative, fractional or non-numeric value is the default, never a
 * float-to-int conversion out of range (undefined behaviour). */
static void test_int_in_range(void **state)
{
	struct jv *v = parse_ok("[16, 1e300, -1e300, 16.5, -1, 255, 256, \"16\", 9223372036854775808]");
	assert_int_equal(jv_int(jv_at(v, 0), 0, 255, -1), 16);
	assert_int_equal(jv_int(jv_at(v, 1), 0, 255, -1), -1);
	assert_int_equal(jv_int(jv_at(v, 2), 0, 255, -1), -1);
	assert_int_equal(jv_int(jv_at(v, 3), 0, 255, -1), -1);
	assert_int_equal(jv_int(jv_at(v, 4), 0, 255, -7), -7);
	assert_int_equal(jv_int(jv_at(v, 5), 0, 255, -1), 255);
	assert_int_equal(jv_int(jv_at(v, 6), 0, 255, -1), -1);
	assert_int_equal(jv_int(jv_at(v, 7), 0, 255, -1), -1);
	assert_int_equal(jv_int(jv_at(v, 8), 0, 0x7fffffffL, -1), -1);
	/* 2^63: (double)LONG_MAX rounds up to it, and no long holds it */
	assert_int_equal(jv_int(jv_at(v, 8), 0, LONG_MAX, -1), -1);
	assert_int_equal(jv_int(NULL, 0, 255, 3), 3);
	jv_free(v);
}

static void test_scalars_at_top(void **state)
{
	struct jv *v = parse_ok("0");
	assert_true(v->type == JV_NUM && v->num == 0.0);
	jv_free(v);
	v = parse_ok("\t\r\n\"top\"\n");
	assert_string_equal(v->str, "top");
	jv_free(v);
	v = parse_ok("-0.0E+2");
	assert_string_equal(v->raw, "-0.0E+2");
	jv_free(v);
}

static void test_escapes(void **state)
{
	struct jv *v = parse_ok("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\", \"\\u0041\\u00e9\\u20ac\", \"\\ud83d\\ude00\","
				" \"a\\u0000b\", \"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"]");
	assert_string_equal(jv_str(jv_at(v, 0), NULL), "\"\\/\b\f\n\r\t");
	assert_string_equal(jv_str(jv_at(v, 1), NULL), "A\xc3\xa9\xe2\x82\xac");
	assert_string_equal(jv_str(jv_at(v, 2), NULL), "\xf0\x9f\x98\x80"); /* U+1F600 */
	const struct jv *nul = jv_at(v, 3);
	assert_int_equal(nul->len, 3);
	assert_memory_equal(nul->str, "a\0b", 3);
	assert_string_equal(jv_str(jv_at(v, 4), NULL), "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	jv_free(v);
}

struct bad {
	const char *text;
	const char *where; /* "line:column:" the error starts with */
	const char *what;  /* a part of the message */
};

static const struct bad bad_inputs[] = {
	{ "", "1:1:", "end of input" },
	{ "   \n ", "2:2:", "end of input" },
	{ "{", "1:2:", "end of input in an object" },
	{ "[1, 2", "1:6:", "end of input in an array" },
	{ "{\"a\": 1,}", "1:9:", "expected a string key" },
	{ "[1,]", "1:4:", "expected a value" },
	{ "{\"a\" 1}", "1:6:", "expected ':'" },
	{ "{a: 1}", "1:2:", "expected a string key" },
	{ "[1 2]", "1:4:", "expected ',' or ']'" },
	{ "01", "1:1:", "leading zero" },
	{ "-", "1:2:", "needs digits" },
	{ "1.", "1:3:", "after '.'" },
	{ "1e+", "1:4:", "exponent" },
	{ "1e999", "1:1:", "out of range" },
	{ "+1", "1:1:", "unexpected '+'" },
	{ "NaN", "1:1:", "unexpected 'N'" },
	{ "tru", "1:1:", "expected true" },
	{ "nul", "1:1:", "expected null" },
	{ "\"abc", "1:1:", "unterminated string" },
	{ "\"\\x\"", "1:2:", "bad escape \\'x'" },
	{ "\"\\", "1:3:", "end of input in an escape" },
	{ "\"\\u12G4\"", "1:6:", "bad hex digit 'G'" },
	{ "\"\\u12\"", "1:6:", "bad hex digit '\"'" },
	{ "\"\\u12", "1:6:", "truncated \\u escape" },
	{ "\"\\ud800\"", "1:2:", "without its low half" },
	{ "\"\\ud800\\u0041\"", "1:2:", "followed by \\u0041" },
	{ "\"\\udc00\"", "1:2:", "lone low surrogate" },
	{ "\"a\x01\"", "1:3:", "raw control character 0x01" },
	{ "\"\xff\"", "1:2:", "invalid UTF-8 byte 0xff" },
	{ "\"\xc0\xaf\"", "1:2:", "invalid UTF-8" },         /* overlong '/' */
	{ "\"\xed\xa0\x80\"", "1:2:", "invalid UTF-8" },     /* a surrogate in UTF-8 */
	{ "\"\xf4\x90\x80\x80\"", "1:2:", "invalid UTF-8" }, /* above U+10FFFF */
	{ "\"\xe2\x82\"", "1:2:", "invalid UTF-8" },         /* truncated sequence */
	{ "{\"a\": 1, \"a\": 2}", "1:10:", "duplicate key \"a\"" },
	/* keys are checked when their object ends: the error is still the
	 * first repeat, before what comes after it or inside it */
	{ "{\"a\": 1, \"a\": 2, \"b\" 3}", "1:10:", "duplicate key \"a\"" },
	{ "{\"x\": {\"a\": 1}, \"x\": [1,}", "1:17:", "duplicate key \"x\"" },
	{ "{\"o\": {\"a\": 1, \"a\": 2}}", "1:16:", "duplicate key \"a\"" },
	{ "{\"a\": 1, \"a\": {\"b\": 1, \"b\": 2}}", "1:10:", "duplicate key \"a\"" },
	{ "{\"b\": 1, \"a\": 2, \"a\": 3, \"b\": 4}", "1:18:", "duplicate key \"a\"" },
	{ "[1] x", "1:5:", "trailing 'x'" },
	{ "{} {}", "1:4:", "trailing '{'" },
	{ "[1]\n// c", "2:1:", "trailing '/'" },
	{ "{\n  \"a\": 1,\n  \"b\" 2\n}", "3:7:", "expected ':' after the key \"b\"" },
	{ "[\"x\",\n\n   ]", "3:4:", "expected a value" },
};

static void test_malformed(void **state)
{
	for (size_t i = 0; i < sizeof(bad_inputs) / sizeof(bad_inputs[0]); i++) {
		const struct bad *b = &bad_inputs[i];
		char err[256] = "";
		struct jv *v = jv_parse(b->text, strlen(b->text), err, sizeof(err));
		if (v)
			fail_msg("accepted bad input #%zu: %s", i, b->text);
		if (strncmp(err, b->where, strlen(b->where)) || !strstr(err, b->what))
			fail_msg("input #%zu: error \"%s\", wanted \"%s ...%s...\"", i, err, b->where, b->what);
	}
}

/* One object of n keys "k0".."k<n-1>" on one line; key `at` (if below n)
 * is written as key `as` instead. */
static char *many_keys(size_t n, size_t at, size_t as)
{
	size_t cap = 32 * n + 16, len = 0;
	char *s = malloc(cap);
	assert_non_null(s);
	s[len++] = '{';
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, cap - len, "%s\"k%zu\": %zu", i ? ", " : "", i == at ? as : i, i);
	snprintf(s + len, cap - len, "}");
	return s;
}

/* Duplicate keys are found by sorting, not by comparing every pair (4 s
 * for 50k keys): a large object of unique keys is read whole, and one
 * repeat far from its first is refused where the repeat stands. */
static void test_many_keys(void **state)
{
	enum { N = 50000 };
	char err[256] = "", where[32];
	char *s = many_keys(N, N, 0);
	struct jv *v = jv_parse(s, strlen(s), err, sizeof(err));
	if (!v)
		fail_msg("%s", err);
	assert_int_equal(jv_count(v), N);
	assert_int_equal(jv_getn(v, "k0", -1), 0);
	assert_int_equal(jv_getn(v, "k49999", -1), N - 1);
	jv_free(v);
	free(s);

	s = many_keys(N, N - 2, 1); /* "k1" again near the end */
	assert_null(jv_parse(s, strlen(s), err, sizeof(err)));
	snprintf(where, sizeof(where), "1:%zu: ", (size_t)(strstr(s, "\"k1\": 49998") - s) + 1);
	assert_string_equal(err, strcat(where, "duplicate key \"k1\""));
	free(s);
}

/* With two repeats, the one read first is named, not the one that sorts
 * first ("k1" sorts before "k9"). */
static void test_first_repeat_named(void **state)
{
	char err[256] = "";
	char *s = many_keys(1000, 500, 9), *second = strstr(s, "\"k900\"");
	memcpy(second, "\"k1\"  ", 6); /* still one line, the same length */
	assert_null(jv_parse(s, strlen(s), err, sizeof(err)));
	assert_non_null(strstr(err, "duplicate key \"k9\""));
	free(s);
}

/* A NUL inside the given length is a byte like any other: not white space. */
static void test_embedded_nul(void **state)
{
	char err[128] = "";
	assert_null(jv_parse("[1]\0", 4, err, sizeof(err)));
	assert_non_null(strstr(err, "trailing 0x00"));
	struct jv *v = jv_parse("[1]\0garbage", 3, err, sizeof(err));
	assert_non_null(v);
	jv_free(v);
}

static char *nested(int depth)
{
	char *s = malloc(2 * (size_t)depth + 1);
	assert_non_null(s);
	memset(s, '[', (size_t)depth);
	memset(s + depth, ']', (size_t)depth);
	s[2 * depth] = 0;
	return s;
}

static void test_depth_limit(void **state)
{
	char err[128] = "";
	char *s = nested(JV_MAX_DEPTH);
	struct jv *v = jv_parse(s, strlen(s), err, sizeof(err));
	assert_non_null(v);
	jv_free(v);
	free(s);
	s = nested(JV_MAX_DEPTH + 1);
	assert_null(jv_parse(s, strlen(s), err, sizeof(err)));
	assert_non_null(strstr(err, "nesting deeper than"));
	free(s);
	/* far deeper, unterminated, objects and arrays mixed: refused, not recursed */
	size_t n = 200000;
	s = malloc(n + 1);
	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = i % 2 ? '[' : '{';
	s[n] = 0;
	assert_null(jv_parse(s, n, err, sizeof(err)));
	free(s);
}

/* What the writer (json.h) produces, the reader takes back unchanged. */
static void test_round_trip_with_writer(void **state)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	struct vc_json j;
	json_init(&j, f);
	json_obj(&j);
	json_kstr(&j, "text", "q\"b\\ \x01 \xc3\xa9 <&>");
	json_ku64(&j, "big", 18446744073709551615ull);
	json_key(&j, "list");
	json_arr(&j);
	json_str(&j, NULL);
	json_num(&j, 1.5);
	json_bool(&j, 1);
	json_arr_end(&j);
	json_obj_end(&j);
	fclose(f);
	struct jv *v = parse_ok(buf);
	/* the writer escapes bytes >= 0x7f one by one as \u00XX: each comes back
	 * as that code point (Latin-1 reading of the byte) */
	assert_string_equal(jv_gets(v, "text", NULL), "q\"b\\ \x01 \xc3\x83\xc2\xa9 <&>");
	assert_string_equal(jv_get(v, "big")->raw, "18446744073709551615");
	const struct jv *l = jv_get(v, "list");
	assert_true(jv_is(jv_at(l, 0), JV_NULL));
	assert_true(jv_num(jv_at(l, 1), 0) == 1.5);
	assert_int_equal(jv_bool(jv_at(l, 2), 0), 1);
	jv_free(v);
	free(buf);
}

static const char fuzz_seed_doc[] =
	"{\"schema\": \"vcheck/1\", \"verdict\": \"FAIL\", \"cells\": [{\"name\": \"c\\u00e9\\ud83d\\ude00\",\n"
	" \"seconds\": 0.125, \"problems\": [], \"devices\": [{\"model\": null, \"faults\": 0,\n"
	" \"checks\": [{\"id\": \"X-1\", \"verdict\": \"PASS\", \"detail\": \"a\\tb\"}],\n"
	" \"registers\": [{\"offset\": \"0x70\", \"width\": 4, \"classes\": [\"latch\"], \"ok\": true,\n"
	" \"models\": {\"kvm\": {\"verdict\": \"emulable\"}}}]}]}]}";

/* Walks every value, reading every field, so a corrupt tree would show. */
static size_t walk(const struct jv *v)
{
	size_t n = 1;
	if (v->type == JV_STR)
		n += v->len > strlen(v->str) ? 1 : 0;
	if (v->type == JV_NUM)
		n += strlen(v->raw) > 0;
	for (size_t i = 0; i < jv_count(v); i++) {
		if (v->type == JV_OBJ)
			assert_ptr_equal(jv_get(v, v->keys[i]), &v->items[i]);
		n += walk(&v->items[i]);
	}
	return n;
}

static void mutate(char *s, size_t *len, size_t cap, unsigned *seed)
{
	static const char alphabet[] = "{}[],:\"\\u0123456789abcdefABCDEF-+.eE tfn\n\x01\x80\xc3\xff";
	unsigned r = (unsigned)rand_r(seed);
	size_t at = *len ? (size_t)rand_r(seed) % *len : 0;
	char c = (r >> 8) % 4 ? alphabet[(unsigned)rand_r(seed) % (sizeof(alphabet) - 1)]
			       : (char)rand_r(seed);
	switch (r % 4) {
	case 0: if (*len) s[at] = c; break;                                  /* replace */
	case 1: if (*len + 1 < cap) {                                        /* insert */
			memmove(s + at + 1, s + at, *len - at);
			s[at] = c;
			(*len)++;
		}
		break;
	case 2: if (*len) { memmove(s + at, s + at + 1, *len - at - 1); (*len)--; } break; /* delete */
	default: *len = at; break;                                           /* truncate */
	}
}

static void test_fuzz_mutations(void **state)
{
	const size_t base = sizeof(fuzz_seed_doc) - 1, cap = base + 64;
	char *s = malloc(cap);
	assert_non_null(s);
	unsigned seed = 12345;
	unsigned accepted = 0, rejected = 0;
	for (int iter = 0; iter < 30000; iter++) {
		size_t len = base;
		memcpy(s, fuzz_seed_doc, base);
		int rounds = 1 + rand_r(&seed) % 4;
		for (int m = 0; m < rounds; m++)
			mutate(s, &len, cap, &seed);
		char err[256];
		err[0] = 0;
		/* a copy of exactly len bytes, so reading past the end is a valgrind error */
		char *exact = malloc(len ? len : 1);
		assert_non_null(exact);
		memcpy(exact, s, len);
		struct jv *v = jv_parse(exact, len, err, sizeof(err));
		if (v) {
			assert_true(walk(v) > 0);
			accepted++;
		} else {
			assert_true(err[0] >= '1' && err[0] <= '9' && strchr(err, ':'));
			rejected++;
		}
		jv_free(v);
		free(exact);
	}
	free(s);
	/* the mutations reach both outcomes, or the loop tests nothing */
	assert_true(accepted > 100 && rejected > 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_and_lookups),
		cmocka_unit_test(test_int_in_range),
		cmocka_unit_test(test_scalars_at_top),
		cmocka_unit_test(test_escapes),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_many_keys),
		cmocka_unit_test(test_first_repeat_named),
		cmocka_unit_test(test_embedded_nul),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_round_trip_with_writer),
		cmocka_unit_test(test_fuzz_mutations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
