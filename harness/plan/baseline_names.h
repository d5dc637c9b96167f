/* The CHECK-ID and MODEL fields of a baseline line, checked when the file
 * is loaded: a known failure listed under a check ID the catalogue does
 * not have (a typo, a renamed check) or a model the target does not
 * attach would match nothing, and the failure it was meant to hold would
 * fail the run with nobody told why. */
#ifndef VC_BASELINE_NAMES_H
#define VC_BASELINE_NAMES_H
#include <stddef.h>
#include "harness/plan/target.h"

/* `list` is "*" or comma-separated check IDs; 0 when every one is in the
 * catalogue, else -1 with why (and the nearest ID) in err. */
int vc_bl_check_ids(const char *list, char *err, size_t errlen);
/* `list` is "*" or comma-separated device models of target t. */
int vc_bl_models(const char *list, const struct vc_target *t, char *err, size_t errlen);
#endif
