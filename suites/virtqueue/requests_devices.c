/* One real request per device type that the requests.c set leaves out:
 * each is answered by QEMU without host privileges or attached media.
 * Request structures are little-endian; on the legacy interfaces they are
 * guest-endian, which is the same thing on the arm64 guest. */
#include "vcheck/virtio_ids.h"
#include "suites/ctx.h"
#include "guests/lib/driver.h"
#include <string.h>
#include "suites/virtqueue/request.h"
#include "guests/lib/virtqueue.h"

/* ---- 9P (device ID 9 only; the protocol is 9P2000.L) ---- */

#define P9_TVERSION 100
#define P9_RVERSION 101
#define P9_NOTAG 0xffffu
#define P9_MSIZE 8192u

static void put_le(uint8_t *p, uint32_t v, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static uint32_t get_le(const uint8_t *p, unsigned n)
{
	uint32_t v = 0;
	for (unsigned i = 0; i < n; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

VC_CHECK(vq_9p_version, .id = "VQ-9P-001",
	 .title = "A Tversion on the request queue is answered with Rversion and the same tag",
	 .spec = "1.2 5", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_P9)
{
	struct vq vq;
	if (vc_start_queue(ctx, 0, &vq))
		return;
	static const char version[] = "9P2000.L";
	const unsigned vlen = sizeof(version) - 1, tlen = 4 + 1 + 2 + 4 + 2 + vlen;
	uint8_t *t = vq_alloc(tlen, 8), *r = vq_alloc(256, 8);
	put_le(t, tlen, 4);
	t[4] = P9_TVERSION;
	put_le(t + 5, P9_NOTAG, 2);
	put_le(t + 7, P9_MSIZE, 4);
	put_le(t + 11, vlen, 2);
	memcpy(t + 13, version, vlen);
	struct vq_buf b[2] = { { t, tlen, 0 }, { r, 256, 1 } };
	uint32_t len;
	if (vc_exchange(ctx, &vq, b, 2, &len))
		return;
	if (r[4] != P9_RVERSION) {
		vc_fail(ctx, "reply type %u, expected Rversion %u", r[4], P9_RVERSION);
		return;
	}
	vc_expect(ctx, get_le(r + 5, 2) == P9_NOTAG, "reply tag 0x%04x, sent 0x%04x", get_le(r + 5, 2), P9_NOTAG);
	/* 9P: the server's msize never exceeds the client's. */
	vc_expect(ctx, get_le(r + 7, 4) <= P9_MSIZE, "Rversion msize %u exceeds the %u offered", get_le(r + 7, 4), P9_MSIZE);
	vc_expect(ctx, len >= get_le(r, 4), "used length %u, Rversion says %u bytes", len, get_le(r, 4));
}

/* ---- Balloon (5.5.6) ---- */

/* A page to give the balloon, and a buffer holding its page frame number.
 * The page's contents may be discarded by the host; nothing else in this
 * check's pool lives in it. */
static struct vq_buf balloon_pfn(void)
{
	void *page = vq_alloc(4096, 4096);
	uint32_t *pfn = vq_alloc(sizeof(*pfn), 4);
	*pfn = (uint32_t)((uintptr_t)page >> 12);
	return (struct vq_buf){ pfn, sizeof(*pfn), 0 };
}

VC_CHECK(vq_balloon_inflate, .id = "VQ-BALLOON-001",
	 .title = "The balloon returns an inflateq buffer holding one page frame number",
	 .spec = "1.2 5.5.6", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_BALLOON)
{
	struct vq vq;
	if (vc_start_queue(ctx, 0, &vq)) /* inflateq */
		return;
	struct vq_buf b = balloon_pfn();
	uint32_t len;
	vc_exchange(ctx, &vq, &b, 1, &len); /* legacy devices may report any used length */
}

VC_CHECK(vq_balloon_deflate, .id = "VQ-BALLOON-002",
	 .title = "The balloon returns a deflateq buffer giving back the page it was given",
	 .spec = "1.2 5.5.6", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_BALLOON)
{
	struct vq inflate, deflate;
	if (drv_start(ctx->d, 0) || vq_setup(ctx->d, 0, 0, &inflate)) {
		vc_skip(ctx, "inflateq could not be set up");
		return;
	}
	if (vc_setup_queue(ctx, 1, &deflate))
		return;
	struct vq_buf b = balloon_pfn();
	uint32_t len;
	if (vc_exchange(ctx, &inflate, &b, 1, &len))
		return;
	vc_exchange(ctx, &deflate, &b, 1, &len);
}

/* ---- Input (5.8.6) ---- */

#define EV_LED 0x11
#define LED_NUML 0

struct input_event { uint16_t type, code; uint32_t value; };

VC_CHECK(vq_input_status, .id = "VQ-INPUT-001",
	 .title = "The input device returns a statusq buffer (an EV_LED update)",
	 .spec = "1.2 5.8.6", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_INPUT)
{
	struct vq vq;
	if (vc_start_queue(ctx, 1, &vq)) /* statusq */
		return;
	/* Only a keyboard acts on EV_LED; every input device consumes it. */
	struct input_event *ev = vq_alloc(sizeof(*ev), 8);
	*ev = (struct input_event){ EV_LED, LED_NUML, 1 };
	struct vq_buf b = { ev, sizeof(*ev), 0 };
	uint32_t len;
	vc_exchange(ctx, &vq, &b, 1, &len);
}
