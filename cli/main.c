/* vcheck: virtio conformance and side-effect harness. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"

static void usage(FILE *f)
{
	fputs("usage: vcheck list [targets|transports|devices|checks|layouts|spec-coverage] [--target NAME]\n"
	      "       vcheck run [--target NAME]... [--transport T]... [--device MODEL]...\n"
	      "                  [--extra-args 'QEMU ARGS'] [-j N] [--timeout SECONDS]\n"
	      "                  [--only ID,ID...] [--skip ID,ID...] [--trace] [--no-checks] [--sidefx]\n"
	      "                  [--profile] [--no-resume] [--config-size N] [--accel auto|tcg|kvm]\n"
	      "                  [--personality direct,gunyah,xen]\n"
	      "                  [--baseline FILE | --no-baseline] --out DIR\n"
	      "       vcheck collect [--target NAME] [--transport T] [--personality P] [--device MODEL]...\n"
	      "                  [--name CELL] [--baseline FILE | --no-baseline] --out DIR CONSOLE...\n"
	      "                  (results from consoles captured elsewhere)\n"
	      "       vcheck report DIR [--out DIR2] [--models SFXDIR]\n"
	      "                  (report.md, report.html from DIR/results.json; model\n"
	      "                  predictions from SFXDIR/results.json, a --sidefx run)\n"
	      "exit status: 0 all PASS/WARN/SKIP/XFAIL, 1 any FAIL/FAULT/WEDGED/CRASH/XPASS,\n"
	      "             2 usage or setup error, 3 ERROR (the harness or the record channel\n"
	      "             broke, nothing is known about the device: retry), 130 interrupted\n", f);
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
	if (!strcmp(argv[1], "list"))
		return vc_cmd_list(argc - 1, argv + 1);
	if (!strcmp(argv[1], "run"))
		return vc_cmd_run(argc - 1, argv + 1);
	if (!strcmp(argv[1], "collect"))
		return vc_cmd_collect(argc - 1, argv + 1);
	if (!strcmp(argv[1], "report"))
		return vc_cmd_report(argc - 1, argv + 1);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return VC_EXIT_OK;
	}
	fprintf(stderr, "vcheck: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return VC_EXIT_USAGE;
}
