#ifndef VC_DISCOVER_H
#define VC_DISCOVER_H
#include "guests/lib/pci.h"
#include "guests/lib/vdev.h"

#define VC_MAX_DEVICES 64

struct vc_devices {
	struct vdev dev[VC_MAX_DEVICES];
	unsigned n;
	struct pci_host pci;
};

/* Finds every virtio device the DT describes: virtio,mmio nodes and the
 * functions behind a generic ECAM host bridge. A transitional PCI device
 * yields two entries, one per interface (modern and legacy). */
void vc_discover(struct vc_devices *all);
#endif
