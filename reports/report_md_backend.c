/* report.md's backend parts (report_backend.h): the daemons a run started,
 * QEMU's view of a side-effect device, the backend column of its registers. */
#include <stdio.h>
#include "harness/util/md_text.h"
#include "reports/report_backend.h"
#include "reports/report_md.h"

static void md_table(FILE *f, const char *const *head, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(f, "| %s ", head[i]);
	fputs("|\n", f);
	for (size_t i = 0; i < n; i++)
		fputs("|---", f);
	fputs("|\n", f);
}

static void md_row(FILE *f, const struct rep_row *row, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fputs("| ", f);
		md_text(f, row->cell[i]);
		fputc(' ', f);
	}
	fputs("|\n", f);
}

void rep_md_daemons(const struct rep_run *run, FILE *f)
{
	if (!run->any_daemons)
		return;
	fputs("## Backend daemons\n\n" REP_DAEMON_INTRO "\n\n", f);
	md_table(f, rep_daemon_head, REP_DAEMON_COLS);
	struct rep_row row;
	for (size_t i = 0; i < run->ncells; i++)
		for (size_t k = 0; k < run->cells[i].ndaemons; k++) {
			rep_daemon_row(&run->cells[i], &run->cells[i].daemons[k], &row);
			md_row(f, &row, REP_DAEMON_COLS);
		}
	fputc('\n', f);
}

void rep_md_qemu_status(const struct rep_device *d, FILE *f)
{
	if (!d->nqstatus)
		return;
	fputs(REP_QSTATUS_INTRO "\n\n", f);
	md_table(f, rep_qstatus_head, REP_QSTATUS_COLS);
	struct rep_row row;
	for (size_t i = 0; i < d->nqstatus; i++) {
		rep_qstatus_row(&d->qstatus[i], &row);
		md_row(f, &row, REP_QSTATUS_COLS);
	}
	fputc('\n', f);
}

void rep_md_backend_cell(const struct rep_device *d, const struct rep_register *r, FILE *f)
{
	if (!d->has_backend)
		return;
	char text[256];
	rep_backend_text(r, text, sizeof(text));
	fputs(" | ", f);
	md_text(f, text[0] ? text : NULL);
}
