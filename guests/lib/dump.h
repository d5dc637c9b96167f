#ifndef VC_DUMP_H
#define VC_DUMP_H
struct vdev;
/* Identification, feature words, queues and config bytes of one device as
 * records. Leaves d->offered filled and the device reset. */
void vc_dump_device(struct vdev *d);
#endif
