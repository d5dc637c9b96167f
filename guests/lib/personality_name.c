#include "dt.h"
#include "options.h"
#include "personality_name.h"
#include "string.h"
#include "xen_dt.h"

int vc_personality_is(const char *name)
{
	struct vc_options o;
	vc_parse_options(dt_bootargs(), &o);
	int xen = xen_dt_present();
	if (!strcmp(name, "xen") && xen)
		return 1;
	if (o.personality[0])
		return !strcmp(o.personality, name);
	return !xen && !strcmp(name, "direct");
}
