#ifndef VC_ARCH_MMU_H
#define VC_ARCH_MMU_H
#include <stdint.h>
void mmu_init(uint64_t image_base, uint64_t image_size, uint64_t dtb);
void mmu_map_normal(uint64_t base, uint64_t size);
/* As mmu_map_normal at 2 MiB granularity, leaving the rest of the 1 GiB
 * block as it was (device memory): for memory a hypervisor shares among
 * MMIO windows. 0, or -1 when out of range or out of tables. */
int mmu_map_normal_fine(uint64_t base, uint64_t size);
#endif
