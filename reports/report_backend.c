/* Backend-side rows and texts for both report writers (report_backend.h). */
#include <stdio.h>
#include "reports/report_backend.h"

const char *const rep_qstatus_head[REP_ROW_MAX] = { "after record", "status", "started", "vhost started", "broken",
						    "guest features" };
const char *const rep_daemon_head[REP_ROW_MAX] = { "cell", "device", "program", "how it ended", "log",
						   "last log line" };

static const char *yes_no(int v) { return v < 0 ? NULL : v ? "yes" : "no"; }

void rep_qstatus_row(const struct rep_qemu_status *q, struct rep_row *row)
{
	*row = (struct rep_row){ 0 };
	if (q->after >= 0) {
		snprintf(row->num, sizeof(row->num), "#%.0f", q->after);
		row->cell[0] = row->num;
	}
	row->cell[1] = q->status;
	row->cell[2] = yes_no(q->started);
	row->cell[3] = yes_no(q->vhost_started);
	row->cell[4] = yes_no(q->broken);
	row->cell[5] = q->guest_features;
}

void rep_daemon_row(const struct rep_cell *c, const struct rep_daemon *d, struct rep_row *row)
{
	*row = (struct rep_row){ .cell = { c->name, d->model, d->program, d->ended, d->log, d->log_tail } };
}

static size_t names(char *buf, size_t len, size_t at, const char *label, const char *const *v, size_t n)
{
	for (size_t i = 0; i < n && at < len; i++) {
		int w = snprintf(buf + at, len - at, "%s%s%s", i ? ", " : at ? "; " : "", i ? "" : label, v[i]);
		at += w > 0 ? (size_t)w : 0;
	}
	return at < len ? at : len - 1;
}

void rep_backend_text(const struct rep_register *r, char *buf, size_t len)
{
	if (!len)
		return;
	buf[0] = '\0';
	size_t at = names(buf, len, 0, "write: ", r->backend_write, r->nbackend_write);
	names(buf, len, at, "read: ", r->backend_read, r->nbackend_read);
}
