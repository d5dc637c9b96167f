#ifndef VC_TRANSPORT_PCI_H
#define VC_TRANSPORT_PCI_H
#include "guests/lib/transport/transport.h"
struct pci_fn;
extern const struct vc_transport_ops vc_pci_modern_ops, vc_pci_legacy_ops;
int vc_pci_modern_bind(struct vdev *d, struct pci_fn *f);
int vc_pci_legacy_bind(struct vdev *d, struct pci_fn *f);
#endif
