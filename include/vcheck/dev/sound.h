/* virtio-sound (VIRTIO 1.3 section 5.14): feature bits and config offsets,
 * the one definition that layouts, checks, side-effect code and the host all
 * use. */
#ifndef VC_DEV_SOUND_H
#define VC_DEV_SOUND_H

/* feature bits */
enum {
	SND_F_CTLS = 0,
};

/* config offsets, bytes */
enum {
	SND_CFG_JACKS = 0, SND_CFG_STREAMS = 4, SND_CFG_CHMAPS = 8, SND_CFG_CONTROLS = 12,
};

#endif
