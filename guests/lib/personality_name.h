/* Which hypervisor personality the image runs under, for checks that only
 * apply to one. Until the host plumbing defines it for every personality,
 * the answer comes from the boot option vcheck.personality=NAME and, for
 * "xen", from the platform itself: a "xen,xen" DT node means a real Xen. */
#ifndef VC_PERSONALITY_NAME_H
#define VC_PERSONALITY_NAME_H
/* 1 when the image runs under personality `name` ("direct", "xen", ...). */
int vc_personality_is(const char *name);
#endif
