/* results.json (docs/results-schema.md) read back into plain structs, so
 * the Markdown and HTML reports share one reading of the data. Strings
 * point into the parsed document, which the run owns; a field that is
 * absent or of the wrong type is NULL (or 0). Files without side-effect
 * data (no "registers", no "mode") are normal. */
#ifndef VC_REPORT_MODEL_H
#define VC_REPORT_MODEL_H
#include <stddef.h>
#include <string.h>
#include <stdint.h>
#include "harness/util/json_read.h"
#include "vcheck/sidefx.h"
#include "vcheck/verdict.h"

#define REP_SCHEMA "vcheck/1"
/* Slots after the known names, for a name this build does not know. */
#define REP_VERDICT_OTHER VC_VERDICT__COUNT
#define REP_HV_OTHER VC_HV_V__COUNT
#define REP_HV_NONE (-1) /* worst of no registers at all */

struct rep_check {
	const char *id, *verdict_name, *spec, *level, *title, *detail;
	const char *baseline;          /* the known-failure reason of an XFAIL/XPASS */
	const char **rules;            /* a personality's transport rules that fired */
	size_t nrules;
	int verdict;                   /* enum vc_verdict or REP_VERDICT_OTHER */
};

struct rep_judgement {
	int verdict;                   /* enum vc_hv_verdict or REP_HV_OTHER */
	const char *name;              /* as written; "missing" when absent */
	const char *reason;            /* as a reader sees it (report_reason.h) */
	char *owned_reason;            /* reason when it was rewritten, else NULL */
};

struct rep_register {
	const char *space, *offset, *name, *spec_access;
	unsigned width;
	uint32_t off;                  /* offset as a number */
	/* the layout field the register starts in ("field" in results.json):
	 * its offset, or -1 when the file names none */
	long field_offset;
	const char **classes, **evidence;
	size_t nclasses, nevidence;
	struct rep_judgement models[VC_HV__COUNT];
	/* vhost-user requests the register's own writes and reads sent the
	 * device's backend ("backend" in results.json) */
	const char **backend_write, **backend_read;
	size_t nbackend_write, nbackend_read;
};

/* What QEMU's x-query-virtio-status said after a guest step. */
struct rep_qemu_status {
	double after;                  /* the step's record number; negative when absent */
	const char *status, *guest_features;
	int started, vhost_started, broken; /* -1 when absent */
};

/* A backend daemon the target started for a cell. */
struct rep_daemon {
	const char *model, *program, *log, *ended, *log_tail;
};

struct rep_device {
	const char *model, *interface, *location;
	uint32_t device_id;            /* 0 when absent */
	struct rep_check *checks;
	size_t nchecks;
	unsigned verdict_counts[VC_VERDICT__COUNT + 1];
	int has_registers;             /* the device has a "registers" array */
	struct rep_register *regs;
	size_t nregs;
	/* per model: registers per model verdict, and the worst of them */
	unsigned hv_counts[VC_HV__COUNT][VC_HV_V__COUNT + 1];
	int hv_worst[VC_HV__COUNT];
	struct rep_qemu_status *qstatus;
	size_t nqstatus;
	int has_backend;               /* some register reached the backend */
};

struct rep_cell {
	const char *name, *target, *transport, *personality, *mode;
	const char *accel, *accel_why; /* the accelerator the cell ran under, and why */
	const char *outcome, *outcome_detail, *verdict_name;
	int verdict;
	double seconds;                /* negative when absent */
	const char **problems;
	size_t nproblems;
	struct rep_device *devices;
	size_t ndevices;
	struct rep_daemon *daemons;
	size_t ndaemons;
};

struct rep_run {
	struct jv *doc;
	const char *verdict_name;
	int verdict;
	struct rep_cell *cells;
	size_t ncells;
	int any_registers;             /* some device has a "registers" array */
	int any_daemons;               /* some cell lists backend daemons */
	/* The side-effect run given with `vcheck report --models`, whose
	 * predictions the personalities section sets beside the live
	 * differences; NULL when not given. Not owned, not loaded by rep_load. */
	const struct rep_run *models;
};

/* Reads results.json text; -1 with the reason in err ("LINE:COL: ..." for
 * syntax, the field for a schema problem). rep_free also after a failure. */
int rep_load(const char *text, size_t len, struct rep_run *run, char *err, size_t errlen);
void rep_free(struct rep_run *run);

/* Display names, including the "other" slots. */
const char *rep_verdict_label(int v);
const char *rep_hv_label(int v);
/* "blk" or "(unattached)" for a device the target did not attach. */
const char *rep_device_label(const struct rep_device *d);
/* A side-effect cell runs no checks: its conformance table would be empty
 * noise, unless it has problems to show. */
static inline int rep_cell_shows_conformance(const struct rep_cell *c)
{
	return !(c->mode && !strcmp(c->mode, "sidefx")) || c->nproblems;
}
#endif
