#include "harness/util/escape.h"
#include "harness/util/json.h"

void json_init(struct vc_json *j, FILE *f)
{
	j->f = f;
	j->depth = 0;
	j->first[0] = 1;
	j->after_key = 0;
}

static void indent(struct vc_json *j)
{
	static const char spaces[] = "\n                                                                ";
	size_t n = 1 + 2 * (size_t)j->depth;
	fwrite(spaces, 1, n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1, j->f);
}

/* Separator and indentation before a value or key at the current level. */
static void pre(struct vc_json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (!j->first[j->depth])
		fputc(',', j->f);
	j->first[j->depth] = 0;
	if (j->depth)
		indent(j);
}

static void open_(struct vc_json *j, char c)
{
	pre(j);
	fputc(c, j->f);
	if (j->depth < 31)
		j->depth++;
	j->first[j->depth] = 1;
}

static void close_(struct vc_json *j, char c)
{
	int empty = j->first[j->depth];
	j->depth--;
	if (!empty)
		indent(j);
	fputc(c, j->f);
	if (j->depth == 0)
		fputc('\n', j->f);
}

void json_obj(struct vc_json *j) { open_(j, '{'); }
void json_obj_end(struct vc_json *j) { close_(j, '}'); }
void json_arr(struct vc_json *j) { open_(j, '['); }
void json_arr_end(struct vc_json *j) { close_(j, ']'); }

static int json_plain(unsigned char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; }

static void json_special(FILE *f, unsigned char c)
{
	if (c == '"' || c == '\\')
		fprintf(f, "\\%c", c);
	else
		fprintf(f, "\\u%04x", c);
}

void json_escape(FILE *f, const char *s) { vc_write_escaped(f, s, json_plain, json_special); }

void json_key(struct vc_json *j, const char *k)
{
	pre(j);
	fputc('"', j->f);
	json_escape(j->f, k);
	fputs("\": ", j->f);
	j->after_key = 1;
}

void json_str(struct vc_json *j, const char *s)
{
	pre(j);
	if (!s) {
		fputs("null", j->f);
		return;
	}
	fputc('"', j->f);
	json_escape(j->f, s);
	fputc('"', j->f);
}

void json_u64(struct vc_json *j, uint64_t v)
{
	pre(j);
	fprintf(j->f, "%llu", (unsigned long long)v);
}

void json_num(struct vc_json *j, double v)
{
	pre(j);
	fprintf(j->f, "%.3f", v);
}

void json_bool(struct vc_json *j, int v)
{
	pre(j);
	fputs(v ? "true" : "false", j->f);
}

void json_kstr(struct vc_json *j, const char *k, const char *s)
{
	json_key(j, k);
	json_str(j, s);
}

void json_ku64(struct vc_json *j, const char *k, uint64_t v)
{
	json_key(j, k);
	json_u64(j, v);
}
