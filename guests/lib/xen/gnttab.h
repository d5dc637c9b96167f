/* A version-1 grant table (xen/include/public/grant_table.h): the guest
 * writes {flags, domid, frame} entries in frames it shares with Xen, and a
 * backend domain may map the frames those entries name. Refs are handed out
 * in consecutive runs, as Linux's gnttab_alloc_grant_reference_seq does for
 * grant DMA, so a buffer of several pages is linear in grant space. */
#ifndef VC_XEN_GNTTAB_H
#define VC_XEN_GNTTAB_H
#include <stdint.h>
#include "guests/lib/xen/abi.h"

struct xen_gnttab {
	struct xen_grant_entry_v1 *e; /* the mapped table */
	uint32_t nr;                  /* entries in it */
	uint64_t *used;               /* allocation bitmap of nr bits, caller's storage */
};

/* Takes `nr` entries at `table` (already mapped, zero or stale) and a bitmap
 * of (nr + 63) / 64 words; refs below XEN_GNTTAB_NR_RESERVED are never
 * handed out (the toolstack's console and xenstore grants live there). */
void xen_gnttab_init(struct xen_gnttab *gt, void *table, uint32_t nr, uint64_t *bitmap);
/* First of n consecutive free refs, now allocated; -1 when none fit. */
int64_t xen_gnttab_alloc(struct xen_gnttab *gt, uint32_t n);
void xen_gnttab_free(struct xen_gnttab *gt, xen_grant_ref_t first, uint32_t n);
/* Grants `domid` access to guest frame `frame` through `ref` (read-only
 * when `readonly`): frame and domid are written before the flags that make
 * the entry live. -1 when the ref is not allocated, the entry is still
 * live, or the frame does not fit the entry's 32 bits. */
int xen_gnttab_grant(struct xen_gnttab *gt, xen_grant_ref_t ref, xen_domid_t domid, uint64_t frame,
		     int readonly);
/* Whether `ref` is live and grants exactly this. */
int xen_gnttab_granted(const struct xen_gnttab *gt, xen_grant_ref_t ref, xen_domid_t domid, uint64_t frame,
		       int readonly);
/* Ends the grant unless the backend has it mapped (GTF_reading or
 * GTF_writing, set by Xen): 0 when the entry is no longer live, -1 busy.
 * The flags are cleared with a compare-and-swap, so a mapping Xen makes
 * at the same moment is seen, never lost. */
int xen_gnttab_revoke(struct xen_gnttab *gt, xen_grant_ref_t ref);

/* Maps the grant table into the guest-physical window [base, base + size)
 * the DT names: GNTTABOP_query_size for the limit, GNTTABOP_set_version(1),
 * then XENMEM_add_to_physmap of frames n-1 .. 0 (the first call grows the
 * table to n; Arm guests are auto-translated, so frames are placed in the
 * guest's own physical space rather than listed by GNTTABOP_setup_table).
 * n is `want` capped by Xen's maximum and the window. 0 and *frames = n,
 * or the first error (negative errno or GNTST). */
int64_t xen_gnttab_map(uint64_t base, uint64_t size, uint32_t want, uint32_t *frames);
#endif
