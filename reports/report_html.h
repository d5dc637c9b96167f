/* The parts of report.html, one file each: the page with its cells and
 * conformance (report_html.c) and the side-effect sections
 * (report_html_sidefx.c). */
#ifndef VC_REPORT_HTML_H
#define VC_REPORT_HTML_H
#include <stdio.h>
#include "report_model.h"

/* The devices x models matrix and one register table per device. */
void rep_html_sidefx(const struct rep_run *run, FILE *f);
#endif
