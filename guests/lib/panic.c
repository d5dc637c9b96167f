/* The two ways a run ends without its end record: a panic the runtime or
 * the program calls, and an exception nothing caught (from the vectors). */
#include <stdint.h>
#include "arch/fault.h"
#include "arch/psci.h"
#include "guests/lib/panic.h"
#include "guests/lib/record.h"

extern char _head[];

/* A panic is not a finished run: no end record, so the host calls it CRASH
 * and shows this message as the cause. */
void vc_panic(const char *why)
{
	rec_log("panic: %s", why);
	psci_system_off();
}

void vc_fatal_exception(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far)
{
	/* No end record: the host reports the run as CRASH with this as cause. */
	rec_begin("exc");
	rec_u64("type", kind);
	rec_hex("esr", esr);
	rec_hex("elr", elr - (uint64_t)(uintptr_t)_head);
	rec_hex("far", far);
	rec_end();
	psci_system_off();
}
