/* The parts of report.html, one file each: the page with its cells and
 * conformance (report_html.c), the personalities section
 * (report_html_personalities.c), the side-effect sections
 * (report_html_sidefx.c, the heatmap in report_html_heatmap.c) and the
 * backend parts (report_html_backend.c). */
#ifndef VC_REPORT_HTML_H
#define VC_REPORT_HTML_H
#include <stdio.h>
#include "reports/report_model.h"

/* The devices x models matrix, the heatmap and one register table per
 * device. */
void rep_html_sidefx(const struct rep_run *run, FILE *f);
/* Per model, every device's registers coloured by verdict
 * (report_html_heatmap.c). */
void rep_html_heatmap(const struct rep_run *run, FILE *f);
/* The checks whose verdict differs between personalities; nothing when no
 * target and transport ran under more than one. */
void rep_html_personalities(const struct rep_run *run, FILE *f);
/* The backend daemons every cell started; nothing when none did. */
void rep_html_daemons(const struct rep_run *run, FILE *f);
/* QEMU's view of a side-effect device; nothing when it has none. */
void rep_html_qemu_status(const struct rep_device *d, FILE *f);
/* The register table's backend header and cell, only when some register
 * of the device reached the backend. */
void rep_html_backend_head(const struct rep_device *d, FILE *f);
void rep_html_backend_cell(const struct rep_device *d, const struct rep_register *r, FILE *f);
/* The CSS class suffix of a model verdict (hv-NAME; "n/a" is "na"). */
const char *rep_html_hv_class(int v);
#endif
