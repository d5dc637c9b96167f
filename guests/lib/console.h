#ifndef VC_CONSOLE_H
#define VC_CONSOLE_H
#include <stddef.h>
#include <stdint.h>
/* A PL011 at base, or (sbsa) the SBSA generic UART subset of one: no LCR_H,
 * TXFF polled before each byte. */
void console_use_pl011(uintptr_t base, int sbsa);
/* `what` names the channel for the start record (uart, semihosting,
 * xen-pv, xen-console-io). */
void console_use(void (*put)(char c), const char *what);
/* Records go to `write` a whole record at a time from here on (the byte
 * writer stays for console_getc's PL011). */
void console_use_text(void (*write)(const char *s, size_t n), const char *what);
const char *console_name(void);
void console_write(const char *s, size_t n);
/* Records that leave by semihosting leave no trace in an emulator's MMIO
 * log; with marking on (vcheck.marker, asked for by side-effect cells,
 * whose device trace is joined to the records), each record's sequence
 * number is first written to the PL011's IrDA low-power counter, a
 * register that only stores, so the trace shows where each record falls
 * with one access instead of one per byte. Only where records leave by
 * semihosting and a PL011 is there. */
void console_mark_records(int on);
void console_mark(uint32_t seq);
/* A byte the host sent down the console (PL011 receive FIFO), or -1 when
 * none is waiting (or the console cannot receive). */
int console_getc(void);
#endif
