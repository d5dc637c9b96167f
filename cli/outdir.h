/* The output directory of a run: one run at a time, leftovers of a run
 * that was killed cleaned up, and a path QEMU's option syntax can carry. */
#ifndef VC_CLI_OUTDIR_H
#define VC_CLI_OUTDIR_H
#include <stddef.h>

struct vc_outdir {
	int lock_fd;      /* holds out/.vcheck.lock for the run's life */
	char alias[64];   /* a /tmp link to it, when its path is not safe in QEMU options */
};

/* Creates and locks `out`, removes what a killed run left (scratch
 * directories in it, /tmp sockets of vcheck processes that are gone),
 * and sets `plan_dir` to the path cells are planned under: `out` itself,
 * or a link to it in /tmp when `out` holds characters QEMU's options or
 * the target's word lists would split (',' ' ' and the like). 0, or -1
 * with the reason on stderr (another run holds the lock: its PID). */
int vc_outdir_open(const char *out, struct vc_outdir *o, const char **plan_dir);
void vc_outdir_close(struct vc_outdir *o);
#endif
