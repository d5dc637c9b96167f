/* Per-device-type config layouts: one file per virtio device type in this
 * folder registers a struct vc_layout. Compiled into both the guest image
 * (to size and walk config space) and the host (to name fields in results
 * and reports), so a layout is written exactly once. */
#ifndef VC_LAYOUT_H
#define VC_LAYOUT_H
#include <stdint.h>

/* Access the spec declares for a field (driver's view). */
enum vc_field_access { VC_FA_RO, VC_FA_RW, VC_FA_WO };

#define VC_FEAT(bit) (1ull << (bit))

struct vc_cfg_field {
	const char *name;
	uint16_t offset;
	uint16_t size;      /* bytes */
	uint8_t width;      /* natural access width: 1, 2, 4 or 8; byte arrays use 1 */
	uint8_t access;     /* enum vc_field_access */
	uint64_t features;  /* present if any of these device features is offered; 0: always */
	const char *spec;   /* "1.3 5.2.4": spec version and section that defines it */
};

struct vc_feature_name {
	uint8_t bit;
	const char *name;
};

/* "Feature `bit` requires one of `requires`" from the device's feature list:
 * a device must not offer it without them, and should refuse a driver that
 * accepts it without them (VIRTIO 1.2 2.2.2). */
struct vc_feature_dep {
	uint8_t bit;
	uint64_t requires; /* any of these */
};

struct vc_layout {
	uint32_t device_id;
	const char *name;   /* short type name, as in vcheck/virtio_ids.h */
	const char *spec;   /* device chapter, e.g. "1.3 5.2" */
	const struct vc_cfg_field *fields;
	unsigned nfields;
	const struct vc_feature_name *features;
	unsigned nfeatures;
	const struct vc_feature_dep *deps;
	unsigned ndeps;
	/* Features a driver accepts whenever offered, because the device may
	 * refuse to work without them (virtio-mem UNPLUGGED_INACCESSIBLE). */
	uint64_t driver_accepts;
	/* Config whose length is in the config itself (9p tag_len): given the
	 * static size and the first bytes, the real size. NULL: static. */
	unsigned (*dynamic_size)(unsigned static_size, const uint8_t *head);
};

#define VC_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Registration: the linker collects every layout into one section. */
#define VC_LAYOUT_REGISTER(ident, ...)                                        \
	static const struct vc_layout ident                                   \
		__attribute__((used, section("vcheck_layouts"), aligned(8))) = \
			{ __VA_ARGS__ }

const struct vc_layout *vc_layout_find(uint32_t device_id);
/* Iteration over all registered probes. */
const struct vc_layout *vc_layout_first(void);
const struct vc_layout *vc_layout_next(const struct vc_layout *p);
/* Bytes of config space the layout defines for a device offering `features`
 * (the end of the last field that is present). 0 for an unknown type. */
unsigned vc_layout_config_size(const struct vc_layout *p, uint64_t features);
const struct vc_cfg_field *vc_layout_field_at(const struct vc_layout *p, unsigned offset);

#endif
