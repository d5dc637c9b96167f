/* Text for the Markdown report: escaped so that nothing from results.json
 * breaks a table or starts a link, heading or list. */
#ifndef VC_REPORT_MD_TEXT_H
#define VC_REPORT_MD_TEXT_H
#include <stdio.h>

/* A table cell's or list item's text; NULL is "-". */
void md_text(FILE *f, const char *s);
#endif
