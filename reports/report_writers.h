/* The human-readable reports of a run, from the shared report model:
 * Markdown (report.md) and one self-contained HTML5 file (report.html).
 * Both return 0, or -1 when writing failed. */
#ifndef VC_REPORT_WRITERS_H
#define VC_REPORT_WRITERS_H
#include <stdio.h>
#include "reports/report_model.h"

int rep_write_md(const struct rep_run *run, FILE *f);
int rep_write_html(const struct rep_run *run, FILE *f);
#endif
