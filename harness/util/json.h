/* A small streaming JSON writer: objects, arrays, strings, numbers. */
#ifndef VC_JSON_H
#define VC_JSON_H
#include <stdio.h>
#include <stdint.h>

struct vc_json {
	FILE *f;
	int depth;
	int first[32]; /* per depth: nothing written yet at this level */
	int after_key;
};

void json_init(struct vc_json *j, FILE *f);
void json_obj(struct vc_json *j);
void json_obj_end(struct vc_json *j);
void json_arr(struct vc_json *j);
void json_arr_end(struct vc_json *j);
void json_key(struct vc_json *j, const char *k);
void json_str(struct vc_json *j, const char *s); /* NULL writes null */
void json_u64(struct vc_json *j, uint64_t v);
void json_num(struct vc_json *j, double v);
void json_bool(struct vc_json *j, int v);
/* key + value shorthands */
void json_kstr(struct vc_json *j, const char *k, const char *s);
void json_ku64(struct vc_json *j, const char *k, uint64_t v);
/* Writes s as a JSON string body to any FILE (also used by HTML/XML writers' callers). */
void json_escape(FILE *f, const char *s);
#endif
