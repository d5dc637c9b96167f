#include "harness/util/escape.h"

void vc_write_escaped(FILE *f, const char *s, int (*plain)(unsigned char c),
		      void (*special)(FILE *f, unsigned char c))
{
	while (s && *s) {
		size_t n = 0;
		while (s[n] && plain((unsigned char)s[n]))
			n++;
		fwrite(s, 1, n, f);
		s += n;
		if (*s)
			special(f, (unsigned char)*s++);
	}
}
