/* The readers' error return: the message into err (len bytes), then -1, so
 * a check can `return vc_errf(err, len, "...", ...)`. */
#ifndef VC_ERRF_H
#define VC_ERRF_H
#include <stddef.h>

int vc_errf(char *err, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
#endif
