/* The command table (commands.c) and what is printed from it besides the
 * usage: the man page (man_page.c) and the bash completion (completion.c). */
#ifndef VC_CLI_COMMANDS_H
#define VC_CLI_COMMANDS_H
#include <stddef.h>
#include <stdio.h>

struct vc_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *exit_codes; /* the statuses --help lists */
	const char *usage;      /* "vcheck NAME [options]...\n" then "(what it is)" lines */
};
extern const struct vc_command vc_commands[];
extern const size_t vc_ncommands;
extern const char vc_exit_codes[];

/* The options a usage names ("--target", "-q", ...), in order, each once:
 * up to max into out; returns how many. */
size_t vc_usage_options(const char *usage, const char **out, size_t *lens, size_t max);

/* vcheck(1) in roff; 0. */
int vc_write_man_page(FILE *f, const char *version);
/* A bash completion script for vcheck; 0. */
int vc_write_bash_completion(FILE *f);
#endif
