/* The personalities section of report.md: per non-direct cell, a table of
 * the checks whose verdict differs from the direct cell's, the rules that
 * fired and the model's verdict for their registers, then every
 * disagreement with the model's reason, and what was not compared. */
#include <stdio.h>
#include "report_md.h"
#include "report_md_text.h"
#include "report_personalities.h"


static void write_agreement(enum rep_agreement a, FILE *f)
{
	if (a == REP_DISAGREES)
		fputs("**DISAGREES**", f);
	else
		fputs(rep_agreement_name(a), f);
}

/* " at Status", " at config+0x10 (geometry.cylinders)" */
static void write_register(const struct rep_rule *r, FILE *f)
{
	if (!r->reg[0])
		return;
	fputs(" at ", f);
	md_text(f, r->reg);
	if (r->field) {
		fputs(" (", f);
		md_text(f, r->field);
		fputc(')', f);
	}
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
		write_register(r, f);
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
		write_row(&p->diffs[i], models_given, f);
	fputc('\n', f);
}

/* Every emulable register a rule fired on, with the model's reason. */
static void write_disagreements(const struct rep_pair *p, FILE *f)
{
	if (!p->totals[REP_DISAGREES])
		return;
	fputs("Disagreements (the model calls the register emulable):\n\n", f);
	for (size_t i = 0; i < p->ndiffs; i++)
		for (size_t r = 0; r < p->diffs[i].nrules; r++) {
			const struct rep_diff *d = &p->diffs[i];
			const struct rep_rule *rule = &d->rules[r];
			if (rule->verdict != VC_HV_EMULABLE)
				continue;
			fputs("- ", f);
			md_text(f, rep_device_label(d->dev));
			fputc(' ', f);
			md_text(f, d->check->id);
			fputs(": ", f);
			md_text(f, rule->name);
			write_register(rule, f);
			fprintf(f, "; %s model: emulable, ", vc_hv_model_name((enum vc_hv_model)p->model));
			md_text(f, rule->model_reg->models[p->model].reason);
			fputc('\n', f);
		}
	fputc('\n', f);
}

static void write_ids(const char *what, const char *const *ids, size_t n, FILE *f)
{
	if (!n)
		return;
	fputs("- ", f);
	fputs(what, f);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", " : ": ", f);
		md_text(f, ids[i]);
	}
	fputc('\n', f);
}

static void write_devices(const char *what, const struct rep_device *const *devs, size_t n, FILE *f)
{
	if (!n)
		return;
	fputs("- ", f);
	fputs(what, f);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", " : ": ", f);
		md_text(f, rep_device_label(devs[i]));
		fputs(" at ", f);
		md_text(f, devs[i]->location);
	}
	fputc('\n', f);
}

/* What the comparison left out, so nothing disappears silently. */
static void write_not_compared(const struct rep_pair *p, FILE *f)
{
	if (!p->nonly_base && !p->nonly_cell && !p->nlone_base && !p->nlone_cell)
		return;
	fputs("Not compared:\n\n", f);
	write_ids("checks run only under direct", p->only_base, p->nonly_base, f);
	write_ids("checks run only under the personality", p->only_cell, p->nonly_cell, f);
	write_devices("devices found only under direct", p->lone_base, p->nlone_base, f);
	write_devices("devices found only under the personality", p->lone_cell, p->nlone_cell, f);
	fputc('\n', f);
}

static void write_pair(const struct rep_pair *p, int models_given, FILE *f)
{
	char totals[256];
	fputs("### ", f);
	md_text(f, p->cell->target);
	fputc(' ', f);
	md_text(f, p->cell->transport);
	fputs(": direct vs ", f);
	md_text(f, p->cell->personality);
	fputs("\n\nCells ", f);
	md_text(f, p->base->name);
	fputs(" and ", f);
	md_text(f, p->cell->name);
	rep_pers_totals_text(p->totals, p->ndiffs, models_given, totals, sizeof(totals));
	fputs(models_given && p->model < 0 ? "; no side-effect model has this personality's name" : "", f);
	fputs(". ", f);
	md_text(f, totals);
	fputs(".\n\n", f);
	if (p->ndiffs)
		write_table(p, models_given, f);
	write_disagreements(p, f);
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
		for (size_t i = 0; i < p.nuncompared; i++) {
			fputs(i ? ", " : "Cells without a direct cell of the same target and transport "
				 "(not compared): ", f);
			md_text(f, p.uncompared[i]->name);
			fputs(i + 1 == p.nuncompared ? "\n\n" : "", f);
		}
		for (size_t i = 0; i < p.npairs; i++)
			write_pair(&p.pairs[i], p.models_given, f);
	}
	rep_pers_free(&p);
}
