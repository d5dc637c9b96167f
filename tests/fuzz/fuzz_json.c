/* The strict JSON reader (harness/util/json_read.h) on exactly the input's
 * bytes (no terminator after them), every getter on every value, and the
 * project's JSON writer (harness/util/json.h) as an oracle: a document the
 * reader accepted, written back with the writer, must be one the reader
 * accepts again (vcheck writes results.json with the one and reads it with
 * the other). */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/util/json.h"
#include "harness/util/json_read.h"
#include "fuzz_common.h"

/* The writer keeps per-level state for 32 levels (json.h); results.json
 * has 6, so deeper documents are read but not written back. */
#define WRITE_DEPTH_MAX 30

static size_t walk(const struct jv *v, int depth)
{
	size_t deepest = (size_t)depth;
	static const long ranges[][2] = { { 0, 0xff }, { 1, 1 << 20 }, { INT_MIN, INT_MAX }, { LONG_MIN, LONG_MAX } };
	fz_require(depth <= JV_MAX_DEPTH, "depth %d", depth);
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++) {
		long x = jv_int(v, ranges[i][0], ranges[i][1], -7);
		fz_require(x == -7 || (x >= ranges[i][0] && x <= ranges[i][1]), "jv_int out of range");
	}
	(void)jv_num(v, 0), (void)jv_bool(v, 0);
	const char *s = jv_str(v, NULL);
	if (s)
		fz_require(strlen(s) <= v->len, "string length");
	if (v->type == JV_NUM)
		fz_require(v->raw && *v->raw, "number without its text");
	for (size_t i = 0; i < jv_count(v); i++) {
		const struct jv *item = v->type == JV_ARR ? jv_at(v, i) : jv_get(v, v->keys[i]);
		fz_require(item != NULL, "item %zu", i);
		if (v->type == JV_OBJ)
			fz_require(item == &v->items[i], "key '%s' found elsewhere", v->keys[i]);
		size_t d = walk(item, depth + 1);
		deepest = d > deepest ? d : deepest;
	}
	fz_require(jv_at(v, jv_count(v)) == NULL, "past the end");
	return deepest;
}

static void write_value(struct vc_json *j, const struct jv *v)
{
	switch (v->type) {
	case JV_NULL: json_str(j, NULL); break;
	case JV_BOOL: json_bool(j, v->boolean); break;
	case JV_NUM: json_num(j, v->num); break;
	case JV_STR: json_str(j, v->str); break;
	case JV_ARR:
		json_arr(j);
		for (size_t i = 0; i < v->n; i++)
			write_value(j, &v->items[i]);
		json_arr_end(j);
		break;
	case JV_OBJ:
		json_obj(j);
		for (size_t i = 0; i < v->n; i++) {
			json_key(j, v->keys[i]);
			write_value(j, &v->items[i]);
		}
		json_obj_end(j);
		break;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	char err[256] = "";
	struct jv *doc = jv_parse((const char *)d, n, err, sizeof(err));
	fz_note("json: %s\n", doc ? "parsed" : err);
	if (!doc) {
		unsigned line, col;
		fz_require(sscanf(err, "%u:%u: ", &line, &col) == 2 && line >= 1 && col >= 1, "error '%s'", err);
		return 0;
	}
	size_t depth = walk(doc, 0);
	(void)jv_get(doc, "schema"), (void)jv_gets(doc, "cells", NULL), (void)jv_getn(doc, "seconds", 0);

	/* written back, read again: top-level scalars are written as the
	 * writer writes them (a bare value) */
	if (depth <= WRITE_DEPTH_MAX && (doc->type == JV_ARR || doc->type == JV_OBJ)) {
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		if (!f)
			abort();
		struct vc_json j;
		json_init(&j, f);
		write_value(&j, doc);
		fclose(f);
		char err2[256] = "";
		struct jv *again = jv_parse(buf, len, err2, sizeof(err2));
		fz_require(again != NULL, "the reader refuses what the writer wrote: %s\n%.300s", err2, buf);
		fz_require(again->type == doc->type && again->n == doc->n, "a different document came back");
		jv_free(again);
		free(buf);
	}
	jv_free(doc);
	return 0;
}
