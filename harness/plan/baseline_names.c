#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/plan/baseline_names.h"
#include "harness/plan/catalogue.h"
#include "harness/util/closest.h"

typedef int (*known_fn)(const char *name, const struct vc_target *t);
typedef const char *(*near_fn)(const char *name, const struct vc_target *t);

static int known_check(const char *name, const struct vc_target *t) { return vc_catalogue_find(name) != NULL; }

static const char *near_check(const char *name, const struct vc_target *t)
{
	unsigned n = vc_check_count();
	const char **ids = calloc(n ? n : 1, sizeof(*ids));
	if (!ids)
		return NULL;
	for (unsigned r = 0; r < n; r++)
		ids[r] = vc_check_by_rank(r)->id;
	const char *hit = vc_closest(name, ids, n);
	free(ids);
	return hit;
}

static int known_model(const char *name, const struct vc_target *t) { return vc_target_device(t, name) != NULL; }

static const char *near_model(const char *name, const struct vc_target *t)
{
	const char **names = calloc(t->ndevices ? t->ndevices : 1, sizeof(*names));
	if (!names)
		return NULL;
	for (size_t i = 0; i < t->ndevices; i++)
		names[i] = t->devices[i].name;
	const char *hit = vc_closest(name, names, t->ndevices);
	free(names);
	return hit;
}

/* The first name of a comma list ("*" has none) that is not known, copied
 * into name[128]; 0 when all are. Empty names are left to the matcher:
 * they match nothing, as before. */
static int first_unknown(const char *list, known_fn known, const struct vc_target *t, char *name)
{
	if (!strcmp(list, "*"))
		return 0;
	for (const char *w = list; *w;) {
		size_t len = strcspn(w, ",");
		snprintf(name, 128, "%.*s", (int)len, w);
		if (len && !known(name, t))
			return 1;
		w += len;
		w += *w == ',';
	}
	return 0;
}

/* " (did you mean 'X'?)" or "". */
static void hint(char *out, size_t len, const char *hit)
{
	if (hit)
		snprintf(out, len, " (did you mean '%s'?)", hit);
	else
		out[0] = 0;
}

int vc_bl_check_ids(const char *list, char *err, size_t errlen)
{
	char name[128], near[200];
	if (!first_unknown(list, known_check, NULL, name))
		return 0;
	hint(near, sizeof(near), near_check(name, NULL));
	snprintf(err, errlen, "unknown check ID '%s'%s (see 'vcheck list checks')", name, near);
	return -1;
}

int vc_bl_models(const char *list, const struct vc_target *t, char *err, size_t errlen)
{
	char name[128], near[200];
	if (!first_unknown(list, known_model, t, name))
		return 0;
	hint(near, sizeof(near), near_model(name, t));
	snprintf(err, errlen, "target %s has no device model '%s'%s", t->name, name, near);
	return -1;
}
