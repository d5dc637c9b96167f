/* JUnit XML for CI systems: one testsuite per cell; a testcase for the
 * boot itself, one per attached device (was it found), one per check. */
#ifndef VC_JUNIT_H
#define VC_JUNIT_H
#include "harness/model/model.h"
int vc_write_junit(const struct vc_run *run, const char *path);
#endif
