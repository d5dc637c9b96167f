#ifndef VC_ARCH_FAULT_H
#define VC_ARCH_FAULT_H
#include <stdint.h>
/* Arm the catcher around exactly one probe access. */
void vc_fault_arm(void);
/* The same around one instruction that may be undefined here. */
void vc_fault_arm_undefined(void);
/* Returns 1 when the access faulted; *esr gets the syndrome. */
int vc_fault_disarm(uint64_t *esr);
/* Provided by the runtime: report and end the run. Never returns. */
void vc_fatal_exception(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far)
	__attribute__((noreturn));
#endif
