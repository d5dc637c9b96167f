/* Owning the side-effect parts of the model: evidence lines, freeing. */
#include <stdlib.h>
#include "harness/model/sidefx.h"
#include "harness/util/vec.h"

void vc_register_add_evidence(struct vc_register *r, const char *line)
{
	size_t cap = r->nevidence; /* treated as full: the push grows it */
	*VEC_PUSH(r->evidence, r->nevidence, cap) = vc_xstrdup(line);
}

void vc_register_free(struct vc_register *r, size_t n)
{
	for (size_t i = 0; r && i < n; i++) {
		for (size_t k = 0; k < r[i].nevidence; k++)
			free(r[i].evidence[k]);
		free(r[i].evidence);
		free(r[i].name_buf);
	}
	free(r);
}

void vc_sfx_obs_free(struct vc_sfx_obs *o, size_t n)
{
	for (size_t i = 0; o && i < n; i++) {
		for (size_t k = 0; k < o[i].ndev_events; k++)
			free(o[i].dev_events[k]);
		free(o[i].dev_events);
	}
	free(o);
}
