/* A small, strict JSON reader (RFC 8259) into a DOM, for the report
 * commands that read results.json back. The writer is json.h.
 *
 * Strict: no comments, no trailing commas, no duplicate keys, no leading
 * zeros, no raw control characters in strings, valid UTF-8 only, and only
 * white space after the top-level value. Errors name line:column. */
#ifndef VC_JSON_READ_H
#define VC_JSON_READ_H
#include <stddef.h>

/* Nesting deeper than this is refused rather than recursed into. */
#define JV_MAX_DEPTH 64

enum jv_type { JV_NULL, JV_BOOL, JV_NUM, JV_STR, JV_ARR, JV_OBJ };

struct jv {
	enum jv_type type;
	int boolean;
	double num;
	char *raw;             /* JV_NUM: the number's text as written */
	char *str;             /* JV_STR: UTF-8, NUL-terminated */
	size_t len;            /* JV_STR: bytes (a \u0000 escape makes it exceed strlen) */
	struct jv *items;      /* JV_ARR elements, JV_OBJ values */
	char **keys;           /* JV_OBJ keys, parallel to items, in document order */
	size_t n, cap;
};

/* Parses len bytes of text; NULL with "LINE:COLUMN: what" in err on bad input.
 * Free the result with jv_free. */
struct jv *jv_parse(const char *text, size_t len, char *err, size_t errlen);
void jv_free(struct jv *v);

/* Lookups; each accepts NULL and a value of the wrong type. */
const struct jv *jv_get(const struct jv *obj, const char *key); /* NULL when absent */
const struct jv *jv_at(const struct jv *arr, size_t i);         /* NULL when out of range */
size_t jv_count(const struct jv *v);                            /* array or object size, else 0 */
int jv_is(const struct jv *v, enum jv_type t);
/* Getters that return def unless v is of the right type. */
const char *jv_str(const struct jv *v, const char *def);
double jv_num(const struct jv *v, double def);
int jv_bool(const struct jv *v, int def);
/* An integer in [lo, hi]; def for anything else (a fraction, a value out of
 * range, NaN-like text a peer sent): never a float-to-int overflow. */
long jv_int(const struct jv *v, long lo, long hi, long def);
/* Shorthands for jv_str(jv_get(obj, key), def) and friends. */
const char *jv_gets(const struct jv *obj, const char *key, const char *def);
double jv_getn(const struct jv *obj, const char *key, double def);
#endif
