/* The personalities section of report.html:
 *   section#personalities, p#personality-totals[data-differences]
 *     [data-agrees][data-disagrees][data-unexplained][data-no-prediction]
 *     [data-personality-only][data-not-given][data-models=given|not-given];
 *   per non-direct cell section.personality-pair[data-target]
 *     [data-transport][data-personality][data-base-cell][data-cell] with
 *     table.personality-diffs tr[data-device][data-interface]
 *     [data-location][data-check][data-base-verdict][data-verdict]
 *     [data-agreement], its rules as ul.rules li[data-rule][data-register]
 *     ([data-field] for a config field the model run names)
 *     [data-model-verdict] (with --models), then ul.disagreements li[data-device]
 *     [data-check][data-rule] with the model's reason (disagreeing rows
 *     only), ul.personality-only li[data-device][data-check]
 *     [data-base-verdict][data-verdict] for checks whose descriptor names
 *     the personality, and ul.not-compared. */
#include <stdio.h>
#include "reports/report_html.h"
#include "reports/report_html_text.h"
#include "reports/report_personalities.h"

static void attr(FILE *f, const char *name, const char *value)
{
	fprintf(f, " %s=\"", name);
	html_text(f, value);
	fputc('"', f);
}

static void write_rules(FILE *f, const struct rep_diff *d, int models_given)
{
	if (!d->nrules) {
		fputs("<td class=\"rules\">none</td>", f);
		return;
	}
	fputs("<td class=\"rules\"><ul class=\"rules\">", f);
	for (size_t i = 0; i < d->nrules; i++) {
		const struct rep_rule *r = &d->rules[i];
		fputs("<li", f);
		attr(f, "data-rule", r->name);
		attr(f, "data-register", r->reg);
		if (r->field)
			attr(f, "data-field", r->field);
		if (models_given)
			attr(f, "data-model-verdict", rep_hv_label(r->verdict));
		fputs("><code>", f);
		html_text(f, r->name);
		fputs("</code>", f);
		rep_pers_write_register(f, r, html_text);
		if (models_given)
			fprintf(f, ": <span class=\"hv-%s\">%s</span>", rep_html_hv_class(r->verdict),
				rep_hv_label(r->verdict));
		fputs("</li>", f);
	}
	fputs("</ul></td>", f);
}

static void write_row(FILE *f, const struct rep_diff *d, int models_given)
{
	const struct rep_check *k = d->check;
	fputs("<tr", f);
	attr(f, "data-device", rep_device_label(d->dev));
	attr(f, "data-interface", d->dev->interface);
	attr(f, "data-location", d->dev->location);
	attr(f, "data-check", k->id);
	attr(f, "data-base-verdict", d->base->verdict_name);
	attr(f, "data-verdict", k->verdict_name);
	attr(f, "data-agreement", rep_agreement_name(d->agreement));
	fputs("><td>", f);
	html_text(f, rep_device_label(d->dev));
	fputs("</td><th scope=\"row\"><code>", f);
	html_cell_text(f, k->id);
	fputs("</code></th><td>", f);
	html_cell_text(f, k->spec ? k->spec : d->base->spec);
	fputs("</td><td>", f);
	html_cell_text(f, k->title ? k->title : d->base->title);
	fputs("</td>", f);
	rep_html_verdict_cell(f, d->base->verdict_name, d->base->verdict);
	rep_html_verdict_cell(f, k->verdict_name, k->verdict);
	write_rules(f, d, models_given);
	fprintf(f, "<td class=\"agreement agree-%s\">%s</td></tr>\n", rep_agreement_name(d->agreement),
		d->agreement == REP_DISAGREES ? "DISAGREES" : rep_agreement_name(d->agreement));
}

static void write_table(FILE *f, const struct rep_pair *p, int models_given)
{
	fputs("<table class=\"personality-diffs\"><caption>Checks whose verdict differs: direct vs ", f);
	html_text(f, p->cell->personality);
	fputs("</caption>\n<thead><tr><th scope=\"col\">device</th><th scope=\"col\">check</th>"
	      "<th scope=\"col\">spec</th><th scope=\"col\">title</th><th scope=\"col\">", f);
	html_text(f, p->base->personality);
	fputs("</th><th scope=\"col\">", f);
	html_text(f, p->cell->personality);
	fputs("</th><th scope=\"col\">rules that fired", f);
	if (models_given)
		fprintf(f, ": register: %s model", p->model >= 0 ? vc_hv_model_name((enum vc_hv_model)p->model) : "(no)");
	fputs("</th><th scope=\"col\">agreement</th></tr></thead>\n<tbody>\n", f);
	for (size_t i = 0; i < p->ndiffs; i++)
		if (rep_pers_in_table(&p->diffs[i]))
			write_row(f, &p->diffs[i], models_given);
	fputs("</tbody></table>\n", f);
}

static void write_personality_only(FILE *f, const struct rep_pair *p)
{
	if (!p->totals[REP_PERSONALITY_ONLY])
		return;
	fputs("<p>", f);
	rep_pers_write_personality_only_intro(f, p, html_cell_text);
	fputs(":</p>\n<ul class=\"personality-only\">\n", f);
	for (size_t i = 0; i < p->ndiffs; i++) {
		const struct rep_diff *d = &p->diffs[i];
		if (rep_pers_in_table(d))
			continue;
		fputs("<li", f);
		attr(f, "data-device", rep_device_label(d->dev));
		attr(f, "data-check", d->check->id);
		attr(f, "data-base-verdict", d->base->verdict_name);
		attr(f, "data-verdict", d->check->verdict_name);
		fputc('>', f);
		html_text(f, rep_device_label(d->dev));
		fputc(' ', f);
		html_cell_text(f, d->check->id);
		fputs(": ", f);
		html_text(f, d->base->verdict_name);
		fputs(", ", f);
		html_text(f, d->check->verdict_name);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
}

/* Every emulable register a rule fired on, with the model's reason. */
static void write_disagreements(FILE *f, const struct rep_pair *p)
{
	if (!p->ndisagreements)
		return;
	fputs("<p>Disagreements (the model calls the register emulable):</p>\n<ul class=\"disagreements\">\n", f);
	for (size_t i = 0; i < p->ndisagreements; i++) {
		const struct rep_disagreement *d = &p->disagreements[i];
		fputs("<li", f);
		attr(f, "data-device", rep_device_label(d->diff->dev));
		attr(f, "data-check", d->diff->check->id);
		attr(f, "data-rule", d->rule->name);
		fputc('>', f);
		rep_pers_write_disagreement(f, p, d, html_cell_text);
		fputs("</li>\n", f);
	}
	fputs("</ul>\n", f);
}

/* What the comparison left out, so nothing disappears silently. */
static void write_not_compared(FILE *f, const struct rep_pair *p)
{
	if (rep_pers_all_compared(p))
		return;
	fputs("<p>Not compared:</p>\n<ul class=\"not-compared\">", f);
	rep_pers_write_not_compared(f, p, html_cell_text, "<li>", "</li>");
	fputs("</ul>\n", f);
}

static void write_pair(FILE *f, const struct rep_pair *p, int models_given)
{
	fputs("<section class=\"personality-pair\"", f);
	attr(f, "data-target", p->cell->target);
	attr(f, "data-transport", p->cell->transport);
	attr(f, "data-personality", p->cell->personality);
	attr(f, "data-base-cell", p->base->name);
	attr(f, "data-cell", p->cell->name);
	fputs("><h3>", f);
	rep_pers_write_title(f, p, html_cell_text);
	fputs("</h3>\n<p class=\"pair-summary\">", f);
	rep_pers_write_summary(f, p, models_given, html_cell_text);
	fputs("</p>\n", f);
	if (rep_pers_table_shown(p))
		write_table(f, p, models_given);
	write_disagreements(f, p);
	write_personality_only(f, p);
	write_not_compared(f, p);
	fputs("</section>\n", f);
}

static void write_totals(FILE *f, const struct rep_personalities *p)
{
	char text[256];
	rep_pers_totals_text(p->totals, p->ndiffs, p->models_given, text, sizeof(text));
	fprintf(f, "<p id=\"personality-totals\" data-differences=\"%zu\"", p->ndiffs);
	for (int a = 0; a < REP_AGREEMENT__COUNT; a++)
		fprintf(f, " data-%s=\"%u\"", rep_agreement_name((enum rep_agreement)a), p->totals[a]);
	fprintf(f, " data-models=\"%s\"><strong>", p->models_given ? "given" : "not-given");
	html_text(f, text);
	fputs(".</strong></p>\n", f);
}

void rep_html_personalities(const struct rep_run *run, FILE *f)
{
	struct rep_personalities p;
	rep_pers_build(run, run->models, &p);
	if (rep_pers_shown(&p)) {
		fputs("<section id=\"personalities\"><h2>Personalities</h2>\n", f);
		fputs("<p>", f);
		html_text(f, rep_pers_intro);
		fputs("</p>\n", f);
		write_totals(f, &p);
		if (p.nuncompared) {
			fputs("<p class=\"uncompared\">", f);
			rep_pers_write_uncompared(f, &p, html_cell_text);
			fputs("</p>\n", f);
		}
		for (size_t i = 0; i < p.npairs; i++)
			write_pair(f, &p.pairs[i], p.models_given);
		fputs("</section>\n", f);
	}
	rep_pers_free(&p);
}
