/* vcheck baseline --from DIR [--out FILE] [--target NAME]: a baseline of
 * a run's known failures, for a human to review and commit beside the
 * target (docs/ci.md). What goes in is harness/plan/baseline_from.c;
 * this file finds the target, proves the text loads as `vcheck run
 * --baseline` will load it, and writes it whole or not at all. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "harness/plan/baseline.h"
#include "harness/plan/baseline_from.h"
#include "harness/util/fsutil.h"

struct baseline_args {
	const char *from, *out, *target;
};

static int parse_args(int argc, char **argv, struct baseline_args *a)
{
	static const struct option opts[] = { { "from", required_argument, 0, 'f' },
					      { "out", required_argument, 0, 'o' },
					      { "target", required_argument, 0, 't' }, { 0, 0, 0, 0 } };
	int c;
	*a = (struct baseline_args){ 0 };
	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":o:", opts, NULL)) != -1) {
		if (c == 'f')
			a->from = optarg;
		else if (c == 'o')
			a->out = optarg;
		else if (c == 't')
			a->target = optarg;
		else if (c == ':')
			return fprintf(stderr, "vcheck: baseline: %s needs a value\n", argv[optind - 1]), -1;
		else
			return fprintf(stderr, "vcheck: baseline: unknown option '%s'\n", argv[optind - 1]), -1;
	}
	if (optind < argc)
		return fprintf(stderr, "vcheck: baseline: unexpected argument '%s'\n", argv[optind]), -1;
	if (!a->from)
		return fprintf(stderr, "vcheck: baseline needs --from DIR (the --out DIR of a 'vcheck run')\n"), -1;
	return 0;
}

/* The run's one target, when --target does not name it: a baseline
 * belongs beside one target file. */
static const char *only_target(const struct jv *doc, const char *path)
{
	const struct jv *cells = jv_get(doc, "cells");
	const char *name = NULL;
	for (size_t i = 0; i < jv_count(cells); i++) {
		const char *t = jv_gets(jv_at(cells, i), "target", NULL);
		if (t && name && strcmp(t, name)) {
			fprintf(stderr, "vcheck: baseline: %s has cells of targets %s and %s: name one with --target\n",
				path, name, t);
			return NULL;
		}
		name = t ? t : name;
	}
	if (!name)
		fprintf(stderr, "vcheck: baseline: %s has no cell that names its target\n", path);
	return name;
}

/* The baseline text, and proof that the loader reads it for target t. */
static char *compose(const struct jv *doc, const struct vc_target *t, const char *path, const char *name,
		     struct vc_bl_from_counts *n)
{
	char *text = NULL, err[1024];
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	int rc = mem ? vc_baseline_from_results(doc, t, path, mem, n, err, sizeof(err)) : -1;
	if (mem && fclose(mem))
		rc = -1;
	struct vc_baseline b;
	if (!rc && vc_baseline_parse(name, text, t, &b, err, sizeof(err)) == 0)
		vc_baseline_free(&b);
	else if (!rc)
		rc = -1; /* a run of another build or target file: its names are not this one's */
	if (rc) {
		fprintf(stderr, "vcheck: baseline: %s\n", mem ? err : strerror(errno));
		free(text);
		return NULL;
	}
	return text;
}

static int write_text(const char *text, const char *out)
{
	if (!out)
		return fputs(text, stdout) < 0 || fflush(stdout) ? -1 : 0;
	char tmp[4300];
	FILE *f = vc_create_file(out, tmp, sizeof(tmp));
	if (f && fputs(text, f) < 0) {
		fclose(f);
		unlink(tmp);
		f = NULL;
	}
	if (!f || vc_commit_file(f, tmp, out))
		return fprintf(stderr, "vcheck: baseline: cannot write %s\n", out), -1;
	return 0;
}

static void summary(const struct vc_bl_from_counts *n, const char *out)
{
	fprintf(stderr, "vcheck: baseline: %zu known failures of %zu cells%s%s; review each reason\n", n->lines,
		n->cells, out ? " in " : "", out ? out : "");
	if (n->not_held)
		fprintf(stderr, "vcheck: baseline: %zu WEDGED, CRASH or ERROR checks left out: a baseline holds "
			"FAIL and FAULT only\n", n->not_held);
	if (n->xpass)
		fprintf(stderr, "vcheck: baseline: %zu XPASS checks left out: they pass now\n", n->xpass);
	if (n->unattached)
		fprintf(stderr, "vcheck: baseline: %zu failing checks of devices the target did not attach left "
			"out: no model to name\n", n->unattached);
}

static int from_doc(const struct jv *doc, const struct baseline_args *a, const char *path)
{
	const char *name = a->target ? a->target : only_target(doc, path);
	struct vc_target t;
	if (!name || vc_cli_load_target(name, &t))
		return VC_EXIT_USAGE;
	struct vc_bl_from_counts n;
	char *text = compose(doc, &t, path, a->out ? a->out : "(stdout)", &n);
	int rc = text && !write_text(text, a->out) ? VC_EXIT_OK : VC_EXIT_USAGE;
	if (rc == VC_EXIT_OK)
		summary(&n, a->out);
	free(text);
	vc_target_free(&t);
	return rc;
}

int vc_cmd_baseline(int argc, char **argv)
{
	struct baseline_args a;
	char path[4200], err[512];
	if (parse_args(argc, argv, &a))
		return VC_EXIT_USAGE;
	char *text = vc_cli_read_results("baseline", a.from, path, sizeof(path));
	if (!text)
		return VC_EXIT_USAGE;
	struct jv *doc = jv_parse(text, strlen(text), err, sizeof(err));
	free(text);
	if (!doc)
		return fprintf(stderr, "vcheck: baseline: %s:%s\n", path, err), VC_EXIT_USAGE;
	int rc = from_doc(doc, &a, path);
	jv_free(doc);
	return rc;
}
