/* Recursive-descent JSON reader. Recursion is bounded by JV_MAX_DEPTH, so a
 * hostile file cannot exhaust the stack; every error unwinds and frees. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/util/json_read.h"
#include "harness/util/vec.h"

/* A key of an object and its place in it, sorted to find repeats. */
struct key_at {
	const char *key;
	size_t idx;
};

struct parser {
	const char *s;
	size_t len, pos;
	int depth;
	char *err;
	size_t errlen;
	/* the key offsets of every object open, innermost last; one buffer,
	 * and one to sort keys in, for the whole document */
	size_t *starts, nstarts, starts_cap;
	struct key_at *order;
	size_t order_cap;
};

struct sbuf {
	char *b;
	size_t n, cap;
};

static void sb_put(struct sbuf *sb, char c)
{
	sb->b = vc_vec_grow(sb->b, 1, sb->n, &sb->cap);
	sb->b[sb->n++] = c;
}

/* Records the first error with the line and column (1-based, in bytes) of
 * offset `at`; always returns -1 so callers can `return fail(...)`. */
static int fail(struct parser *p, size_t at, const char *fmt, ...)
{
	unsigned line = 1;
	size_t col = 1;
	for (size_t i = 0; i < at && i < p->len; i++) {
		col++;
		if (p->s[i] == '\n') {
			line++;
			col = 1;
		}
	}
	int n = snprintf(p->err, p->errlen, "%u:%zu: ", line, col);
	if (n >= 0 && (size_t)n < p->errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* A character for a message: itself if printable, else its hex value. */
static const char *show(char c, char buf[8])
{
	unsigned char u = (unsigned char)c;
	if (u > 0x20 && u < 0x7f)
		snprintf(buf, 8, "'%c'", c);
	else
		snprintf(buf, 8, "0x%02x", u);
	return buf;
}

static void skip_ws(struct parser *p)
{
	while (p->pos < p->len) {
		char c = p->s[p->pos];
		if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
			return;
		p->pos++;
	}
}

static int at_end(struct parser *p) { return p->pos >= p->len; }
static char peek(struct parser *p) { return p->s[p->pos]; }

static int parse_value(struct parser *p, struct jv *v);

static int literal(struct parser *p, struct jv *v, const char *word, enum jv_type t, int b)
{
	size_t n = strlen(word);
	if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n))
		return fail(p, p->pos, "invalid literal (expected %s)", word);
	p->pos += n;
	v->type = t;
	v->boolean = b;
	return 0;
}

static size_t digits(struct parser *p)
{
	size_t start = p->pos;
	while (!at_end(p) && peek(p) >= '0' && peek(p) <= '9')
		p->pos++;
	return p->pos - start;
}

/* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int parse_number(struct parser *p, struct jv *v)
{
	size_t start = p->pos;
	if (peek(p) == '-')
		p->pos++;
	size_t int_at = p->pos, nint = digits(p);
	if (!nint)
		return fail(p, p->pos, "a number needs digits");
	if (nint > 1 && p->s[int_at] == '0')
		return fail(p, int_at, "leading zero in a number");
	if (!at_end(p) && peek(p) == '.') {
		p->pos++;
		if (!digits(p))
			return fail(p, p->pos, "digits expected after '.'");
	}
	if (!at_end(p) && (peek(p) == 'e' || peek(p) == 'E')) {
		p->pos++;
		if (!at_end(p) && (peek(p) == '+' || peek(p) == '-'))
			p->pos++;
		if (!digits(p))
			return fail(p, p->pos, "digits expected in the exponent");
	}
	v->type = JV_NUM;
	v->raw = vc_xcalloc(p->pos - start + 1, 1);
	memcpy(v->raw, p->s + start, p->pos - start);
	v->num = strtod(v->raw, NULL);
	if (!isfinite(v->num))
		return fail(p, start, "number out of range");
	return 0;
}

static int hex4(struct parser *p, unsigned *out)
{
	unsigned v = 0;
	for (size_t i = 0; i < 4; i++) {
		if (p->pos + i >= p->len)
			return fail(p, p->pos + i, "truncated \\u escape");
		char c = p->s[p->pos + i], buf[8];
		unsigned d = c >= '0' && c <= '9' ? (unsigned)(c - '0')
			   : c >= 'a' && c <= 'f' ? (unsigned)(c - 'a' + 10)
			   : c >= 'A' && c <= 'F' ? (unsigned)(c - 'A' + 10) : 16;
		if (d == 16)
			return fail(p, p->pos + i, "bad hex digit %s in \\u escape", show(c, buf));
		v = v << 4 | d;
	}
	p->pos += 4;
	*out = v;
	return 0;
}

static void put_utf8(struct sbuf *sb, unsigned cp)
{
	if (cp < 0x80) {
		sb_put(sb, (char)cp);
	} else if (cp < 0x800) {
		sb_put(sb, (char)(0xc0 | cp >> 6));
		sb_put(sb, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		sb_put(sb, (char)(0xe0 | cp >> 12));
		sb_put(sb, (char)(0x80 | (cp >> 6 & 0x3f)));
		sb_put(sb, (char)(0x80 | (cp & 0x3f)));
	} else {
		sb_put(sb, (char)(0xf0 | cp >> 18));
		sb_put(sb, (char)(0x80 | (cp >> 12 & 0x3f)));
		sb_put(sb, (char)(0x80 | (cp >> 6 & 0x3f)));
		sb_put(sb, (char)(0x80 | (cp & 0x3f)));
	}
}

/* \uXXXX, with a UTF-16 surrogate pair joined into one code point. */
static int unicode_escape(struct parser *p, struct sbuf *sb)
{
	size_t at = p->pos - 2;
	unsigned hi, lo;
	if (hex4(p, &hi))
		return -1;
	if (hi >= 0xdc00 && hi <= 0xdfff)
		return fail(p, at, "lone low surrogate \\u%04x", hi);
	if (hi >= 0xd800 && hi <= 0xdbff) {
		if (p->len - p->pos < 2 || p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u')
			return fail(p, at, "high surrogate \\u%04x without its low half", hi);
		p->pos += 2;
		if (hex4(p, &lo))
			return -1;
		if (lo < 0xdc00 || lo > 0xdfff)
			return fail(p, at, "high surrogate \\u%04x followed by \\u%04x", hi, lo);
		hi = 0x10000 + ((hi - 0xd800) << 10) + (lo - 0xdc00);
	}
	put_utf8(sb, hi);
	return 0;
}

static int escape(struct parser *p, struct sbuf *sb)
{
	static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
	char buf[8];
	if (at_end(p))
		return fail(p, p->pos, "unexpected end of input in an escape");
	char c = p->s[p->pos++];
	if (c == 'u')
		return unicode_escape(p, sb);
	const char *hit = c ? strchr(from, c) : NULL;
	if (!hit)
		return fail(p, p->pos - 2, "bad escape \\%s", show(c, buf));
	sb_put(sb, to[hit - from]);
	return 0;
}

/* Length of the well-formed UTF-8 sequence at s (RFC 3629: no overlongs,
 * no surrogates, nothing above U+10FFFF), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t avail)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t n;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, lo = c == 0xe0 ? 0xa0 : 0x80, hi = c == 0xed ? 0x9f : 0xbf;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, lo = c == 0xf0 ? 0x90 : 0x80, hi = c == 0xf4 ? 0x8f : 0xbf;
	else
		return 0;
	if (avail < n || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

/* A string body after its opening quote, into a fresh NUL-terminated buffer. */
static int parse_string(struct parser *p, char **out, size_t *outlen)
{
	size_t start = p->pos++;
	struct sbuf sb = { 0 };
	for (;;) {
		if (at_end(p)) {
			free(sb.b);
			return fail(p, start, "unterminated string");
		}
		unsigned char c = (unsigned char)p->s[p->pos];
		if (c == '"')
			break;
		int bad = 0;
		if (c < 0x20) {
			bad = fail(p, p->pos, "raw control character 0x%02x in a string", c);
		} else if (c == '\\') {
			p->pos++;
			bad = escape(p, &sb);
		} else if (c < 0x80) {
			sb_put(&sb, (char)c);
			p->pos++;
		} else {
			size_t n = utf8_seq((const unsigned char *)p->s + p->pos, p->len - p->pos);
			if (!n)
				bad = fail(p, p->pos, "invalid UTF-8 byte 0x%02x in a string", c);
			for (size_t i = 0; i < n; i++)
				sb_put(&sb, p->s[p->pos++]);
		}
		if (bad) {
			free(sb.b);
			return -1;
		}
	}
	p->pos++;
	*outlen = sb.n;
	sb_put(&sb, 0);
	*out = sb.b;
	return 0;
}

static struct jv *new_item(struct jv *v)
{
	v->items = vc_vec_grow(v->items, sizeof(*v->items), v->n, &v->cap);
	struct jv *item = &v->items[v->n++];
	memset(item, 0, sizeof(*item));
	return item;
}

/* After '[' or '{': the depth check, then the empty case. */
static int open_container(struct parser *p, struct jv *v, enum jv_type t, char close)
{
	v->type = t;
	if (++p->depth > JV_MAX_DEPTH)
		return fail(p, p->pos, "nesting deeper than %d levels", JV_MAX_DEPTH);
	p->pos++;
	skip_ws(p);
	if (!at_end(p) && peek(p) == close) {
		p->pos++;
		p->depth--;
		return 1;
	}
	return 0;
}

/* After a member: ',' (more follow) -> 0, the closing bracket -> 1. */
static int next_member(struct parser *p, char close, const char *what)
{
	char buf[8];
	skip_ws(p);
	if (at_end(p))
		return fail(p, p->pos, "unexpected end of input in %s", what);
	char c = p->s[p->pos++];
	if (c == close) {
		p->depth--;
		return 1;
	}
	if (c != ',')
		return fail(p, p->pos - 1, "expected ',' or '%c' in %s, found %s", close, what, show(c, buf));
	return 0;
}

static int parse_array(struct parser *p, struct jv *v)
{
	int r = open_container(p, v, JV_ARR, ']');
	while (r == 0) {
		if (parse_value(p, new_item(v)))
			return -1;
		r = next_member(p, ']', "an array");
	}
	return r < 0 ? -1 : 0;
}

static int parse_key(struct parser *p, struct jv *v)
{
	char buf[8];
	skip_ws(p);
	if (at_end(p))
		return fail(p, p->pos, "unexpected end of input in an object");
	if (peek(p) != '"')
		return fail(p, p->pos, "expected a string key, found %s", show(peek(p), buf));
	size_t at = p->pos, klen;
	char *key;
	if (parse_string(p, &key, &klen))
		return -1;
	*VEC_PUSH(p->starts, p->nstarts, p->starts_cap) = at;
	/* keys and items grow in step from the same n and capacity */
	size_t kcap = v->cap;
	v->keys = vc_vec_grow(v->keys, sizeof(*v->keys), v->n, &kcap);
	v->keys[v->n] = key;
	new_item(v);
	skip_ws(p);
	if (at_end(p) || peek(p) != ':')
		return fail(p, p->pos, "expected ':' after the key \"%s\"", key);
	p->pos++;
	return 0;
}

static int key_at_cmp(const void *x, const void *y)
{
	const struct key_at *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}

/* The first of v's keys, in document order, that repeats an earlier one;
 * v->n when none does. Sorted by (key, place), a repeat follows its equal. */
static size_t first_repeat(struct parser *p, const struct jv *v)
{
	size_t first = v->n;
	if (v->n < 2)
		return first;
	if (p->order_cap < v->n) { /* vc_vec_grow grows by one push, not to n */
		free(p->order);
		p->order_cap = v->n > 2 * p->order_cap ? v->n : 2 * p->order_cap;
		p->order = vc_xcalloc(p->order_cap, sizeof(*p->order));
	}
	struct key_at *o = p->order;
	for (size_t i = 0; i < v->n; i++)
		o[i] = (struct key_at){ v->keys[i], i };
	qsort(o, v->n, sizeof(*o), key_at_cmp);
	for (size_t i = 1; i < v->n; i++)
		if (o[i].idx < first && !strcmp(o[i].key, o[i - 1].key))
			first = o[i].idx;
	return first;
}

/* Duplicate keys are looked for once an object ends (or the reading of it
 * failed), by sorting its keys: a check of each key against all before it
 * took seconds for one object of 50k keys. The error is the one that check
 * gave: the first repeat, which precedes any other error in the object,
 * as every key read came before what failed. */
static int parse_object(struct parser *p, struct jv *v)
{
	size_t base = p->nstarts;
	int r = open_container(p, v, JV_OBJ, '}');
	while (r == 0) {
		if (parse_key(p, v) || parse_value(p, &v->items[v->n - 1]))
			r = -1;
		else
			r = next_member(p, '}', "an object");
	}
	size_t dup = first_repeat(p, v);
	if (dup < v->n)
		r = fail(p, p->starts[base + dup], "duplicate key \"%s\"", v->keys[dup]);
	p->nstarts = base;
	return r < 0 ? -1 : 0;
}

static int parse_value(struct parser *p, struct jv *v)
{
	char buf[8];
	skip_ws(p);
	if (at_end(p))
		return fail(p, p->pos, "unexpected end of input, expected a value");
	switch (peek(p)) {
	case '{': return parse_object(p, v);
	case '[': return parse_array(p, v);
	case '"': v->type = JV_STR; return parse_string(p, &v->str, &v->len);
	case 't': return literal(p, v, "true", JV_BOOL, 1);
	case 'f': return literal(p, v, "false", JV_BOOL, 0);
	case 'n': return literal(p, v, "null", JV_NULL, 0);
	default:
		if (peek(p) == '-' || (peek(p) >= '0' && peek(p) <= '9'))
			return parse_number(p, v);
		return fail(p, p->pos, "unexpected %s, expected a value", show(peek(p), buf));
	}
}

static void free_inner(struct jv *v)
{
	for (size_t i = 0; i < v->n; i++) {
		free_inner(&v->items[i]);
		if (v->keys)
			free(v->keys[i]);
	}
	free(v->items);
	free(v->keys);
	free(v->str);
	free(v->raw);
}

void jv_free(struct jv *v)
{
	if (!v)
		return;
	free_inner(v);
	free(v);
}

struct jv *jv_parse(const char *text, size_t len, char *err, size_t errlen)
{
	struct parser p = { .s = text, .len = len, .err = err, .errlen = errlen };
	struct jv *v = vc_xcalloc(1, sizeof(*v));
	char buf[8];
	int bad = parse_value(&p, v);
	if (!bad) {
		skip_ws(&p);
		if (!at_end(&p))
			bad = fail(&p, p.pos, "trailing %s after the document", show(peek(&p), buf));
	}
	free(p.starts);
	free(p.order);
	if (bad) {
		jv_free(v);
		return NULL;
	}
	return v;
}

const struct jv *jv_get(const struct jv *obj, const char *key)
{
	if (!obj || obj->type != JV_OBJ)
		return NULL;
	for (size_t i = 0; i < obj->n; i++)
		if (!strcmp(obj->keys[i], key))
			return &obj->items[i];
	return NULL;
}

const struct jv *jv_at(const struct jv *arr, size_t i)
{
	return arr && arr->type == JV_ARR && i < arr->n ? &arr->items[i] : NULL;
}

size_t jv_count(const struct jv *v)
{
	return v && (v->type == JV_ARR || v->type == JV_OBJ) ? v->n : 0;
}

int jv_is(const struct jv *v, enum jv_type t) { return v && v->type == t; }

const char *jv_str(const struct jv *v, const char *def) { return jv_is(v, JV_STR) ? v->str : def; }
double jv_num(const struct jv *v, double def) { return jv_is(v, JV_NUM) ? v->num : def; }

long jv_int(const struct jv *v, long lo, long hi, long def)
{
	/* The bounds a long holds, exactly representable: (double)LONG_MAX
	 * rounds up to 2^63, which no long holds (found by tests/fuzz). */
	if (!jv_is(v, JV_NUM) || !(v->num >= -0x1p63 && v->num < 0x1p63))
		return def;
	long i = (long)v->num;
	return (double)i == v->num && i >= lo && i <= hi ? i : def;
}
int jv_bool(const struct jv *v, int def) { return jv_is(v, JV_BOOL) ? v->boolean : def; }

const char *jv_gets(const struct jv *obj, const char *key, const char *def)
{
	return jv_str(jv_get(obj, key), def);
}

double jv_getn(const struct jv *obj, const char *key, double def)
{
	return jv_num(jv_get(obj, key), def);
}
