#include <stdio.h>
#include "harness/util/escape.h"
#include "harness/util/fsutil.h"
#include "reports/tap.h"

/* A test line is one line: a control character in a guest's detail would
 * end it early. */
static int line_plain(unsigned char c) { return c >= 0x20 && c != 0x7f; }
static void line_special(FILE *f, unsigned char c) { (void)c, fputc('?', f); }

/* In the description a '#' would start a directive: TAP escapes it, and
 * so the backslash. */
static int desc_plain(unsigned char c) { return line_plain(c) && c != '#' && c != '\\'; }
static void desc_special(FILE *f, unsigned char c)
{
	if (c == '#' || c == '\\')
		fputc('\\', f), fputc(c, f);
	else
		line_special(f, c);
}

/* A YAML double-quoted scalar carries any byte: the ones it cannot hold
 * as they are become \xHH, which TAP::Parser's YAMLish reads back. */
static int yaml_plain(unsigned char c) { return c >= 0x20 && c < 0x7f && c != '"' && c != '\\'; }
static void yaml_special(FILE *f, unsigned char c)
{
	if (c == '"' || c == '\\')
		fputc('\\', f), fputc(c, f);
	else
		fprintf(f, "\\x%02x", c);
}

static void yaml_pair(FILE *f, const char *key, const char *value)
{
	if (!value)
		return;
	fprintf(f, "  %s: \"", key);
	vc_write_escaped(f, value, yaml_plain, yaml_special);
	fputs("\"\n", f);
}

/* "CELL: DEVICE (INTERFACE): ID title", or "CELL: boot" */
static void description(FILE *f, const struct vc_ci_case *k)
{
	vc_write_escaped(f, k->cell->name, desc_plain, desc_special);
	fputs(": ", f);
	if (k->dev) {
		vc_write_escaped(f, k->dev->model ? k->dev->model : k->dev->location, desc_plain, desc_special);
		fputs(" (", f);
		vc_write_escaped(f, k->dev->interface, desc_plain, desc_special);
		fputs("): ", f);
	}
	vc_write_escaped(f, k->name, desc_plain, desc_special);
	if (k->check) {
		fputc(' ', f);
		vc_write_escaped(f, k->check->title, desc_plain, desc_special);
	}
}

static void directive(FILE *f, const char *word, const char *reason)
{
	fprintf(f, " # %s ", word);
	vc_write_escaped(f, reason, line_plain, line_special);
}

/* Why, for a reader and for a tool: WARN's reason, a failure's message. */
static void diagnostics(FILE *f, const struct vc_ci_case *k)
{
	fputs("  ---\n", f);
	yaml_pair(f, "verdict", vc_verdict_name(k->verdict));
	yaml_pair(f, k->verdict == VC_WARN ? "reason" : "message", vc_ci_message(k));
	yaml_pair(f, "spec", k->check ? k->check->spec : NULL);
	yaml_pair(f, "baseline", k->baseline);
	fputs("  ...\n", f);
}

struct writing {
	FILE *f;
	enum vc_fail_on fail_on;
	size_t n;
};

static void test_line(const struct vc_ci_case *k, void *ctx)
{
	struct writing *w = ctx;
	enum vc_ci_outcome o = vc_ci_outcome(k->verdict, w->fail_on);
	fprintf(w->f, "%s %zu - ", o == VC_CI_PASS || o == VC_CI_SKIP ? "ok" : "not ok", ++w->n);
	description(w->f, k);
	if (o == VC_CI_SKIP)
		directive(w->f, "SKIP", k->detail ? k->detail : "not applicable");
	else if (o == VC_CI_KNOWN) /* not ok, and expected so: prove passes it */
		directive(w->f, "TODO", k->baseline ? k->baseline : "a known failure");
	fputc('\n', w->f);
	if (k->verdict != VC_PASS && o != VC_CI_SKIP)
		diagnostics(w->f, k);
}

int vc_tap_put(FILE *f, const struct vc_run *run, enum vc_fail_on fail_on)
{
	struct vc_ci_counts all = { 0 };
	for (size_t i = 0; i < run->ncells; i++)
		vc_ci_count_cell(&run->cells[i], fail_on, &all);
	fprintf(f, "TAP version 13\n1..%zu%s\n", all.tests, all.tests ? "" : " # SKIP no cells");
	struct writing w = { f, fail_on, 0 };
	for (size_t i = 0; i < run->ncells; i++) {
		const struct vc_cell *c = &run->cells[i];
		fputs("# ", f);
		vc_write_escaped(f, c->name, line_plain, line_special);
		fprintf(f, ": %s, %s in %.3f s\n", vc_verdict_name(vc_cell_verdict(c)), vc_outcome_name(c->outcome),
			c->seconds);
		vc_ci_cell_cases(c, test_line, &w);
	}
	return ferror(f) ? -1 : 0;
}

int vc_write_tap(const struct vc_run *run, const char *path, enum vc_fail_on fail_on)
{
	char tmp[4300];
	FILE *f = vc_create_file(path, tmp, sizeof(tmp));
	if (!f)
		return -1;
	vc_tap_put(f, run, fail_on);
	return vc_commit_file(f, tmp, path);
}
