/* Whether vcheck's console output is coloured, and the colour of each
 * verdict word. Colour is for a person at a terminal: a log or a pipe gets
 * plain text, so tests and CI logs can match it. */
#ifndef VC_CLI_COLOUR_H
#define VC_CLI_COLOUR_H
#include <stdio.h>
#include "vcheck/verdict.h"

enum vc_colour_when { VC_COLOUR_AUTO, VC_COLOUR_ALWAYS, VC_COLOUR_NEVER };

/* The getopt code of --color: long only, clear of the letters and of
 * ci_outputs.h's codes (0x100 up). */
#define VC_OPT_COLOR 0x180

/* "auto", "always" or "never" into *when; -1 with the reason on stderr. */
int vc_colour_parse(const char *arg, enum vc_colour_when *when);
/* Whether to colour what goes to f: auto colours a terminal unless NO_COLOR
 * is set to anything (https://no-color.org); the option overrides both. */
int vc_colour_on(enum vc_colour_when when, FILE *f);
/* The escape that starts v's colour, and the one that ends any colour;
 * "" when colour is off. */
const char *vc_colour_of(enum vc_verdict v, int on);
const char *vc_colour_end(int on);
/* Red verdicts: what gates a run, and ERROR (a retry), as the summary
 * lists them first. */
int vc_verdict_is_red(enum vc_verdict v);
#endif
