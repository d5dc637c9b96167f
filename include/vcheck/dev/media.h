/* virtio-media (VIRTIO 1.4 section 5.22; not in 1.3): feature bits and
 * config offsets, the one definition that layouts, checks, side-effect code
 * and the host all use. */
#ifndef VC_DEV_MEDIA_H
#define VC_DEV_MEDIA_H

/* config offsets, bytes */
enum {
	MEDIA_CFG_DEVICE_CAPS = 0, MEDIA_CFG_DEVICE_TYPE = 4, MEDIA_CFG_CARD = 8,
};

#endif
