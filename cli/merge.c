/* vcheck merge DIR... --out DIR [--force]: the results of one run split
 * over CI jobs (shards, by --transport or --device) joined into one
 * results.json, junit.xml and report, with the verdict recomputed over
 * the joined cells. The checking and joining is harness/results/merge.c;
 * this file reads the shards, places the output and sets the exit status
 * as `vcheck run` does (--fail-on and --tap as it takes them): 0 or 1 by
 * the merged verdict (3 for ERROR), 2 for shards that cannot be merged. Logs stay in the shards: each cell's
 * "logs" is rewritten relative to the merged directory (docs/ci.md). */
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/ci_outputs.h"
#include "cli/cli.h"
#include "harness/results/merge.h"
#include "harness/util/fsutil.h"
#include "reports/junit.h"
#include "reports/tap.h"

struct shard_in {
	char path[4200], dir[PATH_MAX], prefix[PATH_MAX];
	struct jv *doc;
};

struct merge_args {
	const char *out;
	int force;
	struct vc_ci_opts ci; /* --tap, --fail-on: as `vcheck run` takes them */
	char **dirs;
	size_t ndirs;
};

static int parse_args(int argc, char **argv, struct merge_args *a)
{
	static const struct option opts[] = { { "out", required_argument, 0, 'o' },
					      { "force", no_argument, 0, 'f' }, VC_CI_LONG_OPTIONS, { 0, 0, 0, 0 } };
	int c;
	*a = (struct merge_args){ 0 };
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
		if (c == 'o')
			a->out = optarg;
		else if (c == 'f')
			a->force = 1;
		else if (c == VC_OPT_TAP || c == VC_OPT_FAIL_ON) {
			if (vc_ci_take_option(c, optarg, &a->ci))
				return -1;
		} else if (c == ':')
			return fprintf(stderr, "vcheck: merge: %s needs a value\n", argv[optind - 1]), -1;
		else
			return fprintf(stderr, "vcheck: merge: unknown option '%s'\n", argv[optind - 1]), -1;
	}
	if (!a->out)
		return fprintf(stderr, "vcheck: merge needs --out DIR\n"), -1;
	if (optind >= argc)
		return fprintf(stderr, "vcheck: merge needs the shards' run directories\n"), -1;
	a->dirs = argv + optind;
	a->ndirs = (size_t)(argc - optind);
	return 0;
}

/* Parses a shard's results.json and finds its directory's real path. */
static int load_shard(const char *given, struct shard_in *s)
{
	char err[512];
	char *text = vc_cli_read_results("merge", given, s->path, sizeof(s->path));
	if (!text)
		return -1;
	s->doc = jv_parse(text, strlen(text), err, sizeof(err));
	free(text);
	if (!s->doc)
		return fprintf(stderr, "vcheck: merge: %s:%s\n", s->path, err), -1;
	char dir[4200];
	const char *slash = strrchr(s->path, '/');
	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - s->path) : 1, slash ? s->path : ".");
	if (!realpath(dir[0] ? dir : "/", s->dir))
		return fprintf(stderr, "vcheck: merge: %s: cannot resolve its directory\n", given), -1;
	return 0;
}

/* The merged directory, created, and each shard's path from it. The
 * output must not be a shard: its results.json would be replaced. */
static int place_output(const char *out, struct shard_in *s, size_t n)
{
	char real[PATH_MAX];
	if (vc_mkdirs(out) || !realpath(out, real))
		return fprintf(stderr, "vcheck: merge: cannot create %s\n", out), -1;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(real, s[i].dir))
			return fprintf(stderr, "vcheck: merge: --out %s is the shard %s: give a directory of its own\n",
				       out, s[i].path), -1;
		vc_merge_relative_path(real, s[i].dir, s[i].prefix, sizeof(s[i].prefix));
	}
	return 0;
}

static int write_json(const struct vc_merge *m, const char *out)
{
	char path[4200], tmp[4300];
	snprintf(path, sizeof(path), "%s/results.json", out);
	FILE *f = vc_create_file(path, tmp, sizeof(tmp));
	if (f && vc_merge_write_json(m, f)) {
		fclose(f);
		unlink(tmp);
		f = NULL;
	}
	if (!f || vc_commit_file(f, tmp, path))
		return fprintf(stderr, "vcheck: merge: cannot write %s\n", path), -1;
	return 0;
}

/* results.json, then junit.xml (and TAP when asked) and the reports from
 * the same cells, whose run is left in *run. */
static int write_outputs(const struct vc_merge *m, const struct merge_args *a, struct vc_run *run)
{
	char path[4200];
	vc_merge_to_run(m, run);
	if (write_json(m, a->out))
		return -1;
	snprintf(path, sizeof(path), "%s/junit.xml", a->out);
	if (vc_write_junit_for(run, path, a->ci.fail_on))
		return fprintf(stderr, "vcheck: merge: cannot write %s\n", path), -1;
	if (a->ci.tap && vc_write_tap(run, a->ci.tap, a->ci.fail_on))
		return fprintf(stderr, "vcheck: merge: cannot write %s\n", a->ci.tap), -1;
	return vc_cli_write_reports(a->out);
}

/* 1 before 3 before 0, as a run's statuses rank. */
static int worse_status(int a, int b)
{
	int ra = a == VC_EXIT_FAILED ? 2 : a == VC_EXIT_ERROR, rb = b == VC_EXIT_FAILED ? 2 : b == VC_EXIT_ERROR;
	return ra >= rb ? a : b;
}

/* As `vcheck run` would say it of the joined cells (--fail-on included),
 * and never better than the merged verdict. */
static int exit_status(const struct vc_merge *m, const struct vc_run *run, const struct merge_args *a)
{
	return worse_status(vc_cli_exit_status(m->verdict, 0), vc_cli_ci_exit_status(run, 0, &a->ci));
}

static int merge(const struct merge_args *a, struct shard_in *in)
{
	struct vc_merge_shard *shards = calloc(a->ndirs, sizeof(*shards));
	struct vc_merge m;
	char err[1024];
	int rc = VC_EXIT_USAGE;
	for (size_t i = 0; shards && i < a->ndirs; i++)
		shards[i] = (struct vc_merge_shard){ a->dirs[i], in[i].doc, in[i].prefix };
	if (!shards || vc_merge_shards(shards, a->ndirs, a->force, &m, err, sizeof(err))) {
		fprintf(stderr, "vcheck: merge: %s\n", shards ? err : "out of memory");
		free(shards);
		return rc;
	}
	if (a->force && (!m.version || !m.catalogue))
		fprintf(stderr, "vcheck: merge: --force: the shards are not of one build and catalogue; "
			"results.json says null for what differs\n");
	/* the prefixes the shards point to are filled in here: nothing is
	 * created for shards that cannot be merged */
	struct vc_run run = { 0 };
	if (!place_output(a->out, in, a->ndirs) && !write_outputs(&m, a, &run)) {
		printf("%s: %zu cells of %zu shards, %s\n", a->out, m.ncells, a->ndirs, vc_verdict_name(m.verdict));
		rc = exit_status(&m, &run, a);
	}
	vc_run_free(&run);
	vc_merge_free(&m);
	free(shards);
	return rc;
}

int vc_cmd_merge(int argc, char **argv)
{
	struct merge_args a;
	if (parse_args(argc, argv, &a))
		return VC_EXIT_USAGE;
	struct shard_in *in = calloc(a.ndirs, sizeof(*in));
	int rc = in ? VC_EXIT_OK : VC_EXIT_USAGE;
	for (size_t i = 0; in && i < a.ndirs && rc == VC_EXIT_OK; i++)
		rc = load_shard(a.dirs[i], &in[i]) ? VC_EXIT_USAGE : VC_EXIT_OK;
	if (rc == VC_EXIT_OK)
		rc = merge(&a, in);
	for (size_t i = 0; in && i < a.ndirs; i++)
		jv_free(in[i].doc);
	free(in);
	return rc;
}
