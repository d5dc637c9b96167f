#include "trace.h"

#include <stdarg.h>

void xr_trace_access(struct xr_trace *t, char rw, uint32_t off, unsigned size, uint64_t value)
{
	if (t && t->f)
		fprintf(t->f, "%c 0x%03x %u 0x%llx\n", rw, off, size, (unsigned long long)value);
}

void xr_trace_event(struct xr_trace *t, const char *fmt, ...)
{
	if (!t || !t->f)
		return;
	va_list ap;
	va_start(ap, fmt);
	vfprintf(t->f, fmt, ap);
	va_end(ap);
	fputc('\n', t->f);
}

void xr_trace_flush(struct xr_trace *t)
{
	if (t && t->f)
		fflush(t->f);
}
