/* Records into the host's ring (vcheck/ring.h): no exit per record where
 * semihosting is not served (KVM). Only where the host asks for it. */
#ifndef VC_RING_CONSOLE_H
#define VC_RING_CONSOLE_H
#include <stdint.h>
/* Starts the ring at addr when it lies in RAM the DT describes, clear of
 * the image [image, image + image_size); records then go there. 0, or -1
 * when it cannot (the records stay where they were). */
int ring_console_start(uint64_t addr, uintptr_t image, uint64_t image_size);
#endif
