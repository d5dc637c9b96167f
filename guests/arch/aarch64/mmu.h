#ifndef VC_ARCH_MMU_H
#define VC_ARCH_MMU_H
#include <stdint.h>
void mmu_init(uint64_t image_base, uint64_t image_size, uint64_t dtb);
void mmu_map_normal(uint64_t base, uint64_t size);
#endif
