/* Power-off through PSCI SYSTEM_OFF, using the conduit the DT names. */
#include <stdint.h>
#include "arch/psci.h"

#define PSCI_SYSTEM_OFF 0x84000008u

static int use_smc;

void psci_set_conduit(int smc) { use_smc = smc; }

void psci_system_off(void)
{
	register uint64_t x0 asm("x0") = PSCI_SYSTEM_OFF;
	if (use_smc)
		asm volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	else
		asm volatile("hvc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	for (;;)
		asm volatile("wfi");
}
