/* vcheck diff [--gate KINDS] [--markdown FILE] [--match A=B]... [-q] A B:
 * two runs compared device by device (docs/diff.md), for CI to gate on
 * what changed between two QEMUs, commits, backends or hypervisors. The
 * comparison is harness/results/diff.c; this file reads the two files,
 * names feature bits and config fields from the layouts and sets the exit
 * status: 0 nothing of the gated kinds changed, 1 something did, 2 usage
 * or input that cannot be compared. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "harness/results/diff.h"
#include "harness/util/closest.h"
#include "harness/util/fsutil.h"
#include "layouts/layout.h"

#define MAX_MATCH 64

struct diff_args {
	const char *a, *b, *markdown;
	unsigned gate;
	int quiet;
	struct vc_diff_match match[MAX_MATCH];
	size_t nmatch;
};

/* "--gaet" -> "unknown option '--gaet' (did you mean '--gate'?)" */
static int unknown_option(const char *arg)
{
	static const char *const names[] = { "--gate", "--markdown", "--match", "--quiet", "--help" };
	char opt[72];
	snprintf(opt, sizeof(opt), "%.*s", (int)strcspn(arg, "="), arg);
	const char *near = vc_closest(opt, names, sizeof(names) / sizeof(names[0]));
	fprintf(stderr, "vcheck: diff: unknown option '%s'%s%s%s\n", opt, near ? " (did you mean '" : "",
		near ? near : "", near ? "'?)" : "");
	return -1;
}

static int add_match(struct diff_args *a, char *spec)
{
	char *eq = strchr(spec, '=');
	if (!eq || eq == spec || !eq[1] || strchr(eq + 1, '='))
		return fprintf(stderr, "vcheck: diff: --match wants MODEL_A=MODEL_B, not '%s'\n", spec), -1;
	if (a->nmatch == MAX_MATCH)
		return fprintf(stderr, "vcheck: diff: more than %d --match\n", MAX_MATCH), -1;
	*eq = 0;
	for (size_t i = 0; i < a->nmatch; i++)
		if (!strcmp(a->match[i].a, spec) || !strcmp(a->match[i].b, eq + 1))
			return fprintf(stderr, "vcheck: diff: --match names '%s' twice\n",
				       !strcmp(a->match[i].a, spec) ? spec : eq + 1), -1;
	a->match[a->nmatch++] = (struct vc_diff_match){ spec, eq + 1 };
	return 0;
}

static int parse_args(int argc, char **argv, struct diff_args *a)
{
	static const struct option opts[] = { { "gate", required_argument, 0, 'g' },
					      { "markdown", required_argument, 0, 'm' },
					      { "match", required_argument, 0, 'M' },
					      { "quiet", no_argument, 0, 'q' }, { 0, 0, 0, 0 } };
	char err[256];
	int c;
	*a = (struct diff_args){ .gate = VC_DIFF_DEFAULT_GATE };
	optind = 1;
	opterr = 0; /* our own messages, with a suggestion */
	while ((c = getopt_long(argc, argv, ":q", opts, NULL)) != -1) {
		if (c == 'g' && vc_diff_parse_gate(optarg, &a->gate, err, sizeof(err)))
			return fprintf(stderr, "vcheck: diff: %s\n", err), -1;
		if (c == 'm')
			a->markdown = optarg;
		if (c == 'M' && add_match(a, optarg))
			return -1;
		if (c == 'q')
			a->quiet = 1;
		if (c == ':')
			return fprintf(stderr, "vcheck: diff: %s needs a value\n", argv[optind - 1]), -1;
		if (c == '?')
			return optopt ? fprintf(stderr, "vcheck: diff: unknown option '-%c'\n", optopt), -1
				      : unknown_option(argv[optind - 1]);
	}
	if (argc - optind != 2)
		return fprintf(stderr, "vcheck: diff needs two run directories, A and B (got %d)\n", argc - optind), -1;
	a->a = argv[optind];
	a->b = argv[optind + 1];
	return 0;
}

/* DIR/results.json, or the file itself; NULL with the reason on stderr. */
static struct jv *load(const char *given)
{
	struct stat st;
	char path[4200], err[512], *text;
	if (stat(given, &st)) {
		fprintf(stderr, "vcheck: diff: %s: no such directory (give the --out DIR of a 'vcheck run')\n", given);
		return NULL;
	}
	snprintf(path, sizeof(path), S_ISDIR(st.st_mode) ? "%s/results.json" : "%s", given);
	if (vc_read_text_file(path, &text, err, sizeof(err))) {
		fprintf(stderr, "vcheck: diff: %s\n", err);
		return NULL;
	}
	struct jv *doc = jv_parse(text, strlen(text), err, sizeof(err));
	free(text);
	if (doc && vc_diff_validate(doc, err, sizeof(err))) {
		jv_free(doc);
		doc = NULL;
	}
	if (!doc) /* a syntax error starts with LINE:COLUMN */
		fprintf(stderr, "vcheck: diff: %s:%s%s\n", path, err[0] >= '0' && err[0] <= '9' ? "" : " ", err);
	return doc;
}

/* A --match model the run does not have would silently pair nothing. */
static int has_model(const struct jv *doc, const char *model, const char *run)
{
	size_t n;
	const char **names = vc_diff_model_names(doc, &n);
	int found = 0;
	for (size_t i = 0; i < n && !found; i++)
		found = !strcmp(names[i], model);
	if (!found) {
		const char *near = vc_closest(model, names, n);
		fprintf(stderr, "vcheck: diff: --match: no device model '%s' in %s%s%s%s\n", model, run,
			near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : "");
	}
	free(names);
	return found;
}

static const char *layout_feature(uint32_t device_id, unsigned bit)
{
	const struct vc_layout *p = vc_layout_find(device_id);
	for (unsigned i = 0; p && i < p->nfeatures; i++)
		if (p->features[i].bit == bit)
			return p->features[i].name;
	return NULL;
}

/* As the side-effect registers name config bytes (harness/classify):
 * the field, bytes into it as +0xN, gaps before the layout's end reserved. */
static long layout_field(uint32_t device_id, unsigned off, char *label, size_t len)
{
	const struct vc_layout *p = vc_layout_find(device_id);
	const struct vc_cfg_field *f = vc_layout_field_at(p, off);
	if (f) {
		snprintf(label, len, off == f->offset ? "%s" : "%s+0x%x", f->name, off - f->offset);
		return f->offset;
	}
	if (!p || off >= vc_layout_config_size(p, ~0ull))
		return -1;
	snprintf(label, len, "(reserved)");
	unsigned gap = off;
	while (gap && !vc_layout_field_at(p, gap - 1))
		gap--;
	return gap;
}

static int write_markdown(const struct vc_diff *d, const struct diff_args *a)
{
	char tmp[4300];
	FILE *f = vc_create_file(a->markdown, tmp, sizeof(tmp));
	if (!f) {
		fprintf(stderr, "vcheck: diff: %s: %s\n", a->markdown, strerror(errno));
		return -1;
	}
	if (vc_diff_write_md(d, f, a->a, a->b, a->gate)) {
		fclose(f);
		unlink(tmp);
		f = NULL;
	}
	if (!f || vc_commit_file(f, tmp, a->markdown)) {
		fprintf(stderr, "vcheck: diff: could not write %s\n", a->markdown);
		return -1;
	}
	return 0;
}

static int compare(const struct jv *ra, const struct jv *rb, const struct diff_args *a)
{
	for (size_t i = 0; i < a->nmatch; i++)
		if (!has_model(ra, a->match[i].a, a->a) || !has_model(rb, a->match[i].b, a->b))
			return VC_EXIT_USAGE;
	static const struct vc_diff_names names = { layout_feature, layout_field };
	struct vc_diff_opts o = { a->match, a->nmatch, &names };
	struct vc_diff d;
	vc_diff_runs(ra, rb, &o, &d);
	/* the page first: a run that could not write it says only that */
	int rc = VC_EXIT_USAGE;
	if (!a->markdown || !write_markdown(&d, a)) {
		vc_diff_write_text(&d, stdout, a->a, a->b, a->gate, a->quiet);
		rc = vc_diff_gated(&d, a->gate) ? VC_EXIT_FAILED : VC_EXIT_OK;
	}
	vc_diff_free(&d);
	return rc;
}

int vc_cmd_diff(int argc, char **argv)
{
	struct diff_args a;
	if (parse_args(argc, argv, &a))
		return VC_EXIT_USAGE;
	struct jv *ra = load(a.a), *rb = ra ? load(a.b) : NULL;
	int rc = ra && rb ? compare(ra, rb, &a) : VC_EXIT_USAGE;
	jv_free(ra);
	jv_free(rb);
	return rc;
}
