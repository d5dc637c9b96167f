/* Consoles a Xen domU has without a UART: the PV console ring
 * (io/console.h; HVM_PARAM_CONSOLE_PFN/EVTCHN, read with `xl console`) and,
 * as a last resort, HYPERVISOR_console_io (reaches Xen's own console only
 * on debug hypervisors or with guest_loglvl=all). */
#ifndef VC_XEN_CONSOLE_H
#define VC_XEN_CONSOLE_H
#include <stddef.h>
#include <stdint.h>
#include "guests/lib/xen/abi.h"

struct xen_pvcons {
	struct xen_cons_interface *ring;
	uint32_t port;
	uint32_t prod; /* bytes written, not all published yet */
};

void xen_pvcons_init(struct xen_pvcons *c, void *ring, uint32_t port);
/* Queues one byte; a newline publishes the line and kicks the backend. A
 * full ring is published and waited on (the backend drains it after the
 * kick): output is never dropped. */
void xen_pvcons_put(struct xen_pvcons *c, char ch);
void xen_pvcons_flush(struct xen_pvcons *c);

/* console_io, one hypercall per line (or per full buffer). */
struct xen_hvccons {
	char buf[128];
	size_t n;
};
void xen_hvccons_put(struct xen_hvccons *c, char ch);
void xen_hvccons_flush(struct xen_hvccons *c);
#endif
