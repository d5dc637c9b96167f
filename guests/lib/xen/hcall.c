/* Argument structures are built on the stack and passed by address: the
 * image runs identity-mapped, so the address Xen translates through the
 * guest's stage 1 is the structure itself. */
#include "guests/lib/xen/hcall.h"

static xen_hypercall_fn hcall;

void xen_hcall_use(xen_hypercall_fn fn) { hcall = fn; }
int xen_hcall_ready(void) { return hcall != 0; }

static int64_t call(unsigned op, uint64_t a0, uint64_t a1, uint64_t a2)
{
	return hcall ? hcall(op, a0, a1, a2, 0, 0) : -XEN_ENOSYS;
}

static uint64_t ptr(const void *p) { return (uint64_t)(uintptr_t)p; }

int64_t xen_version(void) { return call(XEN_HC_XEN_VERSION, XENVER_VERSION, 0, 0); }

int64_t xen_console_io_write(const char *buf, size_t n)
{
	return call(XEN_HC_CONSOLE_IO, XEN_CONSOLEIO_WRITE, n, ptr(buf));
}

int64_t xen_gnttab_query_size(uint32_t *nr_frames, uint32_t *max_frames)
{
	struct xen_gnttab_query_size q = { .dom = XEN_DOMID_SELF };
	int64_t rc = call(XEN_HC_GRANT_TABLE_OP, XEN_GNTTABOP_QUERY_SIZE, ptr(&q), 1);
	*nr_frames = q.nr_frames;
	*max_frames = q.max_nr_frames;
	/* The op's own status counts once the hypercall could read its arguments. */
	return rc ? rc : q.status;
}

int64_t xen_gnttab_set_version(uint32_t *version)
{
	struct xen_gnttab_set_version v = { .version = *version };
	int64_t rc = call(XEN_HC_GRANT_TABLE_OP, XEN_GNTTABOP_SET_VERSION, ptr(&v), 1);
	*version = v.version;
	return rc;
}

int64_t xen_map_grant_frame(uint64_t idx, uint64_t gpfn)
{
	struct xen_add_to_physmap m = { .domid = XEN_DOMID_SELF, .space = XEN_XENMAPSPACE_GRANT_TABLE,
					.idx = idx, .gpfn = gpfn };
	return call(XEN_HC_MEMORY_OP, XEN_XENMEM_ADD_TO_PHYSMAP, ptr(&m), 0);
}

int64_t xen_hvm_get_param(uint32_t index, uint64_t *value)
{
	struct xen_hvm_param p = { .domid = XEN_DOMID_SELF, .index = index };
	int64_t rc = call(XEN_HC_HVM_OP, XEN_HVMOP_GET_PARAM, ptr(&p), 0);
	*value = p.value;
	return rc;
}

int64_t xen_evtchn_send(uint32_t port)
{
	struct xen_evtchn_send s = { .port = port };
	return call(XEN_HC_EVENT_CHANNEL_OP, XEN_EVTCHNOP_SEND, ptr(&s), 0);
}
