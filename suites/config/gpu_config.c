/* virtio-gpu configuration and shared memory IDs (VIRTIO 1.2 5.7.4.1,
 * 5.7.5; the transports' shared memory registers 4.1.4.7, 4.2.2). */
#include "vcheck/dev/gpu.h"
#include "vcheck/virtio_ids.h"
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_pci.h"
#include "suites/config/cfg.h"

#define GPU_MAX_SCANOUTS 16
#define GPU_SHM_ID_LAST 1 /* VIRTIO_GPU_SHM_ID_HOST_VISIBLE */

VC_CHECK(gpu_num_scanouts, .id = "GPU-CFG-002", .title = "num_scanouts is between 1 and 16",
	 .spec = "1.2 5.7.4.1", .level = VC_MUST, .transports = VC_TR_ALL, .device_id = VIRTIO_ID_GPU)
{
	uint64_t n = vc_cfg(ctx, GPU_CFG_NUM_SCANOUTS, 4);
	vc_expect(ctx, n >= 1 && n <= GPU_MAX_SCANOUTS, "num_scanouts %llu", (unsigned long long)n);
}

/* Only region IDs 0 (undefined) and 1 (host visible) are allowed: on PCI
 * no shared memory capability names another, on virtio-mmio SHMLen reads
 * all ones (no region) for IDs 2 to 7. */
VC_CHECK(gpu_shm_ids, .id = "GPU-SHM-001",
	 .title = "Every shared memory region of a GPU has ID 0 or 1",
	 .spec = "1.2 5.7.5", .level = VC_MUST, .transports = VC_TR_MODERN, .device_id = VIRTIO_ID_GPU)
{
	struct vdev *d = ctx->d;
	if (d->pci) {
		for (unsigned i = 0; i < d->nvcaps; i++)
			if (d->vcaps[i].cfg_type == VIRTIO_PCI_CAP_SHARED_MEMORY_CFG)
				vc_expect(ctx, d->vcaps[i].id <= GPU_SHM_ID_LAST, "shared memory capability with ID %u",
					  d->vcaps[i].id);
		return;
	}
	for (uint32_t id = GPU_SHM_ID_LAST + 1; id < 8; id++) {
		d->ops->reg_write(d, VIRTIO_MMIO_SHM_SEL, 4, id);
		uint64_t lo = 0, hi = 0;
		d->ops->reg_read(d, VIRTIO_MMIO_SHM_LEN_LOW, 4, &lo);
		d->ops->reg_read(d, VIRTIO_MMIO_SHM_LEN_HIGH, 4, &hi);
		vc_expect(ctx, lo == 0xffffffffu && hi == 0xffffffffu, "region %u: SHMLen 0x%08llx%08llx", id,
			  (unsigned long long)hi, (unsigned long long)lo);
	}
}
