/* Unit tests for the hypervisor models (harness/classify/hv_models.c): one table of
 * cases per model, each a register (identity, declared access, classes),
 * the transport facts, and the exact verdict with a fragment of the reason
 * that names the rule. Every rule has a case, most a near miss beside it. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "harness/classify/hv_models.h"
#include "vcheck/virtio_mmio.h"
#include "vcheck/virtio_status.h"

#define BIT(k) VC_SFX_CLASS_BIT(VC_SFX_C_##k)
#define TR VC_SFX_SP_TRANSPORT
#define CF VC_SFX_SP_CONFIG
#define V1 VC_TR_MMIO_V1
#define V2 VC_TR_MMIO_V2
#define PM VC_TR_PCI_MODERN
#define PL VC_TR_PCI_LEGACY
#define EM VC_HV_EMULABLE
#define SC VC_HV_SPECIAL_CASE
#define SB VC_HV_SYNC_BACKEND
#define CW VC_HV_CANNOT_WORK
#define NA VC_HV_NOT_APPLICABLE
#define GRANTS (VIRTIO_BIT(VIRTIO_F_VERSION_1) | VIRTIO_BIT(VIRTIO_F_ACCESS_PLATFORM))
#define N(a) (sizeof(a) / sizeof((a)[0]))

struct hv_case {
	const char *what;
	enum vc_transport t;
	uint32_t device_id;
	enum vc_sfx_space sp;
	uint32_t off;
	uint8_t width;
	const char *access;
	uint32_t classes;
	enum vc_hv_verdict want;
	const char *reason; /* a fragment the reason must contain */
	uint64_t offered;   /* 0: VERSION_1 and ACCESS_PLATFORM */
};

static void run_cases(enum vc_hv_model m, const struct hv_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct vc_register r = { .space = c[i].sp, .off = c[i].off, .width = c[i].width,
					 .spec_access = c[i].access, .classes = c[i].classes };
		struct vc_hv_facts f = { .transport = c[i].t, .device_id = c[i].device_id,
					 .offered = c[i].offered ? c[i].offered : GRANTS, .nqueues = 2 };
		vc_hv_judge(&r, &f);
		const struct vc_hv_judgement *j = &r.models[m];
		if (j->verdict != c[i].want)
			fail_msg("%s %s: %s (%s), want %s", vc_hv_model_name(m), c[i].what, vc_hv_verdict_name(j->verdict),
				 j->reason ? j->reason : "no reason", vc_hv_verdict_name(c[i].want));
		if (!j->reason || !strstr(j->reason, c[i].reason))
			fail_msg("%s %s: reason '%s' lacks '%s'", vc_hv_model_name(m), c[i].what,
				 j->reason ? j->reason : "(null)", c[i].reason);
	}
}

/* ---- kvm ---------------------------------------------------------------------------- */

static const struct hv_case kvm_cases[] = {
	{ "status latch", V2, 2, TR, 0x70, 4, "rw", BIT(LATCH) | BIT(VALIDATED), EM, "traps synchronously to the VMM", 0 },
	{ "pci-legacy isr", PL, 2, TR, 0x13, 1, "r", BIT(READ_CLEARS), EM, "traps synchronously", 0 },
	{ "volatile config", PM, 5, CF, 4, 4, "rw", BIT(VOLATILE_SILENT), EM, "traps synchronously", 0 },
	{ "faulting", V1, 2, CF, 0, 2, "r", BIT(FAULTING) | BIT(CONSTANT), EM, "the VMM reproduces the abort", 0 },
};

static void test_kvm(void **state)
{
	run_cases(VC_HV_KVM, kvm_cases, N(kvm_cases));
	/* nothing a device does is out of a synchronous VMM's reach */
	for (uint32_t cl = 0; cl < (1u << VC_SFX_C__COUNT); cl += 7) {
		struct vc_register r = { .space = CF, .off = 0, .width = 4, .classes = cl };
		struct vc_hv_facts f = { .transport = V2, .device_id = 2 };
		vc_hv_judge(&r, &f);
		assert_int_equal(r.models[VC_HV_KVM].verdict, EM);
	}
}

/* ---- xen ------------------------------------------------------------------------------ */

static const struct hv_case xen_cases[] = {
	{ "mmio-v2 status", V2, 2, TR, 0x70, 4, "rw", BIT(LATCH) | BIT(WRITE_TRIGGERS), EM, "synchronous ioreq", 0 },
	{ "mmio-v2 config selector", V2, 18, CF, 0, 1, "rw", BIT(SELECTOR), EM, "no posted (buffered) ioreqs", 0 },
	{ "pci-modern", PM, 2, TR, 0x14, 1, "rw", BIT(LATCH), EM, "x86 HVM virtio-pci goes through QEMU synchronously", 0 },
	{ "pci-legacy", PL, 2, TR, 0x12, 1, "rw", BIT(LATCH), NA, "Xen on Arm exposes virtio-mmio only", 0 },
	{ "pci-legacy faulting stays n/a", PL, 2, TR, 0x12, 1, "rw", BIT(FAULTING), NA, "virtio-mmio only", 0 },
	{ "mmio-v1", V1, 2, TR, 0x70, 4, "rw", BIT(LATCH), CW, "legacy virtio-mmio has no ACCESS_PLATFORM", 0 },
	{ "mmio-v1 constant", V1, 2, TR, 0x0, 4, "r", BIT(CONSTANT), CW, "grant DMA impossible", 0 },
	{ "faulting", V2, 2, CF, 0, 2, "r", BIT(FAULTING), CW, "handle_ioserv has no abort path", 0 },
	/* a dom0 backend maps guest memory without grants (run on real Xen) */
	{ "DeviceFeatures without ACCESS_PLATFORM", V2, 2, TR, 0x10, 4, "r", BIT(BANKED), SC,
	  "guest-physical addresses that a backend in dom0 maps", VIRTIO_BIT(VIRTIO_F_VERSION_1) },
	{ "DeviceFeatures without VERSION_1", V2, 2, TR, 0x10, 4, "r", BIT(BANKED), CW,
	  "does not offer VERSION_1", VIRTIO_BIT(VIRTIO_F_ACCESS_PLATFORM) | 1 },
	{ "DeviceFeatures with both", V2, 2, TR, 0x10, 4, "r", BIT(BANKED), EM, "synchronous ioreq", 0 },
	{ "DriverFeatures is not the offer", V2, 2, TR, 0x20, 4, "w", BIT(LATCH), EM, "synchronous ioreq", 1 },
	/* grant DMA is the model's Xen on virtio-pci too (x86 HVM with forced grants) */
	{ "pci device_feature without grants", PM, 2, TR, 0x04, 4, "r", BIT(BANKED), CW, "grant DMA needs", 1 },
	{ "pci device_feature without ACCESS_PLATFORM", PM, 2, TR, 0x04, 4, "r", BIT(BANKED), SC,
	  "no ACCESS_PLATFORM", VIRTIO_BIT(VIRTIO_F_VERSION_1) },
	{ "pci device_feature with grants", PM, 2, TR, 0x04, 4, "r", BIT(BANKED), EM, "x86 HVM", 0 },
};

static void test_xen(void **state) { run_cases(VC_HV_XEN, xen_cases, N(xen_cases)); }

/* ---- gunyah: transport ------------------------------------------------------------------ */

static const struct hv_case gunyah_transport_cases[] = {
	{ "mmio-v1", V1, 2, TR, 0x70, 4, "rw", BIT(LATCH), NA, "Version 2 only", 0 },
	{ "pci-legacy isr", PL, 2, TR, 0x13, 1, "r", BIT(READ_CLEARS), NA, "legacy-only interface", 0 },
	/* A pci-modern device as it shows behind the page (the personality
	 * fronts pci-modern devices): each common-configuration field is judged
	 * as the virtio-mmio register playing its part, its own width aside. */
	{ "pci device_status latch", PM, 2, TR, 0x14, 1, "rw", BIT(LATCH), SC, "stored as written", 0 },
	{ "pci device_status refused", PM, 2, TR, 0x14, 1, "rw", BIT(LATCH) | BIT(VALIDATED), CW, "never refuses", 0 },
	{ "pci queue_reset", PM, 2, TR, 0x3a, 2, "rw", BIT(CONSTANT), CW, "no write handler for QueueReset", 0 },
	{ "pci device_feature without ACCESS_PLATFORM", PM, 2, TR, 0x04, 4, "r", BIT(BANKED) | BIT(FAULTING), CW,
	  "backend_set_dev_features denies", VIRTIO_BIT(VIRTIO_F_VERSION_1) },
	{ "pci queue_size banked", PM, 2, TR, 0x18, 2, "rw", BIT(LATCH) | BIT(BANKED), SC, "get_queue_info", 0 },
	{ "pci config_generation volatile", PM, 2, TR, 0x15, 1, "r", BIT(VOLATILE_NOTIFIED), CW,
	  "only the backend's mapping can bump it", 0 },
	{ "pci notify area", PM, 2, VC_SFX_SP_NOTIFY, 0, 2, "w", BIT(WRITE_TRIGGERS), SC, "posted", 0 },
	{ "pci ISR read-clears", PM, 2, VC_SFX_SP_ISR, 0, 1, "r", BIT(READ_CLEARS), NA, "no counterpart", 0 },
	{ "pci MSI-X vector", PM, 2, TR, 0x10, 2, "rw", BIT(LATCH) | BIT(VALIDATED), NA, "no counterpart", 0 },
	{ "pci num_queues", PM, 2, TR, 0x12, 2, "r", BIT(CONSTANT), NA, "no counterpart", 0 },
	/* a PCI selector reads back; its write-only mmio counterpart cannot */
	{ "pci queue_select latch", PM, 2, TR, 0x16, 2, "rw", BIT(SELECTOR) | BIT(LATCH) | BIT(VALIDATED), SC,
	  "QueueSel < configured queues", 0 },
	{ "pci queue_select that triggers", PM, 2, TR, 0x16, 2, "rw", BIT(SELECTOR) | BIT(WRITE_TRIGGERS), CW,
	  "emulates QueueSel itself", 0 },
	{ "pci driver_feature latch stays", PM, 2, TR, 0x0c, 4, "rw", BIT(LATCH) | BIT(BANKED), SC,
	  "banked_drv_feat", 0 },
	/* registers without a write handler: a write aborts the guest, which
	 * reproduces the device only when the device aborts it too; a register a
	 * driver must never write is then a special case, not a failure */
	{ "MagicValue", V2, 2, TR, 0x000, 4, "r", BIT(CONSTANT), SC, "no write handler for the identification", 0 },
	{ "VendorID faulting writes", V2, 2, TR, 0x00c, 4, "r", BIT(CONSTANT) | BIT(FAULTING), EM, "faults writes", 0 },
	{ "DeviceID that moves", V2, 2, TR, 0x008, 4, "r", BIT(VOLATILE_SILENT), CW, "filled at setup", 0 },
	{ "QueueNumMax constant", V2, 2, TR, 0x034, 4, "r", BIT(CONSTANT), SC, "no write handler for QueueNumMax", 0 },
	{ "QueueNumMax constant, faulting", V2, 2, TR, 0x034, 4, "r", BIT(CONSTANT) | BIT(FAULTING), EM,
	  "read from the page", 0 },
	{ "QueueNumMax banked", V2, 2, TR, 0x034, 4, "r", BIT(BANKED) | BIT(FAULTING), SC,
	  "QueueSel copies the backend's banked num_max", 0 },
	{ "ConfigGeneration constant", V2, 2, TR, 0x0fc, 4, "r", BIT(CONSTANT), SC, "aborts the guest", 0 },
	{ "ConfigGeneration constant, faulting", V2, 2, TR, 0x0fc, 4, "r", BIT(CONSTANT) | BIT(FAULTING), EM,
	  "only the backend writes it", 0 },
	{ "ConfigGeneration volatile", V2, 2, TR, 0x0fc, 4, "r", BIT(VOLATILE_NOTIFIED), CW,
	  "only the backend's mapping can bump it", 0 },
	{ "DeviceFeatures banked", V2, 2, TR, 0x010, 4, "r", BIT(BANKED), SC, "no write handler for DeviceFeatures", 0 },
	{ "DeviceFeatures banked, faulting", V2, 2, TR, 0x010, 4, "r", BIT(BANKED) | BIT(FAULTING), SC, "only sel < 2", 0 },
	{ "DeviceFeatures without ACCESS_PLATFORM", V2, 2, TR, 0x010, 4, "r", BIT(BANKED) | BIT(FAULTING), CW,
	  "backend_set_dev_features denies", VIRTIO_BIT(VIRTIO_F_VERSION_1) },
	{ "DeviceFeatures with NOTIFICATION_DATA", V2, 2, TR, 0x010, 4, "r", BIT(BANKED) | BIT(FAULTING), CW,
	  "or with NOTIFICATION_DATA", GRANTS | VIRTIO_BIT(VIRTIO_F_NOTIFICATION_DATA) },
	{ "the offer is DeviceFeatures' alone", V2, 2, TR, 0x014, 4, "w", BIT(SELECTOR), SC, "sel < 2",
	  VIRTIO_BIT(VIRTIO_F_VERSION_1) },
	{ "DeviceFeaturesSel", V2, 2, TR, 0x014, 4, "w", BIT(SELECTOR), SC, "sel < 2, else the write faults", 0 },
	{ "DriverFeatures", V2, 2, TR, 0x020, 4, "w", BIT(LATCH), SC, "banked_drv_feat[sel]", 0 },
	{ "DriverFeaturesSel", V2, 2, TR, 0x024, 4, "w", 0, SC, "sel < 2", 0 },
	{ "QueueSel", V2, 2, TR, 0x030, 4, "w", BIT(SELECTOR), SC, "QueueSel < configured queues", 0 },
	{ "QueueNum", V2, 2, TR, 0x038, 4, "w", 0, SC, "pulls it with get_queue_info at DRIVER_OK", 0 },
	{ "QueueReady", V2, 2, TR, 0x044, 4, "rw", BIT(LATCH) | BIT(BANKED), SC, "banked ready per queue", 0 },
	{ "QueueDescLow", V2, 2, TR, 0x080, 4, "w", BIT(LATCH), SC, "banked per queue", 0 },
	{ "QueueDeviceHigh", V2, 2, TR, 0x0a4, 4, "w", BIT(LATCH), SC, "banked per queue", 0 },
	{ "QueueDriverLow that triggers", V2, 2, TR, 0x090, 4, "w", BIT(WRITE_TRIGGERS), CW, "queue addresses", 0 },
	{ "InterruptStatus", V2, 2, TR, 0x060, 4, "r", BIT(VOLATILE_NOTIFIED) | BIT(BANKED), SC,
	  "no write handler for InterruptStatus", 0 },
	{ "InterruptStatus, faulting", V2, 2, TR, 0x060, 4, "r", BIT(VOLATILE_NOTIFIED) | BIT(BANKED) | BIT(FAULTING), SC,
	  "the backend ORs bits into the page", 0 },
	{ "InterruptStatus read-clears", V2, 2, TR, 0x060, 4, "r", BIT(READ_CLEARS) | BIT(FAULTING), SB,
	  "reads are served from the register page with no trap", 0 },
	{ "InterruptACK", V2, 2, TR, 0x064, 4, "w", BIT(WRITE_CLEARS) | BIT(WRITE_TRIGGERS), SC,
	  "clears the acknowledged bits", 0 },
	{ "QueueNotify", V2, 2, TR, 0x050, 4, "w", BIT(WRITE_TRIGGERS), SC, "only once it has taken DRIVER_OK", 0 },
	{ "QueueNotify, nothing seen", V2, 2, TR, 0x050, 4, "w", 0, SC, "posted", 0 },
	{ "QueueNotify that validates", V2, 2, TR, 0x050, 4, "w", BIT(VALIDATED), CW, "only posts QueueNotify", 0 },
	{ "Status latch and triggers", V2, 2, TR, 0x070, 4, "rw", BIT(LATCH) | BIT(WRITE_TRIGGERS), SC,
	  "DEVICE_NEEDS_RESET until then", 0 },
	{ "Status validated", V2, 2, TR, 0x070, 4, "rw", BIT(LATCH) | BIT(VALIDATED), CW, "never refuses it", 0 },
	{ "SHMSel, nothing seen", V2, 2, TR, 0x0ac, 4, "w", 0, CW, "no write handler for the shared memory", 0 },
	{ "SHMLenLow constant", V2, 2, TR, 0x0b0, 4, "r", BIT(CONSTANT), CW, "no write handler for the shared memory", 0 },
	{ "SHMLenLow constant, faulting", V2, 2, TR, 0x0b0, 4, "r", BIT(CONSTANT) | BIT(FAULTING), EM, "normally 0", 0 },
	{ "SHMBaseHigh banked", V2, 2, TR, 0x0bc, 4, "r", BIT(BANKED), CW, "writes fault in Gunyah", 0 },
	{ "QueueReset latch", V2, 2, TR, 0x0c0, 4, "rw", BIT(LATCH), CW, "writes fault in Gunyah", 0 },
	{ "QueueReset constant", V2, 2, TR, 0x0c0, 4, "rw", BIT(CONSTANT), CW, "per-queue reset (RING_RESET", 0 },
	{ "QueueReset constant, faulting", V2, 2, TR, 0x0c0, 4, "rw", BIT(CONSTANT) | BIT(FAULTING), EM,
	  "read from the page", 0 },
	{ "GuestPageSize", V2, 2, TR, 0x028, 4, "w", 0, CW, "legacy register", 0 },
	{ "QueueAlign", V2, 2, TR, 0x03c, 4, "w", BIT(LATCH), CW, "legacy register", 0 },
	{ "QueuePFN constant", V2, 2, TR, 0x040, 4, "rw", BIT(CONSTANT), CW, "Version 2 only", 0 },
	{ "Status at 16 bits", V2, 2, TR, 0x070, 2, "rw", BIT(LATCH), CW, "only aligned 32-bit writes outside config", 0 },
	{ "QueueSel at 64 bits", V2, 2, TR, 0x030, 8, "w", BIT(SELECTOR), CW, "only aligned 32-bit writes", 0 },
	{ "MagicValue read at 16 bits", V2, 2, TR, 0x000, 2, "r", BIT(CONSTANT) | BIT(FAULTING), EM, "read from the page", 0 },
	{ "unlisted offset constant", V2, 2, TR, 0x018, 4, NULL, BIT(CONSTANT), CW, "an offset it does not emulate", 0 },
	{ "unlisted offset constant, faulting", V2, 2, TR, 0x018, 4, NULL, BIT(CONSTANT) | BIT(FAULTING), EM,
	  "read from the page", 0 },
	{ "unlisted offset latch", V2, 2, TR, 0x018, 4, NULL, BIT(LATCH), CW, "offsets it does not emulate", 0 },
};

static void test_gunyah_transport(void **state)
{
	run_cases(VC_HV_GUNYAH, gunyah_transport_cases, N(gunyah_transport_cases));
}

/* Gunyah banks 16 queues: QueueSel of a device with more is cannot-work,
 * one with 16 keeps the special case; no other register cares. */
static void test_gunyah_queue_count(void **state)
{
	static const struct { uint32_t off; unsigned nqueues; enum vc_hv_verdict want; const char *why; } c[] = {
		{ 0x030, 17, CW, "at most 16 queues" },
		{ 0x030, 16, SC, "QueueSel < configured queues" },
		{ 0x038, 64, SC, "get_queue_info" },
	};
	for (size_t i = 0; i < N(c); i++) {
		struct vc_register r = { .space = TR, .off = c[i].off, .width = 4, .spec_access = "w",
					 .classes = c[i].off == 0x030 ? BIT(SELECTOR) : BIT(LATCH) };
		struct vc_hv_facts f = { .transport = V2, .device_id = 3, .offered = GRANTS, .nqueues = c[i].nqueues };
		vc_hv_judge(&r, &f);
		const struct vc_hv_judgement *j = &r.models[VC_HV_GUNYAH];
		if (j->verdict != c[i].want || !strstr(j->reason, c[i].why))
			fail_msg("0x%x with %u queues: %s (%s)", c[i].off, c[i].nqueues, vc_hv_verdict_name(j->verdict),
				 j->reason);
	}
}

/* ---- gunyah: config ------------------------------------------------------------------------ */

static const struct hv_case gunyah_config_cases[] = {
	/* generic config writes are stored in the page: a read-only field
	 * reads back what was written, unless the device latches or aborts */
	{ "read-only constant", V2, 2, CF, 0, 8, "r", BIT(CONSTANT), SC, "a field declared read-only reads back", 0 },
	{ "access unknown, constant", V2, 2, CF, 0, 8, NULL, BIT(CONSTANT), EM, "read from the page the backend filled", 0 },
	{ "read-only latch", V2, 2, CF, 0, 4, "r", BIT(LATCH), EM, "stored in the page; the backend never sees it", 0 },
	{ "read-only constant, faulting", V2, 2, CF, 0, 4, "r", BIT(CONSTANT) | BIT(FAULTING), SB,
	  "reproduces the abort", 0 },
	{ "writable constant", V2, 2, CF, 0, 4, "rw", BIT(CONSTANT), EM, "read from the page", 0 },
	{ "nothing seen", V2, 2, CF, 0x20, 1, "rw", 0, EM, "no side effect seen", 0 },
	{ "latch", V2, 5, CF, 4, 4, "rw", BIT(LATCH), EM, "stored in the page; the backend never sees it", 0 },
	{ "latch and triggers", V2, 5, CF, 4, 4, "rw", BIT(LATCH) | BIT(WRITE_TRIGGERS), CW,
	  "config writes are stored in the page, never forwarded", 0 },
	{ "selector", V2, 3, CF, 8, 4, "w", BIT(SELECTOR), SB, "needs the backend to answer", 0 },
	{ "banked", V2, 3, CF, 0, 4, "r", BIT(BANKED), SB, "the page holds one bank", 0 },
	{ "read-clears", V2, 16, CF, 0, 4, "r", BIT(READ_CLEARS), SB,
	  "reads are served from the register page with no trap: a read that clears or mutates cannot reach the "
	  "backend", 0 },
	{ "read-mutates", V2, 16, CF, 0, 4, "r", BIT(READ_MUTATES), SB, "with no trap", 0 },
	{ "validated", V2, 5, CF, 4, 4, "rw", BIT(LATCH) | BIT(VALIDATED), SB, "refusing or altering one", 0 },
	{ "write-clears", V2, 16, CF, 4, 4, "rw", BIT(WRITE_CLEARS), SB, "clearing bits needs the backend", 0 },
	{ "volatile-notified", V2, 5, CF, 0, 4, "r", BIT(VOLATILE_NOTIFIED), CW,
	  "no later config update path: config interrupts are never raised", 0 },
	{ "volatile-silent", V2, 1, CF, 4, 4, "r", BIT(VOLATILE_SILENT), CW, "config interrupts are never raised", 0 },
	{ "faulting", V2, 2, CF, 0, 2, "r", BIT(CONSTANT) | BIT(FAULTING), SB, "reproduces the abort", 0 },
	{ "worst wins: latch and volatile", V2, 5, CF, 4, 4, "rw", BIT(LATCH) | BIT(VOLATILE_SILENT), CW,
	  "never raised", 0 },
	{ "writable at 16 bits", V2, 1, CF, 6, 2, "rw", BIT(LATCH), CW, "only 8-bit and aligned 32-bit config writes", 0 },
	{ "writable at 64 bits", V2, 5, CF, 0, 8, "rw", 0, CW, "other sizes fault", 0 },
	{ "read-only at 16 bits", V2, 1, CF, 6, 2, "r", BIT(CONSTANT), SC, "only 8-bit and aligned 32-bit config writes", 0 },
	{ "read-only at 8 bits", V2, 1, CF, 6, 1, "r", BIT(CONSTANT), SC, "declared read-only", 0 },
	{ "input select", V2, 18, CF, 0, 1, "rw", BIT(SELECTOR) | BIT(LATCH), SC,
	  "Gunyah hard-codes virtio-input select/subsel", 0 },
	{ "input subsel", V2, 18, CF, 1, 1, "rw", BIT(SELECTOR), SC, "hard-codes virtio-input", 0 },
	{ "input u banked", V2, 18, CF, 8, 1, "r", BIT(BANKED), SC, "hard-codes virtio-input", 0 },
	{ "input u banked, faulting", V2, 18, CF, 8, 1, "r", BIT(BANKED) | BIT(FAULTING), SC,
	  "hard-codes virtio-input select/subsel", 0 },
	{ "input size banked, faulting", V2, 18, CF, 2, 1, "r", BIT(BANKED) | BIT(FAULTING), SC, "hard-codes", 0 },
	{ "input u constant", V2, 18, CF, 0x40, 1, "r", BIT(CONSTANT), SC, "where the device was not seen to abort", 0 },
	{ "input u constant, faulting", V2, 18, CF, 0x40, 1, "r", BIT(CONSTANT) | BIT(FAULTING), EM, "read from the page", 0 },
	{ "input u latch", V2, 18, CF, 8, 1, "r", BIT(LATCH), CW, "faults virtio-input config writes other than", 0 },
	{ "input u read-clears", V2, 18, CF, 8, 1, "r", BIT(READ_CLEARS) | BIT(FAULTING), SB, "no trap", 0 },
	{ "not input: select-like selector", V2, 19, CF, 0, 1, "rw", BIT(SELECTOR), SB, "needs the backend", 0 },
};

static void test_gunyah_config(void **state)
{
	run_cases(VC_HV_GUNYAH, gunyah_config_cases, N(gunyah_config_cases));
}

/* ---- page ------------------------------------------------------------------------------------ */

static const struct hv_case page_cases[] = {
	{ "constant", V2, 2, TR, 0x0, 4, "r", BIT(CONSTANT), EM, "read from the snapshot taken at setup", 0 },
	{ "constant faulting", V2, 2, CF, 0, 2, "r", BIT(CONSTANT) | BIT(FAULTING), SB, "a snapshot never aborts", 0 },
	{ "mmio QueueNotify", V2, 2, TR, 0x50, 4, "w", BIT(WRITE_TRIGGERS), EM, "the one access the page model forwards", 0 },
	{ "mmio-v1 QueueNotify", V1, 2, TR, 0x50, 4, "w", BIT(WRITE_TRIGGERS) | BIT(SELECTOR), EM, "forwards", 0 },
	{ "pci notify space", PM, 2, VC_SFX_SP_NOTIFY, 0, 2, "w", BIT(WRITE_TRIGGERS), EM, "forwards", 0 },
	{ "pci-legacy queue_notify", PL, 2, TR, 0x10, 2, "rw", BIT(WRITE_TRIGGERS), EM, "forwards", 0 },
	{ "pci-modern 0x10 is not notify", PM, 2, TR, 0x10, 2, "rw", BIT(LATCH), SB, "writes go nowhere", 0 },
	{ "latch", V2, 2, TR, 0x70, 4, "rw", BIT(LATCH), SB, "reading back what was written needs a backend", 0 },
	{ "selector", V2, 2, TR, 0x14, 4, "w", BIT(SELECTOR), SB, "what other registers show", 0 },
	{ "banked", V2, 2, TR, 0x10, 4, "r", BIT(BANKED), SB, "the snapshot holds one bank", 0 },
	{ "read-clears", PM, 2, VC_SFX_SP_ISR, 0, 1, "r", BIT(READ_CLEARS), SB, "a read's side effect needs a backend", 0 },
	{ "read-mutates", V2, 16, CF, 0, 4, "r", BIT(READ_MUTATES), SB, "reads come from the snapshot", 0 },
	{ "write-triggers", V2, 3, CF, 8, 4, "w", BIT(WRITE_TRIGGERS), SB, "the device action needs a backend", 0 },
	{ "write-clears", V2, 2, TR, 0x64, 4, "w", BIT(WRITE_CLEARS), SB, "clearing bits needs a backend", 0 },
	{ "validated", V2, 2, TR, 0x70, 4, "rw", BIT(VALIDATED), SB, "refusing or altering a write", 0 },
	{ "volatile-notified", V2, 5, CF, 0, 4, "r", BIT(VOLATILE_NOTIFIED), CW, "never follows the device", 0 },
	{ "volatile-silent", V2, 5, CF, 0, 4, "r", BIT(VOLATILE_SILENT) | BIT(LATCH), CW, "taken once at setup", 0 },
	{ "nothing seen", V2, 2, TR, 0x38, 4, "w", 0, SB, "not seen to be constant", 0 },
};

static void test_page(void **state) { run_cases(VC_HV_PAGE, page_cases, N(page_cases)); }

/* ---- all models, all inputs ------------------------------------------------------------------- */

/* Every class set on a spread of registers and transports gets a known
 * verdict with a reason from every model; judging twice gives the same. */
/* A config write the device model forwards to a vhost-user backend
 * (SET_CONFIG): synchronous under kvm and xen, never forwarded by Gunyah,
 * and needing a synchronous backend under page. Near miss: the same
 * classes without backend traffic keep the generic reasons. */
static void test_backend_forwarded_write(void **state)
{
	static const struct { enum vc_hv_model m; enum vc_hv_verdict v; const char *why; } want[] = {
		{ VC_HV_KVM, EM, "forwards the write to the vhost-user backend" },
		{ VC_HV_XEN, EM, "forwarded the write to its vhost-user backend" },
		{ VC_HV_GUNYAH, CW, "the vhost-user backend the device model forwards it to never receives it" },
		{ VC_HV_PAGE, SB, "has to reach the vhost-user backend" },
	};
	struct vc_hv_facts f = { .transport = V2, .device_id = 2, .offered = GRANTS, .nqueues = 1 };
	for (int near = 0; near < 2; near++) {
		struct vc_register r = { .space = CF, .off = 0x20, .width = 1, .spec_access = "rw",
					 .classes = BIT(LATCH) | BIT(WRITE_TRIGGERS),
					 .backend_on_write = near ? 0 : 1ull << 25 };
		vc_hv_judge(&r, &f);
		for (size_t i = 0; i < N(want); i++) {
			const struct vc_hv_judgement *j = &r.models[want[i].m];
			assert_int_equal(j->verdict, want[i].v);
			if (!near && !strstr(j->reason, want[i].why))
				fail_msg("%s: '%s' lacks '%s'", vc_hv_model_name(want[i].m), j->reason, want[i].why);
			if (near && strstr(j->reason, "vhost-user"))
				fail_msg("%s: '%s' names a backend that was never reached", vc_hv_model_name(want[i].m),
					 j->reason);
		}
	}
	/* backend traffic without a write trigger (a write the model ignores) changes nothing */
	struct vc_register quiet = { .space = CF, .off = 0x20, .width = 1, .spec_access = "rw",
				     .classes = BIT(LATCH), .backend_on_write = 1ull << 25 };
	vc_hv_judge(&quiet, &f);
	assert_null(strstr(quiet.models[VC_HV_PAGE].reason, "vhost-user"));
}

static void test_every_input_has_a_reason(void **state)
{
	static const struct { enum vc_sfx_space sp; uint32_t off; uint8_t w; const char *acc; uint32_t dev; } regs[] = {
		{ TR, 0x000, 4, "r", 2 },  { TR, 0x010, 4, "r", 2 },  { TR, 0x050, 4, "w", 2 },
		{ TR, 0x070, 4, "rw", 2 }, { TR, 0x070, 1, "rw", 2 }, { TR, 0x0b0, 4, "r", 2 },
		{ TR, 0x0fc, 4, "r", 2 },  { TR, 0x0f0, 4, NULL, 2 }, { VC_SFX_SP_ISR, 0, 1, "r", 2 },
		{ VC_SFX_SP_NOTIFY, 0, 2, "w", 2 }, { CF, 0, 1, "rw", 18 }, { CF, 8, 1, "r", 18 },
		{ CF, 4, 4, "rw", 5 },     { CF, 0, 8, NULL, 0 },
	};
	for (uint32_t cl = 0; cl < (1u << VC_SFX_C__COUNT); cl++)
		for (size_t i = 0; i < N(regs); i++)
			for (int t = 0; t < VC_TR__COUNT; t++) {
				struct vc_register r = { .space = regs[i].sp, .off = regs[i].off, .width = regs[i].w,
							 .spec_access = regs[i].acc, .classes = cl };
				struct vc_hv_facts f = { .transport = (enum vc_transport)t,
							 .device_id = regs[i].dev, .offered = (cl & 1) ? GRANTS : 0 };
				vc_hv_judge(&r, &f);
				struct vc_register again = r;
				vc_hv_judge(&again, &f);
				for (int m = 0; m < VC_HV__COUNT; m++) {
					assert_non_null(r.models[m].reason);
					assert_true(r.models[m].verdict < VC_HV_V__COUNT);
					assert_int_equal(again.models[m].verdict, r.models[m].verdict);
					assert_ptr_equal(again.models[m].reason, r.models[m].reason);
				}
			}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kvm),
		cmocka_unit_test(test_xen),
		cmocka_unit_test(test_gunyah_transport),
		cmocka_unit_test(test_gunyah_queue_count),
		cmocka_unit_test(test_gunyah_config),
		cmocka_unit_test(test_page),
		cmocka_unit_test(test_backend_forwarded_write),
		cmocka_unit_test(test_every_input_has_a_reason),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
