/* virtio-can (VIRTIO 1.4 section 5.20; not in 1.3): feature bits and config
 * offsets, the one definition that layouts, checks, side-effect code and the
 * host all use. */
#ifndef VC_DEV_CAN_H
#define VC_DEV_CAN_H

/* feature bits */
enum {
	CAN_F_CAN_CLASSIC = 0, CAN_F_CAN_FD = 1, CAN_F_RTR_FRAMES = 2, CAN_F_LATE_TX_ACK = 3,
};

/* config offsets, bytes */
enum {
	CAN_CFG_STATUS = 0,
};

#endif
