#ifndef VC_ARCH_PSCI_H
#define VC_ARCH_PSCI_H
void psci_set_conduit(int smc);
void psci_system_off(void) __attribute__((noreturn));
#endif
