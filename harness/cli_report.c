/* vcheck report DIR [--out DIR2]: reads DIR/results.json back and writes
 * report.md and report.html beside it (or into DIR2). Reports are built
 * from the file alone, so a results.json from another machine, or from a
 * CI artifact, renders the same. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "cli.h"
#include "fsutil.h"
#include "report_writers.h"

static int parse_args(int argc, char **argv, const char **dir, const char **out)
{
	static const struct option opts[] = { { "out", required_argument, 0, 'o' }, { 0, 0, 0, 0 } };
	int c;
	*dir = *out = NULL;
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c != 'o')
			return -1;
		*out = optarg;
	}
	if (optind >= argc)
		return fprintf(stderr, "vcheck: report needs a directory holding results.json\n"), -1;
	if (optind + 1 < argc)
		return fprintf(stderr, "vcheck: unexpected argument '%s'\n", argv[optind + 1]), -1;
	*dir = argv[optind];
	return 0;
}

static int load(const char *dir, struct rep_run *run)
{
	struct stat st;
	if (stat(dir, &st) || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "vcheck: %s: no such directory (give the --out DIR of a 'vcheck run')\n", dir);
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
	FILE *f = fopen(path, "w");
	if (!f) {
		perror(path);
		return -1;
	}
	int rc = writer(run, f);
	if (fclose(f) || rc) {
		fprintf(stderr, "vcheck: could not write %s\n", path);
		return -1;
	}
	printf("%s\n", path);
	return 0;
}

int vc_cmd_report(int argc, char **argv)
{
	const char *dir, *out;
	if (parse_args(argc, argv, &dir, &out))
		return VC_EXIT_USAGE;
	struct rep_run run = { 0 };
	if (load(dir, &run)) {
		rep_free(&run);
		return VC_EXIT_USAGE;
	}
	if (!out)
		out = dir;
	int rc = VC_EXIT_OK;
	if (vc_mkdirs(out)) {
		fprintf(stderr, "vcheck: cannot create %s\n", out);
		rc = VC_EXIT_USAGE;
	} else if (write_one(&run, out, "report.md", rep_write_md)
		   || write_one(&run, out, "report.html", rep_write_html)) {
		rc = VC_EXIT_USAGE;
	}
	rep_free(&run);
	return rc;
}
