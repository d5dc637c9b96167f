/* Run options from the kernel command line (/chosen/bootargs):
 *   vcheck.checks=0|1   run the check catalogue (default 1)
 *   vcheck.only=ID[,ID...]  run only these checks (a short list by hand)
 *   vcheck.run=RANKS    run only these checks, as a rank set (vcheck/ranks.h):
 *                       how the host passes --only and --skip, any length
 *   vcheck.resume=D:RANKS  a boot after the VMM died: no checks on devices
 *                       before index D, none of RANKS on device D
 *   vcheck.careful=1    say each check before it runs (a "begin" record) and
 *                       send every verdict at once, so a check that kills
 *                       the VMM is known
 *   vcheck.trace=0|1    record every register access
 *   vcheck.sidefx=0|1   run the side-effect experiments (suites/sidefx)
 *   vcheck.profile=0|1  time every check (us=, reset_us= on its record)
 *   vcheck.hang=1       never finish (tests the host's WEDGED path)
 *   vcheck.hangin=ID    hang in check ID (tests resuming after a WEDGED check)
 *   vcheck.say=HEX      write these bytes raw to the console after the start
 *                       record (tests the host against hostile console lines)
 *   vcheck.lose=N       never send record N (tests the host's ERROR path)
 *   vcheck.marker=1     mark each record's place in the emulator's MMIO trace
 *                       (console.h; side-effect cells on semihosting)
 *   vcheck.cfgsize=N    side-effect discovery examines N config bytes
 *                       (default: the window the transport states)
 *   vcheck.plant=NAME   wrap every device in a planted misbehaviour (plant.h)
 *   vcheck.personality=NAME  direct (default), gunyah or xen (personality.h)
 *   vcheck.console=semihosting  records leave by Arm semihosting, one trap
 *                       per record instead of one per byte (the host asks
 *                       only where its emulator serves it; default: the
 *                       DT's stdout UART)
 *   vcheck.host=0       no host answers "ask" and "query" records (a VMM
 *                       without QMP): side-effect discovery leaves out the
 *                       host-triggered events and the qemu-status steps
 *   vcheck.xen-grant=DOMID  on Xen, a virtio-mmio device whose DT node names
 *                       no xen,grant-dma IOMMU gets grant addresses for
 *                       backend DOMID all the same, as Linux does with
 *                       CONFIG_XEN_VIRTIO_FORCE_GRANT (Xen 4.17's libxl
 *                       writes `iommus` only for a backend outside dom0)
 *   vcheck.console=ring vcheck.ring=ADDR  records go into a ring in RAM at
 *                       ADDR (decimal) that the host reads from its side (vcheck/ring.h):
 *                       no exit per record, where semihosting is not served */
#ifndef VC_OPTIONS_H
#define VC_OPTIONS_H
#include "vcheck/ranks.h"
#include "vcheck/records.h"
struct vc_options {
	int checks, trace, hang, sidefx, profile;
	unsigned long lose;
	unsigned long cfgsize;
	unsigned long ring; /* vcheck.ring: the record ring's address */
	int marker, careful;
	int host; /* vcheck.host: asks and queries are answered (default 1) */
	long xen_grant; /* vcheck.xen-grant: the forced backend domid, or -1 */
	int run_given, resume_given, bad_set; /* bad_set: a set that did not parse */
	uint8_t run[VC_RANKS_BYTES];
	unsigned long resume_dev;
	uint8_t resume_done[VC_RANKS_BYTES];
	char only[VC_ONLY_MAX];
	char hangin[32];
	char say[256];
	char plant[32];
	char personality[16];
	char console[16];
};
void vc_parse_options(const char *args, struct vc_options *o);
/* 1 when check `id` of rank `rank` runs on device `dev`: in vcheck.only's
 * list and vcheck.run's set where given, and not before the resume point. */
int vc_options_runs(const struct vc_options *o, const char *id, unsigned rank, unsigned dev);
#endif
