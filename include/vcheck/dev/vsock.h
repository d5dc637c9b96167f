/* virtio-vsock, the socket device (VIRTIO 1.3 section 5.10): feature bits
 * and config offsets, the one definition that layouts, checks, side-effect
 * code and the host all use. */
#ifndef VC_DEV_VSOCK_H
#define VC_DEV_VSOCK_H

/* feature bits */
enum {
	VSOCK_F_STREAM = 0, VSOCK_F_SEQPACKET = 1, VSOCK_F_NO_IMPLIED_STREAM = 2,
};

/* config offsets, bytes */
enum {
	VSOCK_CFG_GUEST_CID = 0,
};

#endif
