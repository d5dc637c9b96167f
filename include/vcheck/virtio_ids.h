/* Device types (VIRTIO 1.3 section 5 / device-types.tex). */
#ifndef VCHECK_VIRTIO_IDS_H
#define VCHECK_VIRTIO_IDS_H

#define VIRTIO_DEVICE_IDS(X)    \
	X(1, NET, "net")        \
	X(2, BLOCK, "block")    \
	X(3, CONSOLE, "console") \
	X(4, RNG, "entropy")    \
	X(5, BALLOON, "balloon") \
	X(8, SCSI, "scsi")      \
	X(9, P9, "9p")          \
	X(16, GPU, "gpu")       \
	X(18, INPUT, "input")   \
	X(19, VSOCK, "vsock")   \
	X(20, CRYPTO, "crypto") \
	X(23, IOMMU, "iommu")   \
	X(24, MEM, "mem")       \
	X(25, SOUND, "sound")   \
	X(26, FS, "fs")         \
	X(27, PMEM, "pmem")     \
	X(28, RPMB, "rpmb")     \
	X(34, I2C, "i2c")       \
	X(36, CAN, "can")       \
	X(41, GPIO, "gpio")     \
	X(45, SPI, "spi")       \
	X(48, MEDIA, "media")

enum {
#define VIRTIO_ID_ENUM(n, id, name) VIRTIO_ID_##id = n,
	VIRTIO_DEVICE_IDS(VIRTIO_ID_ENUM)
#undef VIRTIO_ID_ENUM
};

static inline const char *virtio_id_name(unsigned id)
{
	switch (id) {
#define VIRTIO_ID_CASE(n, ident, name) case n: return name;
	VIRTIO_DEVICE_IDS(VIRTIO_ID_CASE)
#undef VIRTIO_ID_CASE
	default: return "unknown";
	}
}

#endif
