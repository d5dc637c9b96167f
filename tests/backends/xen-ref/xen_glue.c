/* vcheck-xen-ref's Xen side (xen_glue.h), on Xen 4.17's stable libraries:
 * libxendevicemodel (the ioreq server, the interrupt), libxenforeignmemory
 * (the ioreq page, guest-physical pages), libxengnttab (grants) and
 * libxenevtchn (the per-vCPU ioreq event channels). */
#define __XEN_TOOLS__ 1 /* HVM_IOREQSRV_BUFIOREQ_OFF: a tools-only name */
#include "xen_glue.h"

#include "mmio.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <xendevicemodel.h>
#include <xenevtchn.h>
#include <xenforeignmemory.h>
#include <xengnttab.h>
#include <xen/hvm/ioreq.h>
#include <xen/memory.h>

struct xr_xen {
	xendevicemodel_handle *dm;
	xenforeignmemory_handle *fm;
	xengnttab_handle *gt;
	xenevtchn_handle *ev;
	xenforeignmemory_resource_handle *res;
	shared_iopage_t *page;
	domid_t domid;
	ioservid_t id;
	int have_server, have_range;
	uint64_t base;
	unsigned irq, vcpus, bound;
	evtchn_port_t port[XR_VCPUS_MAX]; /* local port of each vCPU's channel */
	uint64_t refused;
};

static int fail(char *err, size_t len, const char *call)
{
	snprintf(err, len, "%s: %s", call, strerror(errno));
	return -1;
}

static int open_handles(struct xr_xen *x, char *err, size_t len)
{
	/* NULL loggers: the libraries log their own errors on stderr */
	if (!(x->dm = xendevicemodel_open(NULL, 0)))
		return fail(err, len, "xendevicemodel_open");
	if (!(x->fm = xenforeignmemory_open(NULL, 0)))
		return fail(err, len, "xenforeignmemory_open");
	if (!(x->gt = xengnttab_open(NULL, 0)))
		return fail(err, len, "xengnttab_open");
	if (!(x->ev = xenevtchn_open(NULL, 0)))
		return fail(err, len, "xenevtchn_open");
	return 0;
}

static int count_vcpus(struct xr_xen *x, unsigned want, char *err, size_t len)
{
	unsigned n = want;
	if (!n && xendevicemodel_nr_vcpus(x->dm, x->domid, &n) < 0)
		return fail(err, len, "xendevicemodel_nr_vcpus");
	if (!n || n > XR_VCPUS_MAX) {
		snprintf(err, len, "xendevicemodel_nr_vcpus: domain %u has %u vCPUs, at most %u served", x->domid, n,
			 XR_VCPUS_MAX);
		return -1;
	}
	x->vcpus = n;
	return 0;
}

/* Arm has no buffered ioreqs (ioreq_server_create refuses them off x86). */
static int create_server(struct xr_xen *x, char *err, size_t len)
{
	if (xendevicemodel_create_ioreq_server(x->dm, x->domid, HVM_IOREQSRV_BUFIOREQ_OFF, &x->id) < 0)
		return fail(err, len, "xendevicemodel_create_ioreq_server");
	x->have_server = 1;
	void *addr = NULL;
	x->res = xenforeignmemory_map_resource(x->fm, x->domid, XENMEM_resource_ioreq_server, x->id,
					       XENMEM_resource_ioreq_server_frame_ioreq(0), 1, &addr,
					       PROT_READ | PROT_WRITE, 0);
	if (!x->res)
		return fail(err, len, "xenforeignmemory_map_resource");
	x->page = addr;
	return 0;
}

/* Xen writes each vCPU's vp_eport into the page when the server is
 * enabled (ioreq_server_enable), so the channels are bound after it; no
 * ioreq can come before the window is claimed, which is last. */
static int bind_ports(struct xr_xen *x, char *err, size_t len)
{
	for (; x->bound < x->vcpus; x->bound++) {
		uint32_t remote = ((volatile ioreq_t *)&x->page->vcpu_ioreq[x->bound])->vp_eport;
		xenevtchn_port_or_error_t p = xenevtchn_bind_interdomain(x->ev, x->domid, remote);
		if (p < 0) {
			char call[64];
			snprintf(call, sizeof call, "xenevtchn_bind_interdomain (vCPU %u, port %u)", x->bound, remote);
			return fail(err, len, call);
		}
		x->port[x->bound] = (evtchn_port_t)p;
	}
	return 0;
}

static int start(struct xr_xen *x, const struct xr_options *o, char *err, size_t len)
{
	/* a grant or a guest frame is 4 KiB; gntdev and privcmd map them one
	 * per dom0 page, so dom0 must use 4 KiB pages too (dma.h counts so) */
	long page = sysconf(_SC_PAGESIZE);
	if (page != XR_PAGE_SIZE) {
		snprintf(err, len, "sysconf(_SC_PAGESIZE): %ld, 4096 needed", page);
		return -1;
	}
	if (open_handles(x, err, len) < 0 || count_vcpus(x, o->vcpus, err, len) < 0 ||
	    create_server(x, err, len) < 0)
		return -1;
	if (xendevicemodel_set_ioreq_server_state(x->dm, x->domid, x->id, 1) < 0)
		return fail(err, len, "xendevicemodel_set_ioreq_server_state");
	if (bind_ports(x, err, len) < 0)
		return -1;
	/* is_mmio 1; the end is inclusive */
	if (xendevicemodel_map_io_range_to_ioreq_server(x->dm, x->domid, x->id, 1, x->base,
							x->base + XR_WINDOW - 1) < 0)
		return fail(err, len, "xendevicemodel_map_io_range_to_ioreq_server");
	x->have_range = 1;
	return 0;
}

struct xr_xen *xr_xen_open(const struct xr_options *o, char *err, size_t len)
{
	struct xr_xen *x = calloc(1, sizeof *x);
	if (!x) {
		fail(err, len, "calloc");
		return NULL;
	}
	x->domid = (domid_t)o->domid;
	x->base = o->base;
	x->irq = o->irq;
	if (start(x, o, err, len) < 0) {
		int e = errno;
		xr_xen_close(x);
		errno = e;
		return NULL;
	}
	return x;
}

int xr_xen_fd(const struct xr_xen *x) { return xenevtchn_fd(x->ev); }
unsigned xr_xen_vcpus(const struct xr_xen *x) { return x->vcpus; }
uint64_t xr_xen_refused(const struct xr_xen *x) { return x->refused; }

/* What this device serves: one MMIO access (IOREQ_TYPE_COPY, count 1, the
 * value in data) of 1, 2, 4 or 8 bytes inside the window. */
static int servable(const struct xr_xen *x, const ioreq_t *r)
{
	return r->type == IOREQ_TYPE_COPY && !r->data_is_ptr && r->count == 1 &&
	       (r->size == 1 || r->size == 2 || r->size == 4 || r->size == 8) && r->addr >= x->base &&
	       r->addr - x->base <= XR_WINDOW - r->size;
}

static void answer(struct xr_xen *x, volatile ioreq_t *slot, xr_io_fn *io, void *ctx)
{
	ioreq_t r = *(ioreq_t *)slot; /* a copy: the fields stay still while INPROCESS */
	uint64_t data = r.data;
	if (!servable(x, &r)) {
		x->refused++;
		/* reads of anything unserved get all ones, of their size: Arm's
		 * handle_ioserv puts data in the register as it is */
		data = r.size >= 8 ? ~0ull : (1ull << (8 * r.size)) - 1;
	} else {
		/* a write's data may carry the register's upper bits */
		if (r.dir == IOREQ_WRITE && r.size < 8)
			data &= (1ull << (8 * r.size)) - 1;
		io(ctx, r.dir == IOREQ_READ, (uint32_t)(r.addr - x->base), r.size, &data);
	}
	if (r.dir == IOREQ_READ)
		slot->data = data;
}

static int vcpu_of(const struct xr_xen *x, evtchn_port_t port)
{
	for (unsigned i = 0; i < x->vcpus; i++)
		if (x->port[i] == port)
			return (int)i;
	return -1;
}

/* The ioreq protocol (xen/include/public/hvm/ioreq.h, common/ioreq.c's
 * ioreq_send and wait_for_io): Xen fills the vCPU's slot and sets
 * STATE_IOREQ_READY; the emulator reads it after the state, takes it
 * (INPROCESS), answers, and sets STATE_IORESP_READY after the answer;
 * Xen then sets NONE, which the emulator never writes. */
int xr_xen_handle(struct xr_xen *x, xr_io_fn *io, void *ctx, char *err, size_t len)
{
	xenevtchn_port_or_error_t port = xenevtchn_pending(x->ev);
	if (port < 0)
		return fail(err, len, "xenevtchn_pending");
	int v = vcpu_of(x, (evtchn_port_t)port);
	if (v >= 0) {
		volatile ioreq_t *slot = &x->page->vcpu_ioreq[v];
		if (slot->state == STATE_IOREQ_READY) {
			__atomic_thread_fence(__ATOMIC_ACQUIRE);
			slot->state = STATE_IOREQ_INPROCESS;
			answer(x, slot, io, ctx);
			__atomic_thread_fence(__ATOMIC_RELEASE);
			slot->state = STATE_IORESP_READY;
			if (xenevtchn_notify(x->ev, (evtchn_port_t)port) < 0)
				return fail(err, len, "xenevtchn_notify");
		}
	}
	if (xenevtchn_unmask(x->ev, (evtchn_port_t)port) < 0)
		return fail(err, len, "xenevtchn_unmask");
	return 0;
}

/* The server goes with the domain (ioreq_server_destroy_all on its
 * relinquish), so asking for its info without frames (no mapping made)
 * tells whether both are still there: ESRCH no domain, ENOENT no server. */
int xr_xen_alive(struct xr_xen *x, char *err, size_t len)
{
	if (xendevicemodel_get_ioreq_server_info(x->dm, x->domid, x->id, NULL, NULL, NULL) == 0)
		return 1;
	if (errno == ESRCH || errno == ENOENT)
		return 0;
	return fail(err, len, "xendevicemodel_get_ioreq_server_info");
}

/* The DT marks the SPI edge-rising: a rising edge is one interrupt. On
 * 4.17's vGIC level 0 changes nothing, but it leaves the line as a
 * level-triggered model expects it. */
int xr_xen_raise(void *ctx)
{
	struct xr_xen *x = ctx;
	if (xendevicemodel_set_irq_level(x->dm, x->domid, x->irq, 1) < 0)
		return -1;
	return xendevicemodel_set_irq_level(x->dm, x->domid, x->irq, 0);
}

static void *map_page(void *ctx, enum xr_map_kind kind, uint64_t frame, int writable)
{
	struct xr_xen *x = ctx;
	int prot = writable ? PROT_READ | PROT_WRITE : PROT_READ;
	if (kind == XR_MAP_GRANT)
		return xengnttab_map_grant_ref(x->gt, x->domid, (uint32_t)frame, prot);
	xen_pfn_t pfn = frame;
	/* no err array: all or nothing, errno set */
	return xenforeignmemory_map(x->fm, x->domid, prot, 1, &pfn, NULL);
}

static int unmap_page(void *ctx, enum xr_map_kind kind, void *page)
{
	struct xr_xen *x = ctx;
	if (kind == XR_MAP_GRANT)
		return xengnttab_unmap(x->gt, page, 1);
	return xenforeignmemory_unmap(x->fm, page, 1);
}

const struct xr_dma_ops xr_xen_dma_ops = { map_page, unmap_page };

static void warn(const char *call)
{
	fprintf(stderr, "vcheck-xen-ref: cleanup: %s: %s\n", call, strerror(errno));
}

/* Teardown in reverse; a domain already gone makes its calls fail with
 * ESRCH or ENOENT, which is no news. */
static void gone_ok(int rc, const char *call)
{
	if (rc < 0 && errno != ESRCH && errno != ENOENT)
		warn(call);
}

void xr_xen_close(struct xr_xen *x)
{
	if (!x)
		return;
	if (x->have_range)
		gone_ok(xendevicemodel_unmap_io_range_from_ioreq_server(x->dm, x->domid, x->id, 1, x->base,
									x->base + XR_WINDOW - 1),
			"xendevicemodel_unmap_io_range_from_ioreq_server");
	for (unsigned i = 0; i < x->bound; i++)
		if (xenevtchn_unbind(x->ev, x->port[i]) < 0)
			warn("xenevtchn_unbind");
	if (x->res && xenforeignmemory_unmap_resource(x->fm, x->res) < 0)
		warn("xenforeignmemory_unmap_resource");
	if (x->have_server)
		gone_ok(xendevicemodel_destroy_ioreq_server(x->dm, x->domid, x->id),
			"xendevicemodel_destroy_ioreq_server");
	xenevtchn_close(x->ev);
	xengnttab_close(x->gt);
	xenforeignmemory_close(x->fm);
	xendevicemodel_close(x->dm);
	free(x);
}
