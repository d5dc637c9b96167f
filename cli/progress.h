/* What a person at a terminal sees while cells run: a status line on
 * stderr, rewritten in place (cells done, the running cells' checks so
 * far), and each concluded cell's line with its verdict coloured. Not on
 * a terminal, or with -q, the lines are exactly the plain ones a log and
 * the tests read, and no status line is drawn. */
#ifndef VC_CLI_PROGRESS_H
#define VC_CLI_PROGRESS_H
#include <stddef.h>
#include "cli/colour.h"
#include "harness/run/runner.h"

struct vc_progress {
	int live;      /* a status line is drawn: stderr is a terminal, no -q */
	int colour;    /* verdict words coloured on stderr */
	double started, drawn; /* when the run began, when the line was last drawn */
	size_t shown;  /* columns the status line covers now; 0: none up */
	char text[256];
};

void vc_progress_init(struct vc_progress *p, int quiet, enum vc_colour_when colour);
/* Points the runner's live-view hooks (runner.h) at p. */
void vc_progress_attach(struct vc_progress *p, struct vc_runner_options *o);
/* Takes the status line down: call before anything else goes to stderr. */
void vc_progress_clear(struct vc_progress *p);
/* "vcheck: CELL VERDICT TAIL", as the runner writes it, the verdict
 * coloured when p says so. */
void vc_progress_cell_line(struct vc_progress *p, const struct vc_cell *c, const char *tail);
#endif
