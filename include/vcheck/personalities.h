/* Hypervisor personalities the image knows (guests/lib/personality/personality.h),
 * named the same in targets, on the kernel command line and in results. */
#ifndef VCHECK_PERSONALITIES_H
#define VCHECK_PERSONALITIES_H
#include <string.h>

#define VC_PERSONALITIES(X)                                          \
	X(DIRECT, "direct")  /* the device as the VMM serves it (KVM) */ \
	X(GUNYAH, "gunyah")  /* Gunyah's hypervisor-owned register page */ \
	X(XEN, "xen")        /* Xen ioreq, ACCESS_PLATFORM for grant DMA */

enum vc_personality_id {
#define VC_PERSONALITY_ENUM(id, name) VC_PERS_##id,
	VC_PERSONALITIES(VC_PERSONALITY_ENUM)
#undef VC_PERSONALITY_ENUM
	VC_PERS__COUNT
};

/* The personality named `name`, or -1. */
static inline int vc_personality_id(const char *name)
{
	static const char *const names[] = {
#define VC_PERSONALITY_NAME(id, n) n,
		VC_PERSONALITIES(VC_PERSONALITY_NAME)
#undef VC_PERSONALITY_NAME
	};
	for (int i = 0; i < VC_PERS__COUNT; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

#endif
