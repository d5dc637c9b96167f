/* virtio-gpio (VIRTIO 1.3 section 5.18). */
#include "layouts/layout.h"
#include "vcheck/dev/gpio.h"

static const struct vc_cfg_field fields[] = {
	{ "ngpio", GPIO_CFG_NGPIO, 2, 2, VC_FA_RO, 0, "1.3 5.18.4" },
	{ "gpio_names_size", GPIO_CFG_GPIO_NAMES_SIZE, 4, 4, VC_FA_RO, 0, "1.3 5.18.4" },
};

static const struct vc_feature_name features[] = {
	{ GPIO_F_IRQ, "IRQ" },
};

VC_LAYOUT_REGISTER(gpio_layout, .device_id = 41, .name = "gpio", .spec = "1.3 5.18",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features));
