/* vcheck report DIR [--out DIR2] [--models SFXDIR]: reads DIR/results.json
 * back and writes report.md (with the report-*.md pages it links) and
 * report.html beside it (or into DIR2).
 * Reports are built from the files alone, so a results.json from another
 * machine, or from a CI artifact, renders the same. --models names a
 * side-effect run (vcheck run --sidefx) whose model predictions the
 * personalities section sets beside the live differences. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "harness/util/fsutil.h"
#include "reports/report_writers.h"

struct report_args {
	const char *dir, *out, *models;
};

static int parse_args(int argc, char **argv, struct report_args *a)
{
	static const struct option opts[] = { { "out", required_argument, 0, 'o' },
					      { "models", required_argument, 0, 'm' }, { 0, 0, 0, 0 } };
	int c;
	*a = (struct report_args){ 0 };
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c == 'o')
			a->out = optarg;
		else if (c == 'm')
			a->models = optarg;
		else
			return -1;
	}
	if (optind >= argc)
		return fprintf(stderr, "vcheck: report needs a directory holding results.json\n"), -1;
	if (optind + 1 < argc)
		return fprintf(stderr, "vcheck: unexpected argument '%s'\n", argv[optind + 1]), -1;
	a->dir = argv[optind];
	return 0;
}

/* `from` says which run the directory should come from, for the message. */
static int load(const char *dir, struct rep_run *run, const char *from)
{
	struct stat st;
	if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "vcheck: %s: no such directory (give the --out DIR of %s)\n", dir, from);
		return -1;
	}
	char path[4200], err[512];
	snprintf(path, sizeof(path), "%s/results.json", dir);
	char *text;
	if (vc_read_text_file(path, &text, err, sizeof(err))) {
		fprintf(stderr, "vcheck: %s\n", err);
		return -1;
	}
	int rc = rep_load(text, strlen(text), run, err, sizeof(err));
	free(text);
	if (rc)
		fprintf(stderr, "vcheck: %s:%s%s\n", path, err[0] >= '0' && err[0] <= '9' ? "" : " ", err);
	return rc;
}

static int write_one(const struct rep_run *run, const char *dir, const char *name,
		     int (*writer)(const struct rep_run *, FILE *))
{
	char path[4200];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	char tmp[4300];
	FILE *f = vc_create_file(path, tmp, sizeof(tmp));
	if (!f) {
		perror(path);
		return -1;
	}
	int rc = writer(run, f);
	if (rc) {
		fclose(f);
		unlink(tmp);
	}
	if (rc || vc_commit_file(f, tmp, path)) {
		fprintf(stderr, "vcheck: could not write %s\n", path);
		return -1;
	}
	printf("%s\n", path);
	return 0;
}

/* The --models run must hold side-effect data: a catalogue run given by
 * mistake would make every prediction silently absent. */
static int load_models(const char *dir, struct rep_run *models)
{
	if (load(dir, models, "a 'vcheck run --sidefx' to --models"))
		return -1;
	if (!models->any_registers) {
		fprintf(stderr, "vcheck: %s/results.json has no side-effect data (--models wants the --out DIR "
			"of a 'vcheck run --sidefx')\n", dir);
		return -1;
	}
	return 0;
}

static int write_reports(const struct rep_run *run, const char *out)
{
	if (vc_mkdirs(out)) {
		fprintf(stderr, "vcheck: cannot create %s\n", out);
		return -1;
	}
	for (const struct rep_output *o = rep_outputs; o->name; o++)
		if (write_one(run, out, o->name, o->write))
			return -1;
	return 0;
}

int vc_cli_write_reports(const char *dir)
{
	struct rep_run run = { 0 };
	int rc = load(dir, &run, "a 'vcheck run'") || write_reports(&run, dir) ? -1 : 0;
	rep_free(&run);
	return rc;
}

int vc_cmd_report(int argc, char **argv)
{
	struct report_args a;
	if (parse_args(argc, argv, &a))
		return VC_EXIT_USAGE;
	struct rep_run run = { 0 }, models = { 0 };
	int rc = VC_EXIT_USAGE;
	if (!load(a.dir, &run, "a 'vcheck run'") && !(a.models && load_models(a.models, &models))) {
		run.models = a.models ? &models : NULL;
		rc = write_reports(&run, a.out ? a.out : a.dir) ? VC_EXIT_USAGE : VC_EXIT_OK;
	}
	rep_free(&models);
	rep_free(&run);
	return rc;
}
