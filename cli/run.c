/* vcheck run: plan the cells, run them, write results and reports, and
 * turn the worst verdict into the exit status. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "harness/plan/baseline.h"
#include "harness/plan/catalogue.h"
#include "harness/run/accel.h"
#include "harness/run/confirm.h"
#include "harness/run/resume.h"
#include "cli/cli.h"
#include "harness/util/closest.h"
#include "cli/outdir.h"
#include "cli/run_hosted.h"
#include "cli/progress.h"
#include "cli/summary.h"
#include "cli/ci_outputs.h"
#include "harness/run/host_vm.h"
#include "harness/util/fsutil.h"
#include "reports/junit.h"
#include "harness/plan/plan.h"
#include "harness/results/profile.h"
#include "harness/results/results_json.h"
#include "harness/run/runner.h"
#include "harness/classify/sfx_cell.h"
#include "harness/util/vec.h"
#include "vcheck/personalities.h"
#include "vcheck/plants.h"
#include "vcheck/ranks.h"
#include "vcheck/records.h"

#define MAX_LIST 64

struct run_args {
	const char *targets[MAX_LIST], *transports[MAX_LIST], *devices[MAX_LIST];
	const char *personalities[MAX_LIST], *only[MAX_LIST], *skip[MAX_LIST];
	size_t ntargets, ntransports, ndevices, npersonalities, nonly, nskip;
	const char *out, *extra, *baseline, *plant;
	struct vc_ci_opts ci; /* --tap, --fail-on */
	uint8_t run[VC_RANKS_BYTES]; /* the checks --only and --skip select */
	int run_all;
	unsigned jobs;
	double timeout;
	int trace, no_checks, keep, quiet, hang, no_baseline, sidefx, profile, no_resume;
	int accel; /* VC_ACCEL_AUTO or an enum vc_accel */
	enum vc_colour_when color;
	int dry_run; /* plan and print the cells' command lines, run nothing */
	struct vc_given_opt given[256]; /* every option as given, for a run inside a host VM */
	size_t ngiven;
	const char *hang_in, *say;
	unsigned long lose, cfgsize;
};

static int add(const char **list, size_t *n, const char *v)
{
	if (*n == MAX_LIST) {
		fprintf(stderr, "vcheck: too many values\n");
		return -1;
	}
	list[(*n)++] = v;
	return 0;
}

#define VC_PLANT_LIST(id, name) " " name
#define KNOWN_PLANTS VC_PLANTS(VC_PLANT_LIST)

/* The image knows these faults (vcheck/plants.h): another name would
 * fail every cell instead of the run. */
static int known_plant(const char *name)
{
#define VC_PLANT_IS(id, n) if (!strcmp(name, n)) return 1;
	VC_PLANTS(VC_PLANT_IS)
#undef VC_PLANT_IS
	return 0;
}

#define VC_PERSONALITY_LIST(id, name) " " name
#define KNOWN_PERSONALITIES VC_PERSONALITIES(VC_PERSONALITY_LIST)

/* "direct,gunyah" or repeated --personality: each name once. */
static int add_personalities(struct run_args *a, char *list)
{
	for (char *save, *w = strtok_r(list, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		if (vc_personality_id(w) < 0)
			return fprintf(stderr, "vcheck: unknown personality '%s' (known:" KNOWN_PERSONALITIES ")\n", w), -1;
		for (size_t i = 0; i < a->npersonalities; i++)
			if (!strcmp(a->personalities[i], w))
				return fprintf(stderr, "vcheck: personality '%s' given twice\n", w), -1;
		if (add(a->personalities, &a->npersonalities, w))
			return -1;
	}
	return 0;
}

/* --only and --skip ID[,ID...] (repeatable): every name a check of the
 * catalogue, into a rank set, so a list of any length reaches the image
 * whole (vcheck.run, vcheck/ranks.h). */
static int add_checks(const char *opt, const char *list, uint8_t *set)
{
	char *copy = vc_xstrdup(list), *save;
	int named = 0, rc = 0;
	for (char *w = strtok_r(copy, ",", &save); w && !rc; w = strtok_r(NULL, ",", &save), named++) {
		const struct vc_check *c = vc_catalogue_find(w);
		if (!c) {
			char hint[160];
			vc_cli_suggest(hint, sizeof(hint), w, VC_NAMES_CHECKS, NULL);
			fprintf(stderr, "vcheck: unknown check '%s' in %s%s (see 'vcheck list checks')\n", w, opt, hint);
			rc = -1;
		} else
			vc_ranks_add(set, vc_check_rank(c));
	}
	free(copy);
	if (!rc && !named) {
		fprintf(stderr, "vcheck: %s names no check\n", opt);
		rc = -1;
	}
	return rc;
}

/* The checks a run selects: --only's (all without it) less --skip's. */
static int check_selection(struct run_args *a)
{
	unsigned all = vc_check_count();
	if (!a->nonly)
		for (unsigned r = 0; r < all; r++)
			vc_ranks_add(a->run, r);
	for (size_t i = 0; i < a->nonly; i++)
		if (add_checks("--only", a->only[i], a->run))
			return -1;
	uint8_t skip[VC_RANKS_BYTES] = { 0 };
	for (size_t i = 0; i < a->nskip; i++)
		if (add_checks("--skip", a->skip[i], skip))
			return -1;
	unsigned left = 0;
	for (unsigned r = 0; r < all; r++) {
		if (vc_ranks_has(skip, r))
			a->run[r / 8] &= (uint8_t)~(1u << (r % 8));
		left += vc_ranks_has(a->run, r);
	}
	a->run_all = left == all;
	if (!left && !a->no_checks && !a->sidefx)
		return fprintf(stderr, "vcheck: --only and --skip leave no check to run\n"), -1;
	return 0;
}

static const struct option opts[] = {
	{ "target", required_argument, 0, 't' }, { "transport", required_argument, 0, 'T' },
	{ "device", required_argument, 0, 'd' }, { "extra-args", required_argument, 0, 'x' },
	{ "jobs", required_argument, 0, 'j' }, { "timeout", required_argument, 0, 'w' },
	{ "out", required_argument, 0, 'o' }, { "only", required_argument, 0, 'O' },
	{ "trace", no_argument, 0, 'r' }, { "no-checks", no_argument, 0, 'n' },
	{ "keep-scratch", no_argument, 0, 'k' }, { "quiet", no_argument, 0, 'q' },
	{ "guest-hang", no_argument, 0, 'H' }, { "guest-lose-record", required_argument, 0, 'L' },
	{ "guest-hang-in", required_argument, 0, 'I' }, { "skip", required_argument, 0, 'X' },
	{ "no-resume", no_argument, 0, 'R' }, { "config-size", required_argument, 0, 'C' }, { "guest-say", required_argument, 0, 'Y' }, { "baseline", required_argument, 0, 'b' },
	{ "no-baseline", no_argument, 0, 'B' }, { "plant", required_argument, 0, 'P' },
	{ "sidefx", no_argument, 0, 'S' }, { "personality", required_argument, 0, 'p' },
	{ "profile", no_argument, 0, 'F' }, { "accel", required_argument, 0, 'A' },
	{ "dry-run", no_argument, 0, 'D' }, VC_CI_LONG_OPTIONS,
	{ "color", required_argument, 0, VC_OPT_COLOR }, { 0, 0, 0, 0 } };

static int parse_args(int argc, char **argv, struct run_args *a)
{
	long cores = sysconf(_SC_NPROCESSORS_ONLN);
	*a = (struct run_args){ .jobs = cores > 0 ? (unsigned)cores : 1, .timeout = 60, .accel = VC_ACCEL_AUTO };
	int c;
	char *end;
	optind = 1;
	while ((c = getopt_long(argc, argv, "t:T:d:x:j:w:o:O:X:rnkqHL:I:Y:C:b:BP:Sp:FR", opts, NULL)) != -1) {
		if (c != '?' && a->ngiven < sizeof(a->given) / sizeof(a->given[0]))
			a->given[a->ngiven++] = (struct vc_given_opt){ c, optarg };
		switch (c) {
		case 't': if (add(a->targets, &a->ntargets, optarg)) return -1; break;
		case 'T': if (add(a->transports, &a->ntransports, optarg)) return -1; break;
		case 'd': if (add(a->devices, &a->ndevices, optarg)) return -1; break;
		case 'x': a->extra = optarg; break;
		case 'o': a->out = optarg; break;
		case 'O': if (add(a->only, &a->nonly, optarg)) return -1; break;
		case 'X': if (add(a->skip, &a->nskip, optarg)) return -1; break;
		case 'r': a->trace = 1; break;
		case 'n': a->no_checks = 1; break;
		case 'k': a->keep = 1; break;
		case 'q': a->quiet = 1; break;
		case 'H': a->hang = 1; break;
		case 'I': a->hang_in = optarg; break;
		case 'R': a->no_resume = 1; break;
		case 'C':
			a->cfgsize = strtoul(optarg, &end, 0);
			if (*end || !*optarg || !a->cfgsize || a->cfgsize > 4096)
				return fprintf(stderr, "vcheck: --config-size takes 1 to 4096 bytes\n"), -1;
			break;
		case 'Y':
			if (strspn(optarg, "0123456789abcdef") != strlen(optarg) || strlen(optarg) % 2 ||
			    strlen(optarg) >= 256)
				return fprintf(stderr, "vcheck: --guest-say wants up to 127 bytes as lower-case hex\n"), -1;
			a->say = optarg;
			break;
		case 'L':
			a->lose = strtoul(optarg, &end, 10);
			if (*end || !*optarg || !a->lose || a->lose > 0xffffffffUL)
				return fprintf(stderr, "vcheck: --guest-lose-record takes a record number from 1\n"), -1;
			break;
		case 'b': a->baseline = optarg; break;
		case 'B': a->no_baseline = 1; break;
		case 'S': a->sidefx = 1; break;
		case 'P':
			if (!known_plant(optarg)) {
#define VC_PLANT_STR(id, n) n,
				static const char *const plants[] = { VC_PLANTS(VC_PLANT_STR) };
#undef VC_PLANT_STR
				const char *near = vc_closest(optarg, plants, sizeof(plants) / sizeof(plants[0]));
				return fprintf(stderr, "vcheck: unknown fault '%s' for --plant%s%s%s (one of:" KNOWN_PLANTS ")\n",
					       optarg, near ? " (did you mean '" : "", near ? near : "", near ? "'?)" : ""), -1;
			}
			a->plant = optarg;
			break;
		case 'p': if (add_personalities(a, optarg)) return -1; break;
		case 'F': a->profile = 1; break;
		case 'D': a->dry_run = 1; break;
		case VC_OPT_COLOR: if (vc_colour_parse(optarg, &a->color)) return -1; break;
		case VC_OPT_TAP: case VC_OPT_FAIL_ON: if (vc_ci_take_option(c, optarg, &a->ci)) return -1; break;
		case 'A':
			a->accel = !strcmp(optarg, "auto") ? VC_ACCEL_AUTO : vc_accel_from_name(optarg);
			if (a->accel < VC_ACCEL_AUTO || (a->accel == VC_ACCEL_AUTO && strcmp(optarg, "auto")))
				return fprintf(stderr, "vcheck: --accel wants auto, tcg or kvm, not '%s'\n", optarg), -1;
			break;
		case 'j':
			a->jobs = (unsigned)strtoul(optarg, &end, 10);
			if (*end || !a->jobs || a->jobs > 64)
				return fprintf(stderr, "vcheck: -j wants 1 to 64\n"), -1;
			break;
		case 'w':
			a->timeout = strtod(optarg, &end);
			if (*end || !(a->timeout > 0))
				return fprintf(stderr, "vcheck: --timeout wants a positive number of seconds\n"), -1;
			break;
		default: return -1;
		}
	}
	if (optind < argc)
		return fprintf(stderr, "vcheck: unexpected argument '%s'\n", argv[optind]), -1;
	if (!a->out)
		return fprintf(stderr, "vcheck: run needs --out DIR\n"), -1;
	if (!a->ntargets)
		a->targets[a->ntargets++] = "qemu-aarch64-virt";
	if (!a->npersonalities)
		a->personalities[a->npersonalities++] = "direct";
	if (check_selection(a))
		return -1;
	if (a->hang_in && !vc_catalogue_find(a->hang_in))
		return fprintf(stderr, "vcheck: --guest-hang-in names no check\n"), -1;
	if (a->profile && (a->sidefx || a->no_checks))
		return fprintf(stderr, "vcheck: --profile times the check catalogue: not with --sidefx or --no-checks\n"), -1;
	if (a->sidefx && (a->npersonalities > 1 || strcmp(a->personalities[0], "direct")))
		return fprintf(stderr, "vcheck: --sidefx observes the device itself: direct personality only\n"), -1;
	return 0;
}

/* Everything a user could get wrong is caught before any QEMU starts. */
static int check_setup(const struct vc_target *t, const struct run_args *a, const char *image_dir)
{
	char path[8500], *prog = vc_target_program(t);
	/* a dry run prints what would run: the program may be elsewhere */
	int missing = !a->dry_run && vc_find_program(prog, path, sizeof(path)) != 0;
	const char *pkg = t->launcher ? t->launcher_package : t->qemu_package;
	if (missing && t->qemu_setup)
		fprintf(stderr, "vcheck: %s not found: run %s\n", prog, t->qemu_setup);
	else if (missing && pkg && strchr(pkg, ' ')) /* where it comes from, in words */
		fprintf(stderr, "vcheck: %s not found: install it (%s)\n", prog, pkg);
	else if (missing)
		fprintf(stderr, "vcheck: %s not found: install %s%s\n", prog,
			(t->launcher ? t->launcher_package : t->qemu_package) ? "the Debian package " : "what provides it",
			t->launcher ? (t->launcher_package ? t->launcher_package : "")
				    : (t->qemu_package ? t->qemu_package : ""));
	free(prog);
	if (missing)
		return -1;
	snprintf(path, sizeof(path), "%s/%s", image_dir, t->image);
	if (!vc_path_exists(path)) {
		fprintf(stderr, "vcheck: guest image %s is missing: build the project (cmake --build)\n", path);
		return -1;
	}
	for (size_t i = 0; i < a->ndevices; i++)
		if (!vc_target_device(t, a->devices[i])) {
			char hint[160];
			vc_cli_suggest(hint, sizeof(hint), a->devices[i], VC_NAMES_DEVICES, t);
			fprintf(stderr, "vcheck: unknown device model '%s' on target %s%s (see 'vcheck list devices')\n",
				a->devices[i], t->name, hint);
			return -1;
		}
	if (!a->dry_run && vc_cli_check_daemons(t, a->devices, a->ndevices))
		return -1;
	for (size_t i = 0; i < a->npersonalities; i++)
		if (!vc_target_personality(t, a->personalities[i])) {
			fprintf(stderr, "vcheck: target %s defines no [personality %s]\n", t->name,
				a->personalities[i]);
			return -1;
		}
	for (size_t i = 0; i < a->ntransports; i++)
		if (!vc_target_transport(t, a->transports[i])) {
			char hint[160];
			vc_cli_suggest(hint, sizeof(hint), a->transports[i], VC_NAMES_TRANSPORTS, t);
			fprintf(stderr, "vcheck: unknown transport '%s' on target %s%s (see 'vcheck list transports')\n",
				a->transports[i], t->name, hint);
			return -1;
		}
	return 0;
}

static int wanted_transport(const struct vc_target *t, const struct vc_transport_def *tr,
			    const struct run_args *a)
{
	if (a->ntransports) {
		for (size_t i = 0; i < a->ntransports; i++)
			if (!strcmp(a->transports[i], tr->name))
				return 1;
		return 0;
	}
	if (!t->default_transports)
		return 1;
	char *copy = vc_xstrdup(t->default_transports), *save;
	int hit = 0;
	for (char *w = strtok_r(copy, " ", &save); w && !hit; w = strtok_r(NULL, " ", &save))
		hit = !strcmp(w, tr->name);
	free(copy);
	return hit;
}

/* The image's options (guests/lib/options.h), whole: a word the image
 * would not get is a usage error before any cell starts, never a run
 * without it. Free the result. */
static char *bootargs(const struct run_args *a)
{
	char selftest[300] = "", run[VC_RANKS_TEXT + 16] = "";
	if (a->lose)
		snprintf(selftest, sizeof(selftest), " vcheck.lose=%lu", a->lose);
	if (a->say)
		snprintf(selftest + strlen(selftest), sizeof(selftest) - strlen(selftest), " vcheck.say=%s", a->say);
	if (a->cfgsize)
		snprintf(selftest + strlen(selftest), sizeof(selftest) - strlen(selftest), " vcheck.cfgsize=%lu",
			 a->cfgsize);
	if (!a->run_all) {
		char set[VC_RANKS_TEXT];
		vc_ranks_format(a->run, vc_check_count(), set);
		snprintf(run, sizeof(run), " vcheck.run=%s", set);
	}
	return vc_xasprintf("vcheck.checks=%d vcheck.trace=%d%s%s%s%s%s%s%s%s%s", !a->no_checks && !a->sidefx,
			    a->trace, a->sidefx ? " vcheck.sidefx=1" : "", a->profile ? " vcheck.profile=1" : "", run,
			    a->hang ? " vcheck.hang=1" : "", a->hang_in ? " vcheck.hangin=" : "",
			    a->hang_in ? a->hang_in : "", a->plant ? " vcheck.plant=" : "", a->plant ? a->plant : "", selftest);
}

/* What every cell of the run is planned with (the personality aside);
 * `images` and `boot` hold its strings. */
static struct vc_plan_options base_options(const struct run_args *a, char images[4200], char *boot)
{
	snprintf(images, 4200, "%s/images", vc_share_dir());
	return (struct vc_plan_options){ .out_dir = a->out, .image_dir = images, .devices = a->devices,
					 .ndevices = a->ndevices, .extra_args = a->extra, .bootargs = boot,
					 .sidefx = a->sidefx };
}

static void why_not_on(const struct vc_device_def *d, const struct vc_transport_def *tr)
{
	size_t n = 0;
	const char *lacks = vc_device_lacks(d, tr, &n);
	if (!(tr->bus == VC_BUS_PCI ? d->pci : d->mmio))
		fprintf(stderr, "vcheck: %s is not offered on %s's bus: left out there (vcheck list devices)\n",
			d->name, tr->name);
	else
		fprintf(stderr, "vcheck: %s shows no %.*s interface, which %s is there for: left out there "
			"(vcheck list devices)\n", d->name, (int)n, lacks ? lacks : "?", tr->name);
}

/* With --device, a transport none of the named models runs on would boot a
 * cell with nothing in it (unless --extra-args brings devices of its own):
 * it is left out, and each model that cannot run there is named. */
static int named_devices_run_on(const struct vc_target *t, const struct vc_transport_def *tr,
				const struct run_args *a)
{
	int any = !a->ndevices || a->extra;
	for (size_t i = 0; i < a->ndevices; i++) {
		const struct vc_device_def *d = vc_target_device(t, a->devices[i]);
		if (d && vc_device_runs_on(d, tr))
			any = 1;
		else if (d && !a->quiet)
			why_not_on(d, tr);
	}
	return any;
}

/* The accelerator target t's cells run under (accel.h): a trial boot may
 * run here, so after the setup checks and before any cell. */
#define ACCEL_TRIAL_SECONDS 20.0
static int choose_accel(const struct vc_target *t, const struct run_args *a, const struct vc_plan_options *base,
			struct vc_accel_choice *c, struct vc_plan_options *o)
{
	double limit = a->timeout < ACCEL_TRIAL_SECONDS ? a->timeout : ACCEL_TRIAL_SECONDS;
	if (a->dry_run) { /* nothing is tried */
		c->accel = a->accel == VC_ACCEL_KVM || t->only_kvm ? VC_ACCEL_KVM : VC_ACCEL_TCG;
		snprintf(c->why, sizeof(c->why), "dry run: not tried");
		o->accel = c->accel, o->accel_why = c->why;
		return 0;
	}
	if (vc_accel_choose(t, a->accel, base, limit, c)) {
		if (a->accel == VC_ACCEL_AUTO)
			fprintf(stderr, "vcheck: target %s cannot run here: %s\n", t->name, c->why);
		else
			fprintf(stderr, "vcheck: --accel %s: target %s cannot run under it here: %s\n",
				vc_accel_name((enum vc_accel)a->accel), t->name, c->why);
		return -1;
	}
	o->accel = c->accel, o->accel_why = c->why;
	if (!a->quiet)
		fprintf(stderr, "vcheck: %s under %s: %s\n", t->name, vc_accel_name(c->accel), c->why);
	return 0;
}

static int plan_all(struct vc_run *run, struct vc_target *targets, const struct run_args *a,
		    const struct vc_plan_options *base, struct vc_cell_plan **plans, size_t *nplans)
{
	char err[512];
	size_t cap = 0;
	struct vc_plan_options o = *base;
	struct vc_accel_choice accel; /* the cells copy its why */
	for (size_t i = 0; i < a->ntargets; i++) {
		if (check_setup(&targets[i], a, base->image_dir) || choose_accel(&targets[i], a, base, &accel, &o))
			return -1;
		for (size_t k = 0; k < targets[i].ntransports; k++) {
			const struct vc_transport_def *tr = &targets[i].transports[k];
			if (!wanted_transport(&targets[i], tr, a) || !named_devices_run_on(&targets[i], tr, a))
				continue;
			for (size_t n = 0; n < a->npersonalities; n++) {
				o.personality = vc_target_personality(&targets[i], a->personalities[n]);
				if (!vc_personality_runs_on(o.personality, tr->name))
					continue; /* e.g. gunyah has no place on a legacy interface */
				struct vc_cell_plan *p = VEC_PUSH(*plans, *nplans, cap);
				if (vc_plan_cell(run, &targets[i], tr, &o, p, err, sizeof(err))) {
					fprintf(stderr, "vcheck: %s: %s\n", targets[i].name, err);
					return -1;
				}
			}
		}
	}
	if (!*nplans)
		return fprintf(stderr, "vcheck: no cell to run: %s\n",
			       a->ndevices ? "no named device runs on the chosen transports, or no chosen personality does"
					   : "no chosen personality runs on the chosen transports"),
		       -1;
	return 0;
}

/* Loaded before any QEMU starts, so a bad file is a setup error. */
static int load_baselines(struct vc_target *targets, size_t nt, const struct run_args *a,
			  struct vc_baseline *out)
{
	if (a->no_baseline)
		return 0;
	if (a->baseline && nt != 1)
		return fprintf(stderr, "vcheck: --baseline needs exactly one --target\n"), -1;
	for (size_t i = 0; i < nt; i++)
		if (vc_cli_load_baseline(&targets[i], a->baseline, &out[i]))
			return -1;
	return 0;
}

struct baseline_set {
	struct vc_target *targets;
	struct vc_baseline *baselines;
	size_t n;
	const char *out;
};

/* Per finished cell: side-effect classes from its trace, then baselines. */
static void finish_cell(struct vc_cell *cell, void *ctx)
{
	struct baseline_set *set = ctx;
	const struct vc_target *t = NULL;
	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->targets[i].name, cell->target))
			t = &set->targets[i];
	if (cell->sidefx && t && t->launcher) {
		vc_sfx_finish_cell_guest_only(cell, "a launcher target: no QEMU trace; host events and qemu-status "
						    "left out, no QMP");
	} else if (cell->sidefx) {
		char dir[4200];
		snprintf(dir, sizeof(dir), "%s/%s", set->out, cell->log_dir);
		vc_sfx_finish_cell(cell, dir);
	}
	for (size_t i = 0; i < set->n; i++)
		if (!strcmp(set->targets[i].name, cell->target))
			vc_baseline_apply_cell(&set->baselines[i], cell);
}

static int distinct_names(const struct vc_target *targets, size_t nt)
{
	for (size_t i = 0; i < nt; i++)
		for (size_t k = 0; k < i; k++)
			if (!strcmp(targets[i].name, targets[k].name)) {
				fprintf(stderr, "vcheck: two targets are named '%s' (%s, %s): their cells would share logs\n",
					targets[i].name, targets[k].path, targets[i].path);
				return -1;
			}
	return 0;
}

/* --dry-run: each cell's name, then its command line shell-quoted, as
 * cmdline.txt would hold it; nothing is created or started. */
static int print_plans(const struct vc_run *run, const struct vc_cell_plan *plans, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		printf("# %s\n", run->cells[plans[i].cell_index].name);
		vc_plan_write_cmdline(&plans[i], stdout);
	}
	return VC_EXIT_OK;
}

/* The targets' cells run inside a host VM (host_vm.h) unless this vcheck
 * is the one inside it; such a target runs alone. -1: not hosted. */
static int hosted_run(struct vc_target *targets, size_t nt, const struct run_args *a)
{
	if (getenv(VC_INSIDE_HOST_ENV))
		return -1;
	for (size_t i = 0; i < nt; i++)
		if (targets[i].host && nt > 1)
			return fprintf(stderr, "vcheck: target %s runs its cells inside a VM of its own: run it alone\n",
				       targets[i].name), VC_EXIT_USAGE;
	if (nt != 1 || !targets[0].host)
		return -1;
	if (a->ci.tap) /* the inner run writes inside the VM, where that path may not be */
		return fprintf(stderr, "vcheck: target %s runs its cells inside a VM of its own: --tap is not "
			       "supported there (use its junit.xml)\n", targets[0].name), VC_EXIT_USAGE;
	struct vc_outdir od = { .lock_fd = -1 };
	const char *dir;
	int rc = vc_outdir_open(a->out, &od, &dir) ? VC_EXIT_USAGE
		 : vc_run_hosted(&targets[0], opts, a->given, a->ngiven, dir, a->quiet);
	vc_outdir_close(&od);
	return rc;
}

int vc_cmd_run(int argc, char **argv)
{
	struct run_args a;
	if (parse_args(argc, argv, &a))
		return VC_EXIT_USAGE;
	struct vc_target targets[MAX_LIST];
	struct vc_baseline baselines[MAX_LIST] = { 0 }; /* freed on every path, loaded or not */
	size_t nt = 0;
	for (; nt < a.ntargets; nt++)
		if (vc_cli_load_target(a.targets[nt], &targets[nt]))
			break;
	int hosted = nt == a.ntargets ? hosted_run(targets, nt, &a) : -1;
	if (hosted >= 0) {
		for (size_t i = 0; i < nt; i++)
			vc_target_free(&targets[i]);
		return hosted;
	}
	int ok = nt == a.ntargets && distinct_names(targets, nt) == 0 &&
		 load_baselines(targets, nt, &a, baselines) == 0;
	struct vc_run run = { 0 };
	struct vc_cell_plan *plans = NULL;
	size_t nplans = 0;
	int rc = VC_EXIT_USAGE;
	char images[4200], *boot = bootargs(&a);
	struct vc_plan_options po = base_options(&a, images, boot);
	struct vc_outdir od = { .lock_fd = -1 };
	ok = ok && (a.dry_run || vc_outdir_open(a.out, &od, &po.out_dir) == 0);
	if (ok && a.dry_run) {
		rc = plan_all(&run, targets, &a, &po, &plans, &nplans) ? VC_EXIT_USAGE : print_plans(&run, plans, nplans);
	} else if (ok && plan_all(&run, targets, &a, &po, &plans, &nplans) == 0) {
		struct baseline_set set = { targets, baselines, nt, a.out };
		struct vc_runner_options ro = { .jobs = a.jobs, .timeout = a.timeout, .keep_scratch = a.keep,
						.quiet = a.quiet, .on_cell_done = finish_cell, .ctx = &set };
		struct vc_rerun_setup confirm = { &po, &ro };
		struct vc_progress progress;
		vc_progress_init(&progress, a.quiet, a.color);
		vc_progress_attach(&progress, &ro);
		int interrupted = vc_run_cells(&run, plans, nplans, &ro) ||
				  /* --guest-hang tests the WEDGED path itself: nothing to resume */
				  (!a.no_resume && !a.hang && vc_resume_cells(&run, plans, nplans, &confirm)) ||
				  vc_confirm_xpasses(&run, plans, nplans, &confirm);
		vc_progress_clear(&progress);
		enum vc_verdict v = vc_run_verdict(&run);
		rc = vc_cli_write_ci_outputs(&run, a.out, &a.ci) ? VC_EXIT_USAGE
								   : vc_cli_ci_exit_status(&run, interrupted, &a.ci);
		if (a.profile)
			vc_profile_print(&run, stderr, 25);
		if (!a.quiet)
			fprintf(stderr, "vcheck: %zu cells, verdict %s, results in %s/results.json\n", nplans,
				vc_verdict_name(v), a.out);
		vc_summary_end(&run, a.quiet, a.color, a.out, "results.json");
	}
	vc_outdir_close(&od);
	for (size_t i = 0; i < nplans; i++)
		vc_plan_free(&plans[i]);
	free(plans);
	free(boot);
	vc_run_free(&run);
	for (size_t i = 0; i < nt; i++) {
		vc_target_free(&targets[i]);
		vc_baseline_free(&baselines[i]);
	}
	return rc;
}

const char *vc_cli_closest_check(const char *name)
{
	static const char *ids[1024];
	size_t n = 0;
	for (unsigned r = 0; n < 1024; r++) {
		const struct vc_check *c = vc_check_by_rank(r);
		if (!c)
			break;
		ids[n++] = c->id;
	}
	return vc_closest(name, ids, n);
}
