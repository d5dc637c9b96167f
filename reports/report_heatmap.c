/* The heatmap's groups, columns and shared row (report_heatmap.h); the
 * config cells are in report_heatmap_config.c. */
#include <stdlib.h>
#include <string.h>
#include "harness/util/vec.h"
#include "reports/report_heatmap.h"

static int streq(const char *a, const char *b) { return a == b || (a && b && !strcmp(a, b)); }

static int is_config(const struct rep_register *r) { return streq(r->space, "config"); }

/* emulable < special-case < sync-backend < cannot-work, as the matrix's
 * worst; n/a only where nothing applies, an unknown name below that. */
static int rank(int v)
{
	return v == REP_HV_NONE ? -1 : v == REP_HV_OTHER ? 0 : v == VC_HV_NOT_APPLICABLE ? 1 : v + 2;
}

struct rep_hm_verdict rep_hm_register(const struct rep_register *r, int m)
{
	return (struct rep_hm_verdict){ r->models[m].verdict, r };
}

struct rep_hm_verdict rep_hm_config_verdict(const struct rep_hm_config *c, int m)
{
	struct rep_hm_verdict w = { REP_HV_NONE, NULL };
	for (size_t i = 0; i < c->nregs; i++)
		if (rank(c->regs[i]->models[m].verdict) > rank(w.verdict))
			w = rep_hm_register(c->regs[i], m);
	return w;
}

int rep_hm_same(const struct rep_register *a, const struct rep_register *b)
{
	if (a->nclasses != b->nclasses)
		return 0;
	for (size_t k = 0; k < a->nclasses; k++)
		if (!streq(a->classes[k], b->classes[k]))
			return 0;
	for (int m = 0; m < VC_HV__COUNT; m++)
		if (!streq(a->models[m].name, b->models[m].name) || !streq(a->models[m].reason, b->models[m].reason))
			return 0;
	return 1;
}

static int same_place(const struct rep_register *a, const struct rep_register *b)
{
	return streq(a->space, b->space) && a->off == b->off && a->width == b->width;
}

static const struct rep_register *find(const struct rep_device *d, const struct rep_register *at)
{
	for (size_t i = 0; i < d->nregs; i++)
		if (same_place(&d->regs[i], at))
			return &d->regs[i];
	return NULL;
}

static int space_rank(const char *s)
{
	return streq(s, "transport") ? 0 : streq(s, "isr") ? 1 : streq(s, "notify") ? 2 : 3;
}

static int column_order(const void *pa, const void *pb)
{
	const struct rep_register *a = ((const struct rep_hm_column *)pa)->common;
	const struct rep_register *b = ((const struct rep_hm_column *)pb)->common;
	if (space_rank(a->space) != space_rank(b->space))
		return space_rank(a->space) - space_rank(b->space);
	if (a->off != b->off)
		return a->off < b->off ? -1 : 1;
	return (int)a->width - (int)b->width;
}

/* Every transport register some device of the group has, in register order. */
static void collect_columns(struct rep_hm_group *g)
{
	size_t cap = 0;
	for (size_t i = 0; i < g->nrows; i++) {
		const struct rep_device *d = g->rows[i].dev;
		for (size_t k = 0; k < d->nregs; k++) {
			const struct rep_register *r = &d->regs[k];
			size_t c = 0;
			while (!is_config(r) && c < g->ncols && !same_place(g->cols[c].common, r))
				c++;
			if (!is_config(r) && c == g->ncols)
				VEC_PUSH(g->cols, g->ncols, cap)->common = r;
		}
	}
	if (g->ncols)
		qsort(g->cols, g->ncols, sizeof(*g->cols), column_order);
}

/* The behaviour most rows show at the place of `at` (the first row's on a
 * tie). */
static const struct rep_register *majority(const struct rep_hm_group *g, const struct rep_register *at)
{
	const struct rep_register *best = NULL;
	size_t best_n = 0;
	for (size_t i = 0; i < g->nrows; i++) {
		const struct rep_register *ri = find(g->rows[i].dev, at);
		size_t n = 0;
		for (size_t j = 0; ri && j < g->nrows; j++) {
			const struct rep_register *rj = find(g->rows[j].dev, at);
			n += rj && rep_hm_same(ri, rj);
		}
		if (n > best_n)
			best = ri, best_n = n;
	}
	return best;
}

static void share_columns(struct rep_hm_group *g)
{
	for (size_t i = 0; i < g->nrows; i++) {
		g->rows[i].slots = vc_xcalloc(g->ncols + 1, sizeof(*g->rows[i].slots));
		g->rows[i].own = vc_xcalloc(g->ncols + 1, sizeof(*g->rows[i].own));
	}
	for (size_t c = 0; c < g->ncols; c++) {
		struct rep_hm_column *col = &g->cols[c];
		col->common = majority(g, col->common);
		for (size_t i = 0; i < g->nrows; i++) {
			struct rep_hm_row *row = &g->rows[i];
			const struct rep_register *r = find(row->dev, col->common);
			/* a lone device has nothing to share with: its own row says it all */
			int shared = r && g->nrows > 1 && rep_hm_same(r, col->common);
			row->slots[c] = !r ? REP_HM_ABSENT : shared ? REP_HM_SHARED : REP_HM_OWN;
			row->own[c] = r;
			col->deviating += g->nrows > 1 && row->slots[c] != REP_HM_SHARED;
		}
	}
}

static struct rep_hm_group *group_of(struct rep_heatmap *hm, size_t *cap, const struct rep_cell *c,
				     const struct rep_device *d)
{
	for (size_t i = 0; i < hm->ngroups; i++)
		if (streq(hm->groups[i].target, c->target) && streq(hm->groups[i].interface, d->interface))
			return &hm->groups[i];
	struct rep_hm_group *g = VEC_PUSH(hm->groups, hm->ngroups, *cap);
	g->target = c->target;
	g->interface = d->interface;
	return g;
}

void rep_heatmap_build(const struct rep_run *run, struct rep_heatmap *hm)
{
	size_t cap = 0;
	memset(hm, 0, sizeof(*hm));
	for (size_t i = 0; i < run->ncells; i++)
		for (size_t k = 0; k < run->cells[i].ndevices; k++) {
			const struct rep_cell *c = &run->cells[i];
			if (!c->devices[k].has_registers)
				continue;
			struct rep_hm_group *g = group_of(hm, &cap, c, &c->devices[k]);
			g->ncells += !g->nrows || g->rows[g->nrows - 1].cell != c;
			struct rep_hm_row *row = VEC_PUSH(g->rows, g->nrows, g->rows_cap);
			row->cell = c;
			row->dev = &c->devices[k];
		}
	for (size_t i = 0; i < hm->ngroups; i++) {
		collect_columns(&hm->groups[i]);
		share_columns(&hm->groups[i]);
		for (size_t r = 0; r < hm->groups[i].nrows; r++)
			rep_hm_config_cells(&hm->groups[i].rows[r]);
	}
}

void rep_heatmap_free(struct rep_heatmap *hm)
{
	for (size_t i = 0; i < hm->ngroups; i++) {
		struct rep_hm_group *g = &hm->groups[i];
		for (size_t r = 0; r < g->nrows; r++) {
			free(g->rows[r].slots);
			free(g->rows[r].own);
			for (size_t c = 0; c < g->rows[r].nconfig; c++)
				free(g->rows[r].config[c].regs);
			free(g->rows[r].config);
		}
		free(g->rows);
		free(g->cols);
	}
	free(hm->groups);
	memset(hm, 0, sizeof(*hm));
}
