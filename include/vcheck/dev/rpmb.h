/* virtio-rpmb (VIRTIO 1.3 section 5.12): feature bits and config offsets,
 * the one definition that layouts, checks, side-effect code and the host all
 * use. */
#ifndef VC_DEV_RPMB_H
#define VC_DEV_RPMB_H

/* config offsets, bytes */
enum {
	RPMB_CFG_CAPACITY = 0, RPMB_CFG_MAX_WR_CNT = 1, RPMB_CFG_MAX_RD_CNT = 2,
};

#endif
