/* report.md: the run as GitHub-flavoured Markdown, for a pipeline summary or
 * a merge request comment. Every text from the file is escaped, so a detail
 * cannot break a table or start a link. */
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

static int has_other_verdicts(const struct rep_cell *c)
{
	for (size_t d = 0; d < c->ndevices; d++)
		if (c->devices[d].verdict_counts[REP_VERDICT_OTHER])
			return 1;
	return 0;
}

static void write_counts(const struct rep_cell *c, FILE *f)
{
	int other = has_other_verdicts(c), nv = VC_VERDICT__COUNT + (other ? 1 : 0);
	fputs("| device | interface | location |", f);
	for (int v = 0; v < nv; v++)
		fprintf(f, " %s |", rep_verdict_label(v));
	fputs("\n|---|---|---|", f);
	for (int v = 0; v < nv; v++)
		fputs("---:|", f);
	fputc('\n', f);
	for (size_t i = 0; i < c->ndevices; i++) {
		const struct rep_device *d = &c->devices[i];
		fputs("| ", f);
		md_text(f, rep_device_label(d));
		fputs(" | ", f);
		md_text(f, d->interface);
		fputs(" | ", f);
		md_text(f, d->location);
		fputs(" |", f);
		for (int v = 0; v < nv; v++)
			fprintf(f, " %u |", d->verdict_counts[v]);
		fputc('\n', f);
	}
	fputc('\n', f);
}

static void write_non_pass(const struct rep_cell *c, FILE *f)
{
	size_t total = 0, shown = 0;
	for (size_t i = 0; i < c->ndevices; i++) {
		const struct rep_device *d = &c->devices[i];
		for (size_t k = 0; k < d->nchecks; k++, total++) {
			const struct rep_check *r = &d->checks[k];
			if (r->verdict == VC_PASS)
				continue;
			if (!shown++)
				fputs("Checks that did not pass:\n\n"
				      "| device | check | verdict | spec | title | detail |\n"
				      "|---|---|---|---|---|---|\n", f);
			const char *cols[] = { rep_device_label(d), r->id, r->verdict_name, r->spec, r->title,
					       r->detail };
			for (size_t j = 0; j < sizeof(cols) / sizeof(cols[0]); j++) {
				fputs(j == 2 ? "| **" : "| ", f);
				md_text(f, cols[j]);
				fputs(j == 2 ? "** " : " ", f);
			}
			if (r->baseline) {
				fputs("(known: ", f);
				md_text(f, r->baseline);
				fputs(") ", f);
			}
			fputs("|\n", f);
		}
	}
	if (!total)
		fputs("No checks ran in this cell.\n", f);
	else if (!shown)
		fprintf(f, "All %zu checks passed.\n", total);
	fputc('\n', f);
}

static void write_conformance(const struct rep_run *run, FILE *f)
{
	fputs("## Conformance\n\n", f);
	for (size_t i = 0; i < run->ncells; i++) {
		const struct rep_cell *c = &run->cells[i];
		if (!rep_cell_shows_conformance(c))
			continue;
		fputs("### ", f);
		md_text(f, c->name);
		fputs("\n\n", f);
		for (size_t p = 0; p < c->nproblems; p++) {
			fputs(p ? "- " : "Problems:\n\n- ", f);
			md_text(f, c->problems[p]);
			fputs(p + 1 == c->nproblems ? "\n\n" : "\n", f);
		}
		if (c->ndevices)
			write_counts(c, f);
		else
			fputs("No devices were found.\n\n", f);
		write_non_pass(c, f);
	}
}

static void write_reg_row(const struct rep_device *d, const struct rep_register *r, FILE *f)
{
	fputs("| ", f);
	md_text(f, r->space);
	fputs(" | ", f);
	md_text(f, r->offset);
	fprintf(f, " | %u | ", r->width);
	md_text(f, r->name);
	fputs(" | ", f);
	md_text(f, r->spec_access);
	fputs(" | ", f);
	for (size_t k = 0; k < r->nclasses; k++) {
		fputs(k ? ", " : "", f);
		md_text(f, r->classes[k]);
	}
	rep_md_backend_cell(d, r, f);
	for (int m = 0; m < VC_HV__COUNT; m++) {
		fputs(" | ", f);
		md_text(f, r->models[m].name);
	}
	fputs(" |\n", f);
}

/* Evidence and the models' reasons, as a list per register below the table. */
static void write_reg_notes(const struct rep_register *r, FILE *f)
{
	fputs("- ", f);
	md_text(f, r->space);
	fputc(' ', f);
	md_text(f, r->offset);
	fprintf(f, "/%u ", r->width);
	md_text(f, r->name);
	fputc('\n', f);
	for (size_t k = 0; k < r->nevidence; k++) {
		fputs("  - ", f);
		md_text(f, r->evidence[k]);
		fputc('\n', f);
	}
	for (int m = 0; m < VC_HV__COUNT; m++)
		if (r->models[m].reason) {
			fprintf(f, "  - %s: ", vc_hv_model_name((enum vc_hv_model)m));
			md_text(f, r->models[m].name);
			fputs(", ", f);
			md_text(f, r->models[m].reason);
			fputc('\n', f);
		}
}

static void write_sidefx_device(const struct rep_cell *c, const struct rep_device *d, FILE *f)
{
	fputs("### ", f);
	md_text(f, rep_device_label(d));
	fputs(" on ", f);
	md_text(f, d->interface);
	fputs(" (", f);
	md_text(f, d->location);
	fputs("), cell ", f);
	md_text(f, c->name);
	fputs("\n\n", f);
	if (!d->nregs) {
		fputs("No registers were touched.\n\n", f);
		return;
	}
	fputs("| space | offset | width | name | spec access | classes |", f);
	if (d->has_backend)
		fputs(" " REP_BACKEND_HEAD " |", f);
	for (int m = 0; m < VC_HV__COUNT; m++)
		fprintf(f, " %s |", vc_hv_model_name((enum vc_hv_model)m));
	fputs("\n|---|---|---:|---|---|---|", f);
	for (int m = 0; m < VC_HV__COUNT + d->has_backend; m++)
		fputs("---|", f);
	fputc('\n', f);
	for (size_t i = 0; i < d->nregs; i++)
		write_reg_row(d, &d->regs[i], f);
	fputc('\n', f);
	rep_md_qemu_status(d, f);
	fputs("Evidence:\n\n", f);
	for (size_t i = 0; i < d->nregs; i++)
		write_reg_notes(&d->regs[i], f);
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

static void write_sidefx(const struct rep_run *run, FILE *f)
{
	fputs("## Side effects\n\n", f);
	if (!run->any_registers) {
		fputs("No cell ran side-effect discovery (`vcheck run --sidefx`).\n", f);
		return;
	}
	write_matrix(run, f);
	for (size_t i = 0; i < run->ncells; i++)
		for (size_t k = 0; k < run->cells[i].ndevices; k++)
			if (run->cells[i].devices[k].has_registers)
				write_sidefx_device(&run->cells[i], &run->cells[i].devices[k], f);
}

int rep_write_md(const struct rep_run *run, FILE *f)
{
	fputs("# vcheck report\n\nRun verdict: **", f);
	md_text(f, run->verdict_name);
	fprintf(f, "** (%zu cell%s, schema %s)\n\n", run->ncells, run->ncells == 1 ? "" : "s", REP_SCHEMA);
	write_cells(run, f);
	rep_md_daemons(run, f);
	write_conformance(run, f);
	rep_md_personalities(run, f);
	write_sidefx(run, f);
	return ferror(f) ? -1 : 0;
}
