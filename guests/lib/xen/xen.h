/* Running as a Xen domU, found by the DT's "xen,xen" node: the console
 * when the DT has no UART, and the grant table that grant-DMA devices
 * (dma.h) need. Without the node every function here does nothing. */
#ifndef VC_XEN_H
#define VC_XEN_H
#include <stdint.h>
/* Reads the DT (no hypercall yet); 1 under Xen. */
int xen_detect(void);
/* The PV console ring, else console_io; -1 when not under Xen. */
int xen_console_start(void);
/* Maps the grant table and turns on grant DMA for the image's memory
 * [base, base + size); says in a log record what it found. */
void xen_start(uint64_t base, uint64_t size);
/* Ends every grant before power-off; logs grant counts and any page a
 * backend still had mapped (the device should have let go at reset). */
void xen_finish(void);
#endif
