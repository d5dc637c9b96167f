/* report.md: the run as GitHub-flavoured Markdown, for a pipeline summary,
 * a merge request comment or a CI artifact viewer: a summary (cells,
 * verdict counts, the personalities section, the devices x models matrix
 * and what each model cannot serve) that stays small however big the run,
 * linking the full tables (report_md_checks.c, report_md_registers.c).
 * Every text from the file is escaped, so a detail cannot break a table or
 * start a link. */
#include <stdio.h>
#include "harness/util/md_text.h"
#include "reports/report_backend.h"
#include "reports/report_md.h"
#include "reports/report_writers.h"

static void write_cells(const struct rep_run *run, FILE *f)
{
	fputs("## Cells\n\n"
	      "| cell | target | transport | personality | accel | mode | outcome | verdict | seconds |\n"
	      "|---|---|---|---|---|---|---|---|---:|\n", f);
	for (size_t i = 0; i < run->ncells; i++) {
		const struct rep_cell *c = &run->cells[i];
		const char *cols[] = { c->name, c->target, c->transport, c->personality, c->accel, c->mode, c->outcome };
		for (size_t k = 0; k < sizeof(cols) / sizeof(cols[0]); k++) {
			fputs("| ", f);
			md_text(f, cols[k]);
			fputc(' ', f);
		}
		if (c->outcome_detail) {
			fputs("(", f);
			md_text(f, c->outcome_detail);
			fputs(") ", f);
		}
		fputs("| **", f);
		md_text(f, c->verdict_name);
		if (c->seconds >= 0)
			fprintf(f, "** | %.2f |\n", c->seconds);
		else
			fputs("** | - |\n", f);
	}
	fputc('\n', f);
}

/* "13 emulable, **1 cannot-work**": every verdict present, the worst bold. */
static void write_model_counts(const struct rep_device *d, int m, FILE *f)
{
	int any = 0;
	for (int v = 0; v <= REP_HV_OTHER; v++) {
		if (!d->hv_counts[m][v])
			continue;
		const char *b = v == d->hv_worst[m] ? "**" : "";
		fprintf(f, "%s%s%u %s%s", any++ ? ", " : "", b, d->hv_counts[m][v], rep_hv_label(v), b);
	}
	if (!any)
		fputc('-', f);
}

static void write_matrix(const struct rep_run *run, FILE *f)
{
	fputs("### Devices and hypervisor models\n\n"
	      "Registers per model verdict; the worst verdict in bold.\n\n"
	      "| cell | device | interface | registers |", f);
	for (int m = 0; m < VC_HV__COUNT; m++)
		fprintf(f, " %s |", vc_hv_model_name((enum vc_hv_model)m));
	fputs("\n|---|---|---|---:|", f);
	for (int m = 0; m < VC_HV__COUNT; m++)
		fputs("---|", f);
	fputc('\n', f);
	for (size_t i = 0; i < run->ncells; i++)
		for (size_t k = 0; k < run->cells[i].ndevices; k++) {
			const struct rep_device *d = &run->cells[i].devices[k];
			if (!d->has_registers)
				continue;
			fputs("| ", f);
			md_text(f, run->cells[i].name);
			fputs(" | ", f);
			md_text(f, rep_device_label(d));
			fputs(" | ", f);
			md_text(f, d->interface);
			fprintf(f, " | %zu |", d->nregs);
			for (int m = 0; m < VC_HV__COUNT; m++) {
				fputc(' ', f);
				write_model_counts(d, m, f);
				fputs(" |", f);
			}
			fputc('\n', f);
		}
	fputc('\n', f);
}

/* The verdicts of a cell's checks: "44 PASS, 1 WARN", or "-". */
static void write_cell_counts(const struct rep_cell *c, FILE *f)
{
	int any = 0;
	for (int v = 0; v <= VC_VERDICT__COUNT; v++) {
		unsigned n = 0;
		for (size_t d = 0; d < c->ndevices; d++)
			n += c->devices[d].verdict_counts[v];
		if (n)
			fprintf(f, "%s%u %s", any++ ? ", " : "", n, rep_verdict_label(v));
	}
	if (!any)
		fputc('-', f);
}

static void write_conformance(const struct rep_run *run, FILE *f)
{
	size_t shown = 0;
	fputs("## Conformance\n\n", f);
	for (size_t i = 0; i < run->ncells; i++) {
		const struct rep_cell *c = &run->cells[i];
		if (!rep_cell_shows_conformance(c))
			continue;
		if (!shown++)
			fputs("| cell | devices | checks | not passed | verdicts |\n|---|---:|---:|---:|---|\n", f);
		size_t total = 0, passed = 0;
		for (size_t d = 0; d < c->ndevices; d++)
			total += c->devices[d].nchecks, passed += c->devices[d].verdict_counts[VC_PASS];
		fputs("| ", f);
		md_text(f, c->name);
		fprintf(f, " | %zu | %zu | %zu | ", c->ndevices, total, total - passed);
		write_cell_counts(c, f);
		fputs(" |\n", f);
	}
	if (!shown) {
		fputs("No cell ran the check catalogue.\n\n", f);
		return;
	}
	fputc('\n', f);
	size_t problems = 0;
	for (size_t i = 0; i < run->ncells; i++)
		for (size_t p = 0; p < run->cells[i].nproblems; p++, problems++) {
			fputs("- problem in ", f);
			md_text(f, run->cells[i].name);
			fputs(": ", f);
			md_text(f, run->cells[i].problems[p]);
			fputc('\n', f);
		}
	fputs(problems ? "\n" : "", f);
	fputs("Every check that did not pass, per cell and device: [" REP_MD_CHECKS "](" REP_MD_CHECKS ").\n\n", f);
}

static void write_sidefx(const struct rep_run *run, FILE *f)
{
	fputs("## Side effects\n\n", f);
	if (!run->any_registers) {
		fputs("No cell ran side-effect discovery (`vcheck run --sidefx`).\n", f);
		return;
	}
	size_t devices = 0, regs = 0;
	for (size_t i = 0; i < run->ncells; i++)
		for (size_t k = 0; k < run->cells[i].ndevices; k++)
			if (run->cells[i].devices[k].has_registers)
				devices++, regs += run->cells[i].devices[k].nregs;
	fprintf(f, "%zu device%s, %zu registers (every config byte at every width). Each register's table, "
		   "evidence and the models' reasons: [" REP_MD_REGISTERS "](" REP_MD_REGISTERS "); the heatmap: "
		   "[" REP_HTML "](" REP_HTML ").\n\n", devices, devices == 1 ? "" : "s", regs);
	write_matrix(run, f);
	rep_md_heatmap(run, f);
}

int rep_write_md(const struct rep_run *run, FILE *f)
{
	fputs("# vcheck report\n\nRun verdict: **", f);
	md_text(f, run->verdict_name);
	fprintf(f, "** (%zu cell%s, schema %s)\n\n", run->ncells, run->ncells == 1 ? "" : "s", REP_SCHEMA);
	fputs("A summary. The full tables: [" REP_MD_CHECKS "](" REP_MD_CHECKS "), [" REP_MD_REGISTERS "]("
	      REP_MD_REGISTERS "); everything, with the side-effect heatmap: [" REP_HTML "](" REP_HTML ").\n\n", f);
	write_cells(run, f);
	rep_md_daemons(run, f);
	write_conformance(run, f);
	rep_md_personalities(run, f);
	write_sidefx(run, f);
	return ferror(f) ? -1 : 0;
}
