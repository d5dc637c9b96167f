#include <stdint.h>
#include "reports/report_html_text.h"
#include "reports/report_model.h"

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

/* The code point of the UTF-8 sequence at s and its length; an ill-formed
 * sequence is one byte of U+FFFD. (The JSON reader only hands over valid
 * UTF-8; this keeps the writer safe on its own.) */
static uint32_t decode(const unsigned char *s, unsigned *len)
{
	unsigned n = s[0] < 0x80 ? 1 : s[0] >= 0xc2 && s[0] <= 0xdf ? 2
		   : s[0] >= 0xe0 && s[0] <= 0xef ? 3 : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4 : 0;
	*len = 1;
	if (!n)
		return 0xfffd;
	uint32_t cp = n == 1 ? s[0] : s[0] & (0x7f >> n);
	for (unsigned i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0xfffd;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	*len = n;
	return cp;
}

/* HTML5 makes these parse errors wherever they appear. */
static int forbidden(uint32_t cp)
{
	if (cp < 0x20)
		return cp != '\t' && cp != '\n' && cp != '\r';
	return (cp >= 0x7f && cp <= 0x9f) || (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe
	       || (cp >= 0xd800 && cp <= 0xdfff);
}

void html_text(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (p && *p) {
		unsigned len;
		uint32_t cp = decode(p, &len);
		switch (cp) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			if (forbidden(cp) || cp == 0xfffd)
				fputs(REPLACEMENT, f);
			else
				fwrite(p, 1, len, f);
		}
		p += len;
	}
}

void html_cell_text(FILE *f, const char *s)
{
	if (s)
		html_text(f, s);
	else
		fputs("&mdash;", f);
}

void rep_html_verdict_cell(FILE *f, const char *name, int v)
{
	fprintf(f, "<td class=\"verdict v-%s\" data-verdict=\"", rep_verdict_label(v));
	html_text(f, name);
	fputs("\">", f);
	html_cell_text(f, name);
	fputs("</td>", f);
}
