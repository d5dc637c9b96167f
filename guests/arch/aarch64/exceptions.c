/* Exception policy. A data abort raised by an armed probe access is expected
 * (the transport may refuse an access: Gunyah and Xen abort unhandled ones),
 * and so is an undefined instruction where one is probed for (semihosting's
 * trap where nobody serves it): it is recorded and the instruction is
 * skipped. Anything else ends the run through vc_fatal_exception, which
 * reports where it happened. */
#include <stdint.h>
#include "arch/cpu.h"
#include "arch/fault.h"

#define VEC_SYNC_CURRENT_SPX 4
#define ESR_EC(esr) (((esr) >> 26) & 0x3f)
#define EC_UNKNOWN 0x00 /* an undefined instruction */
#define EC_DABT_CURRENT 0x25
#define FRAME_ELR 31 /* index of ELR in the saved frame (x0..x30, elr, spsr) */

static volatile int armed;
static volatile unsigned armed_ec; /* the exception class the catcher takes */
static volatile int faulted;
static volatile uint64_t fault_esr;

static void arm_for(unsigned ec)
{
	faulted = 0;
	armed_ec = ec;
	armed = 1;
	asm volatile("" ::: "memory");
}

void vc_fault_arm(void) { arm_for(EC_DABT_CURRENT); }

void vc_fault_arm_undefined(void) { arm_for(EC_UNKNOWN); }

int vc_fault_disarm(uint64_t *esr)
{
	asm volatile("" ::: "memory");
	armed = 0;
	if (esr)
		*esr = fault_esr;
	return faulted;
}

void vc_exception(uint64_t kind, uint64_t *frame)
{
	uint64_t esr = read_sysreg(esr_el1);
	uint64_t far = read_sysreg(far_el1);
	if (armed && kind == VEC_SYNC_CURRENT_SPX && ESR_EC(esr) == armed_ec) {
		faulted = 1;
		fault_esr = esr;
		frame[FRAME_ELR] += 4; /* every probe is one 4-byte instruction */
		return;
	}
	vc_fatal_exception(kind, esr, frame[FRAME_ELR], far);
}
