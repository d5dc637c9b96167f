/* Records from a console vcheck did not read itself: a Xen domU's, a
 * board's, a LAVA job's. There a record may sit behind a prefix on its line
 * (Xen's "(d1) ", a timestamp), and a console that wraps long lines splits
 * it over several, each with the prefix again. Lines are handed on to the
 * collector with the prefix cut and the pieces joined; the record's seal
 * says whether a join is right, so nothing is guessed into a record. */
#ifndef VC_FOREIGN_H
#define VC_FOREIGN_H
#include "harness/collect/collect.h"

#define VC_FOREIGN_PREFIX_MAX 64

struct vc_foreign {
	struct vc_line_splitter split;
	struct vc_collector *out;
	char frag[VC_RECORD_MAX_LINE + 1]; /* a record begun whose seal is not yet whole */
	size_t fraglen;
	char prefix[VC_FOREIGN_PREFIX_MAX]; /* what stood before it on its line */
	size_t prefixlen;
	unsigned long prefixed;  /* records found behind a prefix */
	unsigned long rejoined;  /* records joined from more than one line */
};

void vc_foreign_init(struct vc_foreign *f, struct vc_collector *out);
void vc_foreign_feed(struct vc_foreign *f, const char *data, size_t n);
/* End of the console: a record still in pieces goes on as it is (malformed). */
void vc_foreign_finish(struct vc_foreign *f);
/* Says in the cell's outcome_detail how many records were found behind a
 * prefix or joined from pieces (nothing when none were). */
void vc_foreign_note(const struct vc_foreign *f, struct vc_cell *c);

#endif
