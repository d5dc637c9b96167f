/* Queue counts the configuration implies, and virtio-scsi's writable
 * sizes (VIRTIO 1.2 5.3.2, 5.3.4, 5.6.2, 5.6.4, 5.6.4.2). */
#include "vcheck/dev/console.h"
#include "vcheck/dev/scsi.h"
#include "vcheck/virtio_ids.h"
#include "suites/config/cfg.h"
#include "suites/virtqueue/ring.h"

#define SCSI_SENSE_DEFAULT 96
#define SCSI_CDB_DEFAULT 32

/* 5.3.2: receiveq and transmitq of port 0, the two control queues, then a
 * pair for each of ports 1 .. max_nr_ports - 1. */
VC_CHECK(console_queue_count, .id = "CON-CFG-001",
	 .title = "With MULTIPORT, max_nr_ports is at least 1 and the device has 2 x (max_nr_ports + 1) queues",
	 .spec = "1.2 5.3.2", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_CONSOLE,
	 .features = VIRTIO_BIT(CONSOLE_F_MULTIPORT))
{
	uint64_t ports = vc_cfg(ctx, CONSOLE_CFG_MAX_NR_PORTS, 4);
	unsigned have = drv_queue_count(ctx->d);
	vc_expect(ctx, ports >= 1, "max_nr_ports %llu", (unsigned long long)ports);
	vc_expect(ctx, have == 2 * (ports + 1), "%u queues for max_nr_ports %llu", have, (unsigned long long)ports);
}

#define SCSI_CHECK(ident, ...) \
	VC_CHECK(ident, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_SCSI, __VA_ARGS__)

/* After negotiation, the driver's own sense and CDB sizes: 64 and 16. */
static int write_sizes(struct vc_ctx *ctx)
{
	if (vc_negotiate(ctx, 0))
		return -1;
	vc_cfg_set(ctx, SCSI_CFG_SENSE_SIZE, 4, 64);
	vc_cfg_set(ctx, SCSI_CFG_CDB_SIZE, 4, 16);
	return 0;
}

SCSI_CHECK(scsi_sizes_reset, .id = "SCSI-CFG-001",
	   .title = "A reset restores sense_size to 96 and cdb_size to 32 after the driver changed them",
	   .spec = "1.2 5.6.4.2", .level = VC_MUST)
{
	if (write_sizes(ctx))
		return;
	drv_reset(ctx->d, 100000);
	uint64_t sense = vc_cfg(ctx, SCSI_CFG_SENSE_SIZE, 4), cdb = vc_cfg(ctx, SCSI_CFG_CDB_SIZE, 4);
	vc_expect(ctx, sense == SCSI_SENSE_DEFAULT && cdb == SCSI_CDB_DEFAULT,
		  "after reset sense_size %llu, cdb_size %llu", (unsigned long long)sense, (unsigned long long)cdb);
}

/* 5.6.4: both are written by the device and "the driver can modify" them. */
SCSI_CHECK(scsi_sizes_latch, .id = "SCSI-CFG-002",
	   .title = "sense_size and cdb_size read back what the driver wrote",
	   .spec = "1.2 5.6.4", .level = VC_MUST)
{
	if (write_sizes(ctx))
		return;
	uint64_t sense = vc_cfg(ctx, SCSI_CFG_SENSE_SIZE, 4), cdb = vc_cfg(ctx, SCSI_CFG_CDB_SIZE, 4);
	vc_expect(ctx, sense == 64 && cdb == 16, "wrote 64 and 16, read sense_size %llu, cdb_size %llu",
		  (unsigned long long)sense, (unsigned long long)cdb);
}

/* 5.6.2: controlq, eventq, then request queues 0 .. num_queues - 1. */
SCSI_CHECK(scsi_queue_count, .id = "SCSI-CFG-003",
	   .title = "num_queues is at least 1 and the device has num_queues + 2 queues",
	   .spec = "1.2 5.6.2", .level = VC_MUST)
{
	uint64_t n = vc_cfg(ctx, SCSI_CFG_NUM_QUEUES, 4);
	unsigned have = drv_queue_count(ctx->d);
	vc_expect(ctx, n >= 1, "num_queues %llu", (unsigned long long)n);
	vc_expect(ctx, have == n + 2, "%u queues for num_queues %llu", have, (unsigned long long)n);
}

SCSI_CHECK(scsi_scan_limits, .id = "SCSI-CFG-004",
	   .title = "max_channel is 0, max_target at most 255 and max_lun at most 16383",
	   .spec = "1.2 5.6.4", .level = VC_SHOULD)
{
	uint64_t channel = vc_cfg(ctx, SCSI_CFG_MAX_CHANNEL, 2), target = vc_cfg(ctx, SCSI_CFG_MAX_TARGET, 2),
		 lun = vc_cfg(ctx, SCSI_CFG_MAX_LUN, 4);
	vc_expect(ctx, channel == 0, "max_channel %llu", (unsigned long long)channel);
	vc_expect(ctx, target <= 255, "max_target %llu", (unsigned long long)target);
	vc_expect(ctx, lun <= 16383, "max_lun %llu", (unsigned long long)lun);
}

/* Zero would forbid any command: no segment, no sector, no command per LUN. */
SCSI_CHECK(scsi_limits_nonzero, .id = "SCSI-CFG-005",
	   .title = "seg_max, max_sectors and cmd_per_lun are non-zero",
	   .spec = "1.2 5.6.4", .level = VC_SHOULD)
{
	uint64_t seg = vc_cfg(ctx, SCSI_CFG_SEG_MAX, 4), sectors = vc_cfg(ctx, SCSI_CFG_MAX_SECTORS, 4),
		 per_lun = vc_cfg(ctx, SCSI_CFG_CMD_PER_LUN, 4);
	vc_expect(ctx, seg && sectors && per_lun, "seg_max %llu, max_sectors %llu, cmd_per_lun %llu",
		  (unsigned long long)seg, (unsigned long long)sectors, (unsigned long long)per_lun);
}
