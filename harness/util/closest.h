/* "Did you mean": the known name nearest to a mistyped one. */
#ifndef VC_UTIL_CLOSEST_H
#define VC_UTIL_CLOSEST_H
#include <stddef.h>

/* Levenshtein distance of a and b, case-insensitive; both at most 64
 * characters (longer: a large number). */
unsigned vc_edit_distance(const char *a, const char *b);
/* The candidate nearest to `name` when it is near enough to be a typo of it
 * (a distance of at most 2, or 3 for names of 9 characters or more, and
 * less than the name's length), else NULL. Ties go to the first. */
const char *vc_closest(const char *name, const char *const *cands, size_t n);
#endif
