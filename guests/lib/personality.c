#include "personality.h"

#define MAX_IDLE 4
static vc_idle_fn idle_fns[MAX_IDLE];
static unsigned nidle;
static int in_idle; /* a backend that waits must not re-enter itself */

int vc_personality_on_idle(vc_idle_fn fn)
{
	if (nidle >= MAX_IDLE)
		return -1;
	idle_fns[nidle++] = fn;
	return 0;
}

void vc_personality_idle(void)
{
	if (in_idle)
		return;
	in_idle = 1;
	for (unsigned i = 0; i < nidle; i++)
		idle_fns[i]();
	in_idle = 0;
}
