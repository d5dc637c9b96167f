/* One device pair's checks, feature bits and config bytes compared. */
#include <stdlib.h>
#include <string.h>
#include "harness/collect/record_parse.h"
#include "harness/results/diff_internal.h"
#include "harness/util/vec.h"
#include "vcheck/virtio_status.h"

/* config bytes per difference: a 128-byte field that changed whole stays readable */
#define CONFIG_RUN_MAX 16

/* ---- verdicts --------------------------------------------------------------- */

static char *check_key(const struct jv *k) { return vc_xstrdup(jv_gets(k, "id", "")); }

static void verdict_change(struct diff_ctx *c, const struct jv *x, const struct jv *y)
{
	const char *vx = jv_gets(x, "verdict", NULL), *vy = jv_gets(y, "verdict", NULL);
	const char *dx = jv_gets(x, "detail", NULL), *dy = jv_gets(y, "detail", NULL);
	/* a check that now passes says nothing; what it said before is the news */
	const char *why = vy && !strcmp(vy, "PASS") && dx ? dx : dy ? dy : dx;
	diff_change(c, VC_DIFF_VERDICTS, vc_xstrdup(jv_gets(x, "id", "")), vx, vy, why);
}

static void only_check(struct diff_ctx *c, const struct jv *k, int in_a)
{
	const char *v = jv_gets(k, "verdict", NULL);
	diff_add(c, VC_DIFF_VERDICTS, vc_xstrdup(jv_gets(k, "id", "")), in_a ? v : ABSENT, in_a ? ABSENT : v,
		 jv_gets(k, "detail", NULL));
}

static char *count_of(size_t n, const char *what)
{
	return n ? vc_xasprintf("%zu %s", n, what) : vc_xstrdup(ABSENT);
}

void diff_checks(struct diff_ctx *c)
{
	const struct jv *ka = jv_get(c->a->dev, "checks"), *kb = jv_get(c->b->dev, "checks");
	size_t na = jv_count(ka), nb = jv_count(kb);
	if (!na != !nb) { /* a catalogue against side effects: one line, not a line per check */
		char *sa = count_of(na, "checks"), *sb = count_of(nb, "checks");
		diff_add(c, VC_DIFF_VERDICTS, vc_xstrdup("checks"), sa, sb, NULL);
		free(sa);
		free(sb);
		return;
	}
	diff_walk(c, ka, kb, check_key, verdict_change, only_check);
}

/* ---- features --------------------------------------------------------------- */

static const char *feature_name(struct diff_ctx *c, long id, unsigned bit)
{
	switch (bit) {
#define VC_DIFF_FEATURE_CASE(b, ident, name) case b: return name;
	VIRTIO_TRANSPORT_FEATURES(VC_DIFF_FEATURE_CASE)
#undef VC_DIFF_FEATURE_CASE
	}
	const struct vc_diff_names *n = c->o ? c->o->names : NULL;
	return n && n->feature && id >= 0 ? n->feature((uint32_t)id, bit) : NULL;
}

static const char *word_text(const struct jv *w) { return !w ? ABSENT : jv_str(w, "(not a string)"); }

static void word_bits(struct diff_ctx *c, long id, size_t w, uint32_t x, uint32_t y)
{
	for (unsigned i = 0; i < 32; i++) {
		if (!((x ^ y) >> i & 1))
			continue;
		unsigned bit = (unsigned)(w * 32 + i);
		const char *name = feature_name(c, id, bit);
		diff_add(c, VC_DIFF_FEATURES, vc_xasprintf("bit %u%s%s", bit, name ? " " : "", name ? name : ""),
			 x >> i & 1 ? "offered" : "not offered", y >> i & 1 ? "offered" : "not offered", NULL);
	}
}

void diff_features(struct diff_ctx *c)
{
	const struct jv *fa = jv_get(c->a->dev, "feature_words"), *fb = jv_get(c->b->dev, "feature_words");
	size_t n = jv_count(fa) > jv_count(fb) ? jv_count(fa) : jv_count(fb);
	long id = diff_device_id(c->a->dev) >= 0 ? diff_device_id(c->a->dev) : diff_device_id(c->b->dev);
	for (size_t w = 0; w < n && w < 0x7ffffff; w++) { /* bit numbers fit an unsigned */
		const char *sa = word_text(jv_at(fa, w)), *sb = word_text(jv_at(fb, w));
		uint64_t x, y;
		if (!diff_parse_hex(sa, 0xffffffff, &x) && !diff_parse_hex(sb, 0xffffffff, &y))
			word_bits(c, id, w, (uint32_t)x, (uint32_t)y);
		else
			diff_change(c, VC_DIFF_FEATURES, vc_xasprintf("word %zu", w), sa, sb, NULL);
	}
}

/* ---- config ------------------------------------------------------------------ */

struct bytes {
	const char *hex;
	size_t n;
};

static struct bytes config_of(const struct jv *dev)
{
	const struct jv *v = jv_get(dev, "config");
	return jv_is(v, JV_STR) ? (struct bytes){ v->str, v->len / 2 } : (struct bytes){ "", 0 };
}

/* Byte i, or -1 past the end or where the text is not hex. */
static int byte_at(struct bytes b, size_t i)
{
	if (i >= b.n)
		return -1;
	int hi = vc_hex_digit(b.hex[2 * i]), lo = vc_hex_digit(b.hex[2 * i + 1]);
	return hi < 0 || lo < 0 ? -1 : hi << 4 | lo;
}

static long field_at(struct diff_ctx *c, long id, size_t off, char *label, size_t len)
{
	const struct vc_diff_names *n = c->o ? c->o->names : NULL;
	label[0] = 0;
	if (!n || !n->field || id < 0 || off > 0xffffffffu)
		return -1;
	return n->field((uint32_t)id, (unsigned)off, label, len);
}

static char *bytes_text(struct bytes b, size_t from, size_t to)
{
	if (from >= b.n)
		return vc_xstrdup(ABSENT);
	char *s = vc_xcalloc(2 * (to - from) + 1, 1);
	for (size_t i = from; i < to; i++) {
		int v = byte_at(b, i);
		if (v < 0)
			memcpy(s + 2 * (i - from), "--", 2);
		else
			snprintf(s + 2 * (i - from), 3, "%02x", (unsigned)v & 0xff);
	}
	return s;
}

/* One difference per run of differing bytes within one field. */
static size_t config_run(struct diff_ctx *c, long id, struct bytes a, struct bytes b, size_t i, size_t n)
{
	char label[96], next[96];
	long field = field_at(c, id, i, label, sizeof(label));
	size_t end = i + 1;
	while (end < n && end - i < CONFIG_RUN_MAX && byte_at(a, end) != byte_at(b, end) &&
	       field_at(c, id, end, next, sizeof(next)) == field)
		end++;
	char span[48];
	snprintf(span, sizeof(span), end - i > 1 ? "0x%zx..0x%zx" : "0x%zx", i, end - 1);
	char *what = vc_xasprintf("%s%s%s", span, label[0] ? " " : "", label);
	char *sa = bytes_text(a, i, end), *sb = bytes_text(b, i, end);
	diff_add(c, VC_DIFF_CONFIG, what, sa, sb, NULL);
	free(sa);
	free(sb);
	return end;
}

void diff_config(struct diff_ctx *c)
{
	struct bytes a = config_of(c->a->dev), b = config_of(c->b->dev);
	size_t n = a.n > b.n ? a.n : b.n;
	long id = diff_device_id(c->a->dev) >= 0 ? diff_device_id(c->a->dev) : diff_device_id(c->b->dev);
	for (size_t i = 0; i < n;)
		i = byte_at(a, i) == byte_at(b, i) ? i + 1 : config_run(c, id, a, b, i, n);
}
