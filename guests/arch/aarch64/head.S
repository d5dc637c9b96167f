/* Entry as an arm64 Linux Image (Documentation/arch/arm64/booting.rst):
 * x0 holds the DTB address, MMU off, any 2 MiB-aligned base. The image is
 * linked at 0 as a PIE and relocates itself, so any loader (QEMU -kernel,
 * Xen, Gunyah's resource manager, crosvm, cloud-hypervisor) can place it. */

#define HCR_EL2_RW (1 << 31)
#define SPSR_EL1H_MASKED 0x3c5 /* D, A, I, F masked; EL1 with SP_EL1 */
#define R_AARCH64_RELATIVE 1027

	.section .head, "ax"
	.global _head
_head:
	b	start			/* code0 */
	.long	0			/* code1 */
	.quad	0			/* text_offset */
	.quad	_image_end - _head	/* image_size: non-zero so text_offset counts */
	.quad	0xa			/* flags: LE, 4K pages, anywhere in RAM */
	.quad	0, 0, 0			/* reserved */
	.ascii	"ARM\x64"		/* magic */
	.long	0			/* PE header offset: none */

	.text
start:
	mov	x19, x0			/* DTB */
	adr	x20, _head		/* where we were loaded */
	mrs	x1, CurrentEL
	lsr	x1, x1, #2
	mov	x21, x1			/* entry EL, reported in the start record */
	cmp	x1, #2
	b.ne	at_el1
	/* From EL2: AArch64 EL1, no traps of FP/SIMD, timers usable, then eret. */
	mov	x2, #HCR_EL2_RW
	msr	hcr_el2, x2
	mov	x2, #0x33ff
	msr	cptr_el2, x2
	mrs	x2, cnthctl_el2
	orr	x2, x2, #3
	msr	cnthctl_el2, x2
	msr	cntvoff_el2, xzr
	msr	vttbr_el2, xzr
	mov	x2, #0x0800
	movk	x2, #0x30d0, lsl #16	/* SCTLR_EL1 RES1 bits, MMU and caches off */
	msr	sctlr_el1, x2
	mov	x2, #SPSR_EL1H_MASKED
	msr	spsr_el2, x2
	adr	x2, at_el1
	msr	elr_el2, x2
	isb
	eret

at_el1:
	/* FP/SIMD on: libfdt from Debian is built for the general ABI. */
	mov	x2, #(3 << 20)
	msr	cpacr_el1, x2
	isb
	adrp	x2, _stack_top
	add	x2, x2, :lo12:_stack_top
	mov	sp, x2

	/* Zero .bss. */
	adrp	x2, _bss_start
	add	x2, x2, :lo12:_bss_start
	adrp	x3, _bss_end
	add	x3, x3, :lo12:_bss_end
1:	cmp	x2, x3
	b.hs	2f
	str	xzr, [x2], #8
	b	1b
2:
	/* Apply R_AARCH64_RELATIVE relocations against the load address. */
	adrp	x2, _rela_start
	add	x2, x2, :lo12:_rela_start
	adrp	x3, _rela_end
	add	x3, x3, :lo12:_rela_end
3:	cmp	x2, x3
	b.hs	4f
	ldp	x4, x5, [x2], #16	/* r_offset, r_info */
	ldr	x6, [x2], #8		/* r_addend */
	cmp	x5, #R_AARCH64_RELATIVE
	b.ne	3b
	add	x6, x6, x20
	str	x6, [x4, x20]
	b	3b
4:
	adrp	x2, vc_vectors
	add	x2, x2, :lo12:vc_vectors
	msr	vbar_el1, x2
	isb
	mov	x0, x19
	mov	x1, x20
	mov	x2, x21
	bl	vc_boot
5:	wfi
	b	5b
