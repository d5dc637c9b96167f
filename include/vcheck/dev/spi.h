/* virtio-spi, the SPI controller device (VIRTIO 1.4 section 5.21; not in
 * 1.3): feature bits and config offsets, the one definition that layouts,
 * checks, side-effect code and the host all use. */
#ifndef VC_DEV_SPI_H
#define VC_DEV_SPI_H

/* config offsets, bytes */
enum {
	SPI_CFG_CS_MAX_NUMBER = 0, SPI_CFG_CS_CHANGE_SUPPORTED = 1, SPI_CFG_TX_NBITS_SUPPORTED = 2,
	SPI_CFG_RX_NBITS_SUPPORTED = 3, SPI_CFG_BITS_PER_WORD_MASK = 4,
	SPI_CFG_MODE_FUNC_SUPPORTED = 8, SPI_CFG_MAX_FREQ_HZ = 12, SPI_CFG_MAX_WORD_DELAY_NS = 16,
	SPI_CFG_MAX_CS_SETUP_NS = 20, SPI_CFG_MAX_CS_HOLD_NS = 24, SPI_CFG_MAX_CS_INACTIVE_NS = 28,
};

#endif
