/* Device status field bits (VIRTIO 1.2 section 2.1) and reserved feature bits (6). */
#ifndef VCHECK_VIRTIO_STATUS_H
#define VCHECK_VIRTIO_STATUS_H

#define VIRTIO_STATUS_ACKNOWLEDGE 0x01u
#define VIRTIO_STATUS_DRIVER 0x02u
#define VIRTIO_STATUS_DRIVER_OK 0x04u
#define VIRTIO_STATUS_FEATURES_OK 0x08u
#define VIRTIO_STATUS_DEVICE_NEEDS_RESET 0x40u
#define VIRTIO_STATUS_FAILED 0x80u

/* bit, name, spec section */
#define VIRTIO_TRANSPORT_FEATURES(X)                        \
	X(24, NOTIFY_ON_EMPTY, "NOTIFY_ON_EMPTY")           \
	X(27, ANY_LAYOUT, "ANY_LAYOUT")                     \
	X(28, RING_INDIRECT_DESC, "RING_INDIRECT_DESC")     \
	X(29, RING_EVENT_IDX, "RING_EVENT_IDX")             \
	X(30, UNUSED, "UNUSED")                             \
	X(32, VERSION_1, "VERSION_1")                       \
	X(33, ACCESS_PLATFORM, "ACCESS_PLATFORM")           \
	X(34, RING_PACKED, "RING_PACKED")                   \
	X(35, IN_ORDER, "IN_ORDER")                         \
	X(36, ORDER_PLATFORM, "ORDER_PLATFORM")             \
	X(37, SR_IOV, "SR_IOV")                             \
	X(38, NOTIFICATION_DATA, "NOTIFICATION_DATA")       \
	X(39, NOTIF_CONFIG_DATA, "NOTIF_CONFIG_DATA")       \
	X(40, RING_RESET, "RING_RESET")                     \
	X(41, ADMIN_VQ, "ADMIN_VQ")

enum {
#define VIRTIO_F_ENUM(bit, id, name) VIRTIO_F_##id = bit,
	VIRTIO_TRANSPORT_FEATURES(VIRTIO_F_ENUM)
#undef VIRTIO_F_ENUM
};

#define VIRTIO_BIT(b) (1ull << (b))
#define VIRTIO_TRANSPORT_FEATURE_FIRST 24
#define VIRTIO_TRANSPORT_FEATURE_LAST 41 /* 24..41 are reserved for the transport */

#endif
