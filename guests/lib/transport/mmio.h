#ifndef VC_TRANSPORT_MMIO_H
#define VC_TRANSPORT_MMIO_H
#include <stdint.h>
#include "guests/lib/transport/transport.h"
extern const struct vc_transport_ops vc_mmio_v1_ops, vc_mmio_v2_ops;
int vc_mmio_bind(struct vdev *d, uintptr_t base, uint64_t size);
#endif
