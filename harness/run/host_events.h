/* Answers the guest's "ask" records during a cell: finds the QMP command the
 * target defines for the asking device's model (event.NAME keys, expanded by
 * the plan) and sends it to the cell's QEMU. Failures are cell problems; the
 * guest's bounded watch and the cell timeout keep everything from hanging. */
#ifndef VC_HOST_EVENTS_H
#define VC_HOST_EVENTS_H
#include "harness/model/model.h"
#include "harness/plan/plan.h"
#include "harness/collect/qemu_status.h"
#include "harness/collect/qmp.h"
#include "harness/collect/record_parse.h"

struct vc_host_events {
	const struct vc_cell_plan *plan;
	struct vc_cell *cell;
	double deadline;   /* the cell's: no QMP wait outlives it */
	struct vc_qmp qmp;
	int connected, failed;
	unsigned sent;     /* commands QEMU accepted */
	int guest_in;      /* write end of QEMU's stdin (the guest's console input), or -1 */
	struct vc_qom_map qom; /* for the guest's qemu-status asks */
};

void vc_host_events_init(struct vc_host_events *h, const struct vc_cell_plan *p, struct vc_cell *c,
			 double deadline, int guest_in);
/* The collector's on_ask hook for "ask" and "query" records (ctx: struct vc_host_events). */
void vc_host_events_ask(void *ctx, const struct vc_rec *r);
/* Closes the connection and removes the socket QEMU left behind. */
void vc_host_events_close(struct vc_host_events *h);

#endif
