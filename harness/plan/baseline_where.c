#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/plan/baseline_where.h"
#include "vcheck/personalities.h"
#include "vcheck/transports.h"
#include "harness/util/vec.h"

enum part { TRANSPORT, INTERFACE, PERSONALITY, NPARTS };
static const char *const part_name[NPARTS] = { "transport", "interface", "personality" };

#define SPACE_NAME(id, name) " " name
static const char known_interfaces[] = VC_TRANSPORTS(SPACE_NAME);
static const char known_personalities[] = VC_PERSONALITIES(SPACE_NAME);
#undef SPACE_NAME

int vc_bl_list_match(const char *list, const char *value)
{
	if (!strcmp(list, "*"))
		return 1;
	size_t n = value ? strlen(value) : 0;
	for (const char *w = list; value && *w;) {
		size_t len = strcspn(w, ",");
		if (len == n && !strncmp(w, value, n))
			return 1;
		w += len;
		w += *w == ',';
	}
	return 0;
}

static char **parts(struct vc_bl_where *w, enum part p)
{
	return p == TRANSPORT ? &w->transports : p == INTERFACE ? &w->interfaces : &w->personalities;
}

static const char *part_of(const struct vc_bl_where *w, enum part p)
{
	return p == TRANSPORT ? w->transports : p == INTERFACE ? w->interfaces : w->personalities;
}

/* Cuts the field at '/' and '.'; what is left out takes its default. */
static int split(const char *field, struct vc_bl_where *w, char *err, size_t errlen)
{
	const char *slash = strchr(field, '/'), *dot = strchr(field, '.');
	if (slash && dot && slash > dot)
		return snprintf(err, errlen, "'%s': the interface goes before the personality, "
				"TRANSPORT[/INTERFACE][.PERSONALITY]", field), -1;
	size_t tr_len = strcspn(field, "/.");
	w->transports = strndup(field, tr_len);
	w->interfaces = slash ? strndup(slash + 1, strcspn(slash + 1, ".")) : vc_xstrdup("*");
	w->personalities = vc_xstrdup(dot ? dot + 1 : "direct");
	if (!w->transports || !w->interfaces) {
		fprintf(stderr, "vcheck: out of memory\n");
		exit(3);
	}
	for (int p = 0; p < NPARTS; p++)
		if (!*part_of(w, (enum part)p))
			return snprintf(err, errlen, "'%s' has an empty %s, want TRANSPORT[/INTERFACE][.PERSONALITY]",
					field, part_name[p]), -1;
	return 0;
}

static void target_transport_names(const struct vc_target *t, char *out, size_t len)
{
	size_t used = 0;
	out[0] = 0;
	for (size_t i = 0; i < t->ntransports && used < len; i++)
		used += (size_t)snprintf(out + used, len - used, " %s", t->transports[i].name);
}

/* A name vcheck or target t knows for part p. */
static int check_name(enum part p, const char *name, const struct vc_target *t, char *err, size_t errlen)
{
	size_t n = strlen(name);
	if (p == INTERFACE && !vc_word_in(known_interfaces, name, n))
		return snprintf(err, errlen, "unknown interface '%s' (one of:%s)", name, known_interfaces), -1;
	if (p == PERSONALITY && vc_personality_id(name) < 0)
		return snprintf(err, errlen, "unknown personality '%s' (one of:%s)", name, known_personalities), -1;
	if (!t)
		return 0;
	if (p == TRANSPORT && !vc_target_transport(t, name)) {
		char have[512];
		target_transport_names(t, have, sizeof(have));
		return snprintf(err, errlen, "unknown transport '%s' (target %s has:%s)", name, t->name, have), -1;
	}
	if (p == PERSONALITY && !vc_target_personality(t, name))
		return snprintf(err, errlen, "target %s has no personality '%s'", t->name, name), -1;
	return 0;
}

/* Whether some cell of t matches w with part p narrowed to `name`: the
 * cells are t's transports, each interface they yield, and each
 * personality (direct included) that runs on the transport. */
static int reachable(const struct vc_bl_where *w, enum part p, char *name, const struct vc_target *t)
{
	struct vc_bl_where n = *w;
	*parts(&n, p) = name;
	for (size_t i = 0; i < t->ntransports; i++) {
		const struct vc_transport_def *tr = &t->transports[i];
		for (size_t j = 0; j <= t->npersonalities; j++) {
			const char *pers = j ? t->personalities[j - 1].name : "direct";
			if (j && !vc_personality_runs_on(&t->personalities[j - 1], tr->name))
				continue;
			size_t len;
			for (const char *at = tr->interfaces, *ifc; (ifc = vc_next_word(&at, &len));) {
				char one[64];
				snprintf(one, sizeof(one), "%.*s", (int)len, ifc);
				if (vc_bl_where_match(&n, tr->name, one, pers))
					return 1;
			}
		}
	}
	return 0;
}

/* Calls fn on every name of part p: "*" has none; a list is names
 * separated by single commas. */
typedef int (*name_fn)(const struct vc_bl_where *w, enum part p, char *name, const struct vc_target *t,
		       char *err, size_t errlen);

static int each_name(const struct vc_bl_where *w, enum part p, const char *field, name_fn fn,
		     const struct vc_target *t, char *err, size_t errlen)
{
	const char *list = part_of(w, p);
	if (!strcmp(list, "*"))
		return 0;
	for (const char *c = list;; c++) {
		size_t len = strcspn(c, ",");
		char name[128];
		if (!len || len >= sizeof(name) || !strncmp(c, "*", len))
			return snprintf(err, errlen, "'%s': the %s list holds names, not '%.*s'", field, part_name[p],
					(int)len, c), -1;
		snprintf(name, sizeof(name), "%.*s", (int)len, c);
		if (fn(w, p, name, t, err, errlen))
			return snprintf(err + strlen(err), errlen - strlen(err), " in '%s'", field), -1;
		c += len;
		if (!*c)
			return 0;
	}
}

static int known_name(const struct vc_bl_where *w, enum part p, char *name, const struct vc_target *t,
		      char *err, size_t errlen)
{
	return check_name(p, name, t, err, errlen);
}

static int reachable_name(const struct vc_bl_where *w, enum part p, char *name, const struct vc_target *t,
			  char *err, size_t errlen)
{
	if (reachable(w, p, name, t))
		return 0;
	return snprintf(err, errlen, "%s '%s' matches no cell of target %s with the rest of the field",
			part_name[p], name, t->name), -1;
}

int vc_bl_where_parse(const char *field, const struct vc_target *t, struct vc_bl_where *w, char *err,
		      size_t errlen)
{
	memset(w, 0, sizeof(*w));
	if (split(field, w, err, errlen))
		return vc_bl_where_free(w), -1;
	for (int p = 0; p < NPARTS; p++)
		if (each_name(w, (enum part)p, field, known_name, t, err, errlen))
			return vc_bl_where_free(w), -1;
	/* interface, then personality, then transport: a dead line names the
	 * part that narrowed it to nothing, not the wider one it was added to */
	static const enum part order[NPARTS] = { INTERFACE, PERSONALITY, TRANSPORT };
	for (int i = 0; t && i < NPARTS; i++)
		if (each_name(w, order[i], field, reachable_name, t, err, errlen))
			return vc_bl_where_free(w), -1;
	return 0;
}

int vc_bl_where_match(const struct vc_bl_where *w, const char *transport, const char *interface,
		      const char *personality)
{
	return vc_bl_list_match(w->transports, transport) && vc_bl_list_match(w->interfaces, interface) &&
	       vc_bl_list_match(w->personalities, personality ? personality : "direct");
}

void vc_bl_where_free(struct vc_bl_where *w)
{
	free(w->transports), free(w->interfaces), free(w->personalities);
	memset(w, 0, sizeof(*w));
}
