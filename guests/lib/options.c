#include "guests/lib/options.h"
#include <string.h>

static int word_eq(const char *w, unsigned n, const char *key)
{
	return strlen(key) == n && strncmp(w, key, n) == 0;
}

/* A string value that fits (with its NUL) is copied; a longer one is ignored. */
static void copy_value(char *dst, size_t size, const char *v, unsigned vn)
{
	if (vn >= size)
		return;
	memcpy(dst, v, vn);
	dst[vn] = 0;
}

/* A name too long for any known one becomes one nothing has ("?"), so the
 * image refuses it instead of running with the default. */
static void copy_name(char *dst, size_t size, const char *v, unsigned vn)
{
	if (vn < size)
		copy_value(dst, size, v, vn);
	else
		copy_value(dst, size, "?", 1);
}

/* A decimal number; anything else (or one past 32 bits) is 0. */
static unsigned long number(const char *v, unsigned vn)
{
	unsigned long n = 0;
	for (unsigned i = 0; i < vn; i++) {
		if (v[i] < '0' || v[i] > '9' || n > 0xffffffffUL / 10)
			return 0;
		n = n * 10 + (unsigned long)(v[i] - '0');
	}
	return n <= 0xffffffffUL ? n : 0;
}

/* A Xen domain ID (below DOMID_FIRST_RESERVED, 0x7ff0), or -1. */
static long domid(const char *v, unsigned vn)
{
	unsigned long n = number(v, vn);
	return vn && (n || (vn == 1 && v[0] == '0')) && n < 0x7ff0 ? (long)n : -1;
}

static void parse_run(struct vc_options *o, const char *v, unsigned vn)
{
	unsigned top;
	o->run_given = 1;
	o->bad_set |= vc_ranks_parse(v, vn, o->run, VC_RANKS_MAX, &top) != 0;
}

/* D:RANKS */
static void parse_resume(struct vc_options *o, const char *v, unsigned vn)
{
	const char *colon = memchr(v, ':', vn);
	unsigned top, dn = colon ? (unsigned)(colon - v) : 0;
	o->resume_given = 1;
	o->resume_dev = dn ? number(v, dn) : 0;
	o->bad_set |= !colon || !dn || (o->resume_dev == 0 && (dn != 1 || v[0] != '0')) ||
		      vc_ranks_parse(colon + 1, vn - dn - 1, o->resume_done, VC_RANKS_MAX, &top) != 0;
}

static void apply(struct vc_options *o, const char *k, unsigned kn, const char *v, unsigned vn)
{
	int on = vn && v[0] != '0';
	if (word_eq(k, kn, "vcheck.checks"))
		o->checks = on;
	else if (word_eq(k, kn, "vcheck.trace"))
		o->trace = on;
	else if (word_eq(k, kn, "vcheck.sidefx"))
		o->sidefx = on;
	else if (word_eq(k, kn, "vcheck.profile"))
		o->profile = on;
	else if (word_eq(k, kn, "vcheck.hang"))
		o->hang = on;
	else if (word_eq(k, kn, "vcheck.lose"))
		o->lose = number(v, vn);
	else if (word_eq(k, kn, "vcheck.marker"))
		o->marker = on;
	else if (word_eq(k, kn, "vcheck.careful"))
		o->careful = on;
	else if (word_eq(k, kn, "vcheck.run"))
		parse_run(o, v, vn);
	else if (word_eq(k, kn, "vcheck.resume"))
		parse_resume(o, v, vn);
	else if (word_eq(k, kn, "vcheck.cfgsize"))
		o->cfgsize = number(v, vn);
	else if (word_eq(k, kn, "vcheck.host"))
		o->host = on;
	else if (word_eq(k, kn, "vcheck.xen-grant"))
		o->xen_grant = domid(v, vn);
	else if (word_eq(k, kn, "vcheck.ring"))
		o->ring = number(v, vn);
	else if (word_eq(k, kn, "vcheck.say"))
		copy_value(o->say, sizeof(o->say), v, vn);
	else if (word_eq(k, kn, "vcheck.hangin"))
		copy_name(o->hangin, sizeof(o->hangin), v, vn);
	else if (word_eq(k, kn, "vcheck.only"))
		copy_value(o->only, sizeof(o->only), v, vn);
	else if (word_eq(k, kn, "vcheck.plant"))
		copy_name(o->plant, sizeof(o->plant), v, vn);
	else if (word_eq(k, kn, "vcheck.console"))
		copy_name(o->console, sizeof(o->console), v, vn);
	else if (word_eq(k, kn, "vcheck.personality"))
		copy_name(o->personality, sizeof(o->personality), v, vn);
}

void vc_parse_options(const char *args, struct vc_options *o)
{
	*o = (struct vc_options){ .checks = 1, .host = 1, .xen_grant = -1 };
	while (*args) {
		while (*args == ' ')
			args++;
		const char *w = args;
		while (*args && *args != ' ')
			args++;
		const char *eq = memchr(w, '=', (size_t)(args - w));
		if (eq)
			apply(o, w, (unsigned)(eq - w), eq + 1, (unsigned)(args - eq - 1));
	}
}

int vc_options_runs(const struct vc_options *o, const char *id, unsigned rank, unsigned dev)
{
	if (o->resume_given && (dev < o->resume_dev || (dev == o->resume_dev && vc_ranks_has(o->resume_done, rank))))
		return 0;
	if (o->run_given && !vc_ranks_has(o->run, rank))
		return 0;
	return !o->only[0] || vc_list_names(o->only, id);
}
