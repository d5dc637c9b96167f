/* What libfdt_env.h asks of <stdlib.h> in a freestanding image. */
#ifndef VC_STDLIB_H
#define VC_STDLIB_H
#include <stddef.h>
unsigned long strtoul(const char *s, char **end, int base);
#endif
