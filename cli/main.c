/* vcheck: virtio conformance and side-effect harness. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "harness/util/closest.h"
#include "suites/check.h"

#ifndef VC_VERSION
#define VC_VERSION "unknown"
#endif

/* One entry per command: its name, what it runs and its usage, which
 * `vcheck`, `vcheck help` and `vcheck COMMAND --help` all print. */
static const struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
} commands[] = {
	{ "list", vc_cmd_list,
	  "vcheck list [targets|transports|devices|checks|layouts|spec-coverage] [--target NAME]\n" },
	{ "run", vc_cmd_run,
	  "vcheck run [--target NAME]... [--transport T]... [--device MODEL]...\n"
	  "           [--extra-args 'QEMU ARGS'] [-j N] [--timeout SECONDS]\n"
	  "           [--only ID,ID...] [--skip ID,ID...] [--trace] [--no-checks] [--sidefx]\n"
	  "           [--profile] [--no-resume] [--config-size N] [--accel auto|tcg|kvm]\n"
	  "           [--personality direct,gunyah,xen] [--dry-run] [-q]\n"
	  "           [--baseline FILE | --no-baseline] --out DIR\n" },
	{ "collect", vc_cmd_collect,
	  "vcheck collect [--target NAME] [--transport T] [--personality P] [--device MODEL]...\n"
	  "           [--name CELL] [--baseline FILE | --no-baseline] [-q] --out DIR CONSOLE...\n"
	  "           (results from consoles captured elsewhere: docs/elsewhere.md)\n" },
	{ "report", vc_cmd_report,
	  "vcheck report DIR [--out DIR2] [--models SFXDIR]\n"
	  "           (report.md, report.html from DIR/results.json; model\n"
	  "           predictions from SFXDIR/results.json, a --sidefx run)\n" },
	{ "disk", vc_cmd_disk,
	  "vcheck disk [--force] FILE SIZE\n"
	  "           (a disk image holding vcheck's block pattern, for a block backend\n"
	  "           of your own: docs/backends.md)\n" },
	{ "diff", vc_cmd_diff,
	  "vcheck diff [--gate KINDS] [--markdown FILE] [--match MODEL_A=MODEL_B]... [-q] A B\n"
	  "           (two runs' results.json compared device by device: docs/diff.md;\n"
	  "           KINDS: verdicts,features,config,classes,models,outcome or all,\n"
	  "           default verdicts,outcome)\n" },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const char exit_codes[] =
	"exit status: 0 all PASS/WARN/SKIP/XFAIL, 1 any FAIL/FAULT/WEDGED/CRASH/XPASS,\n"
	"             2 usage or setup error, 3 ERROR (the harness or the record channel\n"
	"             broke, nothing is known about the device: retry), 130 interrupted\n";
/* diff judges no device: its statuses are about the two runs. */
static const char diff_exit_codes[] =
	"exit status: 0 nothing of the gated kinds changed, 1 something did,\n"
	"             2 usage error, or a run missing, unreadable or not a results.json\n";

static void usage(FILE *f)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "%s%s", i ? "       " : "usage: ", commands[i].usage);
	fputs("       vcheck --version\n", f);
	fputs(exit_codes, f);
}

static void version(void)
{
	printf("vcheck %s (check catalogue 0x%08x, %u checks)\n", VC_VERSION, (unsigned)vc_catalogue_fingerprint(),
	       vc_check_count());
}

/* `vcheck COMMAND --help` (or -h) anywhere after the command. */
static int wants_help(int argc, char **argv)
{
	for (int i = 2; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return 1;
	return 0;
}

int main(int argc, char **argv)
{
	/* `vcheck list | head -1`: a closed stdout is the reader's choice, not
	 * a death by signal (exit 141); writes then fail and are ignored */
	signal(SIGPIPE, SIG_IGN);
	/* a file size limit makes a write fail (EFBIG, reported), not kill us */
	signal(SIGXFSZ, SIG_IGN);
	if (argc < 2) {
		usage(stderr);
		return VC_EXIT_USAGE;
	}
	for (size_t i = 0; i < NCOMMANDS; i++) {
		if (strcmp(argv[1], commands[i].name))
			continue;
		if (wants_help(argc, argv)) {
			printf("usage: %s%s", commands[i].usage,
			       commands[i].run == vc_cmd_diff ? diff_exit_codes : exit_codes);
			return VC_EXIT_OK;
		}
		return commands[i].run(argc - 1, argv + 1);
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return VC_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		version();
		return VC_EXIT_OK;
	}
	const char *names[NCOMMANDS];
	for (size_t i = 0; i < NCOMMANDS; i++)
		names[i] = commands[i].name;
	const char *near = vc_closest(argv[1], names, NCOMMANDS);
	fprintf(stderr, "vcheck: unknown command '%s'%s%s%s\n", argv[1], near ? " (did you mean '" : "",
		near ? near : "", near ? "'?)" : "");
	usage(stderr);
	return VC_EXIT_USAGE;
}
