/* The human-readable reports of a run, from the shared report model:
 * Markdown (report.md, a summary short enough for a CI artifact viewer,
 * linking the full tables in report-checks.md and report-registers.md)
 * and one self-contained HTML5 file (report.html). Each writer returns 0,
 * or -1 when writing failed. */
#ifndef VC_REPORT_WRITERS_H
#define VC_REPORT_WRITERS_H
#include <stdio.h>
#include "reports/report_model.h"

#define REP_MD_SUMMARY "report.md"
#define REP_MD_CHECKS "report-checks.md"
#define REP_MD_REGISTERS "report-registers.md"
#define REP_HTML "report.html"

int rep_write_md(const struct rep_run *run, FILE *f);
int rep_write_md_checks(const struct rep_run *run, FILE *f);
int rep_write_md_registers(const struct rep_run *run, FILE *f);
int rep_write_html(const struct rep_run *run, FILE *f);

/* Every file of a report, in the order to write them; ends with a NULL
 * name. A caller writes them all into one directory: they link to each
 * other by name. */
struct rep_output {
	const char *name;
	int (*write)(const struct rep_run *run, FILE *f);
};
extern const struct rep_output rep_outputs[];
#endif
