/* virtio-rng, the entropy device (VIRTIO 1.3 section 5.4). */
#include <stddef.h>
#include "layouts/layout.h"

/* No device features and no device configuration space are defined. */
VC_LAYOUT_REGISTER(rng_layout, .device_id = 4, .name = "entropy", .spec = "1.3 5.4",
		  .fields = NULL, .nfields = 0,
		  .features = NULL, .nfeatures = 0);
