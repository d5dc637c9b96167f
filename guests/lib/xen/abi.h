/* The part of Xen's guest ABI the image speaks, written here from the
 * public headers' numbers and layouts (xen-project/xen @ c447b7308b13,
 * xen/include/public/): nothing is copied, every value names its source.
 * Arm64 layout rules (arch-arm.h): xen_pfn_t and xen_ulong_t are 64 bits,
 * guest handles are 64-bit aligned 64-bit fields. */
#ifndef VC_XEN_ABI_H
#define VC_XEN_ABI_H
#include <stdint.h>

typedef uint16_t xen_domid_t;   /* xen.h: domid_t */
typedef uint32_t xen_grant_ref_t; /* grant_table.h: grant_ref_t */

/* xen.h: DOMID_SELF. */
#define XEN_DOMID_SELF 0x7ff0u

/* arch-arm.h: the HVC immediate that makes an HVC a Xen hypercall; the
 * hypercall number travels in x16, arguments in x0..x4, result in x0. */
#define XEN_HYPERCALL_TAG 0xea1 /* no suffix: it is an HVC immediate */

/* xen.h: hypercall numbers. */
#define XEN_HC_MEMORY_OP 12u
#define XEN_HC_XEN_VERSION 17u
#define XEN_HC_CONSOLE_IO 18u
#define XEN_HC_GRANT_TABLE_OP 20u
#define XEN_HC_EVENT_CHANNEL_OP 32u
#define XEN_HC_HVM_OP 34u

/* Errors come back negated (xen/include/public/errno.h). */
#define XEN_EINVAL 22
#define XEN_ENOSYS 38

/* version.h: XENVER_version returns (major << 16) | minor. */
#define XENVER_VERSION 0u

/* xen.h: console_io commands. */
#define XEN_CONSOLEIO_WRITE 0u

/* grant_table.h: operations. */
#define XEN_GNTTABOP_QUERY_SIZE 6u
#define XEN_GNTTABOP_SET_VERSION 8u

/* grant_table.h: struct gnttab_query_size: dom at 0, nr_frames at 4,
 * max_nr_frames at 8, status (int16) at 12. */
struct xen_gnttab_query_size {
	xen_domid_t dom;
	uint16_t pad;
	uint32_t nr_frames;
	uint32_t max_nr_frames;
	int16_t status;
	uint16_t pad2;
};

/* grant_table.h: struct gnttab_set_version: one uint32_t, in and out. */
struct xen_gnttab_set_version {
	uint32_t version;
};

/* grant_table.h: a version-1 grant entry, 8 bytes, 512 per 4 KiB frame. */
struct xen_grant_entry_v1 {
	uint16_t flags;   /* GTF_*: written by the guest and by Xen */
	xen_domid_t domid; /* who may map @frame */
	uint32_t frame;   /* the granted guest frame number */
};

#define XEN_GNTTAB_NR_RESERVED 8u /* refs 0..7: console, xenstore, tools */
#define XEN_GNTTAB_ENTRIES_PER_FRAME (4096u / sizeof(struct xen_grant_entry_v1))

/* grant_table.h: GTF_* flags of a v1 entry. */
#define XEN_GTF_PERMIT_ACCESS (1u << 0)
#define XEN_GTF_TYPE_MASK (3u << 0)
#define XEN_GTF_READONLY (1u << 2)
#define XEN_GTF_READING (1u << 3) /* set by Xen while @domid maps it to read */
#define XEN_GTF_WRITING (1u << 4) /* set by Xen while @domid maps it to write */

/* grant_table.h: GNTST_okay; any other status is an error. */
#define XEN_GNTST_OKAY 0

/* memory.h: XENMEM_add_to_physmap and the grant-table map space. */
#define XEN_XENMEM_ADD_TO_PHYSMAP 7u
#define XEN_XENMAPSPACE_GRANT_TABLE 1u

/* memory.h: struct xen_add_to_physmap: domid at 0, size at 2, space at 4,
 * idx (xen_ulong_t) at 8, gpfn (xen_pfn_t) at 16; 24 bytes on arm64. */
struct xen_add_to_physmap {
	xen_domid_t domid;
	uint16_t size;
	uint32_t space;
	uint64_t idx;
	uint64_t gpfn;
};

/* hvm/hvm_op.h: HVMOP_get_param and struct xen_hvm_param: domid at 0,
 * index at 4, value at 8; 16 bytes. */
#define XEN_HVMOP_GET_PARAM 1u
struct xen_hvm_param {
	xen_domid_t domid;
	uint16_t pad;
	uint32_t index;
	uint64_t value;
};

/* hvm/params.h: where the PV console ring and its event channel are. */
#define XEN_HVM_PARAM_CONSOLE_PFN 17u
#define XEN_HVM_PARAM_CONSOLE_EVTCHN 18u

/* event_channel.h: EVTCHNOP_send with struct evtchn_send { port }. */
#define XEN_EVTCHNOP_SEND 4u
struct xen_evtchn_send {
	uint32_t port;
};

/* io/console.h: struct xencons_interface, the PV console ring page:
 * in[1024] at 0, out[2048] at 1024, then the four 32-bit indexes. */
#define XEN_CONS_IN_SIZE 1024u
#define XEN_CONS_OUT_SIZE 2048u
struct xen_cons_interface {
	char in[XEN_CONS_IN_SIZE];
	char out[XEN_CONS_OUT_SIZE];
	uint32_t in_cons, in_prod;
	uint32_t out_cons, out_prod;
};

/* Linux drivers/xen/grant-dma-ops.c: a grant DMA address is this bit, the
 * grant ref shifted by the 4 KiB Xen page shift, and the offset in the page. */
#define XEN_GRANT_DMA_ADDR_OFF (1ull << 63)
#define XEN_PAGE_SHIFT 12u
#define XEN_PAGE_SIZE (1ull << XEN_PAGE_SHIFT)

#endif
