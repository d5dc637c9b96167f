/* The side-effect heatmap's layout, shared by report.html's heatmap
 * (report_html_heatmap.c), report.md's summary lines
 * (report_md_heatmap.c) and the tests: per target and interface (a "group"), the transport registers
 * as columns and one row per device, each device's config cut into
 * cells by layout field. A transport register's behaviour (its classes
 * and every model's verdict and reason) that most devices of a group
 * share is shown once, in the group's shared row; a device gets its own
 * cell only where it behaves otherwise, so what is particular to a
 * device stands out instead of drowning in 29 identical columns. */
#ifndef VC_REPORT_HEATMAP_H
#define VC_REPORT_HEATMAP_H
#include "reports/report_model.h"

/* A model's verdict on a heatmap cell: the worst over the registers it
 * covers (report_model.c's ranking), with that register and its reason. */
struct rep_hm_verdict {
	int verdict;                        /* enum vc_hv_verdict, REP_HV_OTHER or REP_HV_NONE */
	const struct rep_register *at;      /* NULL with REP_HV_NONE */
};

/* A config cell: a layout field, a byte the layout names (a reserved
 * one), or a run of bytes no layout names. */
struct rep_hm_config {
	char label[48];
	uint32_t lo, hi;                    /* first and last byte offset */
	long field;                         /* the field's offset, or -1 */
	const struct rep_register **regs;
	size_t nregs, regs_cap;
};

enum rep_hm_slot { REP_HM_SHARED, REP_HM_OWN, REP_HM_ABSENT };

struct rep_hm_column {
	const struct rep_register *common;  /* the behaviour most devices show */
	size_t deviating;                   /* devices that show another, or lack it */
};

struct rep_hm_row {
	const struct rep_cell *cell;
	const struct rep_device *dev;
	enum rep_hm_slot *slots;            /* per column */
	const struct rep_register **own;    /* per column: the device's register, NULL when absent */
	struct rep_hm_config *config;
	size_t nconfig, config_cap;
};

struct rep_hm_group {
	const char *target, *interface;
	struct rep_hm_column *cols;
	size_t ncols;
	struct rep_hm_row *rows;
	size_t nrows, rows_cap;
	size_t ncells;                      /* run cells its devices come from */
};

struct rep_heatmap {
	struct rep_hm_group *groups;
	size_t ngroups;
};

/* One row's config cells, by byte offset (report_heatmap_config.c). */
void rep_hm_config_cells(struct rep_hm_row *row);
void rep_heatmap_build(const struct rep_run *run, struct rep_heatmap *hm);
void rep_heatmap_free(struct rep_heatmap *hm);
/* Model m's verdict on one register, or on the registers of a config cell. */
struct rep_hm_verdict rep_hm_register(const struct rep_register *r, int m);
struct rep_hm_verdict rep_hm_config_verdict(const struct rep_hm_config *c, int m);
/* Whether two registers behave alike: classes, and every model's verdict
 * and reason. */
int rep_hm_same(const struct rep_register *a, const struct rep_register *b);
#endif
