/* virtio-input (VIRTIO 1.3 section 5.8). */
#include <stddef.h>
#include "layouts/layout.h"
#include "vcheck/dev/input.h"

/* No device features are defined. */
static const struct vc_cfg_field fields[] = {
	/* The driver selects what u holds by writing select and subsel. */
	{ "select", INPUT_CFG_SELECT, 1, 1, VC_FA_RW, 0, "1.3 5.8.4" },
	{ "subsel", INPUT_CFG_SUBSEL, 1, 1, VC_FA_RW, 0, "1.3 5.8.4" },
	{ "size", INPUT_CFG_SIZE, 1, 1, VC_FA_RO, 0, "1.3 5.8.4" },
	/* Union of string, bitmap, abs and ids; its layout depends on select. */
	{ "u", INPUT_CFG_U, 128, 1, VC_FA_RO, 0, "1.3 5.8.4" },
};

VC_LAYOUT_REGISTER(input_layout, .device_id = 18, .name = "input", .spec = "1.3 5.8",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = NULL, .nfeatures = 0);
