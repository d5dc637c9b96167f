/* JUnit XML for CI systems, in the form Jenkins' JUnit plugin reads
 * (tests/schemas/junit.xsd, docs/reports.md): one testsuite per cell with
 * its counts; a testcase for the boot itself, one per attached device (was
 * it found), one per check (reports/ci_cases.h). */
#ifndef VC_JUNIT_H
#define VC_JUNIT_H
#include <stdio.h>
#include "harness/model/model.h"
#include "reports/ci_cases.h"
/* The document onto f; -1 when a write failed. */
int vc_junit_put(FILE *f, const struct vc_run *run, enum vc_fail_on fail_on);
/* Written whole or not at all (fsutil.h); -1 when it could not be. */
int vc_write_junit_for(const struct vc_run *run, const char *path, enum vc_fail_on fail_on);
/* As vcheck writes it without --fail-on. */
int vc_write_junit(const struct vc_run *run, const char *path);
#endif
