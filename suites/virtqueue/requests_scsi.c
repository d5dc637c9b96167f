/* virtio-scsi commands on request queue 0 (VIRTIO 1.2 5.6.6.1,
 * 5.6.6.1.1). The request and response sizes follow the config's cdb_size
 * and sense_size, not a constant. */
#include "vcheck/dev/scsi.h"
#include "vcheck/virtio_ids.h"
#include <string.h>
#include "suites/virtqueue/request.h"

#define SCSI_REQ_HDR 19  /* lun[8] id task_attr prio crn, before cdb */
#define SCSI_RESP_HDR 12 /* sense_len resid status_qualifier status response, before sense */
#define SCSI_S_FAILURE 9 /* the highest response code 5.6.6.1 defines */
#define INQUIRY 0x12
#define INQUIRY_LEN 36
#define WRITE_BUFFER 0x3b

struct scsi_cmd { uint8_t *req, *resp; uint32_t req_len, resp_len; };

static uint32_t config32(struct vc_ctx *ctx, unsigned off)
{
	uint64_t v = 0;
	ctx->d->ops->config_read(ctx->d, off, 4, &v);
	return (uint32_t)v;
}

/* After negotiation: request queue 0 and a request to target 0 LUN 0
 * with its CDB, and a response whose response byte reads 0xff. */
static int scsi_prepare(struct vc_ctx *ctx, struct vq *vq, const uint8_t *cdb, unsigned cdb_len, struct scsi_cmd *c)
{
	uint32_t cdb_size = config32(ctx, SCSI_CFG_CDB_SIZE), sense_size = config32(ctx, SCSI_CFG_SENSE_SIZE);
	if (cdb_size < 6 || cdb_size > 256 || sense_size > 256) {
		vc_skip(ctx, "cdb_size %u / sense_size %u out of range for this check", cdb_size, sense_size);
		return -1;
	}
	if (vc_setup_queue(ctx, 2, vq)) /* requestq 0 follows controlq and eventq */
		return -1;
	*c = (struct scsi_cmd){ vq_alloc(SCSI_REQ_HDR + cdb_size, 8), vq_alloc(SCSI_RESP_HDR + sense_size, 8),
				SCSI_REQ_HDR + cdb_size, SCSI_RESP_HDR + sense_size };
	c->req[0] = 1; /* lun[1] target 0, lun[2..3] LUN 0 in flat space */
	memcpy(c->req + 8, "vcheckID", 8);
	memcpy(c->req + SCSI_REQ_HDR, cdb, cdb_len);
	c->resp[11] = 0xff; /* shows whether the device wrote the response byte */
	return 0;
}

VC_CHECK(vq_scsi_inquiry, .id = "VQ-SCSI-001",
	 .title = "An INQUIRY to target 0 LUN 0 completes with a defined response code",
	 .spec = "1.2 5.6.6.1.1", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_SCSI)
{
	struct vq vq;
	struct scsi_cmd c;
	static const uint8_t cdb[6] = { INQUIRY, 0, 0, 0, INQUIRY_LEN, 0 };
	if (drv_start(ctx->d, 0)) {
		vc_skip(ctx, "the device refused VERSION_1 alone");
		return;
	}
	if (scsi_prepare(ctx, &vq, cdb, sizeof(cdb), &c))
		return;
	uint8_t *data = vq_alloc(INQUIRY_LEN, 8);
	struct vq_buf b[3] = { { c.req, c.req_len, 0 }, { c.resp, c.resp_len, 1 }, { data, INQUIRY_LEN, 1 } };
	uint32_t len;
	if (vc_exchange(ctx, &vq, b, 3, &len))
		return;
	vc_expect(ctx, c.resp[11] <= SCSI_S_FAILURE, "response %u is not a defined response code (status 0x%02x)",
		  c.resp[11], c.resp[10]);
}

/* 5.6.6.1.1 under VIRTIO_SCSI_S_FAILURE: dataout and datain both present
 * without INOUT negotiated. */
VC_CHECK(vq_scsi_bidi_without_inout, .id = "VQ-SCSI-002",
	 .title = "Without INOUT negotiated, a request with both dataout and datain completes with VIRTIO_SCSI_S_FAILURE",
	 .spec = "1.2 5.6.6.1.1", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_SCSI)
{
	struct vq vq;
	struct scsi_cmd c;
	static const uint8_t cdb[10] = { WRITE_BUFFER, 0x02, 0, 0, 0, 0, 0, 0, 16, 0 };
	if (drv_start(ctx->d, 0)) { /* INOUT stays out: only VERSION_1 is accepted */
		vc_skip(ctx, "the device refused VERSION_1 alone");
		return;
	}
	if (scsi_prepare(ctx, &vq, cdb, sizeof(cdb), &c))
		return;
	uint8_t *out = vq_alloc(16, 8), *in = vq_alloc(16, 8);
	struct vq_buf b[4] = { { c.req, c.req_len, 0 }, { out, 16, 0 }, { c.resp, c.resp_len, 1 }, { in, 16, 1 } };
	uint32_t len;
	if (vc_exchange(ctx, &vq, b, 4, &len))
		return;
	vc_expect(ctx, c.resp[11] == SCSI_S_FAILURE, "response %u, expected VIRTIO_SCSI_S_FAILURE (9)", c.resp[11]);
}
