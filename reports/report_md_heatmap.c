/* report.md's short answer to "which registers can a model not serve",
 * in the heatmap's shape (report_heatmap.h): per interface a line for the
 * transport behaviour most devices share, then per device one naming, per
 * model, the registers and config fields it judges cannot-work, and the
 * config fields it judges sync-backend (most transport registers are
 * sync-backend under page, so those are only counted). The colours and
 * the reasons are in report.html. */
#include <stdio.h>
#include "harness/util/md_text.h"
#include "reports/report_heatmap.h"
#include "reports/report_md.h"

/* The cells a line covers: the shared row's (row NULL), or a device's own
 * transport cells and config cells. */
struct line {
	const struct rep_hm_group *g;
	const struct rep_hm_row *row;
};

static const struct rep_register *column(struct line l, size_t c)
{
	if (!l.row)
		return l.g->cols[c].common;
	return l.row->slots[c] == REP_HM_OWN ? l.row->own[c] : NULL;
}

static void name(FILE *f, size_t *n, const char *s)
{
	if (f) {
		fputs(*n ? ", " : " ", f);
		md_text(f, s);
	}
	(*n)++;
}

/* The line's cells model m gives verdict v (transport ones only when
 * `transport`, config ones otherwise), written as " A, B" when f is not
 * NULL; how many. */
static size_t names(struct line l, int m, int v, int transport, FILE *f)
{
	size_t n = 0;
	for (size_t c = 0; transport && c < l.g->ncols; c++) {
		const struct rep_register *r = column(l, c);
		if (r && r->models[m].verdict == v)
			name(f, &n, r->name ? r->name : r->space);
	}
	for (size_t i = 0; !transport && l.row && i < l.row->nconfig; i++)
		if (rep_hm_config_verdict(&l.row->config[i], m).verdict == v)
			name(f, &n, l.row->config[i].label);
	return n;
}

/* " · gunyah cannot-work: A, B; sync-backend: u (and 3 transport
 * registers)", or nothing; whether anything. */
static int model_part(struct line l, int m, int after, FILE *f)
{
	size_t cw = names(l, m, VC_HV_CANNOT_WORK, 1, NULL) + names(l, m, VC_HV_CANNOT_WORK, 0, NULL);
	size_t sb_t = names(l, m, VC_HV_SYNC_BACKEND, 1, NULL), sb_c = names(l, m, VC_HV_SYNC_BACKEND, 0, NULL);
	if (!cw && !sb_t && !sb_c)
		return 0;
	fprintf(f, "%s %s", after ? " \u00b7" : "", vc_hv_model_name((enum vc_hv_model)m));
	if (cw) {
		fputs(" cannot-work:", f);
		size_t n = names(l, m, VC_HV_CANNOT_WORK, 1, f);
		if (n && names(l, m, VC_HV_CANNOT_WORK, 0, NULL))
			fputc(',', f);
		names(l, m, VC_HV_CANNOT_WORK, 0, f);
	}
	if (sb_t || sb_c)
		fputs(cw ? "; sync-backend:" : " sync-backend:", f);
	names(l, m, VC_HV_SYNC_BACKEND, 0, f);
	if (sb_t)
		fprintf(f, "%s%zu transport register%s", sb_c ? " (and " : " ", sb_t, sb_t == 1 ? "" : "s");
	if (sb_t && sb_c)
		fputc(')', f);
	return 1;
}

static void models(struct line l, FILE *f)
{
	int any = 0;
	for (int m = 0; m < VC_HV__COUNT; m++)
		any |= model_part(l, m, any, f);
	if (!any)
		fputs(l.row ? " nothing of its own that a model cannot serve" : " every model serves them", f);
	fputc('\n', f);
}

static void group_lines(const struct rep_hm_group *g, FILE *f)
{
	if (g->nrows > 1 && g->ncols) {
		fputs("- **the transport registers most devices on ", f);
		md_text(f, g->interface);
		fprintf(f, " share** (%zu devices):", g->nrows);
		models((struct line){ g, NULL }, f);
	}
	for (size_t r = 0; r < g->nrows; r++) {
		const struct rep_hm_row *row = &g->rows[r];
		fputs("- **", f);
		md_text(f, rep_device_label(row->dev));
		fputs("** on ", f);
		md_text(f, row->dev->interface);
		fputs(" (", f);
		md_text(f, row->cell->name);
		fputs("):", f);
		if (!row->dev->nregs)
			fputs(" no registers were touched\n", f);
		else
			models((struct line){ g, row }, f);
	}
}

void rep_md_heatmap(const struct rep_run *run, FILE *f)
{
	struct rep_heatmap hm;
	rep_heatmap_build(run, &hm);
	fputs("### What each model cannot serve\n\n"
	      "Per interface, the transport registers most devices share, then per device its own: the "
	      "registers and config fields each hypervisor model judges cannot-work, and the config fields it "
	      "judges sync-backend (a field: its worst byte or width). The heatmap in report.html colours "
	      "every register under every model, with the reasons.\n\n", f);
	for (size_t g = 0; g < hm.ngroups; g++)
		group_lines(&hm.groups[g], f);
	fputc('\n', f);
	rep_heatmap_free(&hm);
}
