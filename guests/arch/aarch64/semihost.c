/* Arm semihosting on AArch64: HLT #0xF000 with the operation in w0 and its
 * parameter in x1. SYS_WRITE0 writes a NUL-terminated string to the debug
 * console, which QEMU hands to its chardev in one write. */
#include <stdint.h>
#include "vcheck/records.h"
#include "arch/fault.h"
#include "arch/semihost.h"
#include <string.h>

#define SEMIHOST_SYS_WRITE0 0x04
#define SEMIHOST_SYS_ERRNO 0x13

static uint64_t call(uint64_t op, const void *param)
{
	register uint64_t x0 __asm__("x0") = op;
	register const void *x1 __asm__("x1") = param;
	__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	return x0;
}

int semihost_present(void)
{
	/* SYS_ERRNO changes nothing; where semihosting is not served the
	 * trap instruction is undefined and the catcher skips it. */
	vc_fault_arm_undefined();
	call(SEMIHOST_SYS_ERRNO, 0);
	return !vc_fault_disarm(0);
}

void semihost_write(const char *s, size_t n)
{
	/* The caller's text is not NUL-terminated: copy it out, a record
	 * (which never holds a NUL byte) in one trap. */
	static char chunk[VC_RECORD_MAX_LINE + 1];
	while (n) {
		size_t k = n < sizeof(chunk) - 1 ? n : sizeof(chunk) - 1;
		memcpy(chunk, s, k);
		chunk[k] = 0;
		call(SEMIHOST_SYS_WRITE0, chunk);
		s += k, n -= k;
	}
}
