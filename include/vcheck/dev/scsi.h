/* virtio-scsi (VIRTIO 1.3 section 5.6): feature bits and config offsets, the
 * one definition that layouts, checks, side-effect code and the host all
 * use. */
#ifndef VC_DEV_SCSI_H
#define VC_DEV_SCSI_H

/* feature bits */
enum {
	SCSI_F_INOUT = 0, SCSI_F_HOTPLUG = 1, SCSI_F_CHANGE = 2, SCSI_F_T10_PI = 3,
};

/* config offsets, bytes */
enum {
	SCSI_CFG_NUM_QUEUES = 0, SCSI_CFG_SEG_MAX = 4, SCSI_CFG_MAX_SECTORS = 8,
	SCSI_CFG_CMD_PER_LUN = 12, SCSI_CFG_EVENT_INFO_SIZE = 16, SCSI_CFG_SENSE_SIZE = 20,
	SCSI_CFG_CDB_SIZE = 24, SCSI_CFG_MAX_CHANNEL = 28, SCSI_CFG_MAX_TARGET = 30,
	SCSI_CFG_MAX_LUN = 32,
};

#endif
