/* The record ring: where the image's records go under a hypervisor that
 * serves no semihosting (KVM), so that they cost no exit at all. The host
 * gives the image a stretch of its own RAM (vcheck.ring=ADDR) that the
 * host can read from its side too (the cell's RAM is a shared file), and
 * the image writes its record lines there instead of byte by byte to a
 * UART. One definition for both sides.
 *
 * Layout at ADDR: the header, then `size` bytes of data used as a ring.
 * `head` counts every byte the image has written, `tail` every byte the
 * host has taken; byte n is at data[n % size]. The image writes its bytes,
 * then (after a store barrier) the new head; it waits while head - tail
 * would pass size. The host reads head, then the bytes (after a load
 * barrier), then stores the new tail. The image writes `magic` last of
 * the header, once size, head and tail are set. */
#ifndef VCHECK_RING_H
#define VCHECK_RING_H
#include <stdint.h>

#define VC_RING_MAGIC 0x676e6972u /* "ring" */
/* Header and data together: the stretch of RAM the host sets aside. */
#define VC_RING_BYTES (1u << 20)

struct vc_ring_header {
	uint32_t magic;
	uint32_t size;  /* data bytes after the header */
	uint64_t head;  /* written by the image */
	uint64_t tail;  /* written by the host */
	uint64_t reserved[5];
};

#define VC_RING_DATA_BYTES (VC_RING_BYTES - (uint32_t)sizeof(struct vc_ring_header))

#endif
