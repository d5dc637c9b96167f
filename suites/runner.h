#ifndef VC_RUNNER_H
#define VC_RUNNER_H
struct vdev;
struct vc_options;
/* Runs the checks the options select (vcheck.only, or all) and returns how
 * many applied. vcheck.profile: every check gets its own record with the
 * time it and the reset before it took. */
unsigned vc_run_checks(struct vdev *d, const struct vc_options *o);
#endif
