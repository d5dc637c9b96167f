/* What the device's backend side showed, as both reports print it: the
 * vhost-user requests a register's accesses sent, QEMU's own view of the
 * device (x-query-virtio-status) after guest steps, and the backend daemons
 * a cell ran. The writers differ only in escaping and markup; the columns
 * and the words in them are decided here once. */
#ifndef VC_REPORT_BACKEND_H
#define VC_REPORT_BACKEND_H
#include <stddef.h>
#include "reports/report_model.h"

#define REP_ROW_MAX 6

/* One table row as text; cells point into the loaded run or into num. */
struct rep_row {
	const char *cell[REP_ROW_MAX];
	char num[24];
};

extern const char *const rep_qstatus_head[REP_ROW_MAX];
extern const char *const rep_daemon_head[REP_ROW_MAX];
#define REP_QSTATUS_COLS 6
#define REP_DAEMON_COLS 6

void rep_qstatus_row(const struct rep_qemu_status *q, struct rep_row *row);
void rep_daemon_row(const struct rep_cell *c, const struct rep_daemon *d, struct rep_row *row);
/* "write: SET_CONFIG; read: GET_CONFIG", "" when neither. */
void rep_backend_text(const struct rep_register *r, char *buf, size_t len);

/* The sentences above the tables. */
#define REP_QSTATUS_INTRO "QEMU's own view of the device (x-query-virtio-status) after the guest step named by " \
			  "its record number:"
#define REP_DAEMON_INTRO "Backend daemons the target started, one per attached device, ended after QEMU:"
#define REP_BACKEND_HEAD "backend"
#endif
