/* arm64 Xen hypercall ABI (xen/include/public/arch-arm.h): HVC with the
 * immediate XEN_HYPERCALL_TAG, the number in x16, arguments in x0..x4, the
 * result in x0. Xen may clobber x16 and the argument registers. */
#include "guests/lib/xen/abi.h"
#include "arch/xen_hvc.h"

#define STR(x) #x
#define XSTR(x) STR(x)

int64_t arch_xen_hypercall(unsigned op, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4)
{
	register uint64_t x0 asm("x0") = a0;
	register uint64_t x1 asm("x1") = a1;
	register uint64_t x2 asm("x2") = a2;
	register uint64_t x3 asm("x3") = a3;
	register uint64_t x4 asm("x4") = a4;
	register uint64_t x16 asm("x16") = op;
	asm volatile("hvc #" XSTR(XEN_HYPERCALL_TAG)
		     : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3), "+r"(x4), "+r"(x16)
		     :
		     : "memory");
	return (int64_t)x0;
}
