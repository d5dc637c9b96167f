/* The multiport console's control queues (VIRTIO 1.2 5.3.6.2,
 * 5.3.6.2.1): after the driver's DEVICE_READY the device announces its
 * ports with DEVICE_ADD messages, each naming a port below max_nr_ports,
 * none twice. */
#include "vcheck/dev/console.h"
#include "vcheck/virtio_ids.h"
#include "suites/virtqueue/ring.h"

#define CONSOLE_MAX_NR_PORTS 4
#define CONTROL_RX 2 /* control receiveq, then control transmitq */
#define CONTROL_TX 3
enum { DEVICE_READY = 0, DEVICE_ADD = 1 };
#define CONTROL_BUFS 8

struct console_control { uint32_t id; uint16_t event, value; };

/* DEVICE_READY with value 1 on the control transmitq; 0 once used. */
static int device_ready(struct vc_ctx *ctx, struct vq *tx)
{
	struct console_control *ready = vq_alloc(sizeof(*ready), 8);
	*ready = (struct console_control){ 0, DEVICE_READY, 1 };
	struct vq_buf b = { ready, sizeof(*ready), 0 };
	vq_submit(tx, &b, 1);
	uint32_t len;
	return vq_wait(tx, VC_RING_WAIT_US, &len);
}

VC_CHECK(console_device_add, .id = "VQ-CON-002",
	 .title = "After DEVICE_READY, every DEVICE_ADD names a port below max_nr_ports, none twice",
	 .spec = "1.2 5.3.6.2.1", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_CONSOLE,
	 .features = 1ull << CONSOLE_F_MULTIPORT)
{
	struct vq rx, tx;
	if (vc_negotiate(ctx, 1ull << CONSOLE_F_MULTIPORT) || vq_setup(ctx->d, CONTROL_RX, 0, &rx) ||
	    vq_setup(ctx->d, CONTROL_TX, 0, &tx)) {
		if (ctx->verdict != VC_SKIP)
			vc_skip(ctx, "control queues could not be set up");
		return;
	}
	uint64_t max = 0;
	ctx->d->ops->config_read(ctx->d, CONSOLE_MAX_NR_PORTS, 4, &max);
	struct console_control *msg = vq_alloc(CONTROL_BUFS * sizeof(*msg), 8);
	struct vq_buf bufs[CONTROL_BUFS];
	for (unsigned i = 0; i < CONTROL_BUFS; i++)
		bufs[i] = (struct vq_buf){ &msg[i], sizeof(*msg), 1 };
	vq_post_each(&rx, bufs, CONTROL_BUFS);
	drv_driver_ok(ctx->d);
	if (device_ready(ctx, &tx)) {
		vc_fail(ctx, "DEVICE_READY not used within 1 s");
		return;
	}
	uint32_t seen[4] = { 0 }; /* ports 0..127 */
	unsigned adds = 0;
	struct vq_used_elem e;
	for (unsigned wait = VC_RING_WAIT_US; !vq_wait_elem(&rx, wait, &e); wait = VC_RING_QUIET_US) {
		const struct console_control *m = &msg[e.id % CONTROL_BUFS];
		if (m->event != DEVICE_ADD)
			continue;
		adds++;
		vc_expect(ctx, m->id < max, "DEVICE_ADD for port %u, max_nr_ports %llu", m->id, (unsigned long long)max);
		vc_expect(ctx, m->id >= 128 || !(seen[m->id / 32] >> (m->id % 32) & 1), "DEVICE_ADD for port %u twice", m->id);
		if (m->id < 128)
			seen[m->id / 32] |= 1u << (m->id % 32);
	}
	if (!adds)
		vc_skip(ctx, "no DEVICE_ADD within 1 s of DEVICE_READY");
}
