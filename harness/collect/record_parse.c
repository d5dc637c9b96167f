#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/collect/record_parse.h"

static const char *const kind_names[] = {
#define KIND_NAME(k, name, keys) name,
	VC_RECORD_KINDS(KIND_NAME)
#undef KIND_NAME
};
static const char *const kind_keys[] = {
#define KIND_KEYS(k, name, keys) keys,
	VC_RECORD_KINDS(KIND_KEYS)
#undef KIND_KEYS
};

const char *vc_rec_kind_name(enum vc_record_kind k)
{
	return (unsigned)k < VC_REC__COUNT ? kind_names[k] : "?";
}

int vc_hex_digit(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Unescapes %XX in place; -1 on a bad escape or a NUL. */
static int unescape(char *s)
{
	char *w = s;
	for (char *r = s; *r; r++) {
		if (*r != '%') {
			*w++ = *r;
			continue;
		}
		int hi = vc_hex_digit(r[1]), lo = hi < 0 ? -1 : vc_hex_digit(r[2]);
		if (lo < 0)
			return -1;
		*w++ = (char)(hi << 4 | lo);
		r += 2;
	}
	*w = 0;
	return 0;
}

/* Decimal, or 0x and hex digits; nothing else, and nothing that overflows. */
static int parse_number(const char *s, unsigned long long *v)
{
	int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	const char *digits = hex ? s + 2 : s;
	if (!*digits || strspn(digits, hex ? "0123456789abcdefABCDEF" : "0123456789") != strlen(digits))
		return -1;
	errno = 0;
	*v = strtoull(digits, NULL, hex ? 16 : 10);
	return errno ? -1 : 0;
}

static int find_kind(const char *name)
{
	for (unsigned k = 0; k < VC_REC__COUNT; k++)
		if (strcmp(kind_names[k], name) == 0)
			return (int)k;
	return -1;
}

static int has_required_keys(const struct vc_rec *r, char *err, size_t errlen)
{
	char keys[128];
	snprintf(keys, sizeof(keys), "%s", kind_keys[r->kind]);
	for (char *save, *k = strtok_r(keys, ",", &save); k; k = strtok_r(NULL, ",", &save)) {
		if (!vc_rec_get(r, k)) {
			snprintf(err, errlen, "%s record without '%s'", kind_names[r->kind], k);
			return 0;
		}
	}
	return 1;
}

static enum vc_line_class malformed(char *err, size_t errlen, const char *why)
{
	snprintf(err, errlen, "%s", why);
	return VC_LINE_MALFORMED;
}

static enum vc_line_class check_seal(const char *line, size_t *n, size_t plen, char *err,
				      size_t errlen)
{
	/* " #xxxxxxxx" at the end, over everything before it. The seal starts
	 * after the prefix: one whose space is the prefix's own ("@vc1 #...")
	 * would leave the body a negative length. */
	if (*n < plen + 10)
		return malformed(err, errlen, "no room for a body and a checksum");
	if (line[*n - 10] != ' ' || line[*n - 9] != '#')
		return malformed(err, errlen, "no checksum");
	char hex[9];
	memcpy(hex, line + *n - 8, 8);
	hex[8] = 0;
	if (strspn(hex, "0123456789abcdef") != 8)
		return malformed(err, errlen, "bad checksum field");
	unsigned long want = strtoul(hex, NULL, 16);
	*n -= 10;
	if (vc_record_hash(line, *n) != (uint32_t)want)
		return malformed(err, errlen, "checksum mismatch");
	return VC_LINE_RECORD;
}

static enum vc_line_class split_fields(struct vc_rec *r, char *p, char *err, size_t errlen)
{
	for (char *save, *tok = strtok_r(p, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
		char *eq = strchr(tok, '=');
		if (!eq || eq == tok || !eq[1])
			return malformed(err, errlen, "field is not key=value");
		if (r->nfields == VC_RECORD_MAX_FIELDS)
			return malformed(err, errlen, "too many fields");
		*eq = 0;
		if (vc_rec_get(r, tok))
			return malformed(err, errlen, "duplicate key");
		if (unescape(eq + 1))
			return malformed(err, errlen, "bad escape in value");
		r->f[r->nfields].key = tok;
		r->f[r->nfields].val = eq + 1;
		r->nfields++;
	}
	return VC_LINE_RECORD;
}

enum vc_line_class vc_rec_parse_line(const char *line, size_t n, struct vc_rec *r,
				     char *err, size_t errlen)
{
	size_t plen = sizeof(VC_RECORD_PREFIX) - 1;
	while (n && (line[n - 1] == '\r' || line[n - 1] == '\n'))
		n--;
	if (n < plen || memcmp(line, VC_RECORD_PREFIX, plen) != 0)
		return VC_LINE_NOISE;
	if (n > VC_RECORD_MAX_LINE)
		return malformed(err, errlen, "record longer than the protocol allows");
	if (memchr(line, 0, n))
		return malformed(err, errlen, "NUL byte in record");
	if (check_seal(line, &n, plen, err, errlen) != VC_LINE_RECORD)
		return VC_LINE_MALFORMED;
	memcpy(r->buf, line + plen, n - plen);
	r->buf[n - plen] = 0;
	r->nfields = 0;
	char *save, *seq = strtok_r(r->buf, " ", &save), *kind = strtok_r(NULL, " ", &save);
	char *rest = strtok_r(NULL, "", &save);
	if (!seq || !kind || !*seq)
		return malformed(err, errlen, "no sequence number or kind");
	unsigned long long seqv;
	if (seq[0] == '0' && seq[1] == 'x')
		return malformed(err, errlen, "bad sequence number");
	if (parse_number(seq, &seqv) || seqv > 0xffffffffull)
		return malformed(err, errlen, "bad sequence number");
	r->seq = (unsigned long)seqv;
	int k = find_kind(kind);
	if (k < 0)
		return malformed(err, errlen, "unknown record kind");
	r->kind = (enum vc_record_kind)k;
	if (rest && split_fields(r, rest, err, errlen) != VC_LINE_RECORD)
		return VC_LINE_MALFORMED;
	return has_required_keys(r, err, errlen) ? VC_LINE_RECORD : VC_LINE_MALFORMED;
}

const char *vc_rec_get(const struct vc_rec *r, const char *key)
{
	for (unsigned i = 0; i < r->nfields; i++)
		if (strcmp(r->f[i].key, key) == 0)
			return r->f[i].val;
	return NULL;
}

int vc_rec_get_u64(const struct vc_rec *r, const char *key, unsigned long long *v)
{
	const char *s = vc_rec_get(r, key);
	return s ? parse_number(s, v) : -1;
}

void vc_splitter_feed(struct vc_line_splitter *s, const char *data, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = data[i];
		if (c == '\n') {
			s->on_line(s->ctx, s->buf, s->len, s->overflow);
			s->len = 0;
			s->overflow = 0;
		} else if (s->len < sizeof(s->buf)) {
			s->buf[s->len++] = c;
		} else {
			s->overflow = 1;
		}
	}
}

void vc_splitter_flush(struct vc_line_splitter *s)
{
	if (s->len || s->overflow)
		s->on_line(s->ctx, s->buf, s->len, s->overflow);
	s->len = 0;
	s->overflow = 0;
}
