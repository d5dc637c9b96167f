/* virtio-spi, the SPI controller device (VIRTIO 1.4 section 5.21; not in 1.3). */
#include <stddef.h>
#include "layouts/layout.h"

/* No device features are defined. */
static const struct vc_cfg_field fields[] = {
	{ "cs_max_number", 0, 1, 1, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "cs_change_supported", 1, 1, 1, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "tx_nbits_supported", 2, 1, 1, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "rx_nbits_supported", 3, 1, 1, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "bits_per_word_mask", 4, 4, 4, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "mode_func_supported", 8, 4, 4, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "max_freq_hz", 12, 4, 4, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "max_word_delay_ns", 16, 4, 4, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "max_cs_setup_ns", 20, 4, 4, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "max_cs_hold_ns", 24, 4, 4, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "max_cs_inactive_ns", 28, 4, 4, VC_FA_RO, 0, "1.4 5.21.4" },
};

VC_LAYOUT_REGISTER(spi_layout, .device_id = 45, .name = "spi", .spec = "1.4 5.21",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = NULL, .nfeatures = 0);
