/* What `vcheck run` and `vcheck collect` put out for CI besides their
 * cells: results.json, junit.xml, a TAP file when asked (--tap FILE), and
 * the exit status under --fail-on warn|fail (docs/reports.md). */
#ifndef VC_CLI_CI_OUTPUTS_H
#define VC_CLI_CI_OUTPUTS_H
#include <getopt.h>
#include "harness/model/model.h"
#include "reports/ci_cases.h"

struct vc_ci_opts {
	const char *tap;         /* --tap FILE, or NULL */
	enum vc_fail_on fail_on; /* --fail-on, VC_FAIL_ON_FAIL unless given */
};

/* The long options both commands take, with getopt values no short
 * option has. */
enum { VC_OPT_TAP = 0x100, VC_OPT_FAIL_ON };
#define VC_CI_LONG_OPTIONS                                                                     \
	{ "tap", required_argument, 0, VC_OPT_TAP }, { "fail-on", required_argument, 0, VC_OPT_FAIL_ON }

/* Takes option c (one of the above) with its argument; -1 with the reason
 * on stderr for a value that is not one, or a TAP file whose directory
 * cannot take it (said before any cell runs, not after). */
int vc_ci_take_option(int c, const char *arg, struct vc_ci_opts *o);
/* results.json and junit.xml in out, then the TAP file when asked; -1
 * with the reason on stderr. */
int vc_cli_write_ci_outputs(const struct vc_run *run, const char *out, const struct vc_ci_opts *o);
/* The exit status of a run or collection (cli.h's vc_cli_exit_status);
 * under --fail-on warn a WARN is a finding as a FAIL is: 1. */
int vc_cli_ci_exit_status(const struct vc_run *run, int interrupted, const struct vc_ci_opts *o);
#endif
