/* virtio-balloon, traditional memory balloon (VIRTIO 1.3 section 5.5):
 * feature bits and config offsets, the one definition that layouts, checks,
 * side-effect code and the host all use. */
#ifndef VC_DEV_BALLOON_H
#define VC_DEV_BALLOON_H

/* feature bits */
enum {
	BALLOON_F_MUST_TELL_HOST = 0, BALLOON_F_STATS_VQ = 1, BALLOON_F_DEFLATE_ON_OOM = 2,
	BALLOON_F_FREE_PAGE_HINT = 3, BALLOON_F_PAGE_POISON = 4, BALLOON_F_PAGE_REPORTING = 5,
};

/* config offsets, bytes */
enum {
	BALLOON_CFG_NUM_PAGES = 0, BALLOON_CFG_ACTUAL = 4, BALLOON_CFG_FREE_PAGE_HINT_CMD_ID = 8,
	BALLOON_CFG_POISON_VAL = 12,
};

#endif
