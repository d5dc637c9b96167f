/* Known failures per target: a check that FAILs (or FAULTs) where the
 * baseline expects it becomes XFAIL with the recorded reason; one that now
 * PASSes becomes XPASS, so a fixed device forces the baseline to be updated. */
#ifndef VC_BASELINE_H
#define VC_BASELINE_H
#include <stddef.h>
#include "harness/plan/baseline_where.h"
#include "harness/model/model.h"
#include "harness/plan/target.h"

struct vc_baseline_entry {
	char *check, *model, *reason; /* "*" or comma lists */
	struct vc_bl_where where;     /* the TRANSPORT field */
	int line, used;
};

struct vc_baseline {
	char *path;
	struct vc_baseline_entry *entries;
	size_t n, cap;
};

/* Lines: CHECK-ID TRANSPORT[/INTERFACE][.PERSONALITY] MODEL reason...; '#'
 * comments. Names are checked against target t when given: check IDs
 * against the catalogue, models and transports against t (NULL: only the
 * interface and personality names vcheck knows). -1 with "file:line: why". */
int vc_baseline_parse(const char *path, const char *text, const struct vc_target *t, struct vc_baseline *b,
		      char *err, size_t errlen);
int vc_baseline_load(const char *path, const struct vc_target *t, struct vc_baseline *b, char *err,
		     size_t errlen);
/* Applies to one cell (of any target: the caller picks the baseline). */
void vc_baseline_apply_cell(struct vc_baseline *b, struct vc_cell *c);
void vc_baseline_free(struct vc_baseline *b);
#endif
