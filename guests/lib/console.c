/* The console the records travel on. Backends register a byte writer (the
 * PL011 one is found through /chosen/stdout-path) or a writer of whole
 * records (semihosting, when the host asks for it). */
#include <stdint.h>
#include "guests/lib/console.h"
#include "arch/io.h"

#define PL011_DR 0x00
#define PL011_FR 0x18
#define PL011_ILPR 0x20 /* IrDA low-power counter: stores, does nothing else */
#define PL011_LCR_H 0x2c
#define PL011_FR_TXFE (1u << 7)
#define PL011_FR_TXFF (1u << 5)
#define PL011_FR_RXFE (1u << 4)
#define PL011_LCR_H_FEN (1u << 4)
#define PL011_FIFO_DEPTH 16 /* the smallest PL011/SBSA transmit FIFO */

static uintptr_t pl011_base;
static void (*write_byte)(char c);
static void (*write_text)(const char *s, size_t n);
static const char *name = "none";

static unsigned fifo_room;
static int marking;

/* One status read per FIFO-full of bytes instead of one per byte: under a
 * hypervisor every register access is a trap, and the records are most of
 * what the image writes. */
static void pl011_put(char c)
{
	if (!fifo_room) {
		while (!(raw_read32(pl011_base + PL011_FR, 0) & PL011_FR_TXFE))
			;
		fifo_room = PL011_FIFO_DEPTH;
	}
	raw_write32(pl011_base + PL011_DR, (uint8_t)c);
	fifo_room--;
}

/* The SBSA generic UART is the PL011 subset a hypervisor emulates (Xen's
 * vPL011): no line control register to turn the FIFO on (Xen 4.17 faults
 * an access to LCR_H), and TXFE is not promised (4.17 never sets it again
 * after a write), so each byte waits only for room: TXFF clear. */
static void sbsa_put(char c)
{
	while (raw_read32(pl011_base + PL011_FR, 0) & PL011_FR_TXFF)
		;
	raw_write32(pl011_base + PL011_DR, (uint8_t)c);
}

void console_use_pl011(uintptr_t base, int sbsa)
{
	pl011_base = base;
	if (sbsa) {
		console_use(sbsa_put, "uart");
		return;
	}
	uint32_t lcr = raw_read32(base + PL011_LCR_H, 0);
	raw_write32(base + PL011_LCR_H, lcr | PL011_LCR_H_FEN);
	console_use(pl011_put, "uart");
}

void console_use(void (*put)(char c), const char *what) { write_byte = put, write_text = 0, name = what; }

void console_use_text(void (*write)(const char *s, size_t n), const char *what) { write_text = write, name = what; }

const char *console_name(void) { return name; }

int console_getc(void)
{
	if (!pl011_base || (raw_read32(pl011_base + PL011_FR, 0) & PL011_FR_RXFE))
		return -1;
	return (int)(raw_read32(pl011_base + PL011_DR, 0) & 0xff);
}

void console_mark_records(int on) { marking = on && pl011_base && write_text; }

void console_mark(uint32_t seq)
{
	if (marking)
		raw_write32(pl011_base + PL011_ILPR, seq);
}

void console_write(const char *s, size_t n)
{
	if (write_text) {
		write_text(s, n);
		return;
	}
	if (!write_byte)
		return;
	for (size_t i = 0; i < n; i++)
		write_byte(s[i]);
}
