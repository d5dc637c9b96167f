/* virtio-gpio (VIRTIO 1.3 section 5.18): feature bits and config offsets,
 * the one definition that layouts, checks, side-effect code and the host all
 * use. */
#ifndef VC_DEV_GPIO_H
#define VC_DEV_GPIO_H

/* feature bits */
enum {
	GPIO_F_IRQ = 0,
};

/* config offsets, bytes */
enum {
	GPIO_CFG_NGPIO = 0, GPIO_CFG_GPIO_NAMES_SIZE = 4,
};

#endif
