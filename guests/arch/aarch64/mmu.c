/* Identity map with 1 GiB blocks over the first 1 TiB of physical space:
 * everything device-nGnRE (execute-never) unless it holds RAM, which is
 * normal write-back. The first map covers only the image and the DTB so that
 * libfdt (built for normal memory: unaligned loads) can run; the DT's memory
 * nodes are added afterwards. */
#include <stdint.h>
#include "arch/cpu.h"
#include "arch/mmu.h"

#define BLOCK_SHIFT 30
#define L1_TABLES 2 /* 2 x 512 GiB */
#define DESC_TABLE 0x3ull
#define DESC_BLOCK 0x1ull
#define OA_MASK 0x0000fffffffff000ull /* output address bits of a descriptor */
#define ATTR_IDX(n) ((uint64_t)(n) << 2)
#define SH_INNER (3ull << 8)
#define AF (1ull << 10)
#define PXN (1ull << 53)
#define UXN (1ull << 54)
#define MAIR_DEVICE_nGnRE 0x04ull
#define MAIR_NORMAL_WB 0xffull
#define DEVICE_BLOCK (DESC_BLOCK | ATTR_IDX(0) | AF | PXN | UXN)
#define NORMAL_BLOCK (DESC_BLOCK | ATTR_IDX(1) | AF | SH_INNER)

static uint64_t l0[512] __attribute__((aligned(4096)));
static uint64_t l1[L1_TABLES][512] __attribute__((aligned(4096)));
/* 2 MiB-level tables for the few 1 GiB blocks that hold both devices and
 * memory shared with a hypervisor (Xen's grant frames and console ring sit
 * among the MMIO windows below 1 GiB). */
#define L2_TABLES 2
#define L2_SHIFT 21
static uint64_t l2[L2_TABLES][512] __attribute__((aligned(4096)));
static unsigned l2_used;

static void tables_clean(void)
{
	for (uintptr_t p = (uintptr_t)l0; p < (uintptr_t)l0 + sizeof(l0); p += 64)
		asm volatile("dc civac, %0" : : "r"(p) : "memory");
	for (uintptr_t p = (uintptr_t)l1; p < (uintptr_t)l1 + sizeof(l1); p += 64)
		asm volatile("dc civac, %0" : : "r"(p) : "memory");
	for (uintptr_t p = (uintptr_t)l2; p < (uintptr_t)l2 + l2_used * sizeof(l2[0]); p += 64)
		asm volatile("dc civac, %0" : : "r"(p) : "memory");
	dsb(ish);
}

static void tlb_sync(void)
{
	tables_clean();
	asm volatile("tlbi vmalle1" ::: "memory");
	dsb(ish);
	isb();
}

void mmu_map_normal(uint64_t base, uint64_t size)
{
	uint64_t limit = (uint64_t)L1_TABLES * 512 << BLOCK_SHIFT;
	if (size == 0 || base >= limit)
		return;
	uint64_t end = base + size > limit ? limit : base + size;
	for (uint64_t b = base >> BLOCK_SHIFT; b <= (end - 1) >> BLOCK_SHIFT; b++)
		l1[b / 512][b % 512] = (b << BLOCK_SHIFT) | NORMAL_BLOCK;
	tlb_sync();
}

/* The 2 MiB table under 1 GiB block b, made on first use with the block's
 * attributes, break-before-make (the block is invalid while it changes;
 * nothing in it is touched meanwhile: image and stack are in RAM). */
static uint64_t *l2_of(uint64_t b)
{
	uint64_t *e = &l1[b / 512][b % 512];
	if ((*e & 3) == DESC_TABLE)
		return (uint64_t *)(uintptr_t)(*e & OA_MASK);
	if (l2_used == L2_TABLES)
		return 0;
	uint64_t *t = l2[l2_used++];
	uint64_t attrs = *e & ~OA_MASK; /* block and page descriptors share them */
	for (unsigned i = 0; i < 512; i++)
		t[i] = (b << BLOCK_SHIFT) + ((uint64_t)i << L2_SHIFT) + attrs;
	*e = 0;
	tlb_sync();
	*e = (uint64_t)(uintptr_t)t | DESC_TABLE;
	tlb_sync();
	return t;
}

int mmu_map_normal_fine(uint64_t base, uint64_t size)
{
	uint64_t limit = (uint64_t)L1_TABLES * 512 << BLOCK_SHIFT;
	if (size == 0 || base + size > limit || base + size < base)
		return -1;
	for (uint64_t m = base >> L2_SHIFT; m <= (base + size - 1) >> L2_SHIFT; m++) {
		uint64_t b = m >> (BLOCK_SHIFT - L2_SHIFT);
		if ((l1[b / 512][b % 512] & 3) == DESC_BLOCK &&
		    (l1[b / 512][b % 512] & ATTR_IDX(7)) == ATTR_IDX(1))
			continue; /* already normal memory */
		uint64_t *t = l2_of(b);
		if (!t)
			return -1;
		t[m % 512] = (m << L2_SHIFT) | NORMAL_BLOCK;
	}
	tlb_sync();
	return 0;
}

static uint64_t ips_bits(void)
{
	uint64_t parange = read_sysreg(id_aa64mmfr0_el1) & 0xf;
	return parange > 5 ? 5 : parange; /* 48 bits is all a 4-level walk needs */
}

void mmu_init(uint64_t image_base, uint64_t image_size, uint64_t dtb)
{
	for (unsigned t = 0; t < L1_TABLES; t++) {
		l0[t] = (uint64_t)(uintptr_t)l1[t] | DESC_TABLE;
		for (unsigned i = 0; i < 512; i++)
			l1[t][i] = ((uint64_t)(t * 512 + i) << BLOCK_SHIFT) | DEVICE_BLOCK;
	}
	mmu_map_normal(image_base, image_size);
	mmu_map_normal(dtb, 2u << 20);

	write_sysreg(mair_el1, MAIR_DEVICE_nGnRE | (MAIR_NORMAL_WB << 8));
	uint64_t tcr = 16 /* T0SZ: 48-bit VA */ | (1ull << 8) /* IRGN0 WB */ |
		       (1ull << 10) /* ORGN0 WB */ | (3ull << 12) /* SH0 inner */ |
		       (1ull << 23) /* EPD1: no TTBR1 walks */ | (ips_bits() << 32);
	write_sysreg(tcr_el1, tcr);
	write_sysreg(ttbr0_el1, (uint64_t)(uintptr_t)l0);
	isb();
	asm volatile("tlbi vmalle1" ::: "memory");
	dsb(ish);
	isb();
	uint64_t sctlr = read_sysreg(sctlr_el1);
	sctlr |= (1u << 0) | (1u << 2) | (1u << 12); /* M, C, I */
	sctlr &= ~(1ull << 1);                       /* A: libfdt loads unaligned */
	write_sysreg(sctlr_el1, sctlr);
	isb();
}
