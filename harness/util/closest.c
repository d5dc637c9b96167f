#include <ctype.h>
#include <string.h>
#include "harness/util/closest.h"

#define MAXLEN 64

unsigned vc_edit_distance(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	if (na > MAXLEN || nb > MAXLEN)
		return 1000;
	unsigned row[MAXLEN + 1];
	for (size_t j = 0; j <= nb; j++)
		row[j] = (unsigned)j;
	for (size_t i = 1; i <= na; i++) {
		unsigned diag = row[0];
		row[0] = (unsigned)i;
		for (size_t j = 1; j <= nb; j++) {
			unsigned up = row[j];
			unsigned cost = tolower((unsigned char)a[i - 1]) != tolower((unsigned char)b[j - 1]);
			unsigned best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[nb];
}

const char *vc_closest(const char *name, const char *const *cands, size_t n)
{
	size_t len = strlen(name);
	unsigned limit = len >= 9 ? 3 : 2, best = limit + 1;
	const char *hit = NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned d = vc_edit_distance(name, cands[i]);
		if (d < best && d < len)
			best = d, hit = cands[i];
	}
	return hit;
}
