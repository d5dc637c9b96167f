#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>
#include "harness/util/vec.h"
#include "harness/collect/foreign.h"

static void deliver(struct vc_foreign *f, const char *line, size_t n)
{
	vc_collect_feed(f->out, line, n);
	vc_collect_feed(f->out, "\n", 1);
}

static int sealed(const char *line, size_t n)
{
	static struct vc_rec scratch; /* only the class matters here */
	char err[8];
	return vc_rec_parse_line(line, n, &scratch, err, sizeof(err)) == VC_LINE_RECORD;
}

/* A record that cannot grow into a sealed one goes on as it is, so the
 * collector reports it malformed. */
static void drop_fragment(struct vc_foreign *f)
{
	if (f->fraglen)
		deliver(f, f->frag, f->fraglen);
	f->fraglen = 0;
}

static void start_fragment(struct vc_foreign *f, const char *line, size_t at, const char *rec, size_t n)
{
	memcpy(f->frag, rec, n);
	f->fraglen = n;
	f->prefixlen = at < sizeof(f->prefix) ? at : 0;
	memcpy(f->prefix, line, f->prefixlen);
}

/* The next piece of a split record: the line without the prefix the
 * record's first piece had. Joined only while the join stays within the
 * protocol's longest line; sealed, it is a record. */
static int continue_fragment(struct vc_foreign *f, const char *line, size_t n)
{
	if (f->prefixlen && n >= f->prefixlen && !memcmp(line, f->prefix, f->prefixlen))
		line += f->prefixlen, n -= f->prefixlen;
	if (f->fraglen + n > VC_RECORD_MAX_LINE)
		return 0;
	memcpy(f->frag + f->fraglen, line, n);
	f->fraglen += n;
	if (sealed(f->frag, f->fraglen)) {
		f->rejoined++;
		deliver(f, f->frag, f->fraglen);
		f->fraglen = 0;
	}
	return 1;
}

static void on_line(void *ctx, const char *line, size_t n, int overlong)
{
	struct vc_foreign *f = ctx;
	while (n && (line[n - 1] == '\r' || line[n - 1] == '\n'))
		n--;
	const char *rec = overlong ? NULL : memmem(line, n, VC_RECORD_PREFIX, sizeof(VC_RECORD_PREFIX) - 1);
	if (f->fraglen && !rec && !overlong && continue_fragment(f, line, n))
		return;
	drop_fragment(f); /* a new record, or a line that cannot continue it */
	if (!rec) {
		deliver(f, line, n); /* noise: the collector counts it */
		return;
	}
	size_t at = (size_t)(rec - line), len = n - at;
	if (sealed(rec, len)) {
		f->prefixed += at > 0;
		deliver(f, rec, len);
	} else if (len < VC_RECORD_MAX_LINE) {
		start_fragment(f, line, at, rec, len);
	} else {
		deliver(f, rec, len);
	}
}

void vc_foreign_init(struct vc_foreign *f, struct vc_collector *out)
{
	memset(f, 0, sizeof(*f));
	f->out = out;
	f->split.on_line = on_line;
	f->split.ctx = f;
}

void vc_foreign_feed(struct vc_foreign *f, const char *data, size_t n)
{
	vc_splitter_feed(&f->split, data, n);
}

void vc_foreign_finish(struct vc_foreign *f)
{
	vc_splitter_flush(&f->split);
	drop_fragment(f);
	vc_collect_finish(f->out);
}

void vc_foreign_note(const struct vc_foreign *f, struct vc_cell *c)
{
	if (!f->prefixed && !f->rejoined)
		return;
	char *note = vc_xasprintf("%s%s%lu records found behind a line prefix, %lu joined from split lines",
				  c->outcome_detail ? c->outcome_detail : "", c->outcome_detail ? "; " : "", f->prefixed,
				  f->rejoined);
	free(c->outcome_detail);
	c->outcome_detail = note;
}
