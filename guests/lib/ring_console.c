/* The image's side of the record ring (vcheck/ring.h). */
#include <stddef.h>
#include "guests/lib/ring_console.h"
#include "guests/lib/console.h"
#include "guests/lib/dt.h"
#include "arch/cpu.h"
#include "arch/io.h"
#include "vcheck/ring.h"

static volatile struct vc_ring_header *ring;
static volatile char *data;
static uint64_t in_ram_addr;
static int in_ram;

static void check_in_ram(uint64_t base, uint64_t size)
{
	if (in_ram_addr >= base && in_ram_addr - base <= size && size - (in_ram_addr - base) >= VC_RING_BYTES)
		in_ram = 1;
}

/* A host that stops taking bytes for this long has gone: the rest of the
 * record is dropped (the host sees the gap in the sequence numbers), so a
 * lost host never hangs the image. */
#define RING_WAIT_SECONDS 5

static int wait_for_room(uint64_t head, size_t n)
{
	uint64_t start = cpu_ticks(), limit = cpu_ticks_per_sec() * RING_WAIT_SECONDS;
	while (head + n - ring->tail > ring->size) {
		if (cpu_ticks() - start > limit)
			return -1;
		cpu_relax();
	}
	io_rmb(); /* the host took those bytes before we reuse their place */
	return 0;
}

static void ring_write(const char *s, size_t n)
{
	uint64_t head = ring->head;
	while (n) {
		size_t chunk = n < ring->size / 2 ? n : ring->size / 2;
		if (wait_for_room(head, chunk))
			return;
		for (size_t i = 0; i < chunk; i++)
			data[(head + i) % ring->size] = s[i];
		io_wmb(); /* the bytes before the head that shows them */
		head += chunk;
		ring->head = head;
		s += chunk, n -= chunk;
	}
}

int ring_console_start(uint64_t addr, uintptr_t image, uint64_t image_size)
{
	in_ram_addr = addr, in_ram = 0;
	dt_for_each_memory(check_in_ram);
	if (!in_ram || (addr & 4095) || (addr < image + image_size && image < addr + VC_RING_BYTES))
		return -1;
	ring = (volatile struct vc_ring_header *)(uintptr_t)addr;
	data = (volatile char *)(uintptr_t)(addr + sizeof(struct vc_ring_header));
	ring->magic = 0;
	ring->size = VC_RING_DATA_BYTES;
	ring->head = 0;
	ring->tail = 0;
	io_wmb();
	ring->magic = VC_RING_MAGIC;
	console_use_text(ring_write, "ring");
	return 0;
}
