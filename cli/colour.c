/* Verdict colours on a terminal (colour.h). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/colour.h"

int vc_colour_parse(const char *arg, enum vc_colour_when *when)
{
	static const char *const names[] = { "auto", "always", "never" };
	for (int i = 0; i < 3; i++)
		if (!strcmp(arg, names[i])) {
			*when = (enum vc_colour_when)i;
			return 0;
		}
	fprintf(stderr, "vcheck: --color wants auto, always or never, not '%s'\n", arg);
	return -1;
}

int vc_colour_on(enum vc_colour_when when, FILE *f)
{
	if (when != VC_COLOUR_AUTO)
		return when == VC_COLOUR_ALWAYS;
	const char *no = getenv("NO_COLOR");
	return !(no && *no) && isatty(fileno(f));
}

int vc_verdict_is_red(enum vc_verdict v)
{
	return vc_verdict_is_failure(v) || v == VC_ERROR;
}

const char *vc_colour_of(enum vc_verdict v, int on)
{
	if (!on)
		return "";
	if (vc_verdict_is_red(v))
		return "\033[1;31m";
	/* a known failure is dim, never red: it does not gate the run */
	return v == VC_WARN ? "\033[33m" : v == VC_PASS ? "\033[32m" : "\033[2m";
}

const char *vc_colour_end(int on) { return on ? "\033[0m" : ""; }
