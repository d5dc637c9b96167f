/* See host_events.h. The asking device is named by the guest's index; its
 * location (from its "dev" record) is what ties it to the attached model. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "harness/util/clock.h"
#include "harness/run/host_events.h"
#include "vcheck/records.h"
#include "harness/util/vec.h"

/* seconds per exchange: QEMU answers in milliseconds, but a QEMU in a
 * nested VM under TCG takes seconds (the guest waits up to 30 s for a
 * qemu-status answer: suites/sidefx/qemu_status.c) */
#define QMP_TIMEOUT 25.0

static double budget(const struct vc_host_events *h)
{
	double left = h->deadline - vc_now();
	return left < QMP_TIMEOUT ? (left > 0 ? left : 0) : QMP_TIMEOUT;
}

void vc_host_events_init(struct vc_host_events *h, const struct vc_cell_plan *p, struct vc_cell *c,
			 double deadline, int guest_in)
{
	memset(h, 0, sizeof(*h));
	h->plan = p, h->cell = c, h->deadline = deadline;
	h->qmp.fd = -1;
	h->guest_in = guest_in;
}

static struct vc_device *asking_device(struct vc_cell *c, const struct vc_rec *r)
{
	unsigned long long d;
	if (vc_rec_get_u64(r, "d", &d) == 0)
		for (size_t i = 0; i < c->ndevices; i++)
			if (c->devices[i].guest_index == d)
				return &c->devices[i];
	return NULL; /* the collector already called it a problem */
}

/* One connection per cell, made on the first ask: QEMU is up by then. A
 * failed connection is reported once, not once per ask. */
static int ensure_connected(struct vc_host_events *h)
{
	char err[256];
	if (h->connected || h->failed)
		return h->connected ? 0 : -1;
	if (!h->plan->qmp_path) {
		h->failed = 1;
		vc_cell_problem(h->cell, "guest asked for a host event, but the cell has no QMP socket");
		return -1;
	}
	if (vc_qmp_connect(&h->qmp, h->plan->qmp_path, budget(h), err, sizeof(err))) {
		h->failed = 1;
		vc_cell_problem(h->cell, "host events: %s", err);
		return -1;
	}
	h->connected = 1;
	return 0;
}

/* A "query" record: QEMU's view of the device now, kept on the device
 * for the step before the ask, then one byte down the console so the
 * waiting guest goes on. A failure is a cell problem; the guest's bound
 * still ends its wait. */
static void qemu_status(struct vc_host_events *h, struct vc_device *d, const struct vc_rec *r)
{
	struct vc_qemu_status s = { .after_seq = r->seq ? r->seq - 1 : 0 };
	char err[256];
	if (!(h->plan->target && h->plan->target->no_qemu_status) && ensure_connected(h) == 0) {
		int rc = vc_qemu_status_query(&h->qmp, &h->qom, h->plan->target, d->location, budget(h), &s, err,
					      sizeof(err));
		/* QEMU's view is evidence, not a requirement: a device the plan
		 * did not place (--extra-args, behind a bridge) that QEMU's tree
		 * cannot be matched to has none; one the plan placed must */
		if (rc == VC_QEMU_STATUS_UNPLACED && !d->model)
			;
		else if (rc)
			vc_cell_problem(h->cell, "qemu-status for %s: %s", d->location, err);
		else
			*VEC_PUSH(d->qemu_status, d->nqemu_status, d->capqemu_status) = s;
	}
	if (h->guest_in >= 0 && write(h->guest_in, "\n", 1) < 0)
		vc_cell_problem(h->cell, "qemu-status for %s: cannot answer the guest", d->location);
}

void vc_host_events_ask(void *ctx, const struct vc_rec *r)
{
	struct vc_host_events *h = ctx;
	struct vc_device *d = asking_device(h->cell, r);
	if (r->kind == VC_REC_QUERY) {
		if (d && !strcmp(vc_rec_get(r, "what"), VC_QUERY_QEMU_STATUS))
			qemu_status(h, d, r);
		else if (d)
			vc_cell_problem(h->cell, "unknown query '%s' (seq %lu)", vc_rec_get(r, "what"), r->seq);
		return;
	}
	const char *ev = vc_rec_get(r, "ev");
	/* A device the target defines no such event for (an --extra-args
	 * device, a model without one) is left alone: its watch times out
	 * and its record shows nothing moved. */
	const char *cmd = d ? vc_plan_event(h->plan, d->location, ev) : NULL;
	char err[256];
	if (!cmd || ensure_connected(h))
		return;
	if (vc_qmp_execute(&h->qmp, cmd, budget(h), err, sizeof(err)))
		vc_cell_problem(h->cell, "host event %s for %s (%s): %s", ev, d->location,
				d->model ? d->model : "?", err);
	else
		h->sent++;
}

void vc_host_events_close(struct vc_host_events *h)
{
	vc_qmp_close(&h->qmp);
	vc_qom_map_free(&h->qom);
	if (h->guest_in >= 0)
		close(h->guest_in);
	h->guest_in = -1;
	if (h->plan && h->plan->qmp_path)
		unlink(h->plan->qmp_path);
	h->connected = 0;
	h->failed = 1; /* QEMU is gone: a late ask must not wait to connect */
}
