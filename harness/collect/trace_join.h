/* Joins QEMU's device-side trace with the guest's records on one timeline. */
#ifndef VC_TRACE_JOIN_H
#define VC_TRACE_JOIN_H
#include <stdio.h>
#include "harness/model/model.h"

/* Reads a QEMU trace (log backend: one event per line, "name args...") of
 * memory_region_ops_* and virtio_* events. The guest's console is a PL011
 * whose data-register writes are in the same trace, so every record line
 * appears there at the exact point it was written: device events between
 * two record lines belong to the step the second one reports. Returns 0,
 * or -1 with a cell problem when the trace cannot be read. */
int vc_trace_join(struct vc_cell *c, FILE *trace);
#endif
