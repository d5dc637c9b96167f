#include <string.h>
#include "harness/util/escape.h"
#include "harness/util/md_text.h"

/* Punctuation Markdown would interpret inline is backslash-escaped, line
 * breaks become spaces, other control characters U+FFFD. */
static int md_plain(unsigned char c) { return c >= 0x20 && c != 0x7f && !strchr("\\`*_[]<>|~&", c); }

static void md_special(FILE *f, unsigned char c)
{
	if (c >= 0x20 && c != 0x7f)
		fprintf(f, "\\%c", c);
	else
		fputs(c == '\n' || c == '\r' || c == '\t' ? " " : "\xef\xbf\xbd", f);
}

void md_text(FILE *f, const char *s)
{
	if (!s) {
		fputc('-', f);
		return;
	}
	/* what starts a heading or a list at the start of a line */
	if (*s && strchr("#-+", *s))
		fputc('\\', f);
	vc_write_escaped(f, s, md_plain, md_special);
}
