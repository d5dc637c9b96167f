/* The host's view of the check catalogue and layouts: the same
 * descriptors the guest image carries, compiled without the check bodies. */
#ifndef VC_CATALOGUE_H
#define VC_CATALOGUE_H
#include "suites/check.h"
const struct vc_check *vc_catalogue_find(const char *id);
/* The personality check `id` applies under alone, or NULL (any, or no such
 * check). */
const char *vc_catalogue_personality(const char *id);
#endif
