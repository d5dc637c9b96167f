/* A growable array: `VEC_PUSH(items, n, cap)` returns a zeroed slot. The
 * harness's only container; allocation failure ends the process with a
 * message rather than limping on with half a result. */
#ifndef VC_VEC_H
#define VC_VEC_H
#include <stddef.h>

void *vc_vec_grow(void *items, size_t elem, size_t n, size_t *cap);
void *vc_xcalloc(size_t n, size_t size);
char *vc_xstrdup(const char *s);
/* A formatted string of whatever length it needs: nothing is ever cut. */
char *vc_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Lower-case hex of n bytes, "" for none; free with vc_hexfree. */
char *vc_hexdup(const unsigned char *b, size_t n);
void vc_hexfree(char *s);

#define VEC_PUSH(items, n, cap) \
	((items) = vc_vec_grow((items), sizeof(*(items)), (n), &(cap)), &(items)[(n)++])

#endif
