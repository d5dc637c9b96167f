/* vcheck: virtio conformance and side-effect harness. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "cli/commands.h"
#include "harness/util/closest.h"
#include "suites/check.h"

#ifndef VC_VERSION
#define VC_VERSION "unknown"
#endif

static void usage(FILE *f)
{
	for (size_t i = 0; i < vc_ncommands; i++)
		fprintf(f, "%s%s", i ? "       " : "usage: ", vc_commands[i].usage);
	fputs("       vcheck --version\n", f);
	fputs("       vcheck help [man|bash-completion]\n", f);
	fputs(vc_exit_codes, f);
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
	for (size_t i = 0; i < vc_ncommands; i++) {
		const struct vc_command *c = &vc_commands[i];
		if (strcmp(argv[1], c->name))
			continue;
		if (wants_help(argc, argv)) {
			printf("usage: %s%s", c->usage, c->exit_codes);
			return VC_EXIT_OK;
		}
		return c->run(argc - 1, argv + 1);
	}
	if (!strcmp(argv[1], "help") && argc == 3 && !strcmp(argv[2], "man"))
		return vc_write_man_page(stdout, VC_VERSION);
	if (!strcmp(argv[1], "help") && argc == 3 && !strcmp(argv[2], "bash-completion"))
		return vc_write_bash_completion(stdout);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || (!strcmp(argv[1], "help") && argc == 2)) {
		usage(stdout);
		return VC_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		version();
		return VC_EXIT_OK;
	}
	const char *names[16];
	size_t n = 0;
	for (; n < vc_ncommands && n < 16; n++)
		names[n] = vc_commands[n].name;
	const char *near = vc_closest(argv[1], names, n);
	fprintf(stderr, "vcheck: unknown command '%s'%s%s%s\n", argv[1], near ? " (did you mean '" : "",
		near ? near : "", near ? "'?)" : "");
	usage(stderr);
	return VC_EXIT_USAGE;
}
