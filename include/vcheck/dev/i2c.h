/* virtio-i2c, the I2C adapter device (VIRTIO 1.3 section 5.16): feature bits
 * and config offsets, the one definition that layouts, checks, side-effect
 * code and the host all use. */
#ifndef VC_DEV_I2C_H
#define VC_DEV_I2C_H

/* feature bits */
enum {
	I2C_F_ZERO_LENGTH_REQUEST = 0,
};

#endif
