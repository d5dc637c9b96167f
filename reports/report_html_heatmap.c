/* The heatmap of report.html (report_heatmap.h has its layout):
 *   section#heatmap with ul.hm-legend (one li[data-verdict] per verdict);
 *   per model section.hm-model#hm-MODEL[data-model] holding per group
 *   table.heatmap[data-model][data-target][data-interface], whose
 *   tr.hm-shared (groups of more than one device) and
 *   tr[data-cell][data-device][data-interface] rows hold the cells:
 *   td.hm[data-verdict][data-register] per transport register (td.hm-same
 *   where the shared row stands for the device, td.hm-absent where it has
 *   no such register), span.hm[data-verdict][data-field] per config cell;
 *   then ol.hm-reasons, li[data-verdict][value] per reason, which the
 *   cells' numbers and title attributes cite.
 * Each cell says its verdict as a symbol too, so the map reads without
 * colour. report.html#heatmap shows the heatmap alone, #hm-MODEL one
 * model's tables (CSS :target, no script). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/util/vec.h"
#include "reports/report_heatmap.h"
#include "reports/report_html.h"
#include "reports/report_html_text.h"

/* The verdicts in legend order, their symbols and what they mean (the
 * comments of VC_HV_VERDICTS in vcheck/sidefx.h). */
static const struct {
	int verdict;
	const char *symbol, *meaning;
} legend[] = {
	{ VC_HV_EMULABLE, "\u2713", "the model's generic path reproduces what the device does" },
	{ VC_HV_SPECIAL_CASE, "\u25c6", "only with per-register code in the hypervisor" },
	{ VC_HV_SYNC_BACKEND, "\u21c4", "needs a backend that answers synchronously, which the model does not have" },
	{ VC_HV_CANNOT_WORK, "\u2717", "the model's rules forbid what the device does" },
	{ VC_HV_NOT_APPLICABLE, "\u2013", "the model has no such transport or register" },
	{ REP_HV_OTHER, "?", "a verdict this vcheck does not know" },
};

static const char *symbol(int v)
{
	for (size_t i = 0; i < sizeof(legend) / sizeof(legend[0]); i++)
		if (legend[i].verdict == v)
			return legend[i].symbol;
	return "";
}

/* A model's distinct (verdict, reason) pairs, numbered in order of use. */
struct notes {
	const struct rep_judgement **items;
	size_t n, cap;
};

static size_t note_of(struct notes *ns, const struct rep_judgement *j)
{
	for (size_t i = 0; i < ns->n; i++)
		if (ns->items[i]->verdict == j->verdict &&
		    (ns->items[i]->reason == j->reason ||
		     (ns->items[i]->reason && j->reason && !strcmp(ns->items[i]->reason, j->reason))))
			return i + 1;
	*VEC_PUSH(ns->items, ns->n, ns->cap) = j;
	return ns->n;
}

static const char *model_name(int m) { return vc_hv_model_name((enum vc_hv_model)m); }

/* The attributes and text every cell has: class, verdict, title. `what`
 * names the register or field for the title. */
static void cell_body(FILE *f, struct rep_hm_verdict v, int m, const char *what, const char *extra, struct notes *ns)
{
	const struct rep_judgement *j = v.at ? &v.at->models[m] : NULL;
	fprintf(f, " class=\"hm hv-%s\" data-verdict=\"%s\" title=\"", rep_html_hv_class(v.verdict),
		rep_hv_label(v.verdict));
	html_text(f, what);
	if (extra)
		html_text(f, extra);
	fputs(": ", f);
	html_text(f, v.verdict == REP_HV_OTHER && j ? j->name : rep_hv_label(v.verdict));
	if (j && j->reason) {
		fputs(": ", f);
		html_text(f, j->reason);
	}
	fprintf(f, "\">%s", symbol(v.verdict));
	if (j)
		fprintf(f, "<sup>%zu</sup>", note_of(ns, j));
}

static const char *reg_label(const struct rep_register *r) { return r->name ? r->name : r->space; }

static void transport_cell(FILE *f, const struct rep_register *r, int m, size_t deviating, struct notes *ns)
{
	fputs("<td data-register=\"", f);
	html_text(f, reg_label(r));
	fputc('"', f);
	if (deviating)
		fprintf(f, " data-deviating=\"%zu\"", deviating);
	char *extra = vc_xasprintf(" (%s %s, %u bytes)%s", r->space ? r->space : "?", r->offset ? r->offset : "?",
				   r->width, deviating ? "; some devices differ, their rows show their own" : "");
	cell_body(f, rep_hm_register(r, m), m, reg_label(r), extra, ns);
	free(extra);
	fputs("</td>", f);
}

static void config_cell(FILE *f, const struct rep_hm_config *c, int m, struct notes *ns)
{
	struct rep_hm_verdict v = rep_hm_config_verdict(c, m);
	/* a config cell has registers, so v.at is one of them */
	char *extra = vc_xasprintf(" (config 0x%x-0x%x, %zu register%s; this verdict at %s/%u)", c->lo, c->hi,
				   c->nregs, c->nregs == 1 ? "" : "s", v.at->offset ? v.at->offset : "?", v.at->width);
	fputs("<span data-field=\"", f);
	html_text(f, c->label);
	fputc('"', f);
	cell_body(f, v, m, c->label, extra, ns);
	free(extra);
	fputc(' ', f);
	html_text(f, c->label);
	fputs("</span>", f);
}

static void row_head(FILE *f, const struct rep_hm_group *g, const struct rep_hm_row *row)
{
	fputs("<tr data-cell=\"", f);
	html_text(f, row->cell->name);
	fputs("\" data-device=\"", f);
	html_text(f, rep_device_label(row->dev));
	fputs("\" data-interface=\"", f);
	html_text(f, row->dev->interface);
	fputs("\"><th scope=\"row\" title=\"", f);
	html_text(f, row->cell->name);
	fputc(' ', f);
	html_text(f, row->dev->location);
	fputs("\">", f);
	html_text(f, rep_device_label(row->dev));
	if (g->ncells > 1) {
		fputs(" <small>", f);
		html_cell_text(f, row->cell->transport);
		fputs("</small>", f);
	}
	fputs("</th>", f);
}

static void device_row(FILE *f, const struct rep_hm_group *g, const struct rep_hm_row *row, int m, struct notes *ns)
{
	row_head(f, g, row);
	for (size_t c = 0; c < g->ncols; c++) {
		if (row->slots[c] == REP_HM_OWN)
			transport_cell(f, row->own[c], m, 0, ns);
		else if (row->slots[c] == REP_HM_ABSENT)
			fputs("<td class=\"hm-absent\" title=\"not examined on this device\"></td>", f);
		else
			fputs("<td class=\"hm-same\"></td>", f);
	}
	fputs("<td class=\"hm-config\">", f);
	for (size_t i = 0; i < row->nconfig; i++)
		config_cell(f, &row->config[i], m, ns);
	if (!row->dev->nregs)
		fputs("no registers were touched", f);
	fputs("</td></tr>\n", f);
}

static void shared_row(FILE *f, const struct rep_hm_group *g, int m, struct notes *ns)
{
	fprintf(f, "<tr class=\"hm-shared\"><th scope=\"row\">all %zu devices</th>", g->nrows);
	for (size_t c = 0; c < g->ncols; c++)
		transport_cell(f, g->cols[c].common, m, g->cols[c].deviating, ns);
	fputs("<td class=\"hm-note\">the transport behaviour most devices share; a device row has its own cell "
	      "only where it differs</td></tr>\n", f);
}

static void group_table(FILE *f, const struct rep_hm_group *g, int m, struct notes *ns)
{
	fprintf(f, "<div class=\"hm-scroll\"><table class=\"heatmap\" data-model=\"%s\" data-target=\"", model_name(m));
	html_text(f, g->target);
	fputs("\" data-interface=\"", f);
	html_text(f, g->interface);
	fputs("\"><caption>", f);
	html_cell_text(f, g->target);
	fputs(", ", f);
	html_cell_text(f, g->interface);
	fprintf(f, ": %zu device%s</caption>\n<thead><tr><th scope=\"col\">device</th>", g->nrows,
		g->nrows == 1 ? "" : "s");
	for (size_t c = 0; c < g->ncols; c++) {
		fputs("<th scope=\"col\" class=\"hm-col\"><span>", f);
		html_text(f, reg_label(g->cols[c].common));
		fputs("</span></th>", f);
	}
	fputs("<th scope=\"col\">config, by field</th></tr></thead>\n<tbody>\n", f);
	if (g->nrows > 1 && g->ncols)
		shared_row(f, g, m, ns);
	for (size_t r = 0; r < g->nrows; r++)
		device_row(f, g, &g->rows[r], m, ns);
	fputs("</tbody></table></div>\n", f);
}

static void reasons(FILE *f, const struct notes *ns)
{
	fputs("<ol class=\"hm-reasons\">", f);
	for (size_t i = 0; i < ns->n; i++) {
		int v = ns->items[i]->verdict;
		fprintf(f, "<li value=\"%zu\" data-verdict=\"%s\"><span class=\"hm hv-%s\">%s</span> %s: ", i + 1,
			rep_hv_label(v), rep_html_hv_class(v), symbol(v), rep_hv_label(v));
		html_cell_text(f, ns->items[i]->reason);
		fputs("</li>\n", f);
	}
	fputs("</ol>\n", f);
}

static void write_legend(FILE *f)
{
	fputs("<ul class=\"hm-legend\">", f);
	for (size_t i = 0; i < sizeof(legend) / sizeof(legend[0]); i++)
		fprintf(f, "<li data-verdict=\"%s\"><span class=\"hm hv-%s\">%s</span> <strong>%s</strong>: %s</li>",
			rep_hv_label(legend[i].verdict), rep_html_hv_class(legend[i].verdict), legend[i].symbol,
			rep_hv_label(legend[i].verdict), legend[i].meaning);
	fputs("</ul>\n", f);
}

void rep_html_heatmap(const struct rep_run *run, FILE *f)
{
	struct rep_heatmap hm;
	rep_heatmap_build(run, &hm);
	fputs("<section id=\"heatmap\"><h3>Heatmap: every register under every model</h3>\n"
	      "<p>Per model, one table per interface: a row per device, a cell per transport register, then one "
	      "per config field (the worst verdict of the bytes and widths in it). Transport behaviour most "
	      "devices share is shown once, in the first row; a device has its own transport cell only where it "
	      "differs. Hover a cell for the model's reason; its number is the reason's in the list under the "
	      "model's tables. <a href=\"#heatmap\">This heatmap alone</a>; one model: ", f);
	for (int m = 0; m < VC_HV__COUNT; m++)
		fprintf(f, "%s<a href=\"#hm-%s\">%s</a>", m ? ", " : "", model_name(m), model_name(m));
	fputs(".</p>\n", f);
	write_legend(f);
	for (int m = 0; m < VC_HV__COUNT; m++) {
		struct notes ns = { 0 };
		fprintf(f, "<section class=\"hm-model\" id=\"hm-%s\" data-model=\"%s\"><h4>%s</h4>\n", model_name(m),
			model_name(m), model_name(m));
		for (size_t g = 0; g < hm.ngroups; g++)
			group_table(f, &hm.groups[g], m, &ns);
		reasons(f, &ns);
		fputs("</section>\n", f);
		free(ns.items);
	}
	fputs("</section>\n", f);
	rep_heatmap_free(&hm);
}
