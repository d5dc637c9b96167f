/* The arm64 Xen hypercall instruction (lib/xen_hcall.h marshals the calls). */
#ifndef VC_ARCH_XEN_HVC_H
#define VC_ARCH_XEN_HVC_H
#include <stdint.h>
int64_t arch_xen_hypercall(unsigned op, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4);
#endif
