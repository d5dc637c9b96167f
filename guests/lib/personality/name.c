#include "guests/lib/personality/name.h"
#include "guests/lib/xen/dt.h"

const char *vc_personality_name(const struct vc_options *o)
{
	if (xen_dt_present())
		return "xen";
	return o->personality[0] ? o->personality : "direct";
}
