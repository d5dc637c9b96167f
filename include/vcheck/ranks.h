/* Sets of check ranks (a check's position in ID order, suites/check.h) as
 * they travel: a hex bitmap, digit i holding ranks 4i..4i+3 in its bits
 * 0..3, optionally after "N+" standing for N leading zero digits. Passing
 * and skipped checks leave the image this way (records.h), and the host's
 * selection of checks (vcheck.run, vcheck.resume) reaches it this way: a
 * list of any length in a few dozen characters. No libc: both sides
 * compile it. */
#ifndef VCHECK_RANKS_H
#define VCHECK_RANKS_H
#include <stddef.h>
#include <stdint.h>

/* The most checks a set covers. */
#define VC_RANKS_MAX 1024
#define VC_RANKS_BYTES (VC_RANKS_MAX / 8)
/* Characters a formatted set can take, with its NUL. */
#define VC_RANKS_TEXT (VC_RANKS_MAX / 4 + 12)

static inline int vc_hex_digit_value(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static inline int vc_ranks_has(const uint8_t *bits, unsigned rank)
{
	return rank < VC_RANKS_MAX && ((bits[rank / 8] >> (rank % 8)) & 1);
}

static inline void vc_ranks_add(uint8_t *bits, unsigned rank)
{
	if (rank < VC_RANKS_MAX)
		bits[rank / 8] |= (uint8_t)(1u << (rank % 8));
}

/* Parses n characters into bits (cleared first); the highest rank + 1 in
 * *top. -1 on a bad digit or a rank at or past `limit`. */
static inline int vc_ranks_parse(const char *s, size_t n, uint8_t *bits, unsigned limit, unsigned *top)
{
	size_t i = 0, skip = 0;
	for (size_t k = 0; k < VC_RANKS_BYTES; k++)
		bits[k] = 0;
	*top = 0;
	while (i < n && s[i] >= '0' && s[i] <= '9' && skip <= VC_RANKS_MAX)
		skip = skip * 10 + (size_t)(s[i++] - '0');
	if (i < n && s[i] == '+')
		i++;
	else
		i = 0, skip = 0; /* no count: the digits start at once */
	if (i == n && n)
		return -1;
	for (size_t d = 0; i < n; i++, d++) {
		int v = vc_hex_digit_value(s[i]);
		if (v < 0)
			return -1;
		for (unsigned b = 0; b < 4; b++) {
			if (!(v & (1 << b)))
				continue;
			size_t rank = 4 * (skip + d) + b;
			if (rank >= limit || rank >= VC_RANKS_MAX)
				return -1;
			vc_ranks_add(bits, (unsigned)rank);
			*top = (unsigned)rank + 1;
		}
	}
	return 0;
}

/* Formats the ranks below `top` into out (VC_RANKS_TEXT bytes); returns
 * the length. Leading zero digits travel as their count. */
static inline size_t vc_ranks_format(const uint8_t *bits, unsigned top, char *out)
{
	static const char hexdig[] = "0123456789abcdef";
	unsigned digits = (top + 3) / 4, skip = 0;
	size_t len = 0;
	while (skip < digits && !((bits[skip / 2] >> (4 * (skip % 2))) & 0xf))
		skip++;
	if (skip == digits) {
		out[0] = '0', out[1] = 0; /* the empty set */
		return 1;
	}
	if (skip) {
		char num[8];
		unsigned k = 0;
		for (unsigned v = skip; v; v /= 10)
			num[k++] = (char)('0' + v % 10);
		while (k)
			out[len++] = num[--k];
		out[len++] = '+';
	}
	for (unsigned i = skip; i < digits; i++)
		out[len++] = hexdig[(bits[i / 2] >> (4 * (i % 2))) & 0xf];
	out[len] = 0;
	return len;
}
#endif
