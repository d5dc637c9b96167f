/* The console the records travel on. Backends register a byte writer; the
 * PL011 one is found through /chosen/stdout-path. */
#include <stdint.h>
#include "console.h"
#include "io.h"

#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_FR_TXFF (1u << 5)

static uintptr_t pl011_base;
static void (*write_byte)(char c);

static void pl011_put(char c)
{
	while (raw_read32(pl011_base + PL011_FR, 0) & PL011_FR_TXFF)
		;
	raw_write32(pl011_base + PL011_DR, (uint8_t)c);
}

void console_use_pl011(uintptr_t base)
{
	pl011_base = base;
	write_byte = pl011_put;
}

void console_use(void (*put)(char c)) { write_byte = put; }

int console_ready(void) { return write_byte != 0; }

void console_write(const char *s, size_t n)
{
	if (!write_byte)
		return;
	for (size_t i = 0; i < n; i++)
		write_byte(s[i]);
}
