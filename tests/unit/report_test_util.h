/* Helpers the report unit tests share: load a results.json text, render it
 * with a writer into memory, and parse an HTML page with html5lib's strict
 * WHATWG parser. Include after <cmocka.h>. */
#ifndef VC_REPORT_TEST_UTIL_H
#define VC_REPORT_TEST_UTIL_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "reports/report_writers.h"

static inline void load(const char *text, struct rep_run *run)
{
	char err[256] = "";
	if (rep_load(text, strlen(text), run, err, sizeof(err)))
		fail_msg("load failed: %s", err);
}

/* Not inlined: GCC's -Wdangling-pointer mistakes the memstream's buffer
 * for a local once this is inlined into a test. */
__attribute__((noinline, unused)) static char *render(const struct rep_run *run, int (*writer)(const struct rep_run *, FILE *))
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(writer(run, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(strlen(buf), len);
	return buf;
}

/* Debian's python3 (not a pyenv one on the PATH) with a module, or NULL. */
static inline const char *python_with(const char *module)
{
	static const char *const pythons[] = { "/usr/bin/python3", "python3" };
	for (size_t i = 0; i < 2; i++) {
		char cmd[256];
		snprintf(cmd, sizeof(cmd), "%s -c 'import %s' 2>/dev/null", pythons[i], module);
		int rc = system(cmd);
		if (rc != -1 && WIFEXITED(rc) && WEXITSTATUS(rc) == 0)
			return pythons[i];
	}
	return NULL;
}

/* run's report.html parses without a single error under html5lib's strict
 * parser (python3-html5lib; the test is skipped where it is not installed). */
static inline void assert_valid_html5(const struct rep_run *run)
{
	const char *py = python_with("html5lib");
	if (!py) {
		print_message("python3-html5lib not installed: strict HTML5 parse skipped\n");
		skip();
	}
	char path[] = "/tmp/vc_report_XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_int_equal(rep_write_html(run, f), 0);
	assert_int_equal(fclose(f), 0);
	char cmd[512];
	snprintf(cmd, sizeof(cmd),
		 "%s -c 'import html5lib,sys; html5lib.HTMLParser(strict=True)"
		 ".parse(open(sys.argv[1], \"rb\"), transport_encoding=\"utf-8\")' %s", py, path);
	int rc = system(cmd);
	unlink(path);
	assert_true(rc != -1 && WIFEXITED(rc));
	assert_int_equal(WEXITSTATUS(rc), 0);
}
#endif
