/* One real request per device type that the requests.c set leaves out:
 * each is answered by QEMU without host privileges or attached media.
 * Request structures are little-endian; on the legacy interfaces they are
 * guest-endian, which is the same thing on the arm64 guest. */
#include "vcheck/virtio_ids.h"
#include "ctx.h"
#include "driver.h"
#include "string.h"
#include "request.h"
#include "virtqueue.h"

static uint32_t config32(struct vc_ctx *ctx, unsigned off)
{
	uint64_t v = 0;
	ctx->d->ops->config_read(ctx->d, off, 4, &v);
	return (uint32_t)v;
}

/* ---- SCSI (5.6.6.1) ---- */

#define SCSI_CFG_SENSE_SIZE 20
#define SCSI_CFG_CDB_SIZE 24
#define SCSI_REQ_HDR 19  /* lun[8] id task_attr prio crn, before cdb */
#define SCSI_RESP_HDR 12 /* sense_len resid status_qualifier status response, before sense */
#define SCSI_S_FAILURE 9 /* the highest response code 5.6.6.1 defines */
#define INQUIRY_LEN 36

VC_CHECK(vq_scsi_inquiry, .id = "VQ-SCSI-001",
	 .title = "An INQUIRY to target 0 LUN 0 completes with a defined response code",
	 .spec = "1.2 5.6.6.1.1", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_SCSI)
{
	struct vq vq;
	if (vc_start_queue(ctx, 2, &vq)) /* requestq 0 follows controlq and eventq */
		return;
	/* The request and response sizes follow the config, not a constant. */
	uint32_t cdb_size = config32(ctx, SCSI_CFG_CDB_SIZE), sense_size = config32(ctx, SCSI_CFG_SENSE_SIZE);
	if (cdb_size < 6 || cdb_size > 256 || sense_size > 256) {
		vc_skip(ctx, "cdb_size %u / sense_size %u out of range for this check", cdb_size, sense_size);
		return;
	}
	uint8_t *req = vq_alloc(SCSI_REQ_HDR + cdb_size, 8);
	uint8_t *resp = vq_alloc(SCSI_RESP_HDR + sense_size, 8);
	uint8_t *data = vq_alloc(INQUIRY_LEN, 8);
	req[0] = 1; /* lun[1] target 0, lun[2..3] LUN 0 in flat space */
	memcpy(req + 8, "vcheckID", 8);
	uint8_t *cdb = req + SCSI_REQ_HDR;
	cdb[0] = 0x12, cdb[4] = INQUIRY_LEN;
	uint8_t *response = resp + 11;
	*response = 0xff; /* shows whether the device wrote it */
	struct vq_buf b[3] = { { req, SCSI_REQ_HDR + cdb_size, 0 }, { resp, SCSI_RESP_HDR + sense_size, 1 },
			       { data, INQUIRY_LEN, 1 } };
	uint32_t len;
	if (vc_exchange(ctx, &vq, b, 3, &len))
		return;
	vc_expect(ctx, *response <= SCSI_S_FAILURE, "response %u is not a defined response code (status 0x%02x)",
		  *response, resp[10]);
}

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

VC_CHECK(vq_balloon_inflate, .id = "VQ-BALLOON-001",
	 .title = "The balloon returns an inflateq buffer holding one page frame number",
	 .spec = "1.2 5.5.6", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_BALLOON)
{
	struct vq vq;
	if (vc_start_queue(ctx, 0, &vq)) /* inflateq */
		return;
	/* The page's contents may be discarded by the host; nothing else in
	 * this check's pool lives in it. */
	void *page = vq_alloc(4096, 4096);
	uint32_t *pfn = vq_alloc(sizeof(*pfn), 4);
	*pfn = (uint32_t)((uintptr_t)page >> 12);
	struct vq_buf b = { pfn, sizeof(*pfn), 0 };
	uint32_t len;
	vc_exchange(ctx, &vq, &b, 1, &len); /* legacy devices may report any used length */
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
