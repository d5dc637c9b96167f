/* vcheck merge: one run split over CI jobs (shards, by --transport or
 * --device) joined back into one. The shards' results.json files are
 * untrusted input: they must be of this schema and of one build and
 * check catalogue, a cell name may appear twice only with identical
 * results, and the run's verdict is recomputed over the joined cells,
 * never taken from a shard. */
#ifndef VC_RESULTS_MERGE_H
#define VC_RESULTS_MERGE_H
#include <stddef.h>
#include <stdio.h>
#include "harness/util/json_read.h"
#include "harness/model/model.h"

struct vc_merge_shard {
	const char *name;        /* how messages name it: its directory */
	const struct jv *doc;    /* its parsed results.json */
	const char *logs_prefix; /* its directory, relative to the merged one ("." for the same) */
};

/* A joined cell and the shard it came from. */
struct vc_merge_cell {
	const struct jv *cell;
	const struct vc_merge_shard *shard;
};

struct vc_merge {
	struct vc_merge_cell *cells; /* in shard order, a duplicate once */
	size_t ncells, capcells;
	enum vc_verdict verdict;   /* worst over the cells */
	/* the build and catalogue every shard names; NULL where --force let
	 * shards that differ (or name none) through */
	const char *version, *catalogue;
};

/* Checks and joins n shards. force lets shards of different builds or
 * catalogues (or ones that do not say) through; nothing else. 0, or -1
 * with why in err. m holds pointers into the shards' documents. */
int vc_merge_shards(const struct vc_merge_shard *s, size_t n, int force, struct vc_merge *m, char *err,
		    size_t errlen);
void vc_merge_free(struct vc_merge *m);

/* The joined results.json (schema vcheck/1), each cell's "logs" put
 * under its shard's logs_prefix. 0, or -1 when a write failed. */
int vc_merge_write_json(const struct vc_merge *m, FILE *f);

/* The cell's "logs" as the merged directory reaches them: a relative
 * path put under its shard's logs_prefix (so "cells/X" of shard ../A is
 * "../A/cells/X"), an absolute one as it is; NULL when the cell has no
 * string there. Free it. */
char *vc_merge_logs(const struct vc_merge_cell *mc);

/* `to` relative to `from`, both absolute and canonical (realpath):
 * "../shard-a" from /ci/merged to /ci/shard-a, "." for the same. */
void vc_merge_relative_path(const char *from, const char *to, char *out, size_t len);

/* What junit.xml needs of the joined cells, as the run `vcheck run`
 * hands its writer: names, outcomes, problems, attached and found
 * devices, check verdicts and details. Side-effect data is left out. */
void vc_merge_to_run(const struct vc_merge *m, struct vc_run *run);
#endif
