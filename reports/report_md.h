/* The parts of report.md: the page with its cells, conformance and side
 * effects (report_md.c), the personalities section
 * (report_md_personalities.c) and the backend parts (report_md_backend.c). */
#ifndef VC_REPORT_MD_H
#define VC_REPORT_MD_H
#include <stdio.h>
#include "reports/report_model.h"

/* The checks whose verdict differs between personalities; nothing when no
 * target and transport ran under more than one. */
void rep_md_personalities(const struct rep_run *run, FILE *f);
/* The backend daemons every cell started; nothing when none did. */
void rep_md_daemons(const struct rep_run *run, FILE *f);
/* QEMU's view of a side-effect device; nothing when it has none. */
void rep_md_qemu_status(const struct rep_device *d, FILE *f);
/* The register table's backend cell (" | write: SET_CONFIG"), written only
 * when some register of the device reached the backend. */
void rep_md_backend_cell(const struct rep_device *d, const struct rep_register *r, FILE *f);
#endif
