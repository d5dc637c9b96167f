/* Planted misbehaviour for the harness's own tests: a transport wrapper
 * that makes a conforming device look broken in one known way, so the test
 * suite can prove each check turns red. Only `vcheck.plant=NAME` on the
 * kernel command line switches it on; normal runs never see it. */
#ifndef VC_PLANT_H
#define VC_PLANT_H
struct vdev;
/* 0 when `name` is a known plant (and the device now wears it), -1 otherwise. */
int vc_plant(struct vdev *d, const char *name);
#endif
