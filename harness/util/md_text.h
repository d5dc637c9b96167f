/* Text for Markdown pages (the report, `vcheck diff --markdown`): escaped so
 * that nothing from results.json breaks a table or starts a link, heading
 * or list. In util because the report writers (reports/) and the diff
 * (harness/results/) both write it and neither may see the other. */
#ifndef VC_MD_TEXT_H
#define VC_MD_TEXT_H
#include <stdio.h>

/* A table cell's or list item's text; NULL is "-". */
void md_text(FILE *f, const char *s);
#endif
