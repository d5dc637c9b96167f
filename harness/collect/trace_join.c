/* See trace_join.h. The trace can hold a few hundred thousand lines (every
 * console byte is one); it is streamed, and only events that are not plain
 * register-access echoes are kept, attached to their step. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "vcheck/records.h"
#include "harness/collect/device_events.h"
#include "harness/collect/trace_join.h"
#include "harness/collect/vhost_user.h"
#include "harness/util/vec.h"

#define MAX_EVENT_TEXT 160
/* Per step: events that are no action (a GET_CONFIG and its reply, one pair
 * per config byte a snapshot reads through a vhost-user front-end) are kept
 * up to the first MAX_PLAIN; actions up to MAX_ACTIONS, far more than any
 * step has shown. What is not kept is counted, per vhost-user request, and
 * said in one closing event (VC_EVENTS_NOT_KEPT), itself no action. */
#define MAX_PLAIN 32
#define MAX_ACTIONS 4096
#define VU_REQS 64

struct pending {
	char **ev;
	size_t n, cap;
	size_t plain;                   /* kept events that are no action */
	unsigned long dropped;          /* events not kept */
	unsigned long dropped_vu[VU_REQS + 1]; /* of them, per vhost-user request; [VU_REQS]: others */
	unsigned accesses;
	char line[VC_RECORD_MAX_LINE + 1]; /* console line rebuilt from PL011 writes */
	size_t len;
};

static int by_seq(const void *a, const void *b)
{
	unsigned long x = (*(struct vc_sfx_obs *const *)a)->seq, y = (*(struct vc_sfx_obs *const *)b)->seq;
	return x < y ? -1 : x > y;
}

/* Experiment steps across the cell's devices, sorted by record sequence
 * number. Not an array indexed by it: the numbers come from the console,
 * and one record claiming 4 000 000 000 must not cost that much memory. */
static struct vc_sfx_obs **index_steps(struct vc_cell *c, unsigned long *n)
{
	size_t total = 0;
	for (size_t i = 0; i < c->ndevices; i++)
		total += c->devices[i].nsfx;
	struct vc_sfx_obs **ix = calloc(total ? total : 1, sizeof(*ix));
	*n = 0;
	for (size_t i = 0; ix && i < c->ndevices; i++)
		for (size_t k = 0; k < c->devices[i].nsfx; k++)
			ix[(*n)++] = &c->devices[i].sfx[k];
	if (ix && *n)
		qsort(ix, *n, sizeof(*ix), by_seq);
	return ix;
}

static struct vc_sfx_obs *step_of(unsigned long seq, struct vc_sfx_obs **ix, unsigned long nix)
{
	unsigned long lo = 0, hi = nix;
	while (lo < hi) {
		unsigned long mid = lo + (hi - lo) / 2;
		if (ix[mid]->seq < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < nix && ix[lo]->seq == seq ? ix[lo] : NULL;
}

static void drop_pending(struct pending *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->ev[i]);
	p->n = p->plain = 0;
	p->accesses = 0;
	p->dropped = 0;
	memset(p->dropped_vu, 0, sizeof(p->dropped_vu));
}

static void keep_event(struct pending *p, const char *l)
{
	int action = vc_sfx_event_is_action(l);
	if (action ? p->n - p->plain < MAX_ACTIONS : p->plain < MAX_PLAIN) {
		char *e = strndup(l, MAX_EVENT_TEXT);
		if (e) {
			*VEC_PUSH(p->ev, p->n, p->cap) = e;
			p->plain += !action;
			return;
		}
	}
	struct vc_vu_msg m;
	p->dropped++;
	p->dropped_vu[vc_vu_parse(l, &m) == 0 && m.req < VU_REQS ? m.req : VU_REQS]++;
}

/* "vcheck_events_not_kept 240: vhost-user GET_CONFIG (24) 240" */
static void say_dropped(struct pending *p)
{
	char buf[MAX_EVENT_TEXT * 2];
	int len = snprintf(buf, sizeof(buf), "%s %lu:", VC_EVENTS_NOT_KEPT, p->dropped);
	for (unsigned r = 0; r <= VU_REQS && len > 0 && (size_t)len < sizeof(buf); r++) {
		if (!p->dropped_vu[r])
			continue;
		const char *name = r < VU_REQS ? vc_vu_request_name(r) : NULL;
		if (r < VU_REQS)
			len += snprintf(buf + len, sizeof(buf) - (size_t)len, " vhost-user %s (%u) %lu,",
					name ? name : "request", r, p->dropped_vu[r]);
		else
			len += snprintf(buf + len, sizeof(buf) - (size_t)len, " other %lu,", p->dropped_vu[r]);
	}
	if (len > 0 && (size_t)len < sizeof(buf) && buf[len - 1] == ',')
		buf[len - 1] = '\0';
	char *e = strdup(buf);
	if (e)
		*VEC_PUSH(p->ev, p->n, p->cap) = e;
}

/* Record `seq` ends here: its step gets what is pending. */
static void end_step(struct pending *p, unsigned long seq, struct vc_sfx_obs **ix, unsigned long nix)
{
	struct vc_sfx_obs *o = step_of(seq, ix, nix);
	if (o && !o->dev_events && p->dropped)
		say_dropped(p);
	if (o && !o->dev_events) {
		o->dev_events = p->ev, o->ndev_events = p->n, o->dev_accesses = p->accesses;
		p->ev = NULL, p->n = p->cap = 0, p->accesses = 0;
	}
	drop_pending(p);
}

/* A whole console line: if it is a record, it ends its step. */
static void end_console_line(struct pending *p, struct vc_sfx_obs **ix, unsigned long nix)
{
	p->line[p->len] = 0;
	p->len = 0;
	if (!strncmp(p->line, VC_RECORD_PREFIX, sizeof(VC_RECORD_PREFIX) - 1))
		end_step(p, strtoul(p->line + sizeof(VC_RECORD_PREFIX) - 1, NULL, 10), ix, nix);
}

static void console_byte(struct pending *p, unsigned char b, struct vc_sfx_obs **ix, unsigned long nix)
{
	if (b == '\n')
		end_console_line(p, ix, nix);
	else if (p->len < sizeof(p->line) - 1)
		p->line[p->len++] = (char)b;
}

/* "memory_region_ops_write cpu 0 mr 0x.. addr 0x9000000 value 0x40 size 4 name 'pl011'" */
static void region_access(struct pending *p, const char *l, struct vc_sfx_obs **ix, unsigned long nix)
{
	const char *addr = strstr(l, " addr "), *val = strstr(l, " value ");
	if (!strstr(l, "name 'pl011'")) {
		p->accesses++;
		return;
	}
	if (strncmp(l, "memory_region_ops_write", 23) || !addr || !val)
		return;
	unsigned long long reg = strtoull(addr + 6, NULL, 16) & 0xfff;
	if (reg == 0) /* UARTDR: a record's byte */
		console_byte(p, (unsigned char)strtoul(val + 7, NULL, 16), ix, nix);
	else if (reg == 0x20) /* UARTILPR: a record's marker (guests/lib/console.h) */
		end_step(p, strtoul(val + 7, NULL, 16), ix, nix);
}

/* QEMU's own echo of an access the memory_region_ops event already shows. */
static int is_echo(const char *l)
{
	return !strncmp(l, "virtio_mmio_read ", 17) || !strncmp(l, "virtio_mmio_write_offset ", 25);
}

static const char *skip_stamp(const char *l)
{
	/* "-msg timestamp=on" style "pid@sec.usec:" prefix, if any */
	const char *at = strchr(l, '@'), *colon = at ? strchr(at, ':') : NULL;
	if (at && colon && strspn(l, "0123456789") == (size_t)(at - l))
		return colon + 1;
	return l;
}

int vc_trace_join(struct vc_cell *c, FILE *trace)
{
	unsigned long nix;
	struct vc_sfx_obs **ix = index_steps(c, &nix);
	struct pending p = { 0 };
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while (ix && (n = getline(&line, &cap, trace)) > 0) {
		if (line[n - 1] == '\n')
			line[--n] = 0;
		const char *l = skip_stamp(line);
		if (!strncmp(l, "memory_region_ops_", 18))
			region_access(&p, l, ix, nix);
		else if (!is_echo(l))
			keep_event(&p, l);
	}
	drop_pending(&p);
	free(p.ev);
	free(line);
	if (!ix)
		return vc_cell_problem(c, "out of memory joining the device trace"), -1;
	free(ix);
	return 0;
}
