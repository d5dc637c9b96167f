/* Line-by-line reading of a text held in memory, shared by the harness's
 * line-oriented formats (targets, baselines, spec section lists). */
#ifndef VC_TEXT_LINES_H
#define VC_TEXT_LINES_H
#include <string.h>

/* Cuts the next line out of *cursor in place (NUL for '\n', and for '#' and
 * what follows when comments are stripped) and counts it in *lineno.
 * NULL when the text is used up. */
static inline char *vc_next_line(char **cursor, int *lineno, int strip_comment)
{
	char *line = *cursor;
	if (!line)
		return NULL;
	char *nl = strchr(line, '\n');
	if (nl)
		*nl++ = 0;
	*cursor = nl;
	++*lineno;
	char *hash = strip_comment ? strchr(line, '#') : NULL;
	if (hash)
		*hash = 0;
	return line;
}
#endif
