/* The end-of-run summary (summary.h). */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "cli/colour.h"
#include "cli/summary.h"
#include "harness/plan/catalogue.h"
#include "harness/util/vec.h"

/* A log has no width: wide enough for most details, short enough to scan. */
#define LOG_COLUMNS 160
/* A reason is cut no shorter than this, however long the rest of its line. */
#define MIN_REASON 40

struct entry {
	const char *id, *spec, *reason;
	char what[256]; /* CELL::MODEL@LOCATION[/INTERFACE], or CELL for `boot` */
	enum vc_verdict v;
};

/* Listing order: what gates (the device's findings, then XPASS, a stale
 * baseline), then ERROR (retry), then WARN. */
static const enum vc_verdict listed[] = { VC_FAIL, VC_FAULT, VC_WEDGED, VC_CRASH, VC_XPASS, VC_ERROR, VC_WARN };
/* The counts line: every verdict, in that order, then the quiet ones. */
static const enum vc_verdict counted[] = { VC_FAIL, VC_FAULT, VC_WEDGED, VC_CRASH, VC_XPASS, VC_ERROR,
					   VC_WARN, VC_SKIP, VC_XFAIL, VC_PASS };
#define NLISTED (sizeof(listed) / sizeof(listed[0]))
#define NCOUNTED (sizeof(counted) / sizeof(counted[0]))

struct entries {
	struct entry *e;
	size_t n, cap;
	unsigned long count[VC_VERDICT__COUNT];
};

static struct entry *add(struct entries *s, const struct vc_cell *c, const char *id, enum vc_verdict v,
			 const char *reason)
{
	struct entry *e = VEC_PUSH(s->e, s->n, s->cap);
	*e = (struct entry){ .id = id, .v = v, .reason = reason ? reason : "" };
	snprintf(e->what, sizeof(e->what), "%s", c->name);
	s->count[v]++;
	return e;
}

/* As junit.xml's `boot` testcase judges the cell itself. */
static enum vc_verdict boot_verdict(const struct vc_cell *c)
{
	if (c->outcome != VC_OUT_COMPLETED)
		return c->outcome == VC_OUT_WEDGED ? VC_WEDGED : VC_CRASH;
	return c->mismatches ? VC_FAIL : c->nproblems ? VC_ERROR : VC_PASS;
}

static void cell_entries(struct entries *s, const struct vc_cell *c)
{
	enum vc_verdict boot = boot_verdict(c);
	if (boot != VC_PASS)
		add(s, c, "boot", boot, c->outcome_detail ? c->outcome_detail : c->nproblems ? c->problems[0] : NULL);
	for (size_t i = 0; c->outcome == VC_OUT_COMPLETED && i < c->nexpected; i++) {
		const struct vc_expected *x = &c->expected[i];
		if (vc_cell_found(c, x))
			continue;
		struct entry *e = add(s, c, "found", VC_FAIL, "attached but not found by the guest");
		snprintf(e->what, sizeof(e->what), "%s::%s@%s", c->name, x->model, x->location);
	}
}

static void device_entries(struct entries *s, const struct vc_cell *c, const struct vc_device *d)
{
	for (size_t k = 0; k < d->nchecks; k++) {
		const struct vc_check_result *r = &d->checks[k];
		if (r->verdict == VC_PASS || r->verdict == VC_SKIP || r->verdict == VC_XFAIL) {
			s->count[r->verdict]++;
			continue;
		}
		const struct vc_check *chk = vc_catalogue_find(r->id);
		struct entry *e = add(s, c, r->id, r->verdict, r->detail && *r->detail ? r->detail : r->baseline_reason);
		e->spec = chk ? chk->spec : NULL;
		/* the interface only where the cell shows two (pci-transitional) */
		int other = d->interface && strcmp(d->interface, c->transport ? c->transport : "");
		snprintf(e->what, sizeof(e->what), "%s::%s@%s%s%s", c->name, d->model ? d->model : "?",
			 d->location ? d->location : "?", other ? "/" : "", other ? d->interface : "");
	}
}

static void gather(const struct vc_run *run, struct entries *s)
{
	for (size_t i = 0; i < run->ncells; i++) {
		const struct vc_cell *c = &run->cells[i];
		cell_entries(s, c);
		for (size_t d = 0; d < c->ndevices; d++)
			device_entries(s, c, &c->devices[d]);
	}
}

/* The reason on one line of at most `room` columns: a detail may quote
 * QEMU's stderr, newlines and all. */
static void one_line(char *out, size_t len, const char *reason, size_t room)
{
	size_t n = 0;
	for (const char *p = reason; *p && n + 1 < len; p++)
		out[n++] = (unsigned char)*p < 0x20 ? ' ' : *p;
	out[n] = 0;
	if (room < MIN_REASON)
		room = MIN_REASON;
	size_t cut = room < len ? room : len - 1;
	if (n > cut || reason[n]) /* longer than the line, or than out */
		strcpy(out + cut - 3, "...");
}

static void print_entry(const struct entry *e, size_t idw, const struct vc_summary_options *o, FILE *f)
{
	char head[512], spec[48] = "", reason[512];
	if (e->spec)
		snprintf(spec, sizeof(spec), "  [%s]", e->spec);
	int n = snprintf(head, sizeof(head), "%-*s  %s%s  ", (int)idw, e->id, e->what, spec);
	size_t used = 8 + (n > 0 ? (size_t)n : 0); /* "VERDICT " ahead of it */
	one_line(reason, sizeof(reason), e->reason, o->width > used ? o->width - used : 0);
	const char *word = vc_verdict_name(e->v);
	int pad = (int)(strlen(word) < 6 ? 6 - strlen(word) : 0); /* outside the colour, as the plain columns */
	fprintf(f, "%s%s%s%*s  %s%s\n", vc_colour_of(e->v, o->colour), word, vc_colour_end(o->colour), pad, "", head,
		reason);
}

/* Lists the entries of verdict v; returns how many it printed. */
static size_t print_verdict(const struct entries *s, enum vc_verdict v, size_t idw, size_t budget,
			    const struct vc_summary_options *o, FILE *f)
{
	size_t printed = 0;
	for (size_t i = 0; i < s->n && printed < budget; i++)
		if (s->e[i].v == v)
			print_entry(&s->e[i], idw, o, f), printed++;
	return printed;
}

static void print_counts(const struct entries *s, const struct vc_summary_options *o, FILE *f)
{
	const char *sep = "";
	fputs("vcheck: ", f);
	for (size_t i = 0; i < NCOUNTED; i++) {
		enum vc_verdict v = counted[i];
		if (!s->count[v])
			continue;
		fprintf(f, "%s%lu %s%s%s", sep, s->count[v], vc_colour_of(v, o->colour), vc_verdict_name(v),
			vc_colour_end(o->colour));
		sep = ", ";
	}
	fputs(*sep ? "\n" : "no check verdicts\n", f);
}

void vc_summary_print(const struct vc_run *run, const struct vc_summary_options *o, FILE *f)
{
	struct entries s = { 0 };
	gather(run, &s);
	size_t idw = 0, red = 0;
	for (size_t i = 0; i < s.n; i++) {
		if (strlen(s.e[i].id) > idw)
			idw = strlen(s.e[i].id);
		red += (size_t)vc_verdict_is_red(s.e[i].v);
	}
	size_t shown = 0, budget = o->quiet ? VC_SUMMARY_QUIET_MAX : (size_t)-1, want = o->quiet ? red : s.n;
	if (want && !o->quiet)
		fprintf(f, "vcheck: not passing, worst first (%zu):\n", want);
	for (size_t i = 0; i < NLISTED; i++)
		if (!o->quiet || vc_verdict_is_red(listed[i]))
			shown += print_verdict(&s, listed[i], idw, budget - shown, o, f);
	if (shown < want)
		fprintf(f, "vcheck: %zu more: see %s\n", want - shown, o->more);
	if (!o->quiet || red)
		print_counts(&s, o, f);
	free(s.e);
}

unsigned vc_summary_width(FILE *f)
{
	struct winsize ws;
	if (isatty(fileno(f)) && ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 1)
		return ws.ws_col;
	return LOG_COLUMNS;
}

void vc_summary_end(const struct vc_run *run, int quiet, enum vc_colour_when colour, const char *dir,
		    const char *file)
{
	char *more = vc_xasprintf("%s/%s", dir, file);
	struct vc_summary_options o = { .quiet = quiet, .colour = vc_colour_on(colour, stderr),
					.width = vc_summary_width(stderr), .more = more };
	vc_summary_print(run, &o, stderr);
	free(more);
}
