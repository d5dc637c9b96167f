/* The parts of the Markdown report: the summary page report.md with its
 * cells, verdict counts and side-effect matrix (report_md.c), what each
 * model cannot serve (report_md_heatmap.c), the personalities section
 * (report_md_personalities.c), the backend parts (report_md_backend.c);
 * the full tables in report-checks.md (report_md_checks.c) and
 * report-registers.md (report_md_registers.c). */
#ifndef VC_REPORT_MD_H
#define VC_REPORT_MD_H
#include <stdio.h>
#include "reports/report_model.h"

/* The checks whose verdict differs between personalities; nothing when no
 * target and transport ran under more than one. */
void rep_md_personalities(const struct rep_run *run, FILE *f);
/* Per side-effect device, the registers and fields each model judges
 * cannot-work or sync-backend. */
void rep_md_heatmap(const struct rep_run *run, FILE *f);
/* The backend daemons every cell started; nothing when none did. */
void rep_md_daemons(const struct rep_run *run, FILE *f);
/* QEMU's view of a side-effect device; nothing when it has none. */
void rep_md_qemu_status(const struct rep_device *d, FILE *f);
/* The register table's backend cell (" | write: SET_CONFIG"), written only
 * when some register of the device reached the backend. */
void rep_md_backend_cell(const struct rep_device *d, const struct rep_register *r, FILE *f);
#endif
