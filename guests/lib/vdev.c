#include "guests/lib/access.h"
#include "guests/lib/record.h"
#include "guests/lib/vdev.h"

static int tracing;
static const char *const space_names[VC_SP__COUNT] = {
	"mmio", "common", "notify", "isr", "device", "legacy", "pcicfg",
};

void vdev_trace(int on) { tracing = on; }

const char *vdev_space_name(enum vc_space sp)
{
	return (unsigned)sp < VC_SP__COUNT ? space_names[sp] : "?";
}

static void note_fault(struct vdev *d, enum vc_space sp, unsigned off, unsigned width, int write)
{
	d->faults++;
	if (!d->first_fault.valid)
		d->first_fault.sp = (uint8_t)sp, d->first_fault.off = off, d->first_fault.width = (uint8_t)width,
		d->first_fault.write = (uint8_t)write, d->first_fault.valid = 1;
}

static void record_access(struct vdev *d, enum vc_space sp, unsigned off,
			  unsigned width, char op, uint64_t val, int st)
{
	if (!tracing && st == VC_ACC_OK)
		return;
	char opstr[2] = { op, 0 };
	rec_begin("acc");
	rec_u64("d", d->index);
	rec_str("sp", space_names[sp]);
	rec_hex("off", off);
	rec_u64("w", width);
	rec_str("op", opstr);
	rec_hex("val", val);
	rec_str("st", st == VC_ACC_OK ? "ok" : "fault");
	if (d->actor)
		rec_str("by", d->actor);
	rec_end();
}

int vdev_read(struct vdev *d, enum vc_space sp, unsigned off, unsigned width, uint64_t *val)
{
	int st = d->emu ? d->emu->read(d, sp, off, width, val)
			: vc_io_read(d->base[sp] + off, width, val);
	if (st != VC_ACC_OK)
		note_fault(d, sp, off, width, 0);
	record_access(d, sp, off, width, 'r', *val, st);
	return st;
}

int vdev_write(struct vdev *d, enum vc_space sp, unsigned off, unsigned width, uint64_t val)
{
	int st = d->emu ? d->emu->write(d, sp, off, width, val)
			: vc_io_write(d->base[sp] + off, width, val);
	d->writes++;
	if (st != VC_ACC_OK)
		note_fault(d, sp, off, width, 1);
	record_access(d, sp, off, width, 'w', val, st);
	return st;
}

uint64_t vdev_rd(struct vdev *d, enum vc_space sp, unsigned off, unsigned width)
{
	uint64_t v = ~0ull;
	vdev_read(d, sp, off, width, &v);
	return v;
}

void vdev_wr(struct vdev *d, enum vc_space sp, unsigned off, unsigned width, uint64_t val)
{
	vdev_write(d, sp, off, width, val);
}

const struct vc_vcap *vdev_find_vcap(const struct vdev *d, uint8_t type)
{
	for (unsigned i = 0; i < d->nvcaps; i++)
		if (d->vcaps[i].cfg_type == type)
			return &d->vcaps[i];
	return 0;
}
