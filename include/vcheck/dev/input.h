/* virtio-input (VIRTIO 1.3 section 5.8): feature bits and config offsets,
 * the one definition that layouts, checks, side-effect code and the host all
 * use. */
#ifndef VC_DEV_INPUT_H
#define VC_DEV_INPUT_H

/* config offsets, bytes */
enum {
	INPUT_CFG_SELECT = 0, INPUT_CFG_SUBSEL = 1, INPUT_CFG_SIZE = 2, INPUT_CFG_U = 8,
};

#endif
