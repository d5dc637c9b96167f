/* report.html's backend parts (report_backend.h):
 *   section#daemons table#daemon-table tr[data-cell][data-device][data-program]
 *     [data-ended];
 *   table.qemu-status tr[data-after][data-status] in a side-effect device's
 *     section;
 *   td.backend[data-on-write][data-on-read] (comma lists of vhost-user
 *     request names) in its register table, when any register has one. */
#include <stdio.h>
#include "reports/report_backend.h"
#include "reports/report_html.h"
#include "reports/report_html_text.h"

static void head_row(FILE *f, const char *const *head, size_t n)
{
	fputs("<thead><tr>", f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "<th scope=\"col\">%s</th>", head[i]);
	fputs("</tr></thead>\n<tbody>\n", f);
}

static void cells(FILE *f, const struct rep_row *row, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		fputs("<td>", f);
		html_cell_text(f, row->cell[i]);
		fputs("</td>", f);
	}
	fputs("</tr>\n", f);
}

static void attr(FILE *f, const char *name, const char *value)
{
	fprintf(f, " %s=\"", name);
	html_text(f, value);
	fputc('"', f);
}

void rep_html_daemons(const struct rep_run *run, FILE *f)
{
	if (!run->any_daemons)
		return;
	fputs("<section id=\"daemons\"><h2>Backend daemons</h2>\n<p>" REP_DAEMON_INTRO "</p>\n"
	      "<table id=\"daemon-table\">", f);
	head_row(f, rep_daemon_head, REP_DAEMON_COLS);
	struct rep_row row;
	for (size_t i = 0; i < run->ncells; i++)
		for (size_t k = 0; k < run->cells[i].ndaemons; k++) {
			const struct rep_daemon *d = &run->cells[i].daemons[k];
			fputs("<tr", f);
			attr(f, "data-cell", run->cells[i].name);
			attr(f, "data-device", d->model);
			attr(f, "data-program", d->program);
			attr(f, "data-ended", d->ended);
			fputc('>', f);
			rep_daemon_row(&run->cells[i], d, &row);
			cells(f, &row, REP_DAEMON_COLS);
		}
	fputs("</tbody></table></section>\n", f);
}

void rep_html_qemu_status(const struct rep_device *d, FILE *f)
{
	if (!d->nqstatus)
		return;
	fputs("<p>" REP_QSTATUS_INTRO "</p>\n<table class=\"qemu-status\">", f);
	head_row(f, rep_qstatus_head, REP_QSTATUS_COLS);
	struct rep_row row;
	for (size_t i = 0; i < d->nqstatus; i++) {
		rep_qstatus_row(&d->qstatus[i], &row);
		fputs("<tr", f);
		if (d->qstatus[i].after >= 0)
			fprintf(f, " data-after=\"%.0f\"", d->qstatus[i].after);
		attr(f, "data-status", d->qstatus[i].status);
		fputc('>', f);
		cells(f, &row, REP_QSTATUS_COLS);
	}
	fputs("</tbody></table>\n", f);
}

static void list_attr(FILE *f, const char *name, const char *const *v, size_t n)
{
	fprintf(f, " %s=\"", name);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? "," : "", f);
		html_text(f, v[i]);
	}
	fputc('"', f);
}

void rep_html_backend_head(const struct rep_device *d, FILE *f)
{
	if (d->has_backend)
		fputs("<th scope=\"col\">" REP_BACKEND_HEAD "</th>", f);
}

void rep_html_backend_cell(const struct rep_device *d, const struct rep_register *r, FILE *f)
{
	if (!d->has_backend)
		return;
	char text[256];
	rep_backend_text(r, text, sizeof(text));
	fputs("<td class=\"backend\"", f);
	list_attr(f, "data-on-write", r->backend_write, r->nbackend_write);
	list_attr(f, "data-on-read", r->backend_read, r->nbackend_read);
	fputc('>', f);
	html_cell_text(f, text[0] ? text : NULL);
	fputs("</td>", f);
}
