/* Side-effect discovery on the host: what the guest's experiments observed
 * (joined with device-side events), the classes computed from that, and what
 * each hypervisor model makes of them. Names come from vcheck/sidefx.h. */
#ifndef VC_HARNESS_SIDEFX_H
#define VC_HARNESS_SIDEFX_H
#include <stddef.h>
#include <stdint.h>
#include "vcheck/sidefx.h"
#include "vcheck/transports.h"

struct vc_sfx_change {
	uint32_t off;
	uint64_t before, after;
};

/* One experiment step: one "sfx" record plus the device-side events QEMU
 * traced between the previous record and this one. */
struct vc_sfx_obs {
	unsigned long seq;            /* record sequence number */
	enum vc_sfx_experiment exp;
	enum vc_sfx_space space;
	uint32_t off;
	uint8_t width;
	uint64_t v[2];                /* rr: the two reads; tm: first and last */
	unsigned nv;
	int has_wv, has_rb, has_rb2;
	uint64_t wv, rb, rb2;         /* written value, value read back, read back again */
	int repeat;                   /* wr: the series' last value written once more */
	int has_was;
	uint64_t was;                 /* wr: the value the target held before its series */
	unsigned distinct;            /* tm: distinct values; sw: offsets differing from value 0 */
	uint32_t hash;                /* sw: hash of the space for this value */
	int fault_read, fault_write;
	struct vc_sfx_change ch[VC_SFX_MAX_CHANGES];
	unsigned nch, more;           /* listed changes, changes not listed */
	char event[24];               /* ev: the host event's name */
	int isr_config;               /* ev: ISR/InterruptStatus config bit after the event; -1 unknown */
	long isr_bits;                /* ev: every ISR/InterruptStatus bit the event showed; -1 unknown */
	int gen_changed;              /* ev: ConfigGeneration moved; -1 unknown */
	int has_notified;
	unsigned notified;            /* tm: of the changes, those a notification came with */
	unsigned samples;             /* tm: how many times it was read (0 unknown) */
	char **dev_events;            /* device-side trace event names with arguments */
	size_t ndev_events;
	unsigned dev_accesses;        /* register accesses the device saw during the step */
};

struct vc_hv_judgement {
	enum vc_hv_verdict verdict;
	const char *reason;           /* static text */
};

/* One register, field or width with its classes and their evidence. */
struct vc_register {
	enum vc_sfx_space space;
	uint32_t off;
	uint8_t width;
	/* From the transport or layout, "field+0xN" for bytes inside a config
	 * field, "(reserved)" between a layout's fields; NULL past it. */
	const char *name;
	char *name_buf;               /* owns name when it was composed */
	/* The layout field holding a config register: where it starts, its
	 * size and the width a driver reads it with; size 0 when none does. */
	uint32_t field_off, field_size;
	uint8_t field_width;
	const char *spec_access;      /* "r", "w", "rw" from the layout; NULL if unknown */
	uint32_t classes;             /* VC_SFX_CLASS_BIT() set */
	/* vhost-user requests the front-end sent its backend during this
	 * register's own steps, bit = request number (< 64): on its writes,
	 * on its reads. A write that reaches the backend is a write to it. */
	uint64_t backend_on_write, backend_on_read;
	char **evidence;              /* one line per claim: the class, the sequence, values, events */
	size_t nevidence;
	struct vc_hv_judgement models[VC_HV__COUNT];
};

/* Transport facts the models need beside the classes. */
struct vc_hv_facts {
	enum vc_transport transport;
	uint32_t device_id;
	uint64_t offered;             /* DeviceFeatures words 0 and 1 */
	unsigned nqueues;
};

/* Appends one evidence line (copied) to r. */
void vc_register_add_evidence(struct vc_register *r, const char *line);
/* Both free the n elements' contents and the array itself. */
void vc_register_free(struct vc_register *r, size_t n);
void vc_sfx_obs_free(struct vc_sfx_obs *o, size_t n);

#endif
