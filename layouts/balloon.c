/* virtio-balloon, traditional memory balloon (VIRTIO 1.3 section 5.5). */
#include "layouts/layout.h"
#include "vcheck/dev/balloon.h"

static const struct vc_cfg_field fields[] = {
	{ "num_pages", BALLOON_CFG_NUM_PAGES, 4, 4, VC_FA_RO, 0, "1.3 5.5.4" },
	{ "actual", BALLOON_CFG_ACTUAL, 4, 4, VC_FA_RW, 0, "1.3 5.5.4" },
	{ "free_page_hint_cmd_id", BALLOON_CFG_FREE_PAGE_HINT_CMD_ID, 4, 4, VC_FA_RO, VC_FEAT(BALLOON_F_FREE_PAGE_HINT), "1.3 5.5.4" },
	/* The driver writes its poison value here during initialization. */
	{ "poison_val", BALLOON_CFG_POISON_VAL, 4, 4, VC_FA_RW, VC_FEAT(BALLOON_F_PAGE_POISON), "1.3 5.5.4" },
};

static const struct vc_feature_name features[] = {
	{ BALLOON_F_MUST_TELL_HOST, "MUST_TELL_HOST" }, { BALLOON_F_STATS_VQ, "STATS_VQ" },
	{ BALLOON_F_DEFLATE_ON_OOM, "DEFLATE_ON_OOM" }, { BALLOON_F_FREE_PAGE_HINT, "FREE_PAGE_HINT" },
	{ BALLOON_F_PAGE_POISON, "PAGE_POISON" }, { BALLOON_F_PAGE_REPORTING, "PAGE_REPORTING" },
};

VC_LAYOUT_REGISTER(balloon_layout, .device_id = 5, .name = "balloon", .spec = "1.3 5.5",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features));
