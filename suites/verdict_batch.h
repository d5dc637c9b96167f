/* Checks that end with a PASS or a SKIP and nothing more to say travel
 * batched: one "pass" or "skip" record per verdict and detail instead of
 * one "check" record each (vcheck/records.h). The console is the slowest
 * part of a run, and a catalogue on a device skips and passes far more
 * often than it does anything else. */
#ifndef VC_VERDICT_BATCH_H
#define VC_VERDICT_BATCH_H
#include "vcheck/verdict.h"

struct vdev;
struct vc_check;

/* Adds check `c` with verdict PASS or SKIP and `detail` ("" for none;
 * for SKIP, the reason) to the device's open batches. Returns -1 for any
 * other verdict, which the caller writes as its own record. */
int vc_batch_add(const struct vdev *d, enum vc_verdict v, const struct vc_check *c, const char *detail);
/* Writes every open batch of the device. */
void vc_batch_flush(const struct vdev *d);
#endif
