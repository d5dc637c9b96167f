/* Walks the vcheck_checks section; shared by the guest runner and the host. */
#include <stddef.h>
#include "vcheck/ranks.h"
#include "vcheck/records.h"
#include "suites/check.h"
#include <string.h>

/* Weak: an empty section (no file registered) must still link. */
extern const struct vc_check __start_vcheck_checks[] __attribute__((weak));
extern const struct vc_check __stop_vcheck_checks[] __attribute__((weak));

static const struct vc_check *section_begin(void) { return __start_vcheck_checks; }
static const struct vc_check *section_end(void) { return __stop_vcheck_checks; }

const struct vc_check *vc_check_first(void)
{
	return section_begin() < section_end() ? section_begin() : NULL;
}

const struct vc_check *vc_check_next(const struct vc_check *c)
{
	return c + 1 < section_end() ? c + 1 : NULL;
}

unsigned vc_check_count(void)
{
	return (unsigned)(section_end() - section_begin());
}

const char *vc_level_name(unsigned level)
{
	static const char *const names[] = { "MUST", "SHOULD", "MAY" };
	return level < 3 ? names[level] : "?";
}

/* Ranks: the checks in ID order. The section's order is the linker's, which
 * differs between the guest image and the host; ID order does not, so the
 * two sides can name a check by its rank (verdict batches, records.h). */
#define MAX_CHECKS VC_RANKS_MAX
static const struct vc_check *by_rank[MAX_CHECKS];
static unsigned ranked;

static void rank_checks(void)
{
	if (ranked)
		return;
	for (const struct vc_check *c = vc_check_first(); c && ranked < MAX_CHECKS; c = vc_check_next(c)) {
		unsigned i = ranked++;
		for (; i && strcmp(by_rank[i - 1]->id, c->id) > 0; i--)
			by_rank[i] = by_rank[i - 1];
		by_rank[i] = c;
	}
}

unsigned vc_check_rank(const struct vc_check *c)
{
	rank_checks();
	unsigned lo = 0, hi = ranked;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		if (strcmp(by_rank[mid]->id, c->id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct vc_check *vc_check_by_rank(unsigned rank)
{
	rank_checks();
	return rank < ranked ? by_rank[rank] : NULL;
}

uint32_t vc_catalogue_fingerprint(void)
{
	rank_checks();
	uint32_t h = VC_HASH_START;
	for (unsigned i = 0; i < ranked; i++) /* over "ID," for every check in rank order */
		h = vc_hash_more(vc_hash_more(h, by_rank[i]->id, strlen(by_rank[i]->id)), ",", 1);
	return h;
}
