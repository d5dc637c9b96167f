/* The per-hypervisor comparison of a run (issue 5, "Per-hypervisor
 * compliance report"): every cell of a non-direct personality against the
 * direct cell of the same target and transport, device by device (matched
 * by location and model), the checks whose verdict differs, the transport
 * rules that fired in the personality's cell, and what the side-effect
 * models (a --sidefx run given with --models) predict for the registers
 * those rules name. Both report writers render this one reading.
 *
 * "Differs" compares verdict classes, not names: pass-like (PASS, WARN,
 * XPASS), SKIP, and fail-like (XFAIL, FAIL, FAULT, WEDGED, CRASH and names
 * this build does not know). XFAIL and XPASS count as the outcome under the
 * baseline, so a known QEMU failure that the personality also fails is no
 * difference, while PASS against XFAIL is one; a check that runs under one
 * personality and is skipped under the other differs too. */
#ifndef VC_REPORT_PERSONALITIES_H
#define VC_REPORT_PERSONALITIES_H
#include <stdio.h>
#include "reports/report_model.h"

#define REP_BASE_PERSONALITY "direct"

/* How a difference stands against the model's prediction. A difference
 * has one cause or several, and the rules that fired name every page
 * behaviour the check met, incidental ones too (a notify held while the
 * check was failing on a reset): so one rule on a register the model does
 * not call emulable explains the difference, and it disagrees only when
 * the model calls every register it has a verdict for emulable. Those
 * emulable registers are then listed with the model's reason. */
#define REP_AGREEMENTS(X)                                                    \
	X(AGREES, "agrees")               /* a rule fired on a register the   \
					     model does not call emulable */  \
	X(DISAGREES, "disagrees")         /* rules fired, and every register  \
					     with a verdict is emulable */    \
	X(UNEXPLAINED, "unexplained")     /* no rule fired at all */          \
	X(PERSONALITY_ONLY, "personality-only") /* the check applies under   \
					     this personality alone (its      \
					     descriptor names it): direct     \
					     skips it by construction */      \
	X(NO_PREDICTION, "no-prediction") /* rules fired, but the model run  \
					     has no verdict for their        \
					     registers */                     \
	X(NOT_GIVEN, "not-given")         /* rules fired, no --models */

enum rep_agreement {
#define REP_AGREEMENT_ENUM(id, name) REP_##id,
	REP_AGREEMENTS(REP_AGREEMENT_ENUM)
#undef REP_AGREEMENT_ENUM
	REP_AGREEMENT__COUNT
};

/* One rule as "name@0xOFF" on the wire, with the register it names. */
struct rep_rule {
	char name[48];                  /* "reset-posted" */
	char reg[32];                   /* "Status", "config+0x10"; "" without an offset */
	const char *field;              /* the model run's name of a config register, or NULL */
	const struct rep_register *model_reg; /* the model run's register, or NULL */
	int verdict;                    /* model_reg's verdict for the personality's model,
					   REP_HV_NONE when there is none */
};

struct rep_diff {
	const struct rep_device *base_dev, *dev;
	const struct rep_check *base, *check;
	struct rep_rule *rules;
	size_t nrules;
	enum rep_agreement agreement;
};

/* A rule of a disagreeing difference, on a register the model calls
 * emulable. */
struct rep_disagreement {
	const struct rep_diff *diff;
	const struct rep_rule *rule;
};

struct rep_pair {
	const struct rep_cell *base, *cell; /* the direct cell and the other personality's */
	int model;                      /* enum vc_hv_model named like the personality, or -1 */
	struct rep_diff *diffs;
	size_t ndiffs, capdiffs;
	/* check ids run under one side only (deduplicated), and devices
	 * without a counterpart on the other side */
	const char **only_base, **only_cell;
	size_t nonly_base, nonly_cell, cap_ob, cap_oc;
	const struct rep_device **lone_base, **lone_cell;
	size_t nlone_base, nlone_cell, cap_lb, cap_lc;
	struct rep_disagreement *disagreements;
	size_t ndisagreements, capdisagreements;
	unsigned totals[REP_AGREEMENT__COUNT];
};

struct rep_personalities {
	struct rep_pair *pairs;
	size_t npairs, cappairs;
	const struct rep_cell **uncompared; /* non-direct cells without a direct cell */
	size_t nuncompared, capuncompared;
	size_t ndiffs;
	unsigned totals[REP_AGREEMENT__COUNT];
	int models_given;
};

/* Builds the comparison of run; models is the side-effect run given with
 * --models, or NULL. Free with rep_pers_free. */
void rep_pers_build(const struct rep_run *run, const struct rep_run *models, struct rep_personalities *p);
void rep_pers_free(struct rep_personalities *p);
/* The section appears only when some target and transport ran under more
 * than one personality. */
static inline int rep_pers_shown(const struct rep_personalities *p)
{
	return p->npairs || p->nuncompared;
}
/* What the section compares and how it judges, as the writers open it. */
extern const char rep_pers_intro[];
const char *rep_agreement_name(enum rep_agreement a);
/* "12 differences, 9 agree with the models, 2 disagree, 1 unexplained" (or,
 * without --models, that predictions were not given), for both writers. */
void rep_pers_totals_text(const unsigned totals[REP_AGREEMENT__COUNT], size_t ndiffs, int models_given,
			  char *buf, size_t len);
/* Text through a writer's own escaping (md_text, html_text), so both
 * writers say the same sentences (report_pers_text.c). */
typedef void rep_text_fn(FILE *f, const char *s);
/* " at Status", " at config+0x10 (geometry.cylinders)"; nothing without a register. */
void rep_pers_write_register(FILE *f, const struct rep_rule *r, rep_text_fn *text);
/* "blk R-2: read-only at MagicValue; gunyah model: emulable, <its reason>" */
void rep_pers_write_disagreement(FILE *f, const struct rep_pair *p, const struct rep_disagreement *d,
				 rep_text_fn *text);
/* The checks and devices one side lacks, one item each between open and
 * close; nothing when the two sides match. */
void rep_pers_write_not_compared(FILE *f, const struct rep_pair *p, rep_text_fn *text, const char *open,
				 const char *close);
/* Checks run under the personality only are listed apart from the table
 * of differences to explain. */
static inline int rep_pers_in_table(const struct rep_diff *d)
{
	return d->agreement != REP_PERSONALITY_ONLY;
}
static inline int rep_pers_table_shown(const struct rep_pair *p)
{
	return p->ndiffs > p->totals[REP_PERSONALITY_ONLY];
}
/* "Run under xen only (...): " before the writer's own list of them;
 * nothing when there are none. */
int rep_pers_write_personality_only_intro(FILE *f, const struct rep_pair *p, rep_text_fn *text);
/* "t mmio-v2: direct vs gunyah" */
void rep_pers_write_title(FILE *f, const struct rep_pair *p, rep_text_fn *text);
/* "Cells A and B. 3 differences, ..." */
void rep_pers_write_summary(FILE *f, const struct rep_pair *p, int models_given, rep_text_fn *text);
/* "Cells without a direct cell ... (not compared): a, b" (when ps->nuncompared) */
void rep_pers_write_uncompared(FILE *f, const struct rep_personalities *ps, rep_text_fn *text);
static inline int rep_pers_all_compared(const struct rep_pair *p)
{
	return !p->nonly_base && !p->nonly_cell && !p->nlone_base && !p->nlone_cell;
}

/* Fills d->rules from the personality check k of dev in cell, with the
 * verdicts of hypervisor model `model` (-1: none) from the models run
 * (report_pers_rules.c). */
void rep_rules_resolve(const struct rep_check *k, const struct rep_cell *cell, const struct rep_device *dev,
		       const struct rep_run *models, int model, struct rep_diff *d);
/* The verdict class of the comparison: 0 pass-like, 1 SKIP, 2 fail-like. */
int rep_verdict_class(int verdict);
#endif
