/* Building records; the format itself is in vcheck/records.h. */
#ifndef VC_RECORD_H
#define VC_RECORD_H
#include <stddef.h>
#include <stdint.h>
void rec_begin(const char *kind);
void rec_str(const char *key, const char *val);
void rec_u64(const char *key, uint64_t v);
void rec_hex(const char *key, uint64_t v);
void rec_bytes(const char *key, const uint8_t *b, size_t n);
/* Pre-built " key=value" pairs whose characters are all plain (records.h). */
void rec_raw(const char *pairs);
void rec_end(void);
uint32_t rec_count(void);
/* The harness's own channel test (vcheck.lose): the record with this
 * sequence number is built but never sent, as a console that drops a line
 * would lose it. 0 sends every record (the start record is always sent). */
void rec_lose(uint32_t seq);
void rec_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#endif
