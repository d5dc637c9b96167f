/* virtio-pmem (VIRTIO 1.3 section 5.19): feature bits and config offsets,
 * the one definition that layouts, checks, side-effect code and the host all
 * use. */
#ifndef VC_DEV_PMEM_H
#define VC_DEV_PMEM_H

/* feature bits */
enum {
	PMEM_F_SHMEM_REGION = 0,
};

/* config offsets, bytes */
enum {
	PMEM_CFG_START = 0, PMEM_CFG_SIZE = 8,
};

#endif
