/* After a side-effect cell has run: join the device trace, classify, judge. */
#ifndef VC_SFX_CELL_H
#define VC_SFX_CELL_H
#include "harness/model/model.h"

/* Classes and model verdicts for one device's observations, named for its
 * interface and type. */
void vc_sfx_classify_device(struct vc_device *d);
/* log_dir: the cell's log directory; the trace is scratch/trace.log in it. */
void vc_sfx_finish_cell(struct vc_cell *c, const char *log_dir);
/* Side-effect records without the device's side (no QEMU trace: a console
 * collected elsewhere, a launcher target): classes from the guest's reads
 * alone, and the cell's outcome_detail says so and why. */
void vc_sfx_finish_cell_guest_only(struct vc_cell *c, const char *why);
#endif
