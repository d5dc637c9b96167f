#include <string.h>
#include "harness/plan/catalogue.h"

const struct vc_check *vc_catalogue_find(const char *id)
{
	for (const struct vc_check *c = vc_check_first(); c; c = vc_check_next(c))
		if (strcmp(c->id, id) == 0)
			return c;
	return NULL;
}

const char *vc_catalogue_personality(const char *id)
{
	const struct vc_check *c = id ? vc_catalogue_find(id) : NULL;
	return c ? c->personality : NULL;
}
