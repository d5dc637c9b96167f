/* virtio-can (VIRTIO 1.4 section 5.20; not in 1.3). */
#include "layouts/layout.h"
#include "vcheck/dev/can.h"

static const struct vc_cfg_field fields[] = {
	{ "status", CAN_CFG_STATUS, 2, 2, VC_FA_RO, 0, "1.4 5.20.4" },
};

static const struct vc_feature_name features[] = {
	{ CAN_F_CAN_CLASSIC, "CAN_CLASSIC" }, { CAN_F_CAN_FD, "CAN_FD" },
	{ CAN_F_RTR_FRAMES, "RTR_FRAMES" }, { CAN_F_LATE_TX_ACK, "LATE_TX_ACK" },
};

VC_LAYOUT_REGISTER(can_layout, .device_id = 36, .name = "can", .spec = "1.4 5.20",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features));
