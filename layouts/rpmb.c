/* virtio-rpmb (VIRTIO 1.3 section 5.12). */
#include <stddef.h>
#include "layouts/layout.h"
#include "vcheck/dev/rpmb.h"

/* No device features are defined. */
static const struct vc_cfg_field fields[] = {
	{ "capacity", RPMB_CFG_CAPACITY, 1, 1, VC_FA_RO, 0, "1.3 5.12.4" },
	{ "max_wr_cnt", RPMB_CFG_MAX_WR_CNT, 1, 1, VC_FA_RO, 0, "1.3 5.12.4" },
	{ "max_rd_cnt", RPMB_CFG_MAX_RD_CNT, 1, 1, VC_FA_RO, 0, "1.3 5.12.4" },
};

VC_LAYOUT_REGISTER(rpmb_layout, .device_id = 28, .name = "rpmb", .spec = "1.3 5.12",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = NULL, .nfeatures = 0);
