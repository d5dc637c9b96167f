/* What `vcheck diff` needs of a results.json before it compares: the
 * validation that refuses what cannot be compared, and the hex values it
 * reads. The comparison then reads the document through the jv getters,
 * which answer a default for a missing key or a wrong type. */
#include <string.h>
#include "harness/util/errf.h"
#include "harness/collect/record_parse.h"
#include "harness/results/diff_internal.h"

/* Absent and null are an empty array; anything else must be an array. */
static int optional(const struct jv *v, enum jv_type t) { return !v || jv_is(v, JV_NULL) || jv_is(v, t); }

static int objects(const struct jv *arr, const char *path, char *err, size_t errlen)
{
	if (!optional(arr, JV_ARR))
		return vc_errf(err, errlen, "%s is not an array", path);
	for (size_t i = 0; i < jv_count(arr); i++)
		if (!jv_is(jv_at(arr, i), JV_OBJ))
			return vc_errf(err, errlen, "%s[%zu] is not an object", path, i);
	return 0;
}

static int validate_registers(const struct jv *regs, const char *path, char *err, size_t errlen)
{
	if (objects(regs, path, err, errlen))
		return -1;
	for (size_t i = 0; i < jv_count(regs); i++) {
		const struct jv *r = jv_at(regs, i);
		if (!optional(jv_get(r, "classes"), JV_ARR))
			return vc_errf(err, errlen, "%s[%zu].classes is not an array", path, i);
		if (!optional(jv_get(r, "models"), JV_OBJ))
			return vc_errf(err, errlen, "%s[%zu].models is not an object", path, i);
	}
	return 0;
}

static int validate_device(const struct jv *d, const char *path, char *err, size_t errlen)
{
	char sub[128];
	const struct jv *config = jv_get(d, "config");
	if (!optional(config, JV_STR))
		return vc_errf(err, errlen, "%s.config is not a string", path);
	for (size_t i = 0; jv_is(config, JV_STR) && i < config->len + config->len % 2; i++)
		if (i >= config->len || vc_hex_digit(config->str[i]) < 0)
			return vc_errf(err, errlen, "%s.config is not bytes in hex", path);
	if (!optional(jv_get(d, "feature_words"), JV_ARR))
		return vc_errf(err, errlen, "%s.feature_words is not an array", path);
	snprintf(sub, sizeof(sub), "%s.checks", path);
	if (objects(jv_get(d, "checks"), sub, err, errlen))
		return -1;
	snprintf(sub, sizeof(sub), "%s.registers", path);
	return validate_registers(jv_get(d, "registers"), sub, err, errlen);
}

int vc_diff_validate(const struct jv *doc, char *err, size_t errlen)
{
	char path[96];
	if (!jv_is(doc, JV_OBJ))
		return vc_errf(err, errlen, "the top level is not an object");
	const char *schema = jv_gets(doc, "schema", NULL);
	if (!schema || strcmp(schema, "vcheck/1"))
		return vc_errf(err, errlen, "schema is %s%s%s, this vcheck compares \"vcheck/1\"", schema ? "\"" : "",
			   schema ? schema : "missing", schema ? "\"" : "");
	const struct jv *cells = jv_get(doc, "cells");
	if (!jv_is(cells, JV_ARR))
		return vc_errf(err, errlen, "\"cells\" is missing or not an array");
	if (objects(cells, "cells", err, errlen))
		return -1;
	for (size_t c = 0; c < jv_count(cells); c++) {
		const struct jv *devs = jv_get(jv_at(cells, c), "devices");
		snprintf(path, sizeof(path), "cells[%zu].devices", c);
		if (objects(devs, path, err, errlen))
			return -1;
		for (size_t d = 0; d < jv_count(devs); d++) {
			snprintf(path, sizeof(path), "cells[%zu].devices[%zu]", c, d);
			if (validate_device(jv_at(devs, d), path, err, errlen))
				return -1;
		}
	}
	return 0;
}

int diff_parse_hex(const char *s, uint64_t max, uint64_t *out)
{
	if (!s || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') || !s[2] || strlen(s + 2) > 16)
		return -1;
	uint64_t v = 0;
	for (s += 2; *s; s++) {
		if (vc_hex_digit(*s) < 0)
			return -1;
		v = v << 4 | (uint64_t)vc_hex_digit(*s);
	}
	*out = v;
	return v <= max ? 0 : -1;
}
