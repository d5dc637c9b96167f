/* TAP version 13 (the Test Anything Protocol, as `prove` and CI plugins
 * read it): the plan, then one `ok` or `not ok` line per case of
 * reports/ci_cases.h, with TAP's directives for SKIP (# SKIP) and XFAIL
 * (# TODO, its known-failure form) and a YAML block saying why for every
 * case that did not plainly pass or skip (docs/reports.md). */
#ifndef VC_TAP_H
#define VC_TAP_H
#include <stdio.h>
#include "harness/model/model.h"
#include "reports/ci_cases.h"
/* The stream onto f; -1 when a write failed. */
int vc_tap_put(FILE *f, const struct vc_run *run, enum vc_fail_on fail_on);
/* Written whole or not at all (fsutil.h); -1 when it could not be. */
int vc_write_tap(const struct vc_run *run, const char *path, enum vc_fail_on fail_on);
#endif
