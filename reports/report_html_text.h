/* Text for the HTML report: escaped so that nothing from results.json is
 * markup, and cleaned of what HTML5 forbids in a document (control
 * characters, noncharacters). */
#ifndef VC_REPORT_HTML_TEXT_H
#define VC_REPORT_HTML_TEXT_H
#include <stdio.h>

/* Text or a double-quoted attribute value; NULL writes nothing. */
void html_text(FILE *f, const char *s);
/* A table cell's text: NULL is an em dash. */
void html_cell_text(FILE *f, const char *s);
/* A check verdict's cell: td.verdict.v-NAME[data-verdict]. */
void rep_html_verdict_cell(FILE *f, const char *name, int v);
#endif
