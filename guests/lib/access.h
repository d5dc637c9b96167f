/* Register accesses that may fault: a refusal by the transport is a result. */
#ifndef VC_ACCESS_H
#define VC_ACCESS_H
#include <stdint.h>

enum { VC_ACC_OK = 0, VC_ACC_FAULT = 1, VC_ACC_BADWIDTH = 2 };

int vc_io_read(uintptr_t addr, unsigned width, uint64_t *val);
int vc_io_write(uintptr_t addr, unsigned width, uint64_t val);

#endif
