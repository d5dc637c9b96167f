/* Verdicts as DESIGN.md defines them, ordered so that "worst wins" is max().
 * ERROR is the harness's or the record channel's failure, not the device's
 * (XTF's ERROR, LTP's TBROK): nothing is known about the device, so a
 * pipeline may retry it. It ranks below every device verdict that gates,
 * so a cell with both a broken channel and a real FAIL reports the FAIL,
 * which a retry must not hide. */
#ifndef VCHECK_VERDICT_H
#define VCHECK_VERDICT_H

#define VC_VERDICTS(X)  \
	X(PASS, "PASS") \
	X(SKIP, "SKIP") \
	X(XFAIL, "XFAIL") \
	X(WARN, "WARN") \
	X(ERROR, "ERROR") \
	X(XPASS, "XPASS") \
	X(FAIL, "FAIL") \
	X(FAULT, "FAULT") \
	X(WEDGED, "WEDGED") \
	X(CRASH, "CRASH")

enum vc_verdict {
#define VC_VERDICT_ENUM(v, name) VC_##v,
	VC_VERDICTS(VC_VERDICT_ENUM)
#undef VC_VERDICT_ENUM
	VC_VERDICT__COUNT
};

/* The wire and report name: the guest writes it, the host reads it back. */
static inline const char *vc_verdict_name(enum vc_verdict v)
{
	static const char *const names[] = {
#define VC_VERDICT_NAME(v, name) name,
		VC_VERDICTS(VC_VERDICT_NAME)
#undef VC_VERDICT_NAME
	};
	return (unsigned)v < VC_VERDICT__COUNT ? names[v] : "?";
}

static inline enum vc_verdict vc_verdict_worst(enum vc_verdict a, enum vc_verdict b)
{
	return a > b ? a : b;
}

/* What gates a pipeline: anything at or above FAIL, and an unexpected pass. */
static inline int vc_verdict_is_failure(enum vc_verdict v)
{
	return v == VC_XPASS || v >= VC_FAIL;
}

#endif
