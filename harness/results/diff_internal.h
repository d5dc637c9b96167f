/* What the files of `vcheck diff` share among themselves; diff.h is the
 * interface, and nothing outside harness/results/diff*.c includes this.
 *
 * The comparison is split by what it compares: diff.c the run, its cells
 * and the pairing of devices; diff_device.c one device pair's checks,
 * features and config; diff_registers.c its side-effect registers.
 * diff_pair.c pairs items by key, diff_read.c says what a results.json
 * must hold, diff_kinds.c names the kinds, diff_text.c and diff_md.c
 * write the list out. */
#ifndef VC_RESULTS_DIFF_INTERNAL_H
#define VC_RESULTS_DIFF_INTERNAL_H
#include <stddef.h>
#include <stdint.h>
#include "harness/results/diff.h"

#define NONE ((size_t)-1)
#define ABSENT "(absent)"
#define NOTHING "(none)"

/* ---- pairing by key, in order among equals (diff_pair.c) ------------------- */

struct pairing {
	size_t *a_to_b; /* B's index paired with A's i, or NONE */
	char *b_paired;
};

/* The k-th A item of a key pairs with the k-th B item of the same key. */
struct pairing diff_pair_up(char *const *ka, size_t na, char *const *kb, size_t nb);
void diff_free_pairing(struct pairing *p);
void diff_free_keys(char **k, size_t n);
/* qsort's comparison of two char pointers */
int diff_str_cmp(const void *x, const void *y);

/* ---- reading values (diff_read.c) ------------------------------------------- */

/* "0x" and 1 to 16 hex digits, at most max; -1 for anything else. */
int diff_parse_hex(const char *s, uint64_t max, uint64_t *out);

/* ---- the list of differences being built (diff.c) ---------------------------- */

struct devref {
	const struct jv *dev, *cell;
};

struct diff_ctx {
	struct vc_diff *d;
	const struct vc_diff_opts *o;
	const struct devref *a, *b; /* the device pair compared; NULL for the run, one NULL when only in one run */
	size_t pair;                /* its entry in d->pairs once it has a difference */
};

long diff_device_id(const struct jv *dev);
/* Records one difference; takes `what`, copies the rest. */
void diff_add(struct diff_ctx *c, enum vc_diff_kind k, char *what, const char *a, const char *b, const char *why);
/* diff_add when a and b differ ("(none)" for NULL), else frees `what`. */
void diff_change(struct diff_ctx *c, enum vc_diff_kind k, char *what, const char *a, const char *b, const char *why);

/* Pairs the elements of arrays xa and xb by key() (diff_pair.c); in A's
 * order, both() for each pair and one(.., 1) for each element only in A,
 * then one(.., 0) for each element only in B. */
void diff_walk(struct diff_ctx *c, const struct jv *xa, const struct jv *xb, char *(*key)(const struct jv *),
	       void (*both)(struct diff_ctx *c, const struct jv *x, const struct jv *y),
	       void (*one)(struct diff_ctx *c, const struct jv *x, int in_a));

/* ---- one device pair, both present -------------------------------------------- */

void diff_checks(struct diff_ctx *c);    /* diff_device.c */
void diff_features(struct diff_ctx *c);  /* diff_device.c */
void diff_config(struct diff_ctx *c);    /* diff_device.c */
void diff_registers(struct diff_ctx *c); /* diff_registers.c */

/* ---- the writers ------------------------------------------------------------------- */

/* "verdicts,outcome" or "all" (diff_kinds.c) */
void diff_gate_text(unsigned gate, char *buf, size_t len);
#endif
