/* virtio-media (VIRTIO 1.4 section 5.22; not in 1.3). */
#include <stddef.h>
#include "layouts/layout.h"
#include "vcheck/dev/media.h"

/* No device features are defined. */
static const struct vc_cfg_field fields[] = {
	{ "device_caps", MEDIA_CFG_DEVICE_CAPS, 4, 4, VC_FA_RO, 0, "1.4 5.22.4" },
	{ "device_type", MEDIA_CFG_DEVICE_TYPE, 4, 4, VC_FA_RO, 0, "1.4 5.22.4" },
	/* UTF-8; NUL-terminated unless all 32 bytes are used. */
	{ "card", MEDIA_CFG_CARD, 32, 1, VC_FA_RO, 0, "1.4 5.22.4" },
};

VC_LAYOUT_REGISTER(media_layout, .device_id = 48, .name = "media", .spec = "1.4 5.22",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = NULL, .nfeatures = 0);
