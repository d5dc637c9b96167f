#include "guests/lib/xen/gnttab.h"
#include "guests/lib/xen/hcall.h"

static int bit(const struct xen_gnttab *gt, uint32_t r) { return (gt->used[r / 64] >> (r % 64)) & 1; }

static void set_bits(struct xen_gnttab *gt, uint32_t first, uint32_t n, int on)
{
	for (uint32_t r = first; r < first + n; r++) {
		uint64_t m = 1ull << (r % 64);
		gt->used[r / 64] = on ? gt->used[r / 64] | m : gt->used[r / 64] & ~m;
	}
}

void xen_gnttab_init(struct xen_gnttab *gt, void *table, uint32_t nr, uint64_t *bitmap)
{
	*gt = (struct xen_gnttab){ .e = table, .nr = nr, .used = bitmap };
	for (uint32_t w = 0; w < (nr + 63) / 64; w++)
		bitmap[w] = 0;
	set_bits(gt, 0, nr < XEN_GNTTAB_NR_RESERVED ? nr : XEN_GNTTAB_NR_RESERVED, 1);
}

int64_t xen_gnttab_alloc(struct xen_gnttab *gt, uint32_t n)
{
	uint32_t run = 0;
	for (uint32_t r = XEN_GNTTAB_NR_RESERVED; n && r < gt->nr; r++) {
		run = bit(gt, r) ? 0 : run + 1;
		if (run == n) {
			set_bits(gt, r + 1 - n, n, 1);
			return r + 1 - n;
		}
	}
	return -1;
}

void xen_gnttab_free(struct xen_gnttab *gt, xen_grant_ref_t first, uint32_t n)
{
	if (first >= XEN_GNTTAB_NR_RESERVED && first < gt->nr && n <= gt->nr - first)
		set_bits(gt, first, n, 0);
}

static uint16_t flags_of(int readonly)
{
	return (uint16_t)(XEN_GTF_PERMIT_ACCESS | (readonly ? XEN_GTF_READONLY : 0));
}

int xen_gnttab_grant(struct xen_gnttab *gt, xen_grant_ref_t ref, xen_domid_t domid, uint64_t frame,
		     int readonly)
{
	if (ref >= gt->nr || !bit(gt, ref) || ref < XEN_GNTTAB_NR_RESERVED || frame > UINT32_MAX)
		return -1;
	struct xen_grant_entry_v1 *e = &gt->e[ref];
	if (__atomic_load_n(&e->flags, __ATOMIC_ACQUIRE) & XEN_GTF_TYPE_MASK)
		return -1; /* still live: a backend may be using the old frame */
	__atomic_store_n(&e->domid, domid, __ATOMIC_RELAXED);
	__atomic_store_n(&e->frame, (uint32_t)frame, __ATOMIC_RELAXED);
	/* Release: Xen must never see the flags before the frame they grant. */
	__atomic_store_n(&e->flags, flags_of(readonly), __ATOMIC_RELEASE);
	return 0;
}

int xen_gnttab_granted(const struct xen_gnttab *gt, xen_grant_ref_t ref, xen_domid_t domid, uint64_t frame,
		       int readonly)
{
	if (ref >= gt->nr)
		return 0;
	const struct xen_grant_entry_v1 *e = &gt->e[ref];
	uint16_t f = __atomic_load_n(&e->flags, __ATOMIC_ACQUIRE);
	uint16_t mask = XEN_GTF_TYPE_MASK | XEN_GTF_READONLY;
	return (f & mask) == flags_of(readonly) && e->domid == domid && e->frame == frame;
}

int xen_gnttab_revoke(struct xen_gnttab *gt, xen_grant_ref_t ref)
{
	if (ref >= gt->nr)
		return -1;
	uint16_t *flags = &gt->e[ref].flags;
	uint16_t f = __atomic_load_n(flags, __ATOMIC_ACQUIRE);
	do {
		if (f & (XEN_GTF_READING | XEN_GTF_WRITING))
			return -1;
		if (!(f & XEN_GTF_TYPE_MASK))
			return 0;
	} while (!__atomic_compare_exchange_n(flags, &f, 0, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE));
	return 0;
}

int64_t xen_gnttab_map(uint64_t base, uint64_t size, uint32_t want, uint32_t *frames)
{
	uint32_t cur, max;
	*frames = 0;
	int64_t rc = xen_gnttab_query_size(&cur, &max);
	if (rc)
		return rc;
	uint32_t version = 1;
	rc = xen_gnttab_set_version(&version);
	if (rc)
		return rc;
	if (version != 1)
		return -XEN_EINVAL;
	uint64_t room = size / XEN_PAGE_SIZE;
	uint32_t n = want < max ? want : max;
	if (n > room)
		n = (uint32_t)room;
	if (!n || base % XEN_PAGE_SIZE)
		return -XEN_EINVAL;
	for (uint32_t i = n; i-- > 0;) {
		rc = xen_map_grant_frame(i, base / XEN_PAGE_SIZE + i);
		if (rc)
			return rc;
	}
	*frames = n;
	return 0;
}
