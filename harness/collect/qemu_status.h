/* QEMU's own view of a device (x-query-virtio-status over QMP) as
 * evidence: which QOM path is the device at a location, and the status,
 * started flags and negotiated features QEMU reports for it. */
#ifndef VC_QEMU_STATUS_H
#define VC_QEMU_STATUS_H
#include "harness/model/model.h"
#include "harness/plan/plan.h"
#include "harness/collect/qmp.h"

/* From the {"return": ...} line of x-query-virtio-status: fills s (the
 * caller sets s->after_seq); 0, or -1 with why in err. */
int vc_qemu_status_parse(const char *reply, struct vc_qemu_status *s, char *err, size_t errlen);
/* A virtio device's location from what QOM says of it: its parent bus
 * ("/machine/.../virtio-mmio-bus.3" on virtio-mmio) or, for a virtio-pci
 * proxy's backend, the proxy's "addr" (devfn). -1 when neither fits. */
int vc_qom_location(const struct vc_target *t, const char *parent_bus, int pci_devfn, char *loc, size_t len);
/* One line of evidence: "qemu: after wr #N x-query-virtio-status: ...". */
void vc_qemu_status_line(const struct vc_qemu_status *s, const char *step, char *buf, size_t len);

/* Adds each of d's qemu_status answers as a "qemu:" evidence line to the
 * register of the step it followed. Call after classifying. */
void vc_qemu_status_evidence(struct vc_device *d);

/* Paths of the cell's virtio devices by location, found once per cell. */
struct vc_qom_entry {
	char *location, *path;
};

struct vc_qom_map {
	struct vc_qom_entry *e;
	size_t n, cap;
	int built;
};
/* Queries QEMU for the device at `loc`: builds the map on first use
 * (x-query-virtio, then qom-get per device), then x-query-virtio-status.
 * 0 with s filled, VC_QEMU_STATUS_UNPLACED when no device of QEMU's maps
 * to `loc` (the map knows the root bus and the mmio slots: a device behind
 * a PCI bridge is not placed), or -1, each with why in err. */
#define VC_QEMU_STATUS_UNPLACED (-2)
int vc_qemu_status_query(struct vc_qmp *q, struct vc_qom_map *m, const struct vc_target *t, const char *loc,
			 double timeout, struct vc_qemu_status *s, char *err, size_t errlen);
void vc_qom_map_free(struct vc_qom_map *m);
#endif
