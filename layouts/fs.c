/* virtio-fs, the file system device (VIRTIO 1.3 section 5.11). */
#include "layouts/layout.h"
#include "vcheck/dev/fs.h"

static const struct vc_cfg_field fields[] = {
	/* UTF-8, NUL-padded; not NUL-terminated when all 36 bytes are used. */
	{ "tag", FS_CFG_TAG, 36, 1, VC_FA_RO, 0, "1.3 5.11.4" },
	{ "num_request_queues", FS_CFG_NUM_REQUEST_QUEUES, 4, 4, VC_FA_RO, 0, "1.3 5.11.4" },
	{ "notify_buf_size", FS_CFG_NOTIFY_BUF_SIZE, 4, 4, VC_FA_RO, VC_FEAT(FS_F_NOTIFICATION), "1.3 5.11.4" },
};

static const struct vc_feature_name features[] = {
	{ FS_F_NOTIFICATION, "NOTIFICATION" },
};

VC_LAYOUT_REGISTER(fs_layout, .device_id = 26, .name = "fs", .spec = "1.3 5.11",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features));
