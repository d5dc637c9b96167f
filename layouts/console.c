/* virtio-console (VIRTIO 1.3 section 5.3). */
#include "layouts/layout.h"

enum {
	CONSOLE_F_SIZE = 0, CONSOLE_F_MULTIPORT = 1, CONSOLE_F_EMERG_WRITE = 2,
};

static const struct vc_cfg_field fields[] = {
	/* Order as in 1.3 and 1.4-cs01. Linux and QEMU historically put rows
	 * first, and a post-1.4-cs01 spec change swaps them to match. */
	{ "cols", 0, 2, 2, VC_FA_RO, VC_FEAT(CONSOLE_F_SIZE), "1.3 5.3.4" },
	{ "rows", 2, 2, 2, VC_FA_RO, VC_FEAT(CONSOLE_F_SIZE), "1.3 5.3.4" },
	{ "max_nr_ports", 4, 4, 4, VC_FA_RO, VC_FEAT(CONSOLE_F_MULTIPORT), "1.3 5.3.4" },
	{ "emerg_wr", 8, 4, 4, VC_FA_WO, VC_FEAT(CONSOLE_F_EMERG_WRITE), "1.3 5.3.4" },
};

static const struct vc_feature_name features[] = {
	{ CONSOLE_F_SIZE, "SIZE" }, { CONSOLE_F_MULTIPORT, "MULTIPORT" },
	{ CONSOLE_F_EMERG_WRITE, "EMERG_WRITE" },
};

VC_LAYOUT_REGISTER(console_layout, .device_id = 3, .name = "console", .spec = "1.3 5.3",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features));
