#ifndef VC_CONSOLE_H
#define VC_CONSOLE_H
#include <stddef.h>
#include <stdint.h>
void console_use_pl011(uintptr_t base);
void console_use(void (*put)(char c));
int console_ready(void);
void console_write(const char *s, size_t n);
/* A byte the host sent down the console (PL011 receive FIFO), or -1 when
 * none is waiting (or the console cannot receive). */
int console_getc(void);
#endif
