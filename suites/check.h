/* The check registry (as virtio-villain's REGISTER_TEST): a check is one
 * function plus a descriptor with its spec reference. VC_CHECK places the
 * descriptor in the vcheck_checks section; the guest runner and the host's
 * `vcheck list checks` both walk that section, so no list is kept by hand. */
#ifndef VC_CHECK_H
#define VC_CHECK_H
#include <stddef.h>
#include <stdint.h>
#include "vcheck/transports.h"
#include "vcheck/verdict.h"

enum vc_level { VC_MUST, VC_SHOULD, VC_MAY };

struct vdev;
struct vc_ctx;
typedef void (*vc_check_fn)(struct vc_ctx *ctx);

struct vc_check {
	const char *id;       /* stable: AREA-TOPIC-NNN */
	const char *title;
	const char *spec;     /* "1.2 4.2.2.1": version and section of the statement */
	uint8_t level;        /* enum vc_level */
	uint32_t transports;  /* VC_TR_BIT mask */
	uint32_t device_id;   /* 0: any device type */
	uint64_t features;    /* device must offer all of these, else SKIP */
	/* The one personality the check applies under (XEN-GNT-*: "xen"), or
	 * NULL for any. The check skips itself elsewhere (vc_personality_is);
	 * the host reads it here to tell such a SKIP from a difference. */
	const char *personality;
	/* Set by the few checks that provoke aborts and judge them; any other
	 * check whose register access aborts ends as FAULT (the runner). */
	uint8_t judges_faults;
	vc_check_fn fn;
};

#ifdef VC_CATALOGUE_ONLY
/* Host build: descriptors only. An unreferenced static inline function is
 * never emitted at any optimisation level, so the bodies (which call guest
 * code) do not reach the host link. */
#define VC_CHECK_FN_REF(ident) NULL
#define VC_CHECK_FN_KIND static inline __attribute__((unused))
#else
#define VC_CHECK_FN_REF(ident) ident##_fn
#define VC_CHECK_FN_KIND static
#endif

#define VC_CHECK(ident, ...)                                                   \
	VC_CHECK_FN_KIND void ident##_fn(struct vc_ctx *ctx);                  \
	static const struct vc_check ident                                     \
		__attribute__((used, section("vcheck_checks"), aligned(8))) = { \
			__VA_ARGS__, .fn = VC_CHECK_FN_REF(ident) };           \
	VC_CHECK_FN_KIND void ident##_fn(struct vc_ctx *ctx)

const struct vc_check *vc_check_first(void);
const struct vc_check *vc_check_next(const struct vc_check *c);
unsigned vc_check_count(void);
/* Position of a check in ID order: the same in the image and on the host,
 * whatever order the linker gave the section. */
unsigned vc_check_rank(const struct vc_check *c);
const struct vc_check *vc_check_by_rank(unsigned rank); /* NULL past the last */
/* FNV-1a over the IDs in rank order: equal on both sides when the image
 * was built from the same catalogue, so ranks mean the same checks. */
uint32_t vc_catalogue_fingerprint(void);
const char *vc_level_name(unsigned level);

#endif
