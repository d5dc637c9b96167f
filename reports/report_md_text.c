#include <string.h>
#include "reports/report_md_text.h"

/* Text in a table cell or list item: punctuation Markdown would interpret
 * inline is backslash-escaped (and what starts a heading or list at the
 * start), line breaks become spaces, other control characters U+FFFD.
 * NULL is "-". */
void md_text(FILE *f, const char *s)
{
	if (!s) {
		fputc('-', f);
		return;
	}
	if (*s && strchr("#-+", *s))
		fputc('\\', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c && strchr("\\`*_[]<>|~&", c))
			fprintf(f, "\\%c", c);
		else if (c == '\n' || c == '\r' || c == '\t')
			fputc(' ', f);
		else if (c < 0x20 || c == 0x7f)
			fputs("\xef\xbf\xbd", f);
		else
			fputc(c, f);
	}
}
