/* vcheck: virtio conformance and side-effect harness. */
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "fsutil.h"

static void usage(FILE *f)
{
	fputs("usage: vcheck list [targets|transports|devices|checks|layouts] [--target NAME]\n"
	      "       vcheck run [--target NAME]... [--transport T]... [--device MODEL]...\n"
	      "                  [--extra-args 'QEMU ARGS'] [-j N] [--timeout SECONDS]\n"
	      "                  [--only CHECK-ID] [--trace] [--no-checks]\n"
	      "                  [--baseline FILE | --no-baseline] --out DIR\n"
	      "exit status: 0 all PASS/WARN/SKIP/XFAIL, 1 any FAIL/FAULT/WEDGED/CRASH/XPASS,\n"
	      "             2 usage or setup error, 130 interrupted\n", f);
}

const char *vc_share_dir(void)
{
	static char dir[4096];
	if (dir[0])
		return dir;
	char exe[3800];
	if (vc_exe_dir(exe, sizeof(exe)) == 0)
		snprintf(dir, sizeof(dir), "%s/../share/vcheck", exe);
	else
		snprintf(dir, sizeof(dir), "share/vcheck");
	return dir;
}

int vc_cli_load_target(const char *name, struct vc_target *t)
{
	char path[4200], err[512];
	size_t n = strlen(name);
	if (strchr(name, '/') || (n > 7 && !strcmp(name + n - 7, ".target")))
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "%s/targets/%s.target", vc_share_dir(), name);
	if (!strchr(name, '/') && !vc_path_exists(path)) {
		fprintf(stderr, "vcheck: unknown target '%s' (see 'vcheck list targets', or give a path to a .target file)\n", name);
		return -1;
	}
	if (vc_target_load(path, t, err, sizeof(err))) {
		fprintf(stderr, "vcheck: %s\n", err);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return VC_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "list"))
		return vc_cmd_list(argc - 1, argv + 1);
	if (!strcmp(argv[1], "run"))
		return vc_cmd_run(argc - 1, argv + 1);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return VC_EXIT_OK;
	}
	fprintf(stderr, "vcheck: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return VC_EXIT_USAGE;
}
