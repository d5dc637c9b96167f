/* virtio-9p, 9P transport (VIRTIO 1.3 section 5, device ID table only):
 * feature bits and config offsets, the one definition that layouts, checks,
 * side-effect code and the host all use. */
#ifndef VC_DEV_P9_H
#define VC_DEV_P9_H

/* The spec assigns device ID 9 but has no 9P chapter: this layout and the
 * feature bit follow Linux's include/uapi/linux/virtio_9p.h, which QEMU
 * also implements. */
/* feature bits */
enum {
	P9_F_MOUNT_TAG = 0,
};

/* config offsets, bytes */
enum {
	P9_CFG_TAG_LEN = 0, P9_CFG_TAG = 2,
};

#endif
