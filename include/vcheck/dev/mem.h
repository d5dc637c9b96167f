/* virtio-mem, the memory device (VIRTIO 1.3 section 5.15): feature bits and
 * config offsets, the one definition that layouts, checks, side-effect code
 * and the host all use. */
#ifndef VC_DEV_MEM_H
#define VC_DEV_MEM_H

/* PERSISTENT_SUSPEND (2) was added in 1.4. */
/* feature bits */
enum {
	MEM_F_ACPI_PXM = 0, MEM_F_UNPLUGGED_INACCESSIBLE = 1, MEM_F_PERSISTENT_SUSPEND = 2,
};

/* config offsets, bytes */
enum {
	MEM_CFG_BLOCK_SIZE = 0, MEM_CFG_NODE_ID = 8, MEM_CFG_ADDR = 16, MEM_CFG_REGION_SIZE = 24,
	MEM_CFG_USABLE_REGION_SIZE = 32, MEM_CFG_PLUGGED_SIZE = 40, MEM_CFG_REQUESTED_SIZE = 48,
};

#endif
