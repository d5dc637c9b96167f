/* vcheck collect: results from consoles captured anywhere (a Xen domU, a
 * board, a LAVA job, a VMM vcheck did not launch). Each console is one cell;
 * the records in it are judged exactly as a run judges its own, with the
 * target's models and baseline, and written as the same results.json,
 * junit.xml and reports. What only a launched QEMU shows (its trace, its
 * QMP answers, its exit status) is absent, and the results say so. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/ci_outputs.h"
#include "cli/cli.h"
#include "cli/outdir.h"
#include "cli/progress.h"
#include "cli/summary.h"
#include "harness/classify/sfx_cell.h"
#include "harness/collect/foreign.h"
#include "harness/plan/baseline.h"
#include "harness/plan/catalogue.h"
#include "harness/plan/plan.h"
#include "harness/util/fsutil.h"
#include "harness/util/vec.h"

#define MAX_DEVICES 64

struct collect_args {
	const char *target, *out, *transport, *personality, *name, *baseline;
	const char *devices[MAX_DEVICES];
	size_t ndevices;
	int no_baseline, quiet;
	struct vc_ci_opts ci; /* --tap, --fail-on */
	enum vc_colour_when color;
	char **consoles;
	int nconsoles;
};

static int parse_args(int argc, char **argv, struct collect_args *a)
{
	static const struct option opts[] = {
		{ "target", required_argument, 0, 't' }, { "out", required_argument, 0, 'o' },
		{ "transport", required_argument, 0, 'T' }, { "personality", required_argument, 0, 'p' },
		{ "device", required_argument, 0, 'd' }, { "name", required_argument, 0, 'N' },
		{ "baseline", required_argument, 0, 'b' }, { "no-baseline", no_argument, 0, 'B' },
		{ "quiet", no_argument, 0, 'q' }, VC_CI_LONG_OPTIONS,
		{ "color", required_argument, 0, VC_OPT_COLOR }, { 0, 0, 0, 0 } };
	*a = (struct collect_args){ .target = "qemu-aarch64-virt" };
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "t:o:T:p:d:N:b:Bq", opts, NULL)) != -1) {
		switch (c) {
		case 't': a->target = optarg; break;
		case 'o': a->out = optarg; break;
		case 'T': a->transport = optarg; break;
		case 'p': a->personality = optarg; break;
		case 'N': a->name = optarg; break;
		case 'b': a->baseline = optarg; break;
		case 'B': a->no_baseline = 1; break;
		case 'q': a->quiet = 1; break;
		case VC_OPT_COLOR: if (vc_colour_parse(optarg, &a->color)) return -1; break;
		case VC_OPT_TAP: case VC_OPT_FAIL_ON: if (vc_ci_take_option(c, optarg, &a->ci)) return -1; break;
		case 'd':
			if (a->ndevices == MAX_DEVICES)
				return fprintf(stderr, "vcheck: too many --device\n"), -1;
			a->devices[a->ndevices++] = optarg;
			break;
		default: return -1;
		}
	}
	a->consoles = argv + optind, a->nconsoles = argc - optind;
	if (!a->out)
		return fprintf(stderr, "vcheck: collect needs --out DIR\n"), -1;
	if (!a->nconsoles)
		return fprintf(stderr, "vcheck: collect needs at least one console log\n"), -1;
	if (a->name && a->nconsoles > 1)
		return fprintf(stderr, "vcheck: --name names one cell: give one console with it\n"), -1;
	if (a->name && (!*a->name || strchr(a->name, '/') || !strcmp(a->name, ".") || !strcmp(a->name, "..")))
		return fprintf(stderr, "vcheck: --name '%s' must be one path component\n", a->name), -1;
	return 0;
}

/* Where the console came from, when it is a run's own log:
 * .../cells/TARGET.TRANSPORT.PERSONALITY[.suffix]/console.txt. */
static void identity_from_path(const char *path, const struct vc_target *t, char *tr, char *pers, size_t len)
{
	char copy[4096];
	snprintf(copy, sizeof(copy), "%s", path);
	char *slash = strrchr(copy, '/');
	if (!slash)
		return;
	*slash = 0;
	const char *dir = strrchr(copy, '/') ? strrchr(copy, '/') + 1 : copy;
	size_t n = strlen(t->name);
	if (strncmp(dir, t->name, n) || dir[n] != '.')
		return;
	const char *rest = dir + n + 1, *dot = strchr(rest, '.');
	if (!dot)
		return;
	snprintf(tr, len, "%.*s", (int)(dot - rest), rest);
	snprintf(pers, len, "%.*s", (int)strcspn(dot + 1, "."), dot + 1);
}

/* A console is a regular file: a FIFO or a device would block or never
 * end. Opened without blocking, checked, then read normally. */
static FILE *open_console(const char *path)
{
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	if (fd < 0)
		return fprintf(stderr, "vcheck: cannot read %s: %s\n", path, strerror(errno)), NULL;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		close(fd);
		return fprintf(stderr, "vcheck: %s is not a regular file\n", path), NULL;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	FILE *f = fdopen(fd, "rb");
	if (!f)
		close(fd);
	return f;
}

/* The interfaces the console's devices were driven through, as a space
 * separated set, from a first pass over it (the plan must come first: it
 * makes the cell the records go into). */
static int seen_interfaces(const char *path, char *out, size_t len)
{
	FILE *in = open_console(path);
	if (!in)
		return -1;
	struct vc_cell tmp = { 0 };
	struct vc_collector k;
	struct vc_foreign *fg = vc_xcalloc(1, sizeof(*fg));
	vc_collect_init(&k, &tmp);
	vc_foreign_init(fg, &k);
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		vc_foreign_feed(fg, buf, n);
	fclose(in);
	vc_foreign_finish(fg);
	out[0] = 0;
	for (size_t i = 0; i < tmp.ndevices; i++) {
		const char *itf = tmp.devices[i].interface;
		if (itf && !vc_word_in(out, itf, strlen(itf)) && strlen(out) + strlen(itf) + 2 < len)
			strcat(strcat(out, out[0] ? " " : ""), itf);
	}
	free(fg);
	vc_cell_free(&tmp);
	return 0;
}

/* The target's transport that yields exactly the interfaces seen, else
 * the first that yields them all; NULL when none does. */
static const struct vc_transport_def *transport_for(const struct vc_target *t, const char *seen)
{
	const struct vc_transport_def *covers = NULL;
	size_t n, nseen = 0;
	for (const char *at = seen; vc_next_word(&at, &n);)
		nseen++;
	for (size_t i = 0; nseen && i < t->ntransports; i++) {
		const struct vc_transport_def *tr = &t->transports[i];
		size_t have = 0, all = 0;
		for (const char *at = seen, *w; (w = vc_next_word(&at, &n));)
			have += vc_word_in(tr->interfaces, w, n);
		for (const char *at = tr->interfaces; vc_next_word(&at, &n);)
			all++;
		if (have == nseen && all == nseen)
			return tr;
		if (have == nseen && !covers)
			covers = tr;
	}
	return covers;
}

/* The cell the console stands for: planned as a run would plan it (so
 * models sit at the locations a run attaches them to), never run. Its
 * transport and personality: as given, else from the path of a run's own
 * log, else (transport) from the interfaces the console shows. */
static int plan_cell(struct vc_run *run, const struct vc_target *t, const struct collect_args *a,
		     const char *console, const char *plan_dir, char *rel, size_t len)
{
	char tr_name[128] = "", pers[128] = "direct", seen[256] = "";
	identity_from_path(console, t, tr_name, pers, sizeof(tr_name));
	int from_path = tr_name[0] != 0;
	if (a->transport)
		snprintf(tr_name, sizeof(tr_name), "%s", a->transport);
	if (a->personality)
		snprintf(pers, sizeof(pers), "%s", a->personality);
	if (!tr_name[0] && seen_interfaces(console, seen, sizeof(seen)))
		return -1;
	const struct vc_transport_def *tr = tr_name[0] ? vc_target_transport(t, tr_name) : transport_for(t, seen);
	const struct vc_personality_def *pd = vc_target_personality(t, pers);
	if (tr_name[0] && !tr)
		return fprintf(stderr, "vcheck: %s: target %s has no transport '%s'\n", console, t->name, tr_name), -1;
	if (!pd)
		return fprintf(stderr, "vcheck: %s: target %s has no personality '%s'\n", console, t->name, pers), -1;
	if (tr && !vc_personality_runs_on(pd, tr->name))
		return fprintf(stderr, "vcheck: %s: personality %s has no place on transport %s (target %s)\n", console,
			       pers, tr->name, t->name), -1;
	struct vc_plan_options o = { .out_dir = plan_dir, .image_dir = ".", .devices = a->devices,
				     .ndevices = a->ndevices, .personality = strcmp(pers, "direct") ? pd : NULL,
				     .no_devices = !tr || !a->ndevices };
	struct vc_cell_plan p;
	char err[512];
	int rc = vc_plan_cell(run, t, tr ? tr : &t->transports[0], &o, &p, err, sizeof(err));
	vc_plan_free(&p);
	if (rc)
		return fprintf(stderr, "vcheck: %s: %s\n", console, err), -1;
	struct vc_cell *c = &run->cells[run->ncells - 1];
	if (!tr) /* no transport of the target yields what the console shows */
		free(c->transport), c->transport = NULL;
	if (a->name || !from_path) {
		const char *base = strrchr(console, '/') ? strrchr(console, '/') + 1 : console;
		free(c->name), free(c->log_dir);
		c->name = vc_xasprintf("%s.%s", t->name, a->name ? a->name : base);
		c->log_dir = vc_xasprintf("cells/%s", c->name);
	}
	free(c->accel), free(c->accel_why);
	c->accel = vc_xstrdup("unknown");
	c->accel_why = vc_xasprintf("collected from %s: the run was made elsewhere", console);
	snprintf(rel, len, "%s", c->log_dir);
	return 0;
}

static int same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	return !stat(a, &sa) && !stat(b, &sb) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Feeds the console to the cell, keeping a copy as the cell's console.txt. */
static int read_console(const char *path, const char *dir, struct vc_foreign *fg)
{
	char copy[8600];
	snprintf(copy, sizeof(copy), "%s/console.txt", dir);
	FILE *in = open_console(path);
	if (!in)
		return -1;
	FILE *out = same_file(path, copy) ? NULL : fopen(copy, "wb");
	char buf[65536];
	size_t n;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
		vc_foreign_feed(fg, buf, n);
		if (out)
			fwrite(buf, 1, n, out);
	}
	int bad = ferror(in);
	fclose(in);
	if (out && fclose(out))
		bad = 1;
	if (bad)
		return fprintf(stderr, "vcheck: error reading %s or writing %s\n", path, copy), -1;
	vc_foreign_finish(fg);
	return 0;
}

/* What the console shows, judged as the runner judges a cell, less what
 * only a launched VMM tells (an exit status): a console that stops
 * without its end record is a crash, with everything before it kept. */
static void conclude(struct vc_cell *c, const struct vc_foreign *fg)
{
	c->outcome = c->ended ? VC_OUT_COMPLETED : VC_OUT_CRASHED;
	if (!c->ended) {
		char *why = vc_xasprintf("the console ends without the end record%s%s; %lu records kept",
					 c->outcome_detail ? ": " : "", c->outcome_detail ? c->outcome_detail : "",
					 c->records);
		free(c->outcome_detail);
		c->outcome_detail = why;
	}
	vc_foreign_note(fg, c);
}

/* The model a device the console shows stands for, when --device did not
 * say what was attached: the one a run of the target's defaults puts at
 * that location if its type is the device's (keyboard, mouse and tablet
 * share one), else the only model of that type the transport takes, else
 * none. Nothing is reported missing: nothing said it was there. */
static const char *model_for(const struct vc_target *t, const struct vc_transport_def *tr,
			     const struct vc_cell *defaults, const struct vc_device *d)
{
	for (size_t i = 0; defaults && i < defaults->nexpected; i++)
		if (!strcmp(defaults->expected[i].location, d->location) && defaults->expected[i].device_id == d->device_id)
			return defaults->expected[i].model;
	const char *only = NULL;
	for (size_t i = 0; i < t->ndevices; i++) {
		const struct vc_device_def *m = &t->devices[i];
		if (m->type != d->device_id || (tr && !vc_device_runs_on(m, tr)))
			continue;
		if (only)
			return NULL;
		only = m->name;
	}
	return only;
}

static int attached_at(const struct vc_cell *c, const char *location)
{
	for (size_t i = 0; i < c->nexpected; i++)
		if (!strcmp(c->expected[i].location, location))
			return 1;
	return 0;
}

static void name_models(struct vc_cell *c, const struct vc_target *t, const char *plan_dir)
{
	const struct vc_transport_def *tr = c->transport ? vc_target_transport(t, c->transport) : NULL;
	struct vc_run defaults = { 0 };
	struct vc_plan_options o = { .out_dir = plan_dir, .image_dir = "." };
	struct vc_cell_plan p;
	char err[512];
	int planned = tr && vc_plan_cell(&defaults, t, tr, &o, &p, err, sizeof(err)) == 0;
	if (tr)
		vc_plan_free(&p);
	for (size_t i = 0; i < c->ndevices; i++) {
		struct vc_device *d = &c->devices[i];
		const char *m = d->location ? model_for(t, tr, planned ? &defaults.cells[0] : NULL, d) : NULL;
		if (!m || d->model)
			continue;
		d->model = vc_xstrdup(m);
		if (attached_at(c, d->location))
			continue; /* a transitional device, seen through its second interface */
		struct vc_expected *e = VEC_PUSH(c->expected, c->nexpected, c->capexpected);
		*e = (struct vc_expected){ .model = vc_xstrdup(m), .location = vc_xstrdup(d->location),
					   .device_id = d->device_id };
	}
	vc_run_free(&defaults);
}

/* A console with no start record is not one of the image's; one from an
 * image of another build names checks this vcheck cannot decode. */
static int usable(const char *path, const struct vc_cell *c, const struct vc_target *t)
{
	if (!c->started)
		return fprintf(stderr, "vcheck: %s holds no start record of the probe image (%lu lines): not a "
			       "vcheck console\n", path, c->noise_lines), -1;
	if (c->image_catalogue[0] && !c->same_catalogue)
		return fprintf(stderr, "vcheck: %s comes from an image whose check catalogue (fingerprint %s) is not "
			       "this vcheck's (0x%x): collect it with the vcheck of the image's build\n",
			       path, c->image_catalogue, (unsigned)vc_catalogue_fingerprint()), -1;
	return 0;
}

static int collect_one(struct vc_run *run, const struct vc_target *t, const struct collect_args *a,
		       const char *console, const char *plan_dir, struct vc_baseline *bl)
{
	char rel[4200];
	if (plan_cell(run, t, a, console, plan_dir, rel, sizeof(rel)))
		return -1;
	struct vc_cell *c = &run->cells[run->ncells - 1];
	char dir[8500];
	snprintf(dir, sizeof(dir), "%s/%s", a->out, rel);
	if (vc_mkdirs(dir))
		return fprintf(stderr, "vcheck: cannot create %s: %s\n", dir, strerror(errno)), -1;
	struct vc_collector k;
	struct vc_foreign *fg = vc_xcalloc(1, sizeof(*fg));
	vc_collect_init(&k, c);
	vc_foreign_init(fg, &k);
	int rc = read_console(console, dir, fg);
	if (rc == 0)
		rc = usable(console, c, t);
	if (rc == 0) {
		conclude(c, fg);
		if (!a->ndevices)
			name_models(c, t, plan_dir);
		vc_sfx_finish_cell_guest_only(c, "no device trace where the console was captured");
		vc_baseline_apply_cell(bl, c);
		struct vc_progress lines; /* no status line: a console is read in a blink */
		vc_progress_init(&lines, 1, a->color);
		if (!a->quiet)
			vc_progress_cell_line(&lines, c, c->outcome_detail);
	}
	free(fg);
	return rc;
}

int vc_cmd_collect(int argc, char **argv)
{
	struct collect_args a;
	if (parse_args(argc, argv, &a))
		return VC_EXIT_USAGE;
	struct vc_target t;
	if (vc_cli_load_target(a.target, &t))
		return VC_EXIT_USAGE;
	struct vc_baseline bl = { 0 };
	struct vc_run run = { 0 };
	struct vc_outdir od = { .lock_fd = -1 };
	const char *plan_dir;
	int rc = VC_EXIT_USAGE;
	for (size_t i = 0; i < a.ndevices; i++)
		if (!vc_target_device(&t, a.devices[i])) {
			fprintf(stderr, "vcheck: unknown device model '%s' on target %s\n", a.devices[i], t.name);
			goto out;
		}
	if ((!a.no_baseline && vc_cli_load_baseline(&t, a.baseline, &bl)) || vc_outdir_open(a.out, &od, &plan_dir))
		goto out;
	for (int i = 0; i < a.nconsoles; i++)
		if (collect_one(&run, &t, &a, a.consoles[i], plan_dir, &bl))
			goto out;
	enum vc_verdict v = vc_run_verdict(&run);
	if (vc_cli_write_ci_outputs(&run, a.out, &a.ci) || vc_cli_write_reports(a.out))
		goto out;
	rc = vc_cli_ci_exit_status(&run, 0, &a.ci);
	if (!a.quiet)
		fprintf(stderr, "vcheck: %d consoles, verdict %s, results in %s/results.json\n", a.nconsoles,
			vc_verdict_name(v), a.out);
	vc_summary_end(&run, a.quiet, a.color, a.out, "report.md");
out:
	vc_outdir_close(&od);
	vc_run_free(&run);
	vc_baseline_free(&bl);
	vc_target_free(&t);
	return rc;
}
