/* report-registers.md: every side-effect device's register table (classes,
 * backend requests, each model's verdict) with its evidence and the
 * models' reasons, linked from report.md, which holds the matrix. */
#include <stdio.h>
#include "harness/util/md_text.h"
#include "reports/report_backend.h"
#include "reports/report_md.h"
#include "reports/report_writers.h"

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

int rep_write_md_registers(const struct rep_run *run, FILE *f)
{
	fputs("# vcheck report: side-effect registers\n\nBack to the summary: [report.md](" REP_MD_SUMMARY ").\n\n", f);
	if (!run->any_registers)
		fputs("No cell ran side-effect discovery (`vcheck run --sidefx`).\n", f);
	for (size_t i = 0; i < run->ncells; i++)
		for (size_t k = 0; k < run->cells[i].ndevices; k++)
			if (run->cells[i].devices[k].has_registers)
				write_sidefx_device(&run->cells[i], &run->cells[i].devices[k], f);
	return ferror(f) ? -1 : 0;
}
