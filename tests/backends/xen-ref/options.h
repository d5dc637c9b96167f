/* vcheck-xen-ref's command line (README.md has the table):
 *   vcheck-xen-ref --domid N --base ADDR --irq SPI [--mode honest|planted]
 *                  [--config-size N] [--tick-ms N] [--vcpus N] [--trace FILE]
 *                  [--no-access-platform] */
#ifndef XR_OPTIONS_H
#define XR_OPTIONS_H
#include <stdint.h>
#include <stdio.h>

#include "device.h"

/* Xen's first reserved domain ID (DOMID_FIRST_RESERVED): IDs below it
 * name domains. */
#define XR_DOMID_LIMIT 0x7ff0
/* GIC SPIs are interrupt IDs 32..1019; Xen's set_irq_level takes only
 * SPIs. libxl gives virtio-mmio devices 33 onwards. */
#define XR_SPI_FIRST 32
#define XR_SPI_LAST 1019
/* vCPUs whose ioreq slots fit the one shared page (4096 / 32 bytes). */
#define XR_VCPUS_MAX 128

struct xr_options {
	unsigned domid, irq;
	uint64_t base;
	unsigned vcpus; /* 0: ask Xen */
	const char *trace;
	int no_access_platform; /* offer VERSION_1 alone: a driver must then use guest-physical addresses */
	struct vu_device_opts dev;
};

/* 0: options in o; 1: --help was printed to out; -1: an unusable command
 * line, said on err with the usage. */
int xr_options_parse(int argc, char **argv, struct xr_options *o, FILE *out, FILE *err);
#endif
