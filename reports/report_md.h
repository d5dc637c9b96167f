/* The parts of report.md: the page with its cells, conformance and side
 * effects (report_md.c) and the personalities section
 * (report_md_personalities.c). */
#ifndef VC_REPORT_MD_H
#define VC_REPORT_MD_H
#include <stdio.h>
#include "report_model.h"

/* The checks whose verdict differs between personalities; nothing when no
 * target and transport ran under more than one. */
void rep_md_personalities(const struct rep_run *run, FILE *f);
#endif
