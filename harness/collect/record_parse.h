/* Strict parser for the guest's record lines (vcheck/records.h). Safe on
 * any byte stream: every input gives a record, noise, or an error text. */
#ifndef VC_RECORD_PARSE_H
#define VC_RECORD_PARSE_H
#include <stddef.h>
#include "vcheck/records.h"

struct vc_rec {
	unsigned long seq;
	enum vc_record_kind kind;
	unsigned nfields;
	struct { const char *key, *val; } f[VC_RECORD_MAX_FIELDS];
	char buf[VC_RECORD_MAX_LINE + 1]; /* keys and values point in here */
};

enum vc_line_class { VC_LINE_RECORD, VC_LINE_NOISE, VC_LINE_MALFORMED };

/* Classifies one line (without its newline). On MALFORMED, err says why. */
enum vc_line_class vc_rec_parse_line(const char *line, size_t n, struct vc_rec *out,
				     char *err, size_t errlen);
const char *vc_rec_get(const struct vc_rec *r, const char *key);
/* Numeric field: decimal or 0x-hex; 0 on success. */
int vc_rec_get_u64(const struct vc_rec *r, const char *key, unsigned long long *v);
const char *vc_rec_kind_name(enum vc_record_kind k);
/* The value of one hex digit (either case), or -1. */
int vc_hex_digit(char c);

/* Splits a byte stream into lines and hands each to a callback. */
struct vc_line_splitter {
	char buf[VC_RECORD_MAX_LINE * 2];
	size_t len;
	int overflow; /* current line exceeded the buffer */
	void (*on_line)(void *ctx, const char *line, size_t n, int overlong);
	void *ctx;
};
void vc_splitter_feed(struct vc_line_splitter *s, const char *data, size_t n);
/* Delivers a final unterminated line, if any (truncated output). */
void vc_splitter_flush(struct vc_line_splitter *s);

#endif
