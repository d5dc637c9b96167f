#include <stdio.h>
#include <string.h>
#include "harness/util/escape.h"
#include "harness/util/fsutil.h"
#include "reports/ci_cases.h"
#include "reports/junit.h"

static int xml_plain(unsigned char c) { return (c >= 0x20 && c < 0x80 && !strchr("<>&\"", c)) || c == '\t'; }

static void xml_special(FILE *f, unsigned char c)
{
	switch (c) {
	case '<': fputs("&lt;", f); break;
	case '>': fputs("&gt;", f); break;
	case '&': fputs("&amp;", f); break;
	case '"': fputs("&quot;", f); break;
	default:
		if (c >= 0x80)
			fprintf(f, "&#x%02x;", c); /* a raw byte is not UTF-8: name it */
		else
			fputc('?', f); /* XML 1.0 cannot carry control characters */
	}
}

static void xml_escape(FILE *f, const char *s) { vc_write_escaped(f, s, xml_plain, xml_special); }

/* ` name="value"`, nothing for a NULL value */
static void attr(FILE *f, const char *name, const char *value)
{
	if (!value)
		return;
	fprintf(f, " %s=\"", name);
	xml_escape(f, value);
	fputc('"', f);
}

static void property(FILE *f, const char *indent, const char *name, const char *value)
{
	if (!value)
		return;
	fprintf(f, "%s<property", indent);
	attr(f, "name", name);
	attr(f, "value", value);
	fputs("/>\n", f);
}

/* A case that did not simply pass says its verdict (Jenkins shows a WARN
 * or an XFAIL as passed otherwise), why the baseline knows it, and the
 * statement of the spec the check holds the device to. */
static void case_properties(FILE *f, const struct vc_ci_case *k)
{
	fputs("      <properties>\n", f);
	property(f, "        ", "vcheck.verdict", vc_verdict_name(k->verdict));
	property(f, "        ", "vcheck.baseline", k->baseline);
	property(f, "        ", "vcheck.spec", k->check ? k->check->spec : NULL);
	fputs("      </properties>\n", f);
}

/* The reason as the element's text, where CI systems show it whole (the
 * message attribute is often cut to one line). */
static void reason_text(FILE *f, const struct vc_ci_case *k)
{
	xml_escape(f, vc_ci_message(k));
	if (k->baseline) {
		fputs("\nbaseline: ", f);
		xml_escape(f, k->baseline);
	}
	if (k->check) {
		fprintf(f, "\nspec %s, %s: ", k->check->spec, vc_level_name(k->check->level));
		xml_escape(f, k->check->title);
	}
}

static void outcome(FILE *f, const struct vc_ci_case *k, enum vc_ci_outcome o)
{
	if (o == VC_CI_SKIP) {
		fputs("      <skipped", f);
		attr(f, "message", vc_ci_message(k));
		fputs("/>\n", f);
	} else if (o == VC_CI_FAIL || o == VC_CI_ERROR) {
		const char *tag = o == VC_CI_FAIL ? "failure" : "error";
		fprintf(f, "      <%s type=\"%s\"", tag, vc_verdict_name(k->verdict));
		attr(f, "message", vc_ci_message(k));
		fputc('>', f);
		reason_text(f, k);
		fprintf(f, "</%s>\n", tag);
	}
	/* passing, but not plainly: the reason where a reader of the case looks */
	if (k->verdict == VC_WARN || k->verdict == VC_XFAIL) {
		fprintf(f, "      <system-out>%s: ", vc_verdict_name(k->verdict));
		reason_text(f, k);
		fputs("</system-out>\n", f);
	}
}

static void testcase(FILE *f, const struct vc_ci_case *k, enum vc_fail_on fail_on)
{
	char cls[400];
	if (k->dev)
		snprintf(cls, sizeof(cls), "%s.%s.%s", k->cell->name, k->dev->model ? k->dev->model : k->dev->location,
			 k->dev->interface);
	else
		snprintf(cls, sizeof(cls), "%s", k->cell->name);
	fputs("    <testcase", f);
	attr(f, "classname", cls);
	attr(f, "name", k->name);
	fprintf(f, " time=\"%.6f\"", k->seconds);
	if (k->verdict == VC_PASS) {
		fputs("/>\n", f);
		return;
	}
	fputs(">\n", f);
	case_properties(f, k);
	outcome(f, k, vc_ci_outcome(k->verdict, fail_on));
	fputs("    </testcase>\n", f);
}

struct writing {
	FILE *f;
	enum vc_fail_on fail_on;
};

static void write_case(const struct vc_ci_case *k, void *ctx)
{
	struct writing *w = ctx;
	testcase(w->f, k, w->fail_on);
}

static void counts(FILE *f, const struct vc_ci_counts *n, double seconds)
{
	fprintf(f, " tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" skipped=\"%zu\" time=\"%.3f\">\n", n->tests,
		n->failures, n->errors, n->skipped, seconds);
}

static void write_cell(FILE *f, const struct vc_cell *c, enum vc_fail_on fail_on)
{
	struct vc_ci_counts n = { 0 };
	vc_ci_count_cell(c, fail_on, &n);
	fputs("  <testsuite", f);
	attr(f, "name", c->name);
	counts(f, &n, c->seconds);
	fputs("    <properties>\n", f);
	property(f, "      ", "vcheck.verdict", vc_verdict_name(vc_cell_verdict(c)));
	property(f, "      ", "vcheck.outcome", vc_outcome_name(c->outcome));
	property(f, "      ", "vcheck.target", c->target);
	property(f, "      ", "vcheck.transport", c->transport);
	property(f, "      ", "vcheck.personality", c->personality);
	property(f, "      ", "vcheck.accel", c->accel);
	property(f, "      ", "vcheck.logs", c->log_dir);
	fputs("    </properties>\n", f);
	struct writing w = { f, fail_on };
	vc_ci_cell_cases(c, write_case, &w);
	fputs("  </testsuite>\n", f);
}

int vc_junit_put(FILE *f, const struct vc_run *run, enum vc_fail_on fail_on)
{
	struct vc_ci_counts all = { 0 };
	double seconds = 0;
	for (size_t i = 0; i < run->ncells; i++) {
		vc_ci_count_cell(&run->cells[i], fail_on, &all);
		seconds += run->cells[i].seconds;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"vcheck\"", f);
	counts(f, &all, seconds);
	for (size_t i = 0; i < run->ncells; i++)
		write_cell(f, &run->cells[i], fail_on);
	fputs("</testsuites>\n", f);
	return ferror(f) ? -1 : 0;
}

int vc_write_junit_for(const struct vc_run *run, const char *path, enum vc_fail_on fail_on)
{
	char tmp[4300];
	FILE *f = vc_create_file(path, tmp, sizeof(tmp));
	if (!f)
		return -1;
	vc_junit_put(f, run, fail_on);
	return vc_commit_file(f, tmp, path);
}

int vc_write_junit(const struct vc_run *run, const char *path)
{
	return vc_write_junit_for(run, path, VC_FAIL_ON_FAIL);
}
