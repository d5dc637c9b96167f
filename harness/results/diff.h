/* `vcheck diff A B`: two runs' results.json compared device by device
 * (docs/diff.md). The comparison is pure: two parsed documents in, a list
 * of differences out; the writers put the list out as text or Markdown.
 *
 * Devices pair by interface, virtio device ID and order among equals,
 * never by cell name or target, so runs of two VMMs, two targets or two
 * personalities compare. Everything read is untrusted: vc_diff_validate
 * refuses what cannot be compared, and vc_diff_runs never trusts that it
 * was called. */
#ifndef VC_RESULTS_DIFF_H
#define VC_RESULTS_DIFF_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "harness/util/json_read.h"

/* id, --gate name; in the order they are counted and documented */
#define VC_DIFF_KINDS(X)                                                     \
	X(VERDICTS, "verdicts") X(FEATURES, "features") X(CONFIG, "config") \
	X(CLASSES, "classes") X(MODELS, "models") X(OUTCOME, "outcome")
#define VC_DIFF_KIND_ENUM(id, name) VC_DIFF_##id,
enum vc_diff_kind { VC_DIFF_KINDS(VC_DIFF_KIND_ENUM) VC_DIFF__COUNT };
#undef VC_DIFF_KIND_ENUM
#define VC_DIFF_BIT(k) (1u << (k))
#define VC_DIFF_ALL (VC_DIFF_BIT(VC_DIFF__COUNT) - 1)
#define VC_DIFF_DEFAULT_GATE (VC_DIFF_BIT(VC_DIFF_VERDICTS) | VC_DIFF_BIT(VC_DIFF_OUTCOME))

const char *vc_diff_kind_name(enum vc_diff_kind k);
/* "verdicts,outcome" or "all" into a mask of VC_DIFF_BIT()s; -1 with the
 * unknown kind and the list of kinds in err. */
int vc_diff_parse_gate(const char *list, unsigned *gate, char *err, size_t errlen);

/* Names the comparison cannot know by itself (they live in layouts/, a
 * stage this one does not see); either may be NULL. */
struct vc_diff_names {
	/* a device-specific feature bit's name, NULL when unknown */
	const char *(*feature)(uint32_t device_id, unsigned bit);
	/* the name of config byte `off` in label ("capacity", "capacity+0x3",
	 * "(reserved)"); returns a key shared by the bytes of one field (its
	 * first byte), -1 when the layout names nothing there */
	long (*field)(uint32_t device_id, unsigned off, char *label, size_t len);
};

/* --match A=B: devices of model a in A pair with devices of model b in B. */
struct vc_diff_match {
	const char *a, *b;
};

struct vc_diff_opts {
	const struct vc_diff_match *match;
	size_t nmatch;
	const struct vc_diff_names *names;
};

/* A device pair with a difference. title: "vu-ref vs vu-ref-honest: input
 * (18) on mmio-v2"; a, b: "CELL, LOCATION" in each run, NULL for a device
 * only in the other one. */
struct vc_diff_pair {
	char *title, *a, *b;
};

#define VC_DIFF_RUN ((size_t)-1) /* pair of the run's and cells' own differences */

/* One difference: what (a check ID, "bit 32 VERSION_1", "config 0x4
 * (reserved)", "page transport 0x60/4 InterruptStatus"), A's and B's
 * values ("(absent)" when only one run has it) and why (a detail or
 * reason; NULL when there is none). */
struct vc_diff_item {
	enum vc_diff_kind kind;
	size_t pair; /* into pairs, or VC_DIFF_RUN */
	char *what, *a, *b, *why;
};

struct vc_diff {
	struct vc_diff_pair *pairs;
	size_t npairs, pcap;
	struct vc_diff_item *items; /* run-level first, then pair by pair */
	size_t nitems, icap;
	size_t counts[VC_DIFF__COUNT];
};

/* 0 when doc is a results.json this build can compare (schema vcheck/1,
 * arrays and objects where the schema has them, config bytes in hex),
 * else -1 with the JSON path of the first problem in err. */
int vc_diff_validate(const struct jv *doc, char *err, size_t errlen);
/* Compares B against A into *out (zeroed first); free with vc_diff_free. */
void vc_diff_runs(const struct jv *a, const struct jv *b, const struct vc_diff_opts *o, struct vc_diff *out);
void vc_diff_free(struct vc_diff *d);
/* How many differences are of the kinds in gate. */
size_t vc_diff_gated(const struct vc_diff *d, unsigned gate);
/* The run's device model names, sorted, each once (for --match); the
 * array is malloc'd, the names point into doc. */
const char **vc_diff_model_names(const struct jv *doc, size_t *n);

/* The counts per kind, then (unless quiet) the differences by device pair;
 * a and b name the runs. */
void vc_diff_write_text(const struct vc_diff *d, FILE *f, const char *a, const char *b, unsigned gate, int quiet);
/* The same as a Markdown page; -1 when a write failed. */
int vc_diff_write_md(const struct vc_diff *d, FILE *f, const char *a, const char *b, unsigned gate);
#endif
