/* virtio-sound (VIRTIO 1.3 section 5.14). */
#include "layouts/layout.h"
#include "vcheck/dev/sound.h"

static const struct vc_cfg_field fields[] = {
	{ "jacks", SND_CFG_JACKS, 4, 4, VC_FA_RO, 0, "1.3 5.14.4" },
	{ "streams", SND_CFG_STREAMS, 4, 4, VC_FA_RO, 0, "1.3 5.14.4" },
	{ "chmaps", SND_CFG_CHMAPS, 4, 4, VC_FA_RO, 0, "1.3 5.14.4" },
	{ "controls", SND_CFG_CONTROLS, 4, 4, VC_FA_RO, VC_FEAT(SND_F_CTLS), "1.3 5.14.4" },
};

static const struct vc_feature_name features[] = {
	{ SND_F_CTLS, "CTLS" },
};

VC_LAYOUT_REGISTER(sound_layout, .device_id = 25, .name = "sound", .spec = "1.3 5.14",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features));
