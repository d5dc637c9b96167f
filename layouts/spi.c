/* virtio-spi, the SPI controller device (VIRTIO 1.4 section 5.21; not in 1.3). */
#include <stddef.h>
#include "layouts/layout.h"
#include "vcheck/dev/spi.h"

/* No device features are defined. */
static const struct vc_cfg_field fields[] = {
	{ "cs_max_number", SPI_CFG_CS_MAX_NUMBER, 1, 1, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "cs_change_supported", SPI_CFG_CS_CHANGE_SUPPORTED, 1, 1, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "tx_nbits_supported", SPI_CFG_TX_NBITS_SUPPORTED, 1, 1, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "rx_nbits_supported", SPI_CFG_RX_NBITS_SUPPORTED, 1, 1, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "bits_per_word_mask", SPI_CFG_BITS_PER_WORD_MASK, 4, 4, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "mode_func_supported", SPI_CFG_MODE_FUNC_SUPPORTED, 4, 4, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "max_freq_hz", SPI_CFG_MAX_FREQ_HZ, 4, 4, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "max_word_delay_ns", SPI_CFG_MAX_WORD_DELAY_NS, 4, 4, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "max_cs_setup_ns", SPI_CFG_MAX_CS_SETUP_NS, 4, 4, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "max_cs_hold_ns", SPI_CFG_MAX_CS_HOLD_NS, 4, 4, VC_FA_RO, 0, "1.4 5.21.4" },
	{ "max_cs_inactive_ns", SPI_CFG_MAX_CS_INACTIVE_NS, 4, 4, VC_FA_RO, 0, "1.4 5.21.4" },
};

VC_LAYOUT_REGISTER(spi_layout, .device_id = 45, .name = "spi", .spec = "1.4 5.21",
		  .fields = fields, .nfields = VC_ARRAY_SIZE(fields),
		  .features = NULL, .nfeatures = 0);
