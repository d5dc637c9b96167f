/* virtio-console (VIRTIO 1.3 section 5.3). */
#include "layouts/layout.h"
#include "vcheck/dev/console.h"

static const struct vc_cfg_field fields[] = {
	/* Order as in 1.3 and 1.4-cs01. Linux and QEMU historically put rows
	 * first, and a post-1.4-cs01 spec change swaps them to match. */
	{ "cols", CONSOLE_CFG_COLS, 2, 2, VC_FA_RO, VC_FEAT(CONSOLE_F_SIZE), "1.3 5.3.4" },
	{ "rows", CONSOLE_CFG_ROWS, 2, 2, VC_FA_RO, VC_FEAT(CONSOLE_F_SIZE), "1.3 5.3.4" },
	{ "max_nr_ports", CONSOLE_CFG_MAX_NR_PORTS, 4, 4, VC_FA_RO, VC_FEAT(CONSOLE_F_MULTIPORT), "1.3 5.3.4" },
	{ "emerg_wr", CONSOLE_CFG_EMERG_WR, 4, 4, VC_FA_WO, VC_FEAT(CONSOLE_F_EMERG_WRITE), "1.3 5.3.4" },
};

static const struct vc_feature_name features[] = {
	{ CONSOLE_F_SIZE, "SIZE" }, { CONSOLE_F_MULTIPORT, "MULTIPORT" },
	{ CONSOLE_F_EMERG_WRITE, "EMERG_WRITE" },
};

VC_LAYOUT_REGISTER(console_layout, .device_id = 3, .name = "console", .spec = "1.3 5.3",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = features, .nfeatures = VC_ARRAY_SIZE(features));
