/* virtio-gpu (VIRTIO 1.3 section 5.7): feature bits and config offsets, the
 * one definition that layouts, checks, side-effect code and the host all
 * use. */
#ifndef VC_DEV_GPU_H
#define VC_DEV_GPU_H

/* BLOB_ALIGNMENT (5) and blob_alignment were added in 1.4. */
/* feature bits */
enum {
	GPU_F_VIRGL = 0, GPU_F_EDID = 1, GPU_F_RESOURCE_UUID = 2, GPU_F_RESOURCE_BLOB = 3,
	GPU_F_CONTEXT_INIT = 4, GPU_F_BLOB_ALIGNMENT = 5,
};

/* config offsets, bytes */
enum {
	GPU_CFG_EVENTS_READ = 0, GPU_CFG_EVENTS_CLEAR = 4, GPU_CFG_NUM_SCANOUTS = 8,
	GPU_CFG_NUM_CAPSETS = 12, GPU_CFG_BLOB_ALIGNMENT = 16,
};

#endif
