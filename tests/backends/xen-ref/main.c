/* vcheck-xen-ref: a Xen ioreq-server backend in dom0 serving one
 * virtio-mmio device to a domU, the device being vcheck-vu-ref's
 * (README.md).
 *
 *   vcheck-xen-ref --domid N --base ADDR --irq SPI [--mode honest|planted]
 *                  [--config-size N] [--tick-ms N] [--vcpus N] [--trace FILE]
 *
 * Exit status: 0 on a clean end (a signal, the domain gone, nothing left
 * mapped), 1 when Xen fails it (the call and errno on stderr), 2 on an
 * unusable command line. */
#define _GNU_SOURCE /* ppoll */
#include "mmio.h"
#include "options.h"
#include "xen_glue.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define EXIT_XEN 1
#define EXIT_USAGE 2
/* How often the loop asks Xen whether the domain is still there: an
 * event channel says nothing when its other end goes. */
#define ALIVE_EVERY_MS 1000

static volatile sig_atomic_t stop;

static void on_stop(int sig) { stop = 1; }

static uint64_t now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

struct server {
	struct xr_options o;
	struct xr_xen *x;
	struct xr_dma dma;
	struct xr_mmio m;
	struct xr_trace trace;
	char err[256];
	const char *why_end;
};

static void io(void *ctx, int is_read, uint32_t off, unsigned size, uint64_t *data)
{
	struct xr_mmio *m = ctx;
	if (is_read)
		*data = xr_mmio_read(m, off, size, now_ms());
	else
		xr_mmio_write(m, off, size, *data, now_ms());
}

/* Signals arrive only inside ppoll, so none is lost between checking
 * `stop` and waiting. */
static void signals(sigset_t *wait_mask)
{
	sigset_t block;
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigprocmask(SIG_BLOCK, &block, wait_mask);
	struct sigaction sa = { .sa_handler = on_stop };
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

static int earliest(int a, int b) { return a < 0 ? b : b < 0 ? a : a < b ? a : b; }

/* After a failed Xen call: the domain's end is a clean one. */
static int ended_or_failed(struct server *s)
{
	char why[256];
	if (xr_xen_alive(s->x, why, sizeof why) == 0) {
		s->why_end = "domain gone";
		return 0;
	}
	s->why_end = "failed";
	return -1;
}

/* Until a signal or the domain's end: 0, or -1 (s->err) when Xen fails. */
static int serve(struct server *s, const sigset_t *wait_mask)
{
	uint64_t next_alive = now_ms() + ALIVE_EVERY_MS;
	struct pollfd p = { .fd = xr_xen_fd(s->x), .events = POLLIN };
	while (!stop) {
		uint64_t now = now_ms();
		xr_mmio_tick(&s->m, now);
		if (now >= next_alive) {
			int alive = xr_xen_alive(s->x, s->err, sizeof s->err);
			if (alive < 0) {
				s->why_end = "failed";
				return -1;
			}
			if (!alive) {
				s->why_end = "domain gone";
				return 0;
			}
			next_alive = now + ALIVE_EVERY_MS;
		}
		int ms = earliest(xr_mmio_next_ms(&s->m, now), (int)(next_alive - now));
		struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };
		if (ppoll(&p, 1, &ts, wait_mask) < 0 && errno != EINTR) {
			snprintf(s->err, sizeof s->err, "ppoll: %s", strerror(errno));
			s->why_end = "failed";
			return -1;
		}
		if (!stop && (p.revents & POLLIN) && xr_xen_handle(s->x, io, &s->m, s->err, sizeof s->err) < 0)
			return ended_or_failed(s);
	}
	s->why_end = "stopped by signal";
	return 0;
}

static void summary(struct server *s)
{
	const struct xr_counts *n = &s->m.n;
	const struct xr_dma_counts *g = &s->dma.n[XR_MAP_GRANT], *f = &s->dma.n[XR_MAP_FOREIGN];
	fprintf(stderr,
		"vcheck-xen-ref: domain %u done (%s): accesses %llu (reads %llu, writes %llu, refused %llu), "
		"notifications %llu, interrupts %llu (failed %llu), config changes %llu, resets %llu, "
		"buffers used %llu, needs-reset %llu; grants mapped %llu / unmapped %llu / still held %llu "
		"(refused %llu); foreign pages mapped %llu / unmapped %llu / still held %llu (refused %llu)\n",
		s->o.domid, s->why_end, (unsigned long long)(n->reads + n->writes), (unsigned long long)n->reads,
		(unsigned long long)n->writes, (unsigned long long)xr_xen_refused(s->x),
		(unsigned long long)n->notifies, (unsigned long long)n->irqs, (unsigned long long)n->irq_failed,
		(unsigned long long)n->config_changes, (unsigned long long)n->resets, (unsigned long long)n->used,
		(unsigned long long)n->needs_reset, (unsigned long long)g->mapped, (unsigned long long)g->unmapped,
		(unsigned long long)xr_dma_held(&s->dma, XR_MAP_GRANT), (unsigned long long)g->refused,
		(unsigned long long)f->mapped, (unsigned long long)f->unmapped,
		(unsigned long long)xr_dma_held(&s->dma, XR_MAP_FOREIGN), (unsigned long long)f->refused);
}

static int open_trace(struct server *s)
{
	if (!s->o.trace)
		return 0;
	s->trace.f = fopen(s->o.trace, "w");
	if (s->trace.f)
		return 0;
	fprintf(stderr, "vcheck-xen-ref: --trace %s: %s\n", s->o.trace, strerror(errno));
	return -1;
}

static void announce(const struct server *s)
{
	printf("vcheck-xen-ref: serving domain %u at 0x%llx (SPI %u, mode %s, config %u bytes)\n", s->o.domid,
	       (unsigned long long)s->o.base, s->o.irq, vu_mode_name(s->o.dev.mode), s->o.dev.config_size);
	fflush(stdout);
}

/* Serves, then unmaps what the device mapped, tears the server down and
 * reports; the exit status. */
static int run(struct server *s, const sigset_t *wait_mask)
{
	xr_dma_init(&s->dma, &xr_xen_dma_ops, s->x);
	xr_mmio_init(&s->m, &s->o.dev, &s->dma, xr_xen_raise, s->x, &s->trace, now_ms()); /* options checked */
	if (s->o.no_access_platform)
		s->m.features &= ~XR_F_ACCESS_PLATFORM;
	announce(s);
	int rc = serve(s, wait_mask);
	xr_mmio_end(&s->m);
	if (rc < 0)
		fprintf(stderr, "vcheck-xen-ref: %s\n", s->err);
	summary(s);
	xr_xen_close(s->x);
	if (xr_dma_held(&s->dma, XR_MAP_GRANT) || xr_dma_held(&s->dma, XR_MAP_FOREIGN)) {
		fprintf(stderr, "vcheck-xen-ref: pages still mapped at the end (unmap failed)\n");
		rc = -1;
	}
	return rc < 0 ? EXIT_XEN : 0;
}

int main(int argc, char **argv)
{
	static struct server s; /* the device model is a few KiB */
	int r = xr_options_parse(argc, argv, &s.o, stdout, stderr);
	if (r)
		return r > 0 ? 0 : EXIT_USAGE;
	if (open_trace(&s) < 0)
		return EXIT_USAGE;
	sigset_t wait_mask;
	signals(&wait_mask);
	s.x = xr_xen_open(&s.o, s.err, sizeof s.err);
	if (!s.x) {
		fprintf(stderr, "vcheck-xen-ref: domain %u: %s\n", s.o.domid, s.err);
		return EXIT_XEN;
	}
	r = run(&s, &wait_mask);
	if (s.trace.f)
		fclose(s.trace.f);
	return r;
}
