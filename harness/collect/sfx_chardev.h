/* The host end of a device's chardev as side-effect evidence: after a cell,
 * the bytes in the file a target's `chardev-out` names are held against the
 * config writes that made the device act (console emerg_wr). */
#ifndef VC_SFX_CHARDEV_H
#define VC_SFX_CHARDEV_H
#include <stddef.h>
#include <stdint.h>
#include "harness/model/model.h"

/* One write step that made the device act: its record and value. */
struct vc_chardev_step {
	unsigned long seq;
	uint64_t wv;
};

/* The evidence line for steps (in record order) and what the file holds:
 * whether the file is exactly the low byte of the field each write left, in
 * order. `name` is the file's name as quoted. Returns a malloc'd line. */
char *vc_chardev_line(const struct vc_chardev_step *s, size_t n, const uint8_t *file, size_t len, int readable,
		      const char *name);
/* For every attached device with a chardev-out file: adds that line to
 * each config register of the devices at its location whose writes
 * triggered an action. Call after classifying. */
void vc_sfx_chardev_evidence(struct vc_cell *c);
#endif
