#ifndef VC_FORMAT_H
#define VC_FORMAT_H
#include <stdarg.h>
#include <stddef.h>
int vc_vsnprintf(char *buf, size_t cap, const char *fmt, va_list ap);
int vc_snprintf(char *buf, size_t cap, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
#endif
