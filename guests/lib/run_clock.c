#include "guests/lib/run_clock.h"

uint64_t vc_run_clock_own(struct vc_run_clock *c, uint64_t now)
{
	c->last = now;
	return now - c->stolen;
}

uint64_t vc_run_clock_poll(struct vc_run_clock *c, uint64_t now)
{
	if (now > c->last) {
		if (now - c->last > VC_RUN_CLOCK_GAP_US)
			c->stolen += now - c->last;
		c->last = now;
	}
	return now - c->stolen;
}
