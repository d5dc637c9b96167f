#include <stdio.h>
#include <string.h>
#include "harness/plan/catalogue.h"
#include "harness/util/escape.h"
#include "reports/junit.h"
#include "harness/util/fsutil.h"

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

static void testcase(FILE *f, const char *classname, const char *name, enum vc_verdict v,
		     const char *detail)
{
	fputs("    <testcase classname=\"", f);
	xml_escape(f, classname);
	fputs("\" name=\"", f);
	xml_escape(f, name);
	fputs("\">", f);
	if (v == VC_SKIP || v == VC_XFAIL) {
		fputs("<skipped message=\"", f);
		xml_escape(f, vc_verdict_name(v));
		fputs(detail ? ": " : "", f);
		xml_escape(f, detail);
		fputs("\"/>", f);
	} else if (v == VC_ERROR) {
		/* JUnit's error, not failure: the test could not run */
		fputs("<error type=\"ERROR\" message=\"", f);
		xml_escape(f, detail ? detail : vc_verdict_name(v));
		fputs("\"/>", f);
	} else if (vc_verdict_is_failure(v)) {
		fprintf(f, "<failure type=\"%s\" message=\"", vc_verdict_name(v));
		xml_escape(f, detail ? detail : vc_verdict_name(v));
		fputs("\"/>", f);
	} else if (v == VC_WARN) {
		fputs("<system-out>WARN: ", f);
		xml_escape(f, detail);
		fputs("</system-out>", f);
	}
	fputs("</testcase>\n", f);
}

static void write_cell(FILE *f, const struct vc_cell *c)
{
	fputs("  <testsuite name=\"", f);
	xml_escape(f, c->name);
	fprintf(f, "\" time=\"%.3f\">\n", c->seconds);
	enum vc_verdict boot = c->outcome == VC_OUT_COMPLETED ? (c->mismatches ? VC_FAIL : c->nproblems ? VC_ERROR : VC_PASS)
			       : c->outcome == VC_OUT_WEDGED ? VC_WEDGED : VC_CRASH;
	testcase(f, c->name, "boot", boot, c->outcome_detail ? c->outcome_detail
					   : c->nproblems ? c->problems[0] : NULL);
	for (size_t e = 0; e < c->nexpected; e++) {
		char name[128];
		snprintf(name, sizeof(name), "found.%s", c->expected[e].model);
		int ok = vc_cell_found(c, &c->expected[e]);
		testcase(f, c->name, name, ok ? VC_PASS : c->outcome == VC_OUT_COMPLETED ? VC_FAIL : VC_SKIP,
			 ok ? NULL : "attached but not found by the guest");
	}
	for (size_t d = 0; d < c->ndevices; d++) {
		const struct vc_device *dev = &c->devices[d];
		for (size_t k = 0; k < dev->nchecks; k++) {
			char cls[256];
			snprintf(cls, sizeof(cls), "%s.%s.%s", c->name, dev->model ? dev->model : dev->location,
				 dev->interface);
			const struct vc_check_result *r = &dev->checks[k];
			testcase(f, cls, r->id, r->verdict, r->detail && r->detail[0] ? r->detail : NULL);
		}
	}
	fputs("  </testsuite>\n", f);
}

int vc_write_junit(const struct vc_run *run, const char *path)
{
	char tmp[4300];
	FILE *f = vc_create_file(path, tmp, sizeof(tmp));
	if (!f)
		return -1;
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"vcheck\">\n", f);
	for (size_t i = 0; i < run->ncells; i++)
		write_cell(f, &run->cells[i]);
	fputs("</testsuites>\n", f);
	return vc_commit_file(f, tmp, path);
}
