/* Hypervisor personalities: what stands between the checks and the real
 * QEMU device. "direct" is nothing. A personality that posts work to a
 * backend (Gunyah's page: the backend VM runs later, not inside the trapped
 * access) registers an idle function; it runs at the guest's wait points
 * (drv_expired), the moments a real backend would get a CPU while the guest
 * vCPU spins. */
#ifndef VC_PERSONALITY_H
#define VC_PERSONALITY_H

typedef void (*vc_idle_fn)(void);

/* Adds `fn` to what runs at every wait point; -1 when the table is full. */
int vc_personality_on_idle(vc_idle_fn fn);
void vc_personality_idle(void);

#endif
