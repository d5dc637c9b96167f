/* The Gunyah-style personality's pieces, shared by its front (the page the
 * checks see) and its backend (the real device behind it). */
#ifndef VC_GUNYAH_H
#define VC_GUNYAH_H
#include <stdint.h>
#include "guests/lib/personality/gunyah_page.h"
#include "guests/lib/vdev.h"

#define GH_MAX_DEVS 24

struct gh_dev {
	struct gh_page page;
	struct vdev real;      /* the QEMU device, as the backend VM drives it */
	int driver_ok;         /* the backend has replayed DRIVER_OK on the device */
	uint64_t pending;      /* notifies held until then, as the backend driver does */
	uint64_t replayed;     /* queues set up on the device at DRIVER_OK */
	uint32_t fired;        /* rules since the runner last asked (bit per gh_rule) */
	uint32_t standing;     /* rules true of every check (a refused feature upload) */
	uint16_t fired_at[GH__RULES]; /* first register offset per fired rule */
};

/* Uploads the device's register image into the page (the backend's one-shot
 * config upload); -1 when the page cannot be configured. */
int gh_backend_setup(struct gh_dev *g);
/* The backend's turn at a guest wait point; 1 when the real device has
 * given up (DEVICE_NEEDS_RESET), which this backend never reports. */
int gh_backend_run(struct gh_dev *g);
void gh_note(struct gh_dev *g, enum gh_rule r, unsigned off);

#endif
