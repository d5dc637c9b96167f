/* The joined results.json: the shards' cells written back as they were
 * read (numbers as written, strings byte for byte), only "logs" moved
 * under the shard's directory. */
#include <stdlib.h>
#include <string.h>
#include "harness/results/merge.h"
#include "harness/util/vec.h"

static void indent(FILE *f, int depth)
{
	fputc('\n', f);
	for (int i = 0; i < depth; i++)
		fputs("  ", f);
}

static void write_string(FILE *f, const char *s, size_t len)
{
	fputc('"', f);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f); /* the reader let only valid UTF-8 in */
	}
	fputc('"', f);
}

static void write_value(FILE *f, const struct jv *v, int depth);

static void write_items(FILE *f, const struct jv *v, int depth)
{
	int obj = v->type == JV_OBJ;
	fputc(obj ? '{' : '[', f);
	for (size_t i = 0; i < v->n; i++) {
		fputs(i ? "," : "", f);
		indent(f, depth + 1);
		if (obj) {
			write_string(f, v->keys[i], strlen(v->keys[i]));
			fputs(": ", f);
		}
		write_value(f, &v->items[i], depth + 1);
	}
	if (v->n)
		indent(f, depth);
	fputc(obj ? '}' : ']', f);
}

static void write_value(FILE *f, const struct jv *v, int depth)
{
	switch (v->type) {
	case JV_NULL: fputs("null", f); break;
	case JV_BOOL: fputs(v->boolean ? "true" : "false", f); break;
	case JV_NUM: fputs(v->raw, f); break;
	case JV_STR: write_string(f, v->str, v->len); break;
	default: write_items(f, v, depth);
	}
}

char *vc_merge_logs(const struct vc_merge_cell *mc)
{
	const struct jv *logs = jv_get(mc->cell, "logs");
	const char *prefix = mc->shard->logs_prefix;
	if (!jv_is(logs, JV_STR))
		return NULL;
	if (logs->str[0] == '/' || !strcmp(prefix, "."))
		return vc_xstrdup(logs->str);
	return vc_xasprintf("%s/%s", prefix, logs->str);
}

/* A cell as read, but for its "logs" (vc_merge_logs). */
static void write_cell(FILE *f, const struct vc_merge_cell *mc, int depth)
{
	const struct jv *c = mc->cell;
	fputc('{', f);
	for (size_t i = 0; i < c->n; i++) {
		const struct jv *v = &c->items[i];
		fputs(i ? "," : "", f);
		indent(f, depth + 1);
		write_string(f, c->keys[i], strlen(c->keys[i]));
		fputs(": ", f);
		char *moved = strcmp(c->keys[i], "logs") ? NULL : vc_merge_logs(mc);
		if (moved)
			write_string(f, moved, strlen(moved));
		else
			write_value(f, v, depth + 1);
		free(moved);
	}
	if (c->n)
		indent(f, depth);
	fputc('}', f);
}

static void write_key(FILE *f, const char *key)
{
	indent(f, 1);
	write_string(f, key, strlen(key));
	fputs(": ", f);
}

static void write_key_string(FILE *f, const char *key, const char *value)
{
	write_key(f, key);
	if (value)
		write_string(f, value, strlen(value));
	else
		fputs("null", f);
	fputc(',', f);
}

int vc_merge_write_json(const struct vc_merge *m, FILE *f)
{
	fputc('{', f);
	write_key_string(f, "schema", "vcheck/1");
	write_key_string(f, "vcheck", m->version);
	write_key_string(f, "catalogue", m->catalogue);
	write_key_string(f, "verdict", vc_verdict_name(m->verdict));
	write_key(f, "cells");
	fputc('[', f);
	for (size_t i = 0; i < m->ncells; i++) {
		fputs(i ? "," : "", f);
		indent(f, 2);
		write_cell(f, &m->cells[i], 2);
	}
	if (m->ncells)
		indent(f, 1);
	fputs("]\n}\n", f);
	return ferror(f) ? -1 : 0;
}

/* How many path components `p` has. */
static size_t components(const char *p)
{
	size_t n = 0;
	for (; *p; p++)
		n += *p != '/' && (p[1] == '/' || !p[1]);
	return n;
}

void vc_merge_relative_path(const char *from, const char *to, char *out, size_t len)
{
	size_t i = 0;
	while (from[i] && from[i] == to[i])
		i++;
	/* back to where both paths are at a component boundary */
	int boundary = (!from[i] && (!to[i] || to[i] == '/')) || (!to[i] && from[i] == '/');
	while (!boundary && i > 0 && from[i - 1] != '/')
		i--;
	size_t ups = components(from + i), used = 0;
	out[0] = 0;
	for (size_t k = 0; k < ups && used < len; k++)
		used += (size_t)snprintf(out + used, len - used, "%s..", k ? "/" : "");
	const char *rest = to + i + (to[i] == '/');
	if (*rest && used < len)
		snprintf(out + used, len - used, "%s%s", used ? "/" : "", rest);
	else if (!used)
		snprintf(out, len, ".");
}
