/* The options a command's usage line names, for the man page and the
 * completion: the usage is the one place they are listed for the reader. */
#include <string.h>
#include "cli/commands.h"

static int is_opt_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

/* An option starts after '[', ' ' or '|' with '-' and a letter. */
static int starts_option(const char *u, const char *p)
{
	return p[0] == '-' && (p == u || p[-1] == '[' || p[-1] == ' ' || p[-1] == '|') &&
	       ((p[1] >= 'a' && p[1] <= 'z') || (p[1] == '-' && p[2] >= 'a' && p[2] <= 'z'));
}

size_t vc_usage_options(const char *usage, const char **out, size_t *lens, size_t max)
{
	size_t n = 0;
	for (const char *p = usage; *p && n < max; p++) {
		if (!starts_option(usage, p))
			continue;
		size_t len = 1;
		while (is_opt_char(p[len]))
			len++;
		int seen = 0;
		for (size_t i = 0; i < n && !seen; i++)
			seen = lens[i] == len && !strncmp(out[i], p, len);
		if (!seen)
			out[n] = p, lens[n++] = len;
		p += len - 1;
	}
	return n;
}
