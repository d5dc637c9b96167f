/* The clock a wait counts on: wall time minus the gaps in which the vCPU
 * did not run. A silence window ("the device did nothing within 50 ms") only
 * means something if the device had those 50 ms too; on a loaded host the
 * vCPU and the device's threads are descheduled together and the guest
 * wakes up to a window that passed while nobody ran. The gaps between a
 * wait's polls show that time (a poll loop turns in microseconds), so it is
 * left out, as a kernel's steal-time accounting leaves out what the host
 * took. Pure: the caller passes the time. */
#ifndef VC_RUN_CLOCK_H
#define VC_RUN_CLOCK_H
#include <stdint.h>

/* A gap between two polls longer than this was not the loop's own work. */
#define VC_RUN_CLOCK_GAP_US 1000u

struct vc_run_clock {
	uint64_t last;   /* wall time of the last poll or wait start */
	uint64_t stolen; /* sum of the gaps so far */
};

/* The guest was busy with its own work until wall time `now` (setting up a
 * wait, a personality's backend turn): that time is not a gap. Returns
 * `now` on the running clock. */
uint64_t vc_run_clock_own(struct vc_run_clock *c, uint64_t now);
/* A poll at wall time `now`; returns `now` on the running clock. */
uint64_t vc_run_clock_poll(struct vc_run_clock *c, uint64_t now);
#endif
