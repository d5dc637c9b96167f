/* virtio-i2c, the I2C adapter device (VIRTIO 1.3 section 5.16). */
#include <stddef.h>
#include "layouts/layout.h"
#include "vcheck/dev/i2c.h"

static const struct vc_feature_name features[] = {
	{ I2C_F_ZERO_LENGTH_REQUEST, "ZERO_LENGTH_REQUEST" },
};

/* No device configuration space is defined. */
VC_LAYOUT_REGISTER(i2c_probe, .device_id = 34, .name = "i2c", .spec = "1.3 5.16",
		  .fields = NULL, .nfields = 0,
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features));
