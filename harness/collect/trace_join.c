/* See trace_join.h. The trace can hold a few hundred thousand lines (every
 * console byte is one); it is streamed, and only events that are not plain
 * register-access echoes are kept, attached to their step. */
#include <stdlib.h>
#include <string.h>
#include "vcheck/records.h"
#include "harness/collect/trace_join.h"
#include "harness/util/vec.h"

#define MAX_EVENT_TEXT 160
#define MAX_EVENTS_PER_STEP 32

struct pending {
	char **ev;
	size_t n, cap;
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
	p->n = 0;
	p->accesses = 0;
}

/* Record `seq` ends here: its step gets what is pending. */
static void end_step(struct pending *p, unsigned long seq, struct vc_sfx_obs **ix, unsigned long nix)
{
	struct vc_sfx_obs *o = step_of(seq, ix, nix);
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
		else if (!is_echo(l) && p.n < MAX_EVENTS_PER_STEP) {
			char *e = strndup(l, MAX_EVENT_TEXT);
			if (e)
				*VEC_PUSH(p.ev, p.n, p.cap) = e;
		}
	}
	drop_pending(&p);
	free(p.ev);
	free(line);
	if (!ix)
		return vc_cell_problem(c, "out of memory joining the device trace"), -1;
	free(ix);
	return 0;
}
