/* --trace FILE: what the device saw, one line each. A register access is
 *   r|w OFFSET SIZE VALUE        (hex offset in the window, size in bytes, hex value)
 * and every other line starts with a word: reset, notify, irq, config-change,
 * needs-reset, statusq, queue, refused. Buffered; flushed on each
 * notification and at the end. A NULL trace writes nothing. */
#ifndef XR_TRACE_H
#define XR_TRACE_H
#include <stdint.h>
#include <stdio.h>

struct xr_trace {
	FILE *f;
};

void xr_trace_access(struct xr_trace *t, char rw, uint32_t off, unsigned size, uint64_t value);
void xr_trace_event(struct xr_trace *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void xr_trace_flush(struct xr_trace *t);
#endif
