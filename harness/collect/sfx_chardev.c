/* See sfx_chardev.h. Only the low byte is compared: a chardev carries
 * bytes, and a wider config write (emerg_wr is 32 bits) hands the host one
 * (VIRTIO 1.2 5.3.4: the driver writes a character into emerg_wr). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/collect/sfx_chardev.h"
#include "harness/collect/device_events.h"
#include "harness/util/vec.h"

#define SHOWN_BYTES 16
#define MAX_STEPS 64
#define MAX_FILE 4096

static void addf(char *buf, size_t size, const char *fmt, unsigned long a, unsigned long b)
{
	size_t len = strlen(buf);
	if (len + 1 < size)
		snprintf(buf + len, size - len, fmt, a, b);
}

char *vc_chardev_line(const struct vc_chardev_step *s, size_t n, const uint8_t *file, size_t len, int readable,
		      const char *name)
{
	char buf[640] = "chardev: wr";
	int same = readable && len == n;
	for (size_t i = 0; i < n; i++) {
		addf(buf, sizeof(buf), " #%lu", s[i].seq, 0);
		if (same && file[i] != (uint8_t)s[i].wv)
			same = 0;
	}
	size_t l = strlen(buf);
	snprintf(buf + l, sizeof(buf) - l, " made the device act; the host's %s %s", name,
		 readable ? "received" : "could not be read");
	if (!readable)
		return vc_xstrdup(buf);
	for (size_t i = 0; i < len && i < SHOWN_BYTES; i++)
		addf(buf, sizeof(buf), " %02lx", file[i], 0);
	if (len > SHOWN_BYTES)
		addf(buf, sizeof(buf), " (+%lu more)", len - SHOWN_BYTES, 0);
	if (!len)
		addf(buf, sizeof(buf), " nothing", 0, 0);
	addf(buf, sizeof(buf), same ? ": the low byte of the field each write left, in order"
				    : ": not the low bytes of the field the writes left", 0, 0);
	return vc_xstrdup(buf);
}

static int is_own_write(const struct vc_sfx_obs *o, const struct vc_register *r)
{
	return o->exp == VC_SFX_WRITE && o->space == r->space && o->off == r->off && o->width == r->width &&
	       o->has_wv && !o->fault_write;
}

static int acted(const struct vc_sfx_obs *o)
{
	for (size_t i = 0; i < o->ndev_events; i++)
		if (vc_sfx_event_is_action(o->dev_events[i]))
			return 1;
	return 0;
}

/* What a write left in its field: a write to a byte inside a field (every
 * config byte is written) moves the value up by where it lands. */
static uint64_t field_value(const struct vc_register *r, uint64_t wv)
{
	unsigned shift = r->field_size && r->off > r->field_off ? r->off - r->field_off : 0;
	return shift < 8 ? wv << (8 * shift) : 0;
}

/* Steps of every device at `loc` whose config writes made it act. */
static size_t trigger_steps(const struct vc_cell *c, const char *loc, struct vc_chardev_step *s)
{
	size_t n = 0;
	for (size_t d = 0; d < c->ndevices; d++) {
		const struct vc_device *dev = &c->devices[d];
		if (!dev->location || strcmp(dev->location, loc))
			continue;
		for (size_t k = 0; k < dev->nregisters; k++) {
			const struct vc_register *r = &dev->registers[k];
			if (r->space != VC_SFX_SP_CONFIG || !(r->classes & VC_SFX_CLASS_BIT(VC_SFX_C_WRITE_TRIGGERS)))
				continue;
			for (size_t i = 0; i < dev->nsfx && n < MAX_STEPS; i++)
				if (is_own_write(&dev->sfx[i], r) && acted(&dev->sfx[i]))
					s[n++] = (struct vc_chardev_step){ dev->sfx[i].seq, field_value(r, dev->sfx[i].wv) };
		}
	}
	/* record order across a transitional device's two interfaces */
	for (size_t i = 1; i < n; i++)
		for (size_t k = i; k > 0 && s[k - 1].seq > s[k].seq; k--) {
			struct vc_chardev_step t = s[k];
			s[k] = s[k - 1], s[k - 1] = t;
		}
	return n;
}

static void add_line(struct vc_cell *c, const char *loc, const char *line)
{
	for (size_t d = 0; d < c->ndevices; d++) {
		struct vc_device *dev = &c->devices[d];
		if (!dev->location || strcmp(dev->location, loc))
			continue;
		for (size_t k = 0; k < dev->nregisters; k++) {
			struct vc_register *r = &dev->registers[k];
			if (r->space != VC_SFX_SP_CONFIG || !(r->classes & VC_SFX_CLASS_BIT(VC_SFX_C_WRITE_TRIGGERS)))
				continue;
			vc_register_add_evidence(r, line);
		}
	}
}

void vc_sfx_chardev_evidence(struct vc_cell *c)
{
	for (size_t e = 0; e < c->nexpected; e++) {
		const struct vc_expected *x = &c->expected[e];
		struct vc_chardev_step s[MAX_STEPS];
		size_t n = x->chardev_out ? trigger_steps(c, x->location, s) : 0;
		if (!n)
			continue;
		uint8_t file[MAX_FILE];
		size_t len = 0;
		FILE *f = fopen(x->chardev_out, "rb");
		if (f) {
			len = fread(file, 1, sizeof(file), f);
			fclose(f);
		}
		const char *slash = strrchr(x->chardev_out, '/');
		char *line = vc_chardev_line(s, n, file, len, f != NULL, slash ? slash + 1 : x->chardev_out);
		add_line(c, x->location, line);
		free(line);
	}
}
