#include <stdlib.h>
#include <string.h>
#include "harness/util/vec.h"
#include "reports/report_reason.h"

#define CITE "reference section"

/* What each section of the Gunyah study covers, in words a reader of the
 * report knows without it. */
static const char *const topics[] = {
	[1] = "Gunyah's access-size rules for trapped writes",
	[2] = "Gunyah's per-register write handling",
	[3] = "Gunyah's device-config handling",
	[4] = "Gunyah's Status and reset handling",
	[5] = "Gunyah's backend hypercalls",
	[6] = "Gunyah's queue limit",
};

static const char *topic(unsigned long n)
{
	return n < sizeof(topics) / sizeof(topics[0]) && topics[n] ? topics[n] : "Gunyah's design";
}

/* Appends the topics of "2 and 4" or "2, 3 and 4" at *s, moving *s past
 * them; the separators are kept as they read. */
static void append_topics(char **out, const char **s)
{
	for (;;) {
		char *end;
		unsigned long n = strtoul(*s, &end, 10);
		if (end == *s)
			return;
		char *next = vc_xasprintf("%s%s", *out, topic(n));
		free(*out);
		*out = next;
		*s = end;
		const char *sep = !strncmp(*s, " and ", 5) ? " and " : !strncmp(*s, ", ", 2) ? ", " : NULL;
		if (!sep || (*s)[strlen(sep)] < '0' || (*s)[strlen(sep)] > '9')
			return;
		next = vc_xasprintf("%s%s", *out, sep);
		free(*out);
		*out = next;
		*s += strlen(sep);
	}
}

char *rep_reason_readable(const char *reason)
{
	if (!reason || !strstr(reason, CITE))
		return NULL;
	char *out = vc_xstrdup("");
	const char *s = reason, *hit;
	while ((hit = strstr(s, CITE))) {
		char *next = vc_xasprintf("%s%.*s", out, (int)(hit - s), s);
		free(out);
		out = next;
		s = hit + strlen(CITE);
		s += *s == 's';
		s += *s == ' ';
		append_topics(&out, &s);
	}
	char *done = vc_xasprintf("%s%s", out, s);
	free(out);
	return done;
}
