#ifndef VC_RUNNER_H
#define VC_RUNNER_H
struct vdev;
/* Returns the number of CHECK records emitted. `only`: one check ID or NULL. */
unsigned vc_run_checks(struct vdev *d, const char *only);
#endif
