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
	else if (word_eq(k, kn, "vcheck.cfgsize"))
		o->cfgsize = number(v, vn);
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
	*o = (struct vc_options){ .checks = 1 };
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

int vc_options_runs(const struct vc_options *o, const char *id)
{
	return !o->only[0] || vc_list_names(o->only, id);
}
