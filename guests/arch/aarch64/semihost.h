/* Arm semihosting (the "Semihosting for AArch32 and AArch64" ABI): a debug
 * channel a debugger or an emulator serves. Only ever used when the host
 * says it is there (vcheck.console=semihosting): on a hypervisor that does
 * not serve it the trap instruction is undefined. */
#ifndef VC_SEMIHOST_H
#define VC_SEMIHOST_H
#include <stddef.h>
/* 1 when a semihosting call is served here (probed with one that changes
 * nothing, its undefined-instruction exception caught where it is not). */
int semihost_present(void);
/* Writes n bytes to the host's debug console: one trap per call (a few
 * hundred bytes), where a UART costs one trap per byte. */
void semihost_write(const char *s, size_t n);
#endif
