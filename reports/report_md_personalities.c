/* The personalities section of report.md: per non-direct cell, a table of
 * the checks whose verdict differs from the direct cell's, the rules that
 * fired and the model's verdict for their registers, then every
 * disagreement with the model's reason, and what was not compared. */
#include <stdio.h>
#include "harness/util/md_text.h"
#include "reports/report_md.h"
#include "reports/report_personalities.h"


static void write_agreement(enum rep_agreement a, FILE *f)
{
	if (a == REP_DISAGREES)
		fputs("**DISAGREES**", f);
	else
		fputs(rep_agreement_name(a), f);
}

/* "reset-posted at Status: cannot-work; ..." or "none". */
static void write_rules(const struct rep_diff *d, int models_given, FILE *f)
{
	if (!d->nrules)
		fputs("none", f);
	for (size_t i = 0; i < d->nrules; i++) {
		const struct rep_rule *r = &d->rules[i];
		fputs(i ? "; " : "", f);
		md_text(f, r->name);
		rep_pers_write_register(f, r, md_text);
		if (models_given)
			fprintf(f, ": %s", rep_hv_label(r->verdict));
	}
}

static void write_row(const struct rep_diff *d, int models_given, FILE *f)
{
	const struct rep_check *k = d->check;
	const char *cols[] = { rep_device_label(d->dev), k->id, k->spec ? k->spec : d->base->spec,
			       k->title ? k->title : d->base->title };
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		fputs("| ", f);
		md_text(f, cols[i]);
		fputc(' ', f);
	}
	fputs("| ", f);
	md_text(f, d->base->verdict_name);
	fputs(" | ", f);
	md_text(f, k->verdict_name);
	fputs(" | ", f);
	write_rules(d, models_given, f);
	fputs(" | ", f);
	write_agreement(d->agreement, f);
	fputs(" |\n", f);
}

static void write_table(const struct rep_pair *p, int models_given, FILE *f)
{
	fputs("| device | check | spec | title | ", f);
	md_text(f, p->base->personality);
	fputs(" | ", f);
	md_text(f, p->cell->personality);
	fputs(" | rules that fired", f);
	if (models_given) {
		fputs(": register: ", f);
		md_text(f, p->model >= 0 ? vc_hv_model_name((enum vc_hv_model)p->model) : "(no)");
		fputs(" model", f);
	}
	fputs(" | agreement |\n|---|---|---|---|---|---|---|---|\n", f);
	for (size_t i = 0; i < p->ndiffs; i++)
		if (rep_pers_in_table(&p->diffs[i]))
			write_row(&p->diffs[i], models_given, f);
	fputc('\n', f);
}

/* "rng XEN-GNT-001 (SKIP, PASS), ..." after the shared sentence. */
static void write_personality_only(const struct rep_pair *p, FILE *f)
{
	const char *sep = ": ";
	if (!rep_pers_write_personality_only_intro(f, p, md_text))
		return;
	for (size_t i = 0; i < p->ndiffs; i++) {
		const struct rep_diff *d = &p->diffs[i];
		if (rep_pers_in_table(d))
			continue;
		fputs(sep, f);
		md_text(f, rep_device_label(d->dev));
		fputc(' ', f);
		md_text(f, d->check->id);
		fputs(" (", f);
		md_text(f, d->base->verdict_name);
		fputs(", ", f);
		md_text(f, d->check->verdict_name);
		fputc(')', f);
		sep = ", ";
	}
	fputs(".\n\n", f);
}

/* Every emulable register a rule fired on, with the model's reason. */
static void write_disagreements(const struct rep_pair *p, FILE *f)
{
	if (!p->ndisagreements)
		return;
	fputs("Disagreements (the model calls the register emulable):\n\n", f);
	for (size_t i = 0; i < p->ndisagreements; i++) {
		fputs("- ", f);
		rep_pers_write_disagreement(f, p, &p->disagreements[i], md_text);
		fputc('\n', f);
	}
	fputc('\n', f);
}

/* What the comparison left out, so nothing disappears silently. */
static void write_not_compared(const struct rep_pair *p, FILE *f)
{
	if (rep_pers_all_compared(p))
		return;
	fputs("Not compared:\n\n", f);
	rep_pers_write_not_compared(f, p, md_text, "- ", "\n");
	fputc('\n', f);
}

static void write_pair(const struct rep_pair *p, int models_given, FILE *f)
{
	fputs("### ", f);
	rep_pers_write_title(f, p, md_text);
	fputs("\n\n", f);
	rep_pers_write_summary(f, p, models_given, md_text);
	fputs("\n\n", f);
	if (rep_pers_table_shown(p))
		write_table(p, models_given, f);
	write_disagreements(p, f);
	write_personality_only(p, f);
	write_not_compared(p, f);
}

void rep_md_personalities(const struct rep_run *run, FILE *f)
{
	struct rep_personalities p;
	char totals[256];
	rep_pers_build(run, run->models, &p);
	if (rep_pers_shown(&p)) {
		rep_pers_totals_text(p.totals, p.ndiffs, p.models_given, totals, sizeof(totals));
		fputs("## Personalities\n\n", f);
		md_text(f, rep_pers_intro);
		fputs("\n\n**", f);
		md_text(f, totals);
		fputs(".**\n\n", f);
		if (p.nuncompared) {
			rep_pers_write_uncompared(f, &p, md_text);
			fputs("\n\n", f);
		}
		for (size_t i = 0; i < p.npairs; i++)
			write_pair(&p.pairs[i], p.models_given, f);
	}
	rep_pers_free(&p);
}
