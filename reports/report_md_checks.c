/* report-checks.md: every cell's conformance in full (per device a count
 * of check verdicts, every check that did not pass), linked from
 * report.md, which only counts them. */
#include <stdio.h>
#include "harness/util/md_text.h"
#include "reports/report_md.h"
#include "reports/report_writers.h"

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
	size_t shown = 0;
	fputs("## Conformance\n\n", f);
	for (size_t i = 0; i < run->ncells; i++) {
		const struct rep_cell *c = &run->cells[i];
		if (!rep_cell_shows_conformance(c))
			continue;
		shown++;
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
	if (!shown)
		fputs("No cell ran the check catalogue.\n", f);
}

int rep_write_md_checks(const struct rep_run *run, FILE *f)
{
	fputs("# vcheck report: checks\n\nBack to the summary: [report.md](" REP_MD_SUMMARY ").\n\n", f);
	write_conformance(run, f);
	return ferror(f) ? -1 : 0;
}
