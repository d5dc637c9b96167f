/* A JSON document for a unit test, written with single quotes so it can sit
 * in a C string: 'key' becomes "key". Fails the test on a parse error.
 * static: one copy per test program, as the other test helpers here. */
#ifndef VC_TEST_JSON_DOC_H
#define VC_TEST_JSON_DOC_H
#include <stdlib.h>
#include <string.h>
#include "harness/util/json_read.h"

static struct jv *doc(const char *quoted)
{
	char *text = strdup(quoted), err[256] = "";
	for (char *p = text; *p; p++)
		if (*p == '\'')
			*p = '"';
	struct jv *v = jv_parse(text, strlen(text), err, sizeof(err));
	if (!v)
		fail_msg("bad test JSON: %s in %s", err, text);
	free(text);
	return v;
}
#endif
