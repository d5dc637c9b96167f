/* Backend daemons of a cell (vhost-user backends a target's [device] names
 * with `daemon`): started before QEMU, each waited for until its ready path
 * appears, ended after QEMU. Every wait is bounded: a daemon that dies or
 * never gets ready is a clear cell error, never a hang. */
#ifndef VC_DAEMONS_H
#define VC_DAEMONS_H
#include <stddef.h>
#include <sys/types.h>
#include "harness/model/model.h"
#include "harness/plan/plan.h"

/* Starts p's daemons in order, each with stdout and stderr in its log;
 * pids[i] gets each one's pid (0: not started). Returns 0 once every ready
 * path exists, or -1 with the reason in err after stopping those started. */
int vc_daemons_start(const struct vc_cell_plan *p, pid_t *pids, double timeout, char *err, size_t errlen);
/* Ends every started daemon (SIGTERM, then SIGKILL after a grace period),
 * reaps it and records it on the cell (model, program, log, how it ended). */
void vc_daemons_stop(const struct vc_cell_plan *p, pid_t *pids, struct vc_cell *c);
/* "exited with status N", "killed by signal N" for a wait status. */
void vc_describe_exit(int status, char *buf, size_t len);
#endif
