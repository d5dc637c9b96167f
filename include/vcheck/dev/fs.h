/* virtio-fs, the file system device (VIRTIO 1.3 section 5.11): feature bits
 * and config offsets, the one definition that layouts, checks, side-effect
 * code and the host all use. */
#ifndef VC_DEV_FS_H
#define VC_DEV_FS_H

/* feature bits */
enum {
	FS_F_NOTIFICATION = 0,
};

/* config offsets, bytes */
enum {
	FS_CFG_TAG = 0, FS_CFG_NUM_REQUEST_QUEUES = 36, FS_CFG_NOTIFY_BUF_SIZE = 40,
};

#endif
