/* The contract between the image's runtime and its program, as XTF's
 * test_main and kvm-unit-tests' main: the runtime (guests/) brings the
 * machine up, opens the record channel, reads the options and finds the
 * devices; it then hands them to the program and ends the run with the end
 * record when the program returns. The program (suites/main.c) is the only
 * code that knows what a run does; the runtime includes nothing of it. */
#ifndef VC_GUEST_PROGRAM_H
#define VC_GUEST_PROGRAM_H
#include <stdint.h>

struct vc_devices;
struct vc_options;

/* What the program's ranks and names mean, for the start record: the host
 * refuses records from a program other than the one it was built with. */
uint32_t vc_program_fingerprint(void);
/* Runs the program on every device found; returns how many checks applied
 * (the end record's count). */
unsigned vc_program_main(struct vc_devices *devices, const struct vc_options *opt);
#endif
