/* Planning: target x transport x personality cells, each with the QEMU
 * command line that attaches its device set. */
#ifndef VC_PLAN_H
#define VC_PLAN_H
#include <stddef.h>
#include <stdio.h>
#include "harness/model/model.h"
#include "harness/plan/target.h"

struct vc_scratch_file { char *path; unsigned long long size; };

/* A host-triggered event of one attached device, its command expanded. */
struct vc_planned_event {
	char *location, *name, *command;
};

/* A backend process the runner starts before QEMU and ends after it. */
struct vc_planned_daemon {
	char **argv;                  /* NULL-terminated */
	size_t argc, capargv;
	char *ready;                  /* path that appears once it serves */
	char *log;                    /* its stdout and stderr, in the cell's logs */
	char *model;                  /* the device model it backs */
};

/* sun_path's size: the longest unix socket path plus its NUL. */
#define VC_QMP_PATH_MAX 108

/* The largest scratch file a target may ask for (a disk image): a typo of
 * 999999G must not fill the disk. */
#define VC_SCRATCH_FILE_MAX (1ull << 30)

struct vc_cell_plan {
	size_t cell_index;            /* into run->cells */
	const struct vc_target *target;
	const struct vc_transport_def *transport;
	char **argv;                  /* NULL-terminated */
	size_t argc, capargv;
	char **env;                   /* NAME=VALUE QEMU runs with, beside vcheck's own */
	size_t nenv, capenv;
	char *scratch_dir, *log_dir;  /* absolute */
	struct vc_scratch_file *files;
	size_t nfiles, capfiles;
	char **dirs;
	size_t ndirs, capdirs;
	struct vc_planned_event *events; /* what an "ask" record may ask for */
	size_t nevents, capevents;
	char *qmp_path;               /* QEMU's monitor socket; NULL without sidefx */
	struct vc_planned_daemon *daemons; /* in attach order */
	size_t ndaemons, capdaemons;
	char *sock_dir;               /* {sock}: short enough for unix socket paths */
	char **cell_args;             /* devices' cell-args already on the command line */
	size_t ncell_args, capcell_args;
	enum vc_accel accel;          /* as planned: reruns of the cell keep it */
	char *ring_path;              /* the RAM file the record ring is read from; NULL: no ring */
	char **dev_words;             /* a launcher's {devices} */
	size_t ndev_words, capdev_words;
	char *console_path;           /* a launcher's console file or socket; NULL: stdout or a pty */
	unsigned long long ring_offset; /* the ring's place in it */
};

struct vc_plan_options {
	const char *out_dir;
	const char *image_dir;
	const char *const *devices;   /* model names; NULL/empty: the target's defaults */
	size_t ndevices;
	const char *extra_args;
	const char *bootargs;         /* kernel command line for the image */
	const struct vc_personality_def *personality; /* NULL: direct */
	int sidefx;                   /* side-effect experiments: trace the device side too */
	const char *log_suffix;       /* appended to the cell's name and log directory (confirm.h) */
	enum vc_accel accel;          /* the target's [accel] section adds its args and console */
	const char *accel_why;        /* why this accelerator (results.json) */
	int no_devices;               /* attach nothing (an accelerator trial boot) */
};

/* Adds one cell to `run` and fills `plan`; -1 with a message on bad input. */
int vc_plan_cell(struct vc_run *run, const struct vc_target *t, const struct vc_transport_def *tr,
		 const struct vc_plan_options *o, struct vc_cell_plan *plan, char *err, size_t errlen);
void vc_plan_free(struct vc_cell_plan *p);
/* The cell's command line, shell-quoted (its environment first), one line:
 * cmdline.txt, and what --dry-run prints. */
void vc_plan_write_cmdline(const struct vc_cell_plan *p, FILE *f);
/* The command for event `name` of the device the guest found at `location`, or NULL. */
const char *vc_plan_event(const struct vc_cell_plan *p, const char *location, const char *name);
/* "mmio@0x..." or "pci@00:ss.0": where the guest will report slot `slot`. */
void vc_plan_location(const struct vc_target *t, enum vc_bus bus, unsigned slot, char *buf, size_t len);

#endif
