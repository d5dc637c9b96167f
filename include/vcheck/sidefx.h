/* Side-effect discovery: the names guest and host share.
 *
 * The guest runs experiments on every register and config field and sends
 * one "sfx" record per experiment step (see records.h):
 *     sfx d=<dev> sp=<space> off=<off> w=<width> x=<experiment> [v=a,b]
 *         [wv=<written>] [rb=<read back>] [n=<count>] [h=<hash>] [fr=1] [fw=1]
 *         [under=<selector off>,<its value>] [rb2=<read back again>] [rep=1]
 *         [was=<the value before the series>]
 *         [ch=<off>:<before>><after>,...] [more=<changes not listed>]
 * All numbers are hex without a prefix except d and w. The host joins each
 * record with the device-side events QEMU traced since the previous record
 * and computes classes (below) from both; the guest never classifies. */
#ifndef VCHECK_SIDEFX_H
#define VCHECK_SIDEFX_H

/* The largest config window examined (PCI's device cfg can state 4 KiB;
 * virtio-mmio's is below 0x100): the guest's buffers and the host's per-byte
 * tables are this size. */
#define VC_SFX_WINDOW_MAX 4096

/* Register spaces an experiment addresses. "transport" is the transport's own
 * block (virtio-mmio window below 0x100, PCI common cfg, legacy I/O header);
 * "isr" and "notify" are the PCI ISR byte and queue 0's notify address;
 * "config" is device config, offsets relative to its start. */
#define VC_SFX_SPACES(X)                 \
	X(TRANSPORT, "transport")        \
	X(ISR, "isr")                    \
	X(NOTIFY, "notify")              \
	X(CONFIG, "config")

/* id, wire name, what the step did */
#define VC_SFX_EXPERIMENTS(X)                                                  \
	X(READ2, "rr")  /* two reads in a row (v=a,b); ch: other offsets that    \
			   changed across them */                                \
	X(WRITE, "wr")  /* on a freshly reset device: write wv, read back rb;    \
			   ch: other offsets that changed */                     \
	X(RESET, "rs")  /* after the writes: device reset, rb read again; ch:    \
			   offsets that differ from before the writes */         \
	X(TIME, "tm")   /* n reads spread over some ms: v=first,last, n=distinct */ \
	X(SWEEP, "sw")  /* selector swept: wv=value, n=offsets that differ from  \
			   value 0, h=hash of the space; only new states sent */ \
	X(EVENT, "ev")  /* host-triggered event ev=<name>: ch: changes,          \
			   isr=<ISR after>, gen=<generation before>,<after> */   \
	X(WINDOW, "wn") /* the config window examined: n=bytes the transport   \
			   states, a=bytes the experiments addressed */

/* Classes a register, field or width can hold (DESIGN.md); several at once. */
#define VC_SFX_CLASSES(X)                                 \
	X(CONSTANT, "constant")                           \
	X(LATCH, "latch")                                 \
	X(SELECTOR, "selector")                           \
	X(BANKED, "banked")                               \
	X(READ_CLEARS, "read-clears")                     \
	X(READ_MUTATES, "read-mutates")                   \
	X(WRITE_TRIGGERS, "write-triggers")               \
	X(WRITE_CLEARS, "write-clears")                   \
	X(VALIDATED, "validated")                         \
	X(VOLATILE_NOTIFIED, "volatile-notified")         \
	X(VOLATILE_SILENT, "volatile-silent")             \
	X(FAULTING, "faulting")

/* Hypervisor models (DESIGN.md "Hypervisor models"). */
#define VC_HV_MODELS(X)          \
	X(KVM, "kvm")            \
	X(XEN, "xen")            \
	X(GUNYAH, "gunyah")      \
	X(PAGE, "page")

/* What serving a register under a model takes. */
#define VC_HV_VERDICTS(X)                                                    \
	X(EMULABLE, "emulable")           /* the model's generic path reproduces \
					     what the device does */             \
	X(SPECIAL_CASE, "special-case")   /* only with per-register code in the  \
					     hypervisor */                       \
	X(SYNC_BACKEND, "sync-backend")   /* needs the backend to answer         \
					     synchronously, which the model does \
					     not do */                           \
	X(CANNOT_WORK, "cannot-work")     /* the model's rules forbid it */      \
	X(NOT_APPLICABLE, "n/a")          /* the model has no such transport */

#define VC_SFX_SP_ENUM(id, name) VC_SFX_SP_##id,
#define VC_SFX_X_ENUM(id, name) VC_SFX_##id,
#define VC_SFX_C_ENUM(id, name) VC_SFX_C_##id,
#define VC_HV_ENUM(id, name) VC_HV_##id,
enum vc_sfx_space { VC_SFX_SPACES(VC_SFX_SP_ENUM) VC_SFX_SP__COUNT };
enum vc_sfx_experiment { VC_SFX_EXPERIMENTS(VC_SFX_X_ENUM) VC_SFX_X__COUNT };
enum vc_sfx_class { VC_SFX_CLASSES(VC_SFX_C_ENUM) VC_SFX_C__COUNT };
enum vc_hv_model { VC_HV_MODELS(VC_HV_ENUM) VC_HV__COUNT };
enum vc_hv_verdict { VC_HV_VERDICTS(VC_HV_ENUM) VC_HV_V__COUNT };
#undef VC_SFX_SP_ENUM
#undef VC_SFX_X_ENUM
#undef VC_SFX_C_ENUM
#undef VC_HV_ENUM

#define VC_SFX_CLASS_BIT(c) (1u << (c))

#define VC_SFX_NAME_FN(fn, type, list, count)                               \
	static inline const char *fn(type v)                                \
	{                                                                   \
		static const char *const names[] = { list(VC_SFX_NAME_ITEM) }; \
		return (unsigned)v < (count) ? names[v] : "unknown";        \
	}
#define VC_SFX_NAME_ITEM(id, name) name,
VC_SFX_NAME_FN(vc_sfx_space_name, enum vc_sfx_space, VC_SFX_SPACES, VC_SFX_SP__COUNT)
VC_SFX_NAME_FN(vc_sfx_experiment_name, enum vc_sfx_experiment, VC_SFX_EXPERIMENTS, VC_SFX_X__COUNT)
VC_SFX_NAME_FN(vc_sfx_class_name, enum vc_sfx_class, VC_SFX_CLASSES, VC_SFX_C__COUNT)
VC_SFX_NAME_FN(vc_hv_model_name, enum vc_hv_model, VC_HV_MODELS, VC_HV__COUNT)
VC_SFX_NAME_FN(vc_hv_verdict_name, enum vc_hv_verdict, VC_HV_VERDICTS, VC_HV_V__COUNT)
#undef VC_SFX_NAME_ITEM
#undef VC_SFX_NAME_FN

/* Changes listed per record at most; the rest are counted in more=. */
#define VC_SFX_MAX_CHANGES 12

#endif
