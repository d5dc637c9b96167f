/* The sentences of the personalities section that both writers say alike,
 * written through the writer's own escaping. */
#include "reports/report_personalities.h"

void rep_pers_write_register(FILE *f, const struct rep_rule *r, rep_text_fn *text)
{
	if (!r->reg[0])
		return;
	fputs(" at ", f);
	text(f, r->reg);
	if (r->field) {
		fputs(" (", f);
		text(f, r->field);
		fputc(')', f);
	}
}

void rep_pers_write_disagreement(FILE *f, const struct rep_pair *p, const struct rep_disagreement *d,
				 rep_text_fn *text)
{
	text(f, rep_device_label(d->diff->dev));
	fputc(' ', f);
	text(f, d->diff->check->id);
	fputs(": ", f);
	text(f, d->rule->name);
	rep_pers_write_register(f, d->rule, text);
	fprintf(f, "; %s model: emulable, ", vc_hv_model_name((enum vc_hv_model)p->model));
	text(f, d->rule->model_reg->models[p->model].reason);
}

/* "WHAT: a, b" for check ids, or "WHAT: rng at mmio@0xa000600" for devices. */
static void write_item(FILE *f, rep_text_fn *text, const char *open, const char *close, const char *what,
		       const char *const *ids, const struct rep_device *const *devs, size_t n)
{
	if (!n)
		return;
	fprintf(f, "%s%s: ", open, what);
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", " : "", f);
		text(f, ids ? ids[i] : rep_device_label(devs[i]));
		if (!ids) {
			fputs(" at ", f);
			text(f, devs[i]->location);
		}
	}
	fputs(close, f);
}

void rep_pers_write_not_compared(FILE *f, const struct rep_pair *p, rep_text_fn *text, const char *open,
				 const char *close)
{
	write_item(f, text, open, close, "checks run only under direct", p->only_base, NULL, p->nonly_base);
	write_item(f, text, open, close, "checks run only under the personality", p->only_cell, NULL, p->nonly_cell);
	write_item(f, text, open, close, "devices found only under direct", NULL, p->lone_base, p->nlone_base);
	write_item(f, text, open, close, "devices found only under the personality", NULL, p->lone_cell,
		   p->nlone_cell);
}

void rep_pers_write_title(FILE *f, const struct rep_pair *p, rep_text_fn *text)
{
	text(f, p->cell->target);
	fputc(' ', f);
	text(f, p->cell->transport);
	fputs(": direct vs ", f);
	text(f, p->cell->personality);
}

void rep_pers_write_summary(FILE *f, const struct rep_pair *p, int models_given, rep_text_fn *text)
{
	char totals[256];
	rep_pers_totals_text(p->totals, p->ndiffs, models_given, totals, sizeof(totals));
	fputs("Cells ", f);
	text(f, p->base->name);
	fputs(" and ", f);
	text(f, p->cell->name);
	fputs(models_given && p->model < 0 ? "; no side-effect model has this personality's name" : "", f);
	fputs(". ", f);
	text(f, totals);
	fputc('.', f);
}

void rep_pers_write_uncompared(FILE *f, const struct rep_personalities *ps, rep_text_fn *text)
{
	fputs("Cells without a direct cell of the same target and transport (not compared): ", f);
	for (size_t i = 0; i < ps->nuncompared; i++) {
		fputs(i ? ", " : "", f);
		text(f, ps->uncompared[i]->name);
	}
}

int rep_pers_write_personality_only_intro(FILE *f, const struct rep_pair *p, rep_text_fn *text)
{
	if (!p->totals[REP_PERSONALITY_ONLY])
		return 0;
	fputs("Run under ", f);
	text(f, p->cell->personality);
	fputs(" only (the check's descriptor names this personality; ", f);
	text(f, p->base->personality);
	fputs(" skips it by construction, so no rule or model is asked to explain it)", f);
	return 1;
}
