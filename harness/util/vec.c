#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/util/vec.h"

static void out_of_memory(void)
{
	fprintf(stderr, "vcheck: out of memory\n");
	exit(2);
}

void *vc_vec_grow(void *items, size_t elem, size_t n, size_t *cap)
{
	if (n < *cap)
		return items;
	size_t ncap = *cap ? *cap * 2 : 8;
	char *p = realloc(items, ncap * elem);
	if (!p)
		out_of_memory();
	memset(p + *cap * elem, 0, (ncap - *cap) * elem);
	*cap = ncap;
	return p;
}

void *vc_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *vc_xstrdup(const char *s)
{
	char *p = strdup(s ? s : "");
	if (!p)
		out_of_memory();
	return p;
}

char *vc_xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		out_of_memory(); /* only an invalid format fails, and there are none */
	char *s = vc_xcalloc((size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

char *vc_hexdup(const unsigned char *b, size_t n)
{
	char *s = vc_xcalloc(2 * n + 1, 1);
	for (size_t i = 0; i < n; i++)
		snprintf(s + 2 * i, 3, "%02x", b[i]);
	return s;
}

void vc_hexfree(char *s) { free(s); }
