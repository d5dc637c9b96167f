#include "options.h"
#include "string.h"

static int word_eq(const char *w, unsigned n, const char *key)
{
	return strlen(key) == n && strncmp(w, key, n) == 0;
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
	else if (word_eq(k, kn, "vcheck.hang"))
		o->hang = on;
	else if (word_eq(k, kn, "vcheck.only") && vn < sizeof(o->only)) {
		memcpy(o->only, v, vn);
		o->only[vn] = 0;
	} else if (word_eq(k, kn, "vcheck.plant") && vn < sizeof(o->plant)) {
		memcpy(o->plant, v, vn);
		o->plant[vn] = 0;
	} else if (word_eq(k, kn, "vcheck.personality")) {
		/* Too long for any name: keep one no personality has, so the
		 * image refuses it instead of running direct. */
		if (vn >= sizeof(o->personality))
			v = "?", vn = 1;
		memcpy(o->personality, v, vn);
		o->personality[vn] = 0;
	}
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
