/* Record writer: builds one line in a buffer, seals it with the sequence
 * number and checksum from vcheck/records.h, and writes it in one go. */
#include <stdint.h>
#include "vcheck/records.h"
#include "guests/lib/console.h"
#include "guests/lib/format.h"
#include "guests/lib/record.h"
#include <string.h>

static char line[VC_RECORD_MAX_LINE];
static size_t len;
static uint32_t seq, lost;
static const char hexdig[] = "0123456789abcdef";

static void append(const char *s, size_t n)
{
	/* Leave room for " #xxxxxxxx\n"; an over-long record is cut, and the
	 * host then reports it as malformed rather than guessing. */
	size_t room = sizeof(line) - 12 - len;
	if (n > room)
		n = room;
	memcpy(line + len, s, n);
	len += n;
}

static void append_char(char c) { append(&c, 1); }

void rec_begin(const char *kind)
{
	len = 0;
	append(VC_RECORD_PREFIX, sizeof(VC_RECORD_PREFIX) - 1);
	char num[24];
	int n = vc_snprintf(num, sizeof(num), "%u ", (unsigned)seq);
	append(num, (size_t)n);
	append(kind, strlen(kind));
}

static void key(const char *k)
{
	append_char(' ');
	append(k, strlen(k));
	append_char('=');
}

void rec_str(const char *k, const char *v)
{
	key(k);
	if (!*v)
		append("%00", 3); /* a value is never empty on the wire */
	for (; *v; v++) {
		if (vc_record_plain_char(*v)) {
			append_char(*v);
			continue;
		}
		char esc[3] = { '%', hexdig[(uint8_t)*v >> 4], hexdig[*v & 0xf] };
		append(esc, 3);
	}
}

void rec_raw(const char *pairs)
{
	append(pairs, strlen(pairs));
}

void rec_u64(const char *k, uint64_t v)
{
	char num[24];
	key(k);
	append(num, (size_t)vc_snprintf(num, sizeof(num), "%llu", (unsigned long long)v));
}

void rec_hex(const char *k, uint64_t v)
{
	char num[24];
	key(k);
	append(num, (size_t)vc_snprintf(num, sizeof(num), "0x%llx", (unsigned long long)v));
}

void rec_bytes(const char *k, const uint8_t *b, size_t n)
{
	key(k);
	if (!n)
		append("-", 1);
	for (size_t i = 0; i < n; i++) {
		append_char(hexdig[b[i] >> 4]);
		append_char(hexdig[b[i] & 0xf]);
	}
}

void rec_end(void)
{
	char tail[16];
	uint32_t h = vc_record_hash(line, len);
	int n = vc_snprintf(tail, sizeof(tail), " #%08x\n", (unsigned)h);
	memcpy(line + len, tail, (size_t)n);
	if (!lost || seq != lost) {
		console_mark(seq);
		console_write(line, len + (size_t)n);
	}
	seq++;
}

uint32_t rec_count(void) { return seq; }

void rec_lose(uint32_t n) { lost = n; }

void rec_log(const char *fmt, ...)
{
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vc_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rec_begin("log");
	rec_str("msg", msg);
	rec_end();
}
