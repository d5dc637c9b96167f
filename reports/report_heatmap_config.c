/* A device's config cut into heatmap cells. Registers come per byte and
 * per width (a 128-byte field is 224 of them), far too many cells to read;
 * the unit a driver author thinks in is the layout field. So: a register
 * belongs to the field it starts in; a byte the layout names but no field
 * holds ("(reserved 0x21)") is its own cell; bytes no layout names (a
 * vendor's extension past the layout) make one cell per run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/util/vec.h"
#include "reports/report_heatmap.h"

/* "capacity" from "capacity+0x3": the field, not the byte in it. */
static void base_name(char *out, size_t len, const char *name)
{
	const char *plus = strstr(name, "+0x");
	int n = plus ? (int)(plus - name) : (int)strlen(name);
	snprintf(out, len, "%.*s", n, name);
}

/* Whether register r, whose base name is label, belongs in cell c: its
 * field's; the cell of its name; the run of unnamed bytes it continues. */
static int belongs(const struct rep_hm_config *c, const struct rep_register *r, const char *label)
{
	int named = c->regs[0]->name != NULL;
	if (r->field_offset >= 0)
		return c->field == r->field_offset;
	if (c->field >= 0)
		return 0;
	if (r->name)
		return named && !strcmp(c->label, label);
	return !named && r->off >= c->lo && r->off <= c->hi + 1;
}

static struct rep_hm_config *find_cell(struct rep_hm_row *row, const struct rep_register *r, const char *label)
{
	for (size_t i = 0; i < row->nconfig; i++)
		if (belongs(&row->config[i], r, label))
			return &row->config[i];
	return NULL;
}

static void add(struct rep_hm_row *row, const struct rep_register *r)
{
	char label[sizeof(row->config[0].label)] = "";
	if (r->name)
		base_name(label, sizeof(label), r->name);
	struct rep_hm_config *c = find_cell(row, r, label);
	if (!c) {
		c = VEC_PUSH(row->config, row->nconfig, row->config_cap);
		snprintf(c->label, sizeof(c->label), "%s", label);
		c->lo = c->hi = r->off;
		c->field = r->field_offset;
	}
	*VEC_PUSH(c->regs, c->nregs, c->regs_cap) = r;
	uint32_t end = r->off + (r->width ? r->width - 1 : 0);
	c->lo = r->off < c->lo ? r->off : c->lo;
	c->hi = end > c->hi ? end : c->hi;
}

static int by_offset(const void *pa, const void *pb)
{
	const struct rep_hm_config *a = pa, *b = pb;
	return a->lo != b->lo ? (a->lo < b->lo ? -1 : 1) : strcmp(a->label, b->label);
}

void rep_hm_config_cells(struct rep_hm_row *row)
{
	const struct rep_device *d = row->dev;
	for (size_t i = 0; i < d->nregs; i++)
		if (d->regs[i].space && !strcmp(d->regs[i].space, "config"))
			add(row, &d->regs[i]);
	for (size_t i = 0; i < row->nconfig; i++) {
		struct rep_hm_config *c = &row->config[i];
		if (!c->label[0] && c->lo == c->hi)
			snprintf(c->label, sizeof(c->label), "0x%x", c->lo);
		else if (!c->label[0])
			snprintf(c->label, sizeof(c->label), "0x%x-0x%x", c->lo, c->hi);
	}
	if (row->nconfig)
		qsort(row->config, row->nconfig, sizeof(*row->config), by_offset);
}
