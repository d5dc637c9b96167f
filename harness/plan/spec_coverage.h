/* Which normative sections of the spec the catalogue exercises: the list of
 * device-normative sections (harness/spec/, derived from the spec
 * sources) against the spec references of the registered checks. */
#ifndef VC_SPEC_COVERAGE_H
#define VC_SPEC_COVERAGE_H
#include <stddef.h>

struct vc_spec_section {
	char *number, *title;
	unsigned checks; /* checks citing exactly this section */
};

struct vc_spec_list {
	char *version; /* "1.2" */
	struct vc_spec_section *s;
	size_t n, cap;
};

/* Parses "number<TAB>title" lines ('#' comments); -1 with "path:line: why". */
int vc_spec_parse(const char *path, const char *version, const char *text, struct vc_spec_list *l,
		  char *err, size_t errlen);
/* Counts, per section, the registered checks whose spec is "<version> <number>";
 * returns how many checks cite a section of this version that is not in the list. */
unsigned vc_spec_count(struct vc_spec_list *l);
void vc_spec_free(struct vc_spec_list *l);
#endif
