/* Seconds on the monotonic clock: every deadline and timeout of the host. */
#ifndef VC_UTIL_CLOCK_H
#define VC_UTIL_CLOCK_H
#include <time.h>

static inline double vc_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}
#endif
