#include <string.h>
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_status.h"
#include "guests/lib/personality/gunyah_page.h"

static const struct { const char *name; int fault; } rules[] = {
#define GH_RULE_ROW(id, name, fault) { name, fault },
	GH_RULES(GH_RULE_ROW)
#undef GH_RULE_ROW
};

const char *gh_rule_name(enum gh_rule r) { return (unsigned)r < GH__RULES ? rules[r].name : "?"; }
int gh_rule_faults(enum gh_rule r) { return (unsigned)r < GH__RULES && rules[r].fault; }

int gh_rule_routine(enum gh_rule r)
{
	return r == GH_NONE || r == GH_NOTIFY_POSTED || r == GH_STATUS_POSTED || r == GH_RESET_IGNORED;
}

static uint32_t get32(const struct gh_page *p, unsigned off)
{
	const uint8_t *b = p->regs + off;
	return b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 | (uint32_t)b[3] << 24;
}

static void put32(struct gh_page *p, unsigned off, uint32_t v)
{
	for (unsigned i = 0; i < 4; i++)
		p->regs[off + i] = (uint8_t)(v >> (8 * i));
}

int gh_configure(struct gh_page *p, unsigned vqs, uint32_t device_type)
{
	if (vqs == 0 || vqs > GH_MAX_VQS)
		return -1;
	memset(p, 0, sizeof(*p));
	p->vqs_num = vqs;
	p->device_type = device_type;
	return 0;
}

uint64_t gh_read(const struct gh_page *p, unsigned off, unsigned width)
{
	uint64_t v = 0;
	for (unsigned i = 0; i < width && off + i < GH_PAGE_SIZE; i++)
		v |= (uint64_t)p->regs[off + i] << (8 * i);
	return v;
}

static int stale_register(unsigned off)
{
	switch (off) {
	case VIRTIO_MMIO_DEVICE_FEATURES_SEL: case VIRTIO_MMIO_DRIVER_FEATURES:
	case VIRTIO_MMIO_DRIVER_FEATURES_SEL: case VIRTIO_MMIO_QUEUE_SEL:
	case VIRTIO_MMIO_QUEUE_NUM: case VIRTIO_MMIO_QUEUE_NOTIFY:
	case VIRTIO_MMIO_INTERRUPT_ACK: case VIRTIO_MMIO_QUEUE_DESC_LOW:
	case VIRTIO_MMIO_QUEUE_DESC_HIGH: case VIRTIO_MMIO_QUEUE_DRIVER_LOW:
	case VIRTIO_MMIO_QUEUE_DRIVER_HIGH: case VIRTIO_MMIO_QUEUE_DEVICE_LOW:
	case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
		return 1;
	default:
		return 0;
	}
}

enum gh_rule gh_read_rule(const struct gh_page *p, unsigned off, unsigned width)
{
	if (off < VIRTIO_MMIO_CONFIG)
		return stale_register(off) ? GH_PAGE_READ : GH_NONE;
	for (unsigned i = off - VIRTIO_MMIO_CONFIG; i < off + width - VIRTIO_MMIO_CONFIG && i / 8 < sizeof(p->cfg_dirty); i++)
		if (p->cfg_dirty[i / 8] & (1u << (i % 8)))
			return GH_CONFIG_DIRTY;
	return GH_NONE;
}

/* Status = 0 asks the backend for a reset; the page says
 * DEVICE_NEEDS_RESET until the backend acknowledges (section 4). */
static enum gh_rule write_status(struct gh_page *p, uint32_t val)
{
	uint32_t old = get32(p, VIRTIO_MMIO_STATUS);
	if (val == 0) {
		if (old == 0)
			return GH_RESET_IGNORED;
		put32(p, VIRTIO_MMIO_STATUS, old | VIRTIO_STATUS_DEVICE_NEEDS_RESET);
		for (unsigned i = 0; i < GH_MAX_VQS; i++)
			p->q[i].ready = 0;
		put32(p, VIRTIO_MMIO_QUEUE_READY, 0);
		p->reset_pending = 1;
		p->reason |= GH_REASON_RESET;
		return GH_RESET_POSTED;
	}
	put32(p, VIRTIO_MMIO_STATUS, val);
	enum gh_rule r = GH_NONE;
	/* A device may refuse what it did not offer; the hypervisor cannot. */
	if (((val & ~old) & VIRTIO_STATUS_FEATURES_OK) &&
	    ((p->drv_feat[0] & ~p->dev_feat[0]) || (p->drv_feat[1] & ~p->dev_feat[1])))
		r = GH_FEATURES_OK_STORED;
	if ((val & ~old) & VIRTIO_STATUS_DRIVER_OK)
		p->reason |= GH_REASON_DRIVER_OK, r = GH_STATUS_POSTED;
	if ((val & ~old) & VIRTIO_STATUS_FAILED)
		p->reason |= GH_REASON_FAILED, r = GH_STATUS_POSTED;
	return r;
}

static const struct gh_input_data *input_find(const struct gh_page *p, uint8_t sel, uint8_t sub)
{
	for (unsigned i = 0; i < p->ninput; i++)
		if (p->input[i].select == sel && p->input[i].subsel == sub)
			return &p->input[i];
	return 0;
}

/* virtio-input: select and subsel are served from what the backend
 * registered; any other config write aborts (section 3). */
static enum gh_rule write_input(struct gh_page *p, unsigned off, unsigned width, uint32_t val)
{
	unsigned rel = off - VIRTIO_MMIO_CONFIG;
	if (width != 1 || rel > 1)
		return GH_INPUT_CONFIG;
	p->regs[off] = (uint8_t)val;
	uint8_t sel = p->regs[VIRTIO_MMIO_CONFIG], sub = p->regs[VIRTIO_MMIO_CONFIG + 1];
	const struct gh_input_data *e = input_find(p, sel, sub);
	p->regs[VIRTIO_MMIO_CONFIG + 2] = e ? e->size : 0;
	memset(p->regs + VIRTIO_MMIO_CONFIG + 8, 0, sizeof(p->input[0].u));
	if (e)
		memcpy(p->regs + VIRTIO_MMIO_CONFIG + 8, e->u, e->size);
	return GH_INPUT_SERVED;
}

static enum gh_rule write_config(struct gh_page *p, unsigned off, unsigned width, uint32_t val)
{
	if (p->device_type == GH_DEVICE_INPUT)
		return write_input(p, off, width, val);
	for (unsigned i = 0; i < width; i++) {
		unsigned rel = off + i - VIRTIO_MMIO_CONFIG;
		p->regs[off + i] = (uint8_t)(val >> (8 * i));
		p->cfg_dirty[rel / 8] |= (uint8_t)(1u << (rel % 8));
	}
	return GH_CONFIG_STORED;
}

static enum gh_rule write_queue(struct gh_page *p, unsigned off, uint32_t val)
{
	struct gh_queue *q = &p->q[p->queue_sel];
	switch (off) {
	case VIRTIO_MMIO_QUEUE_NUM: q->num = val; break;
	case VIRTIO_MMIO_QUEUE_READY:
		q->ready = val;
		put32(p, VIRTIO_MMIO_QUEUE_READY, val);
		break;
	case VIRTIO_MMIO_QUEUE_DESC_LOW: case VIRTIO_MMIO_QUEUE_DESC_HIGH:
		q->desc[off == VIRTIO_MMIO_QUEUE_DESC_HIGH] = val; break;
	case VIRTIO_MMIO_QUEUE_DRIVER_LOW: case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
		q->driver[off == VIRTIO_MMIO_QUEUE_DRIVER_HIGH] = val; break;
	default:
		q->device[off == VIRTIO_MMIO_QUEUE_DEVICE_HIGH] = val; break;
	}
	return GH_NONE;
}

static enum gh_rule write_register(struct gh_page *p, unsigned off, uint32_t val)
{
	switch (off) {
	case VIRTIO_MMIO_DEVICE_FEATURES_SEL:
		if (val >= 2)
			return GH_FEATURE_SEL;
		put32(p, VIRTIO_MMIO_DEVICE_FEATURES, p->dev_feat[val]);
		return GH_NONE;
	case VIRTIO_MMIO_DRIVER_FEATURES:
		p->drv_feat[p->drv_feat_sel] = val;
		return GH_NONE;
	case VIRTIO_MMIO_DRIVER_FEATURES_SEL:
		if (val >= 2)
			return GH_FEATURE_SEL;
		p->drv_feat_sel = val;
		return GH_NONE;
	case VIRTIO_MMIO_QUEUE_SEL:
		if (val >= p->vqs_num)
			return GH_QUEUE_SEL;
		p->queue_sel = val;
		put32(p, VIRTIO_MMIO_QUEUE_NUM_MAX, p->q[val].num_max);
		put32(p, VIRTIO_MMIO_QUEUE_READY, p->q[val].ready);
		return GH_NONE;
	case VIRTIO_MMIO_QUEUE_NUM: case VIRTIO_MMIO_QUEUE_READY:
	case VIRTIO_MMIO_QUEUE_DESC_LOW: case VIRTIO_MMIO_QUEUE_DESC_HIGH:
	case VIRTIO_MMIO_QUEUE_DRIVER_LOW: case VIRTIO_MMIO_QUEUE_DRIVER_HIGH:
	case VIRTIO_MMIO_QUEUE_DEVICE_LOW: case VIRTIO_MMIO_QUEUE_DEVICE_HIGH:
		return write_queue(p, off, val);
	case VIRTIO_MMIO_QUEUE_NOTIFY:
		/* The hypervisor sets bit `val` unchecked; past 63 nothing is set. */
		if (val < 64)
			p->vqs_bitmap |= 1ull << val;
		p->reason |= GH_REASON_NEW_BUFFER;
		return GH_NOTIFY_POSTED;
	case VIRTIO_MMIO_INTERRUPT_ACK:
		put32(p, VIRTIO_MMIO_INTERRUPT_STATUS, get32(p, VIRTIO_MMIO_INTERRUPT_STATUS) & ~val);
		return GH_NONE;
	case VIRTIO_MMIO_STATUS:
		return write_status(p, val);
	default:
		return GH_READ_ONLY; /* identity, DeviceFeatures, SHM, QueueReset, legacy, ... */
	}
}

enum gh_rule gh_write(struct gh_page *p, unsigned off, unsigned width, uint32_t val)
{
	if (off >= GH_PAGE_SIZE || off % width)
		return GH_WIDTH;
	if (off >= VIRTIO_MMIO_CONFIG) {
		if (width != 1 && width != 4)
			return GH_WIDTH;
		return write_config(p, off, width, val);
	}
	if (width != 4)
		return GH_WIDTH;
	return write_register(p, off, val);
}

void gh_backend_store(struct gh_page *p, unsigned off, const void *bytes, unsigned len)
{
	if (off < GH_PAGE_SIZE && len <= GH_PAGE_SIZE - off)
		memcpy(p->regs + off, bytes, len);
}

/* The feature policy of backend_set_dev_features: word 1 must offer
 * VERSION_1 and ACCESS_PLATFORM and must not offer NOTIFICATION_DATA. */
int gh_backend_set_dev_features(struct gh_page *p, unsigned sel, uint32_t val)
{
	if (sel >= 2)
		return -1;
	uint64_t f = (uint64_t)val << (32 * sel);
	uint64_t need = VIRTIO_BIT(VIRTIO_F_VERSION_1) | VIRTIO_BIT(VIRTIO_F_ACCESS_PLATFORM);
	if (sel == 1 && ((f & need) != need || (f & VIRTIO_BIT(VIRTIO_F_NOTIFICATION_DATA))))
		return -1;
	p->dev_feat[sel] = val;
	put32(p, VIRTIO_MMIO_DEVICE_FEATURES, p->dev_feat[0]);
	return 0;
}

int gh_backend_set_queue_num_max(struct gh_page *p, unsigned q, uint32_t val)
{
	if (q >= p->vqs_num)
		return -1;
	p->q[q].num_max = val;
	if (q == p->queue_sel)
		put32(p, VIRTIO_MMIO_QUEUE_NUM_MAX, val);
	return 0;
}

uint32_t gh_backend_get_drv_features(const struct gh_page *p, unsigned sel)
{
	return sel < 2 ? p->drv_feat[sel] : 0;
}

int gh_backend_get_queue_info(const struct gh_page *p, unsigned q, struct gh_queue *out)
{
	if (q >= p->vqs_num)
		return -1;
	*out = p->q[q];
	return 0;
}

void gh_backend_get_notification(struct gh_page *p, uint64_t *vqs, uint32_t *reason)
{
	*vqs = p->vqs_bitmap, *reason = p->reason;
	p->vqs_bitmap = 0, p->reason = 0;
}

/* Status back to 0; interrupt state, driver features and queue addresses
 * stay as they were (section 4). */
void gh_backend_ack_reset(struct gh_page *p)
{
	put32(p, VIRTIO_MMIO_STATUS, 0);
	p->reset_pending = 0;
}

void gh_backend_update_status(struct gh_page *p, uint32_t bits)
{
	put32(p, VIRTIO_MMIO_STATUS, get32(p, VIRTIO_MMIO_STATUS) | bits);
}

int gh_backend_assert_virq(struct gh_page *p, uint32_t bits)
{
	if (p->reset_pending)
		return -1;
	put32(p, VIRTIO_MMIO_INTERRUPT_STATUS, get32(p, VIRTIO_MMIO_INTERRUPT_STATUS) | bits);
	return 0;
}

int gh_input_set_data(struct gh_page *p, uint8_t select, uint8_t subsel, uint8_t size,
		      const uint8_t *u)
{
	if (p->ninput >= GH_INPUT_MAX || size > sizeof(p->input[0].u))
		return -1;
	struct gh_input_data *e = &p->input[p->ninput++];
	e->select = select, e->subsel = subsel, e->size = size;
	memcpy(e->u, u, size);
	return 0;
}
