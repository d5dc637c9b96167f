/* Text with escapes, as the JSON and JUnit writers put it out. */
#ifndef VC_ESCAPE_H
#define VC_ESCAPE_H
#include <stdio.h>
/* Writes s (NULL: nothing): runs of bytes `plain` accepts in one write,
 * every other byte through `special`. results.json and junit.xml hold a
 * few thousand checks' titles and details; a call per byte was most of
 * the time a run spent after its last cell. */
void vc_write_escaped(FILE *f, const char *s, int (*plain)(unsigned char c),
		      void (*special)(FILE *f, unsigned char c));
#endif
