/* virtio-9p, 9P transport (VIRTIO 1.3 section 5, device ID table only). */
#include "layouts/layout.h"
#include "vcheck/dev/p9.h"

static const struct vc_cfg_field fields[] = {
	{ "tag_len", P9_CFG_TAG_LEN, 2, 2, VC_FA_RO, VC_FEAT(P9_F_MOUNT_TAG), "1.3 5" },
	/* u8 tag[tag_len], not NUL-terminated: size is read from tag_len at run time. */
	{ "tag", P9_CFG_TAG, 0, 1, VC_FA_RO, VC_FEAT(P9_F_MOUNT_TAG), "1.3 5" },
};

/* The tag's length is the little-endian tag_len in front of it. */
static unsigned p9_config_size(unsigned static_size, const uint8_t *head)
{
	return static_size ? 2u + (unsigned)(head[0] | head[1] << 8) : 0;
}

static const struct vc_feature_name features[] = {
	{ P9_F_MOUNT_TAG, "MOUNT_TAG" },
};

VC_LAYOUT_REGISTER(p9_layout, .device_id = 9, .name = "9p", .spec = "1.3 5",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features),
		  .dynamic_size = p9_config_size);
