/* What one cell of a run observed: the in-memory form of results.json. */
#ifndef VC_MODEL_H
#define VC_MODEL_H
#include <stddef.h>
#include <stdint.h>
#include "vcheck/verdict.h"
#include "harness/model/sidefx.h"

enum vc_outcome { VC_OUT_COMPLETED, VC_OUT_WEDGED, VC_OUT_CRASHED };

struct vc_check_result {
	char *id, *detail;
	enum vc_verdict verdict;
	char *baseline_reason; /* set when a baseline turned FAIL into XFAIL or PASS into XPASS */
	unsigned confirmed;    /* an XPASS: the confirmation runs it passed again (confirm.h) */
	unsigned boot;         /* the boot it ran in: 0, or a resumed boot after the VMM died (resume.h) */
	char *rules;           /* a personality's transport rules that fired, "name@0xOFF,..." */
	int timed;             /* --profile: the guest measured the two times below */
	unsigned long long us, reset_us; /* guest time of the check and of the reset before it */
};

/* What x-query-virtio-status said of a device after one guest step. */
struct vc_qemu_status {
	unsigned long after_seq;  /* the record of the step it followed */
	char *status;             /* status bits QEMU holds, "A|B|..." ("" for none) */
	char *guest_features;     /* negotiated features QEMU reports, "A, B, ..." */
	int started, vhost_started, broken;
};

struct vc_device {
	unsigned guest_index;
	char *model;       /* the target's device model this was matched to, or NULL */
	char *location, *interface;
	uint32_t device_id, vendor_id, version;
	int is_pci;
	uint32_t pci_device, pci_revision, pci_subsys;
	uint32_t feature_words[8];
	unsigned nfeature_words;
	struct { unsigned index, num_max; } *queues;
	size_t nqueues, capqueues;
	uint8_t *config;
	size_t config_len, config_cap;
	uint8_t past_end[8];
	unsigned past_end_len;
	/* Side-effect runs: the config window the transport states and the
	 * bytes of it the experiments addressed (the rest read as QEMU's fill
	 * and kept no write); 0 when not reported. */
	unsigned long window_size, window_active;
	struct vc_check_result *checks;
	size_t nchecks, capchecks;
	unsigned faults; /* register accesses that faulted */
	unsigned backend_faults; /* those of a personality's backend (acc by=) */
	struct vc_sfx_obs *sfx;     /* side-effect experiment steps, in record order */
	size_t nsfx, capsfx;
	struct vc_register *registers; /* classified from sfx (and the trace) */
	size_t nregisters;
	struct vc_qemu_status *qemu_status; /* answers to the guest's qemu-status asks */
	size_t nqemu_status, capqemu_status;
};

/* A device the plan attached, so results can say which model is which and
 * which ones the guest never found. */
struct vc_expected {
	char *model, *location;
	char *chardev_out; /* the host file the device's chardev writes, or NULL */
	uint32_t device_id;
};

/* A backend daemon the cell ran (a target's `daemon` key). */
struct vc_daemon_result {
	char *model, *program;
	char *log;          /* file name in the cell's log directory */
	char *ended;        /* "ran until QEMU ended", or how it ended before */
	/* The end of its log on one line: evidence from the backend's side,
	 * not on the timeline (its own process, no marker QEMU's trace shares). */
	char says[240];
};

struct vc_cell {
	char *name;         /* target/transport/personality */
	char *target, *arch, *transport, *personality;
	char *accel, *accel_why; /* the accelerator the cell ran under, and why that one */
	char *log_dir;      /* relative to the output dir */
	int sidefx;         /* ran the side-effect experiments, not the catalogue */
	enum vc_outcome outcome;
	char *outcome_detail;
	struct vc_expected *expected;
	size_t nexpected, capexpected;
	struct vc_device *devices;
	size_t ndevices, capdevices;
	char **problems;    /* malformed records, lost records, protocol errors */
	size_t nproblems, capproblems;
	/* Of the problems, those that are the device's (it disagrees with the
	 * plan): FAIL. The others are the harness's or the channel's: ERROR. */
	unsigned long mismatches;
	unsigned long records, noise_lines, next_seq;
	unsigned long discovery_accesses; /* acc records before their device was announced */
	int started, ended;
	/* The device the last device record was about (its guest index, -1:
	 * none yet), and the check the last "begin" named that has no verdict
	 * yet (careful boots): where a boot that ended early stopped. */
	long last_dev, begun_dev;
	char begun[48];
	unsigned boots;     /* boots the cell took: 1, more when it was resumed */
	int same_catalogue; /* the start record's fingerprint is this vcheck's: ranks decode */
	char image_catalogue[24]; /* the fingerprint the start record named, as sent */
	char console[24];   /* the channel the records came by, as the start record named it */
	double seconds;
	struct vc_daemon_result *daemons;
	size_t ndaemons, capdaemons;
};

struct vc_run {
	struct vc_cell *cells;
	size_t ncells, capcells;
};

/* The harness or the record channel broke (a lost or malformed record, a
 * file it could not make): the cell's verdict is at least ERROR. */
void vc_cell_problem(struct vc_cell *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The device disagrees with the plan (another type where a model was
 * attached): a finding, so at least FAIL. */
void vc_cell_mismatch(struct vc_cell *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Worst verdict over the cell: outcome, device checks and missing devices. */
enum vc_verdict vc_cell_verdict(const struct vc_cell *c);
enum vc_verdict vc_run_verdict(const struct vc_run *r);
/* Whether the guest found the device the plan attached (model at its location). */
int vc_cell_found(const struct vc_cell *c, const struct vc_expected *e);
int vc_verdict_from_name(const char *name, enum vc_verdict *v);
const char *vc_outcome_name(enum vc_outcome o);
void vc_run_free(struct vc_run *r);
/* Frees what one cell holds (a cell outside any run). */
void vc_cell_free(struct vc_cell *c);

#endif
