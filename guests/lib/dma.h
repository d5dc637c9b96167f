/* The one place a guest pointer becomes an address a device is given (ring
 * registers, descriptors). Identity by default: the image runs
 * identity-mapped. A device whose DT puts it behind a "xen,grant-dma" IOMMU
 * gets grant addresses instead (xen_dma.h), once the grant table is mapped. */
#ifndef VC_DMA_H
#define VC_DMA_H
#include <stddef.h>
#include <stdint.h>

struct vdev;

/* The device address of [p, p + len); `device_writes` when the device
 * writes the memory (a used ring, a device-writable buffer), else it is
 * only read. */
uint64_t vc_dma_addr(struct vdev *d, const void *p, size_t len, int device_writes);
/* The backend domain serving `d` through grant DMA, or -1 (identity). */
int vc_dma_backend(struct vdev *d);
#endif
