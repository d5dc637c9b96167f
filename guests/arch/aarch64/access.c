/* Probe accesses: one instruction each, a fault caught and returned. */
#include "guests/lib/access.h"
#include "arch/fault.h"
#include "arch/io.h"

int vc_io_read(uintptr_t addr, unsigned width, uint64_t *val)
{
	uint64_t esr, v = ~0ull;
	vc_fault_arm();
	switch (width) {
	case 1: v = raw_read8(addr, 0xff); break;
	case 2: v = raw_read16(addr, 0xffff); break;
	case 4: v = raw_read32(addr, 0xffffffffu); break;
	case 8: v = raw_read64(addr, ~0ull); break;
	default: vc_fault_disarm(&esr); return VC_ACC_BADWIDTH;
	}
	int f = vc_fault_disarm(&esr);
	*val = v;
	return f ? VC_ACC_FAULT : VC_ACC_OK;
}

int vc_io_write(uintptr_t addr, unsigned width, uint64_t val)
{
	uint64_t esr;
	vc_fault_arm();
	switch (width) {
	case 1: raw_write8(addr, (uint8_t)val); break;
	case 2: raw_write16(addr, (uint16_t)val); break;
	case 4: raw_write32(addr, (uint32_t)val); break;
	case 8: raw_write64(addr, val); break;
	default: vc_fault_disarm(&esr); return VC_ACC_BADWIDTH;
	}
	return vc_fault_disarm(&esr) ? VC_ACC_FAULT : VC_ACC_OK;
}
