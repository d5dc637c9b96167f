#include <errno.h>
#include <stdlib.h>
#include "harness/util/size.h"

static unsigned shift_of(char c) { return c == 'K' ? 10 : c == 'M' ? 20 : c == 'G' ? 30 : 0; }

int vc_size_prefix(const char *s, const char **end, unsigned long long max, unsigned long long *bytes)
{
	char *e;
	if (*s < '0' || *s > '9') /* no sign, no space: strtoull would take both */
		return -1;
	errno = 0;
	unsigned long long n = strtoull(s, &e, 0);
	unsigned shift = shift_of(*e);
	if (errno || n > max >> shift)
		return -1;
	*bytes = n << shift;
	*end = e + (shift != 0);
	return 0;
}

int vc_size_parse(const char *s, unsigned long long max, unsigned long long *bytes)
{
	const char *end;
	unsigned long long b;
	if (vc_size_prefix(s, &end, max, &b) || *end)
		return -1;
	*bytes = b;
	return 0;
}
