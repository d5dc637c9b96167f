#include "guests/lib/xen/console.h"
#include "guests/lib/xen/hcall.h"

void xen_pvcons_init(struct xen_pvcons *c, void *ring, uint32_t port)
{
	c->ring = ring;
	c->port = port;
	c->prod = __atomic_load_n(&c->ring->out_prod, __ATOMIC_ACQUIRE);
}

void xen_pvcons_flush(struct xen_pvcons *c)
{
	/* Release: the bytes before the index that publishes them. */
	__atomic_store_n(&c->ring->out_prod, c->prod, __ATOMIC_RELEASE);
	xen_evtchn_send(c->port);
}

static uint32_t consumed(struct xen_pvcons *c)
{
	return __atomic_load_n(&c->ring->out_cons, __ATOMIC_ACQUIRE);
}

void xen_pvcons_put(struct xen_pvcons *c, char ch)
{
	if (c->prod - consumed(c) >= XEN_CONS_OUT_SIZE) {
		xen_pvcons_flush(c);
		while (c->prod - consumed(c) >= XEN_CONS_OUT_SIZE)
			;
	}
	c->ring->out[c->prod % XEN_CONS_OUT_SIZE] = ch;
	c->prod++;
	if (ch == '\n')
		xen_pvcons_flush(c);
}

void xen_hvccons_flush(struct xen_hvccons *c)
{
	if (c->n)
		xen_console_io_write(c->buf, c->n);
	c->n = 0;
}

void xen_hvccons_put(struct xen_hvccons *c, char ch)
{
	c->buf[c->n++] = ch;
	if (ch == '\n' || c->n == sizeof(c->buf))
		xen_hvccons_flush(c);
}
