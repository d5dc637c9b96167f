/* The contents of every disk image a run creates, so the guest can check
 * what a block read returned without the host telling it. */
#ifndef VCHECK_BLK_PATTERN_H
#define VCHECK_BLK_PATTERN_H
#include <stdint.h>

#define VC_BLK_SECTOR 512u

static inline uint8_t vc_blk_pattern_byte(uint64_t sector, unsigned offset)
{
	return (uint8_t)((sector * 131u + offset * 7u + (offset >> 8)) ^ 0x5a);
}

#endif
