/* The layout registry: walks the vcheck_layouts section the linker built. */
#include <stddef.h>
#include "layouts/layout.h"

/* Weak: an empty section (no file registered) must still link. */
extern const struct vc_layout __start_vcheck_layouts[] __attribute__((weak));
extern const struct vc_layout __stop_vcheck_layouts[] __attribute__((weak));

static const struct vc_layout *section_begin(void) { return __start_vcheck_layouts; }
static const struct vc_layout *section_end(void) { return __stop_vcheck_layouts; }

const struct vc_layout *vc_layout_first(void)
{
	return section_begin() < section_end() ? section_begin() : NULL;
}

const struct vc_layout *vc_layout_next(const struct vc_layout *p)
{
	return p + 1 < section_end() ? p + 1 : NULL;
}

const struct vc_layout *vc_layout_find(uint32_t device_id)
{
	for (const struct vc_layout *p = vc_layout_first(); p; p = vc_layout_next(p))
		if (p->device_id == device_id)
			return p;
	return NULL;
}

unsigned vc_layout_config_size(const struct vc_layout *p, uint64_t features)
{
	unsigned end = 0;
	for (unsigned i = 0; p && i < p->nfields; i++) {
		const struct vc_cfg_field *f = &p->fields[i];
		if (f->features && !(f->features & features))
			continue;
		if (f->offset + f->size > end)
			end = f->offset + f->size;
	}
	return end;
}

const struct vc_cfg_field *vc_layout_field_at(const struct vc_layout *p, unsigned offset)
{
	for (unsigned i = 0; p && i < p->nfields; i++) {
		const struct vc_cfg_field *f = &p->fields[i];
		/* size 0: sized at run time (virtio-9p's tag), to the end of config */
		if (offset >= f->offset && (!f->size ? p->dynamic_size != NULL : offset < f->offset + f->size))
			return f;
	}
	return NULL;
}
