/* The kinds of difference by name: --gate's list in, the writers' names out. */
#include <string.h>
#include "harness/results/diff_internal.h"

#define VC_DIFF_KIND_NAME(id, name) name,
static const char *const kind_names[] = { VC_DIFF_KINDS(VC_DIFF_KIND_NAME) };

const char *vc_diff_kind_name(enum vc_diff_kind k)
{
	return (unsigned)k < VC_DIFF__COUNT ? kind_names[k] : "?";
}

static unsigned kind_bits(const char *s, size_t n)
{
	if (n == 3 && !memcmp(s, "all", 3))
		return VC_DIFF_ALL;
	for (unsigned k = 0; k < VC_DIFF__COUNT; k++)
		if (strlen(kind_names[k]) == n && !memcmp(s, kind_names[k], n))
			return VC_DIFF_BIT(k);
	return 0;
}

int vc_diff_parse_gate(const char *list, unsigned *gate, char *err, size_t errlen)
{
	*gate = 0;
	for (const char *p = list;; p++) {
		size_t n = strcspn(p, ",");
		unsigned bits = kind_bits(p, n);
		if (!bits) {
			snprintf(err, errlen, "unknown kind '%.*s' in --gate (kinds: verdicts, features, config, "
				 "classes, models, outcome, all)", (int)(n < 64 ? n : 64), p);
			return -1;
		}
		*gate |= bits;
		p += n;
		if (!*p)
			return 0;
	}
}

void diff_gate_text(unsigned gate, char *buf, size_t len)
{
	buf[0] = 0;
	if (gate == VC_DIFF_ALL) {
		snprintf(buf, len, "all");
		return;
	}
	for (unsigned k = 0, first = 1; k < VC_DIFF__COUNT; k++)
		if (gate & VC_DIFF_BIT(k)) {
			size_t at = strlen(buf);
			snprintf(buf + at, len - at, "%s%s", first ? "" : ",", kind_names[k]);
			first = 0;
		}
}

size_t vc_diff_gated(const struct vc_diff *d, unsigned gate)
{
	size_t n = 0;
	for (unsigned k = 0; k < VC_DIFF__COUNT; k++)
		n += gate & VC_DIFF_BIT(k) ? d->counts[k] : 0;
	return n;
}
