/* Xen hypercalls, marshalled here and issued through one function pointer:
 * the HVC instruction lives in arch code (arch/aarch64/xen_hvc.c), so this
 * file also runs on the host, where unit tests install a fake. */
#ifndef VC_XEN_HCALL_H
#define VC_XEN_HCALL_H
#include <stddef.h>
#include <stdint.h>
#include "guests/lib/xen/abi.h"

/* Hypercall `op` with five register arguments; returns x0. */
typedef int64_t (*xen_hypercall_fn)(unsigned op, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
				    uint64_t a4);

/* Installs the hypercall path (NULL: every call returns -XEN_ENOSYS). */
void xen_hcall_use(xen_hypercall_fn fn);
int xen_hcall_ready(void);

/* XENVER_version: (major << 16) | minor, or a negative error. */
int64_t xen_version(void);
/* CONSOLEIO_write of n bytes to Xen's own console. */
int64_t xen_console_io_write(const char *buf, size_t n);
/* GNTTABOP_query_size for this domain: 0, or a negative error or GNTST. */
int64_t xen_gnttab_query_size(uint32_t *nr_frames, uint32_t *max_frames);
/* GNTTABOP_set_version; the version in force comes back in *version. */
int64_t xen_gnttab_set_version(uint32_t *version);
/* XENMEM_add_to_physmap of grant-table frame `idx` at guest frame `gpfn`. */
int64_t xen_map_grant_frame(uint64_t idx, uint64_t gpfn);
/* HVMOP_get_param for this domain. */
int64_t xen_hvm_get_param(uint32_t index, uint64_t *value);
/* EVTCHNOP_send on `port`. */
int64_t xen_evtchn_send(uint32_t port);
#endif
