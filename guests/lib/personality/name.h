/* Which personality the image runs under: the platform decides first (a
 * "xen,xen" DT node means a real Xen, whatever the command line says), then
 * the boot option vcheck.personality=NAME, else "direct". Kept apart from
 * personality.c, which needs every personality's code, so the host's unit
 * tests can exercise the choice. */
#ifndef VC_PERSONALITY_NAME_H
#define VC_PERSONALITY_NAME_H
#include "guests/lib/options.h"
const char *vc_personality_name(const struct vc_options *o);
#endif
