/* Gunyah's hypervisor-owned virtio-mmio register page, as its hypervisor
 * (hyp/vm/virtio_mmio) keeps it: the rules only, no I/O, so the host's unit
 * tests compile this file too (tests/unit/test_gunyah_page.c).
 *
 * The frontend reads the page directly (reads never trap) and its writes
 * trap to the hypervisor, which emulates them at once and posts what the
 * backend must know: queue notifies, DRIVER_OK, FAILED and reset requests.
 * The backend learns later, by its own calls (gh_backend_*), never inside
 * the guest's access. The facts behind every rule are in
 * ../shared/reference/gunyah-virtio-mmio.md, sections 2 to 4. */
#ifndef VC_GUNYAH_PAGE_H
#define VC_GUNYAH_PAGE_H
#include <stdint.h>

#define GH_PAGE_SIZE 4096u
#define GH_MAX_VQS 16u       /* VIRTIO_MMIO_MAX_VQS */
#define GH_INPUT_MAX 40u     /* select/subsel pairs the backend may register */
#define GH_DEVICE_INPUT 18u  /* the one device type the hypervisor knows */

/* What a frontend write came to: `faults` rules inject an abort, the others
 * name what the hypervisor did instead of what a device would do. Wire
 * names go into "check" records (rules=...). The routine ones (the data
 * path working as designed: notifies and DRIVER_OK posted, a reset of a
 * reset device ignored) are not reported, or every check would carry them. */
#define GH_RULES(X)                                                            \
	X(NONE, "none", 0)                                                     \
	X(WIDTH, "write-width", 1)        /* 32-bit only; 8-bit in config */ \
	X(READ_ONLY, "read-only", 1)      /* no write handler: abort */      \
	X(FEATURE_SEL, "feature-sel", 1)  /* (Device|Driver)FeaturesSel >= 2 */ \
	X(QUEUE_SEL, "queue-sel", 1)      /* QueueSel >= configured queues */ \
	X(INPUT_CONFIG, "input-config", 1) /* input config other than select/subsel */ \
	X(CONFIG_STORED, "config-stored", 0) /* kept in the page, backend not told */ \
	X(INPUT_SERVED, "input-served", 0) /* select/subsel answered by the hypervisor */ \
	X(FEATURES_OK_STORED, "features-ok-stored", 0) /* kept with unoffered features: never validated */ \
	X(RESET_POSTED, "reset-posted", 0) /* DEVICE_NEEDS_RESET until the backend acks */ \
	X(RESET_IGNORED, "reset-ignored", 0) /* 0 written while Status is 0 */ \
	X(NOTIFY_POSTED, "notify-posted", 0) /* backend forwards it later */ \
	X(STATUS_POSTED, "status-posted", 0) /* DRIVER_OK or FAILED: backend acts later */ \
	X(PAGE_READ, "page-read", 0)      /* a register the hypervisor never writes back */ \
	X(CONFIG_DIRTY, "config-dirty", 0) /* config bytes the guest wrote earlier, not the device's */ \
	X(NOTIFY_HELD, "notify-held", 0)  /* notified before the backend replayed DRIVER_OK */ \
	X(QUEUE_NOT_REPLAYED, "queue-not-replayed", 0) /* not ready when DRIVER_OK was replayed */ \
	X(DEVICE_STATUS_LOST, "device-status-lost", 0) /* the device set NEEDS_RESET; the page never shows it */ \
	X(UPLOAD_REFUSED, "features-upload-refused", 0) /* backend's feature word denied */ \
	X(BACKEND_REFUSED, "backend-refused", 0) /* the real device refused at DRIVER_OK */ \
	X(QUEUES_CAPPED, "queues-capped", 0) /* the device has more than GH_MAX_VQS */

enum gh_rule {
#define GH_RULE_ENUM(id, name, fault) GH_##id,
	GH_RULES(GH_RULE_ENUM)
#undef GH_RULE_ENUM
	GH__RULES
};

const char *gh_rule_name(enum gh_rule r);
int gh_rule_faults(enum gh_rule r);
int gh_rule_routine(enum gh_rule r);

/* Why the backend's interrupt line is up (get_notification). */
enum { GH_REASON_NEW_BUFFER = 1, GH_REASON_RESET = 2, GH_REASON_DRIVER_OK = 8,
       GH_REASON_FAILED = 0x10 };

struct gh_queue {
	uint32_t num_max, num, ready;
	uint32_t desc[2], driver[2], device[2]; /* low, high */
};

struct gh_input_data {
	uint8_t select, subsel, size;
	uint8_t u[128];
};

struct gh_page {
	uint8_t regs[GH_PAGE_SIZE]; /* what the frontend reads, little-endian */
	uint32_t dev_feat[2], drv_feat[2], drv_feat_sel, queue_sel;
	unsigned vqs_num;
	uint32_t device_type;       /* GH_DEVICE_INPUT or 0 (generic) */
	struct gh_queue q[GH_MAX_VQS];
	uint64_t vqs_bitmap;        /* queues notified since the last get_notification */
	uint32_t reason;
	int reset_pending;
	struct gh_input_data input[GH_INPUT_MAX];
	unsigned ninput;
	uint8_t cfg_dirty[(GH_PAGE_SIZE - 0x100) / 8]; /* config bytes the frontend wrote */
};

/* virtio_mmio_configure: a zeroed page for `vqs` queues (at most GH_MAX_VQS)
 * of `device_type`; -1 when vqs is out of range. */
int gh_configure(struct gh_page *p, unsigned vqs, uint32_t device_type);

/* Frontend side. */
uint64_t gh_read(const struct gh_page *p, unsigned off, unsigned width);
/* What a read at `off` returns besides the backend's upload: PAGE_READ for
 * a register the hypervisor never updates (a write-only register's stale
 * bytes), CONFIG_DIRTY for config the frontend itself wrote, else NONE. */
enum gh_rule gh_read_rule(const struct gh_page *p, unsigned off, unsigned width);
enum gh_rule gh_write(struct gh_page *p, unsigned off, unsigned width, uint32_t val);

/* Backend side: the hypercalls of section 5, and its read-write mapping. */
void gh_backend_store(struct gh_page *p, unsigned off, const void *bytes, unsigned len);
int gh_backend_set_dev_features(struct gh_page *p, unsigned sel, uint32_t val);
int gh_backend_set_queue_num_max(struct gh_page *p, unsigned q, uint32_t val);
uint32_t gh_backend_get_drv_features(const struct gh_page *p, unsigned sel);
int gh_backend_get_queue_info(const struct gh_page *p, unsigned q, struct gh_queue *out);
void gh_backend_get_notification(struct gh_page *p, uint64_t *vqs, uint32_t *reason);
void gh_backend_ack_reset(struct gh_page *p);
void gh_backend_update_status(struct gh_page *p, uint32_t bits);
int gh_backend_assert_virq(struct gh_page *p, uint32_t bits);
int gh_input_set_data(struct gh_page *p, uint8_t select, uint8_t subsel, uint8_t size,
		      const uint8_t *u);

#endif
