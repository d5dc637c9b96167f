/* System registers and timing the runtime needs, behind small helpers. */
#ifndef VC_ARCH_CPU_H
#define VC_ARCH_CPU_H

#include <stdint.h>

#define read_sysreg(r) ({ uint64_t _v; asm volatile("mrs %0, " #r : "=r"(_v)); _v; })
#define write_sysreg(r, v) asm volatile("msr " #r ", %0" : : "r"((uint64_t)(v)))
#define isb() asm volatile("isb" ::: "memory")
#define dsb(opt) asm volatile("dsb " #opt ::: "memory")

static inline uint64_t cpu_ticks(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

static inline uint64_t cpu_ticks_per_sec(void)
{
	return read_sysreg(cntfrq_el0);
}

static inline void cpu_relax(void) { asm volatile("yield" ::: "memory"); }

#define VC_ARCH_NAME "aarch64"

#endif
