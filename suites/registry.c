/* Walks the vcheck_checks section; shared by the guest runner and the host. */
#include <stddef.h>
#include "check.h"

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
