/* virtio-vsock, the socket device (VIRTIO 1.3 section 5.10). */
#include "layouts/layout.h"
#include "vcheck/dev/vsock.h"

static const struct vc_cfg_field fields[] = {
	{ "guest_cid", VSOCK_CFG_GUEST_CID, 8, 8, VC_FA_RO, 0, "1.3 5.10.4" },
};

static const struct vc_feature_name features[] = {
	{ VSOCK_F_STREAM, "STREAM" }, { VSOCK_F_SEQPACKET, "SEQPACKET" },
	{ VSOCK_F_NO_IMPLIED_STREAM, "NO_IMPLIED_STREAM" },
};

VC_LAYOUT_REGISTER(vsock_layout, .device_id = 19, .name = "vsock", .spec = "1.3 5.10",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features));
