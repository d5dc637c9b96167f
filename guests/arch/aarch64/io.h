/* MMIO as single loads and stores of the access width, base register only,
 * no writeback and no pairs: the only forms whose aborts carry a valid
 * syndrome (ESR ISV=1), so KVM, Xen and Gunyah can decode and emulate them. */
#ifndef VC_ARCH_IO_H
#define VC_ARCH_IO_H

#include <stdint.h>

static inline uint8_t raw_read8(uintptr_t a, uint8_t v)
{
	asm volatile("ldrb %w0, [%1]" : "+r"(v) : "r"(a) : "memory");
	return v;
}
static inline uint16_t raw_read16(uintptr_t a, uint16_t v)
{
	asm volatile("ldrh %w0, [%1]" : "+r"(v) : "r"(a) : "memory");
	return v;
}
static inline uint32_t raw_read32(uintptr_t a, uint32_t v)
{
	asm volatile("ldr %w0, [%1]" : "+r"(v) : "r"(a) : "memory");
	return v;
}
static inline uint64_t raw_read64(uintptr_t a, uint64_t v)
{
	asm volatile("ldr %0, [%1]" : "+r"(v) : "r"(a) : "memory");
	return v;
}
static inline void raw_write8(uintptr_t a, uint8_t v)
{
	asm volatile("strb %w0, [%1]" : : "r"(v), "r"(a) : "memory");
}
static inline void raw_write16(uintptr_t a, uint16_t v)
{
	asm volatile("strh %w0, [%1]" : : "r"(v), "r"(a) : "memory");
}
static inline void raw_write32(uintptr_t a, uint32_t v)
{
	asm volatile("str %w0, [%1]" : : "r"(v), "r"(a) : "memory");
}
static inline void raw_write64(uintptr_t a, uint64_t v)
{
	asm volatile("str %0, [%1]" : : "r"(v), "r"(a) : "memory");
}

/* Device memory is ordered against itself; these order it against RAM
 * (virtqueue contents written before a notify, used ring read after). */
static inline void io_wmb(void) { asm volatile("dmb oshst" ::: "memory"); }
static inline void io_rmb(void) { asm volatile("dmb oshld" ::: "memory"); }
static inline void io_mb(void) { asm volatile("dmb osh" ::: "memory"); }

#endif
