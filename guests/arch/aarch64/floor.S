/* The benchmark floor: an arm64 Image that powers off at once (PSCI
 * SYSTEM_OFF over hvc, QEMU virt's conduit at EL1). Its boot time is what
 * every vcheck cell pays before doing any work. */
	.section .head, "ax"
	.global _head
_head:
	b	1f
	.long	0
	.quad	0
	.quad	_image_end - _head
	.quad	0xa
	.quad	0, 0, 0
	.ascii	"ARM\x64"
	.long	0
1:	movz	x0, #0x0008
	movk	x0, #0x8400, lsl #16
	hvc	#0
2:	wfi
	b	2b
	.balign 16
_image_end:
