/* The command table: each command's name, what it runs, its usage and
 * its exit statuses. `vcheck`, `vcheck help`, `vcheck COMMAND --help`,
 * the man page and the bash completion (`vcheck help man`,
 * `vcheck help bash-completion`) are all printed from it. */
#include "cli/cli.h"
#include "cli/commands.h"

const char vc_exit_codes[] =
	"exit status: 0 all PASS/WARN/SKIP/XFAIL, 1 any FAIL/FAULT/WEDGED/CRASH/XPASS\n"
	"             (and WARN under --fail-on warn),\n"
	"             2 usage or setup error, 3 ERROR (the harness or the record channel\n"
	"             broke, nothing is known about the device: retry), 130 interrupted\n";
/* baseline judges no device either: it writes a file or cannot. */
static const char baseline_exit_codes[] =
	"exit status: 0 written, 2 usage error, a run missing or unreadable, or a\n"
	"             baseline this target would not load\n";
/* diff judges no device: its statuses are about the two runs. */
static const char diff_exit_codes[] =
	"exit status: 0 nothing of the gated kinds changed, 1 something did,\n"
	"             2 usage error, or a run missing, unreadable or not a results.json\n";

const struct vc_command vc_commands[] = {
	{ "list", vc_cmd_list, vc_exit_codes,
	  "vcheck list [targets|transports|devices|checks|layouts|spec-coverage] [--target NAME]\n" },
	{ "run", vc_cmd_run, vc_exit_codes,
	  "vcheck run [--target NAME]... [--transport T]... [--device MODEL]...\n"
	  "           [--extra-args 'QEMU ARGS'] [-j N] [--timeout SECONDS]\n"
	  "           [--only ID,ID...] [--skip ID,ID...] [--trace] [--no-checks] [--sidefx]\n"
	  "           [--profile] [--no-resume] [--config-size N] [--accel auto|tcg|kvm]\n"
	  "           [--personality direct,gunyah,xen] [--dry-run] [-q] [--color auto|always|never]\n"
	  "           [--baseline FILE | --no-baseline] [--tap FILE] [--fail-on warn|fail]\n"
	  "           --out DIR\n"
	  "           (junit.xml and results.json in DIR, TAP 13 in FILE: docs/reports.md;\n"
	  "           --fail-on warn makes a WARN fail the run and its JUnit case)\n" },
	{ "collect", vc_cmd_collect, vc_exit_codes,
	  "vcheck collect [--target NAME] [--transport T] [--personality P] [--device MODEL]...\n"
	  "           [--name CELL] [--baseline FILE | --no-baseline] [--tap FILE]\n"
	  "           [--fail-on warn|fail] [-q] [--color auto|always|never] --out DIR CONSOLE...\n"
	  "           (results from consoles captured elsewhere: docs/elsewhere.md)\n" },
	{ "report", vc_cmd_report, vc_exit_codes,
	  "vcheck report DIR [--out DIR2] [--models SFXDIR]\n"
	  "           (report.md, report.html from DIR/results.json; model\n"
	  "           predictions from SFXDIR/results.json, a --sidefx run)\n" },
	{ "disk", vc_cmd_disk, vc_exit_codes,
	  "vcheck disk [--force] FILE SIZE\n"
	  "           (a disk image holding vcheck's block pattern, for a block backend\n"
	  "           of your own: docs/backends.md)\n" },
	{ "diff", vc_cmd_diff, diff_exit_codes,
	  "vcheck diff [--gate KINDS] [--markdown FILE] [--match MODEL_A=MODEL_B]... [-q] A B\n"
	  "           (two runs' results.json compared device by device: docs/diff.md;\n"
	  "           KINDS: verdicts,features,config,classes,models,outcome or all,\n"
	  "           default verdicts,outcome)\n" },
	{ "merge", vc_cmd_merge, vc_exit_codes,
	  "vcheck merge DIR... [--force] [--tap FILE] [--fail-on warn|fail] --out DIR\n"
	  "           (the shards of one run joined: results.json with the verdict\n"
	  "           recomputed, junit.xml, report.md, report.html: docs/ci.md)\n" },
	{ "baseline", vc_cmd_baseline, baseline_exit_codes,
	  "vcheck baseline --from DIR [--out FILE] [--target NAME]\n"
	  "           (a baseline of the run's FAIL, FAULT and XFAIL checks, to review\n"
	  "           and commit beside the target: docs/ci.md)\n" },
};
const size_t vc_ncommands = sizeof(vc_commands) / sizeof(vc_commands[0]);
