/* The live status line and the coloured cell lines (progress.h). */
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "cli/progress.h"
#include "harness/util/clock.h"

/* Often enough to look alive, seldom enough that a run on a slow
 * terminal (a serial console, ssh) is not paced by its own status line. */
#define REDRAW_SECONDS 0.2

void vc_progress_init(struct vc_progress *p, int quiet, enum vc_colour_when colour)
{
	*p = (struct vc_progress){ .live = !quiet && isatty(STDERR_FILENO), .colour = vc_colour_on(colour, stderr),
				   .started = vc_now() };
}

/* The status line must fit one row: a wrapped line cannot be rewritten
 * with \r alone. */
static size_t columns(void)
{
	struct winsize ws;
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1)
		return ws.ws_col - 1u;
	return 79;
}

/* Spaces, not an erase escape: NO_COLOR and dumb terminals get no
 * escape sequence at all. */
void vc_progress_clear(struct vc_progress *p)
{
	if (!p->shown)
		return;
	fprintf(stderr, "\r%*s\r", (int)p->shown, "");
	fflush(stderr);
	p->shown = 0;
}

static unsigned long checks_so_far(const struct vc_cell *c)
{
	unsigned long n = 0;
	for (size_t d = 0; d < c->ndevices; d++)
		n += c->devices[d].nchecks;
	return n;
}

static void format_status(const struct vc_progress *p, const struct vc_runner_tick *t, char *buf, size_t len)
{
	unsigned long checks = 0;
	for (size_t i = 0; i < t->nrunning; i++)
		checks += checks_so_far(t->running[i]);
	int n = snprintf(buf, len, "vcheck: %zu/%zu cells, ", t->done, t->total);
	if (n < 0 || (size_t)n >= len)
		return;
	if (t->nrunning == 1) /* the slow one, by name */
		snprintf(buf + n, len - (size_t)n, "running %s: %lu checks, %.0f s", t->running[0]->name, checks,
			 vc_now() - p->started);
	else
		snprintf(buf + n, len - (size_t)n, "%zu running: %lu checks, %.0f s", t->nrunning, checks,
			 vc_now() - p->started);
}

/* Over the line on screen: \r, the new text, spaces over what is left
 * of a longer old one. */
static void draw(struct vc_progress *p, const char *text, double now)
{
	size_t len = strlen(text);
	fprintf(stderr, "\r%s%*s", text, p->shown > len ? (int)(p->shown - len) : 0, "");
	if (p->shown > len)
		fprintf(stderr, "\r%s", text);
	fflush(stderr);
	snprintf(p->text, sizeof(p->text), "%s", text);
	p->shown = len;
	p->drawn = now;
}

static void on_tick(const struct vc_runner_tick *t, void *ctx)
{
	struct vc_progress *p = ctx;
	char text[sizeof(p->text)];
	if (!p->live)
		return;
	if (!t->nrunning && t->done == t->total) {
		vc_progress_clear(p); /* the batch is over: what follows is not about it */
		return;
	}
	double now = vc_now();
	if (p->shown && now - p->drawn < REDRAW_SECONDS)
		return; /* the runner ticks every few milliseconds */
	format_status(p, t, text, sizeof(text));
	size_t width = columns();
	if (strlen(text) > width)
		text[width] = 0;
	if (!p->shown || strcmp(text, p->text))
		draw(p, text, now);
}

void vc_progress_cell_line(struct vc_progress *p, const struct vc_cell *c, const char *tail)
{
	enum vc_verdict v = vc_cell_verdict(c);
	const char *word = vc_verdict_name(v);
	vc_progress_clear(p);
	/* padded outside the colour, so the columns line up as in plain text */
	fprintf(stderr, "vcheck: %-48s %s%s%s%*s %s\n", c->name, vc_colour_of(v, p->colour), word,
		vc_colour_end(p->colour), (int)(strlen(word) < 9 ? 9 - strlen(word) : 0), "", tail ? tail : "");
}

static void cell_line(const struct vc_cell *c, const char *tail, void *ctx) { vc_progress_cell_line(ctx, c, tail); }

void vc_progress_attach(struct vc_progress *p, struct vc_runner_options *o)
{
	o->on_tick = on_tick, o->cell_line = cell_line, o->ui_ctx = p;
}
