/* virtio-gpio (VIRTIO 1.3 section 5.18). */
#include "layouts/layout.h"

enum {
	GPIO_F_IRQ = 0,
};

static const struct vc_cfg_field fields[] = {
	{ "ngpio", 0, 2, 2, VC_FA_RO, 0, "1.3 5.18.4" },
	{ "gpio_names_size", 4, 4, 4, VC_FA_RO, 0, "1.3 5.18.4" },
};

static const struct vc_feature_name features[] = {
	{ GPIO_F_IRQ, "IRQ" },
};

VC_LAYOUT_REGISTER(gpio_layout, .device_id = 41, .name = "gpio", .spec = "1.3 5.18",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features));
