#ifndef VC_CLI_H
#define VC_CLI_H
#include "harness/plan/target.h"
#include "harness/model/model.h"

/* Exit statuses (README "Exit codes"). */
/* Exit statuses (README, Exit codes). ERROR is its own status so that CI
 * can retry a run whose harness or record channel broke and never retry a
 * device's regression. */
enum { VC_EXIT_OK = 0, VC_EXIT_FAILED = 1, VC_EXIT_USAGE = 2, VC_EXIT_ERROR = 3, VC_EXIT_INTERRUPTED = 130 };

/* The installed data next to the executable: <exe>/../share/vcheck/{images,targets}. */
const char *vc_share_dir(void);
/* Loads a target by name (from the share dir) or by path (contains '/' or
 * ends in .target); prints the reason and returns -1 on failure. */
int vc_cli_load_target(const char *name_or_path, struct vc_target *t);
/* Every backend daemon the run will start (the named models, or the
 * target's defaults) is on the PATH; else prints which package to install
 * and returns -1. */
int vc_cli_check_daemons(const struct vc_target *t, const char *const *devices, size_t ndevices);
struct vc_baseline;
/* The target's baseline: `given`, else NAME.baseline beside its .target
 * file when there is one (none: *out stays empty). -1 with the reason on
 * stderr for a file that does not load. */
int vc_cli_load_baseline(const struct vc_target *t, const char *given, struct vc_baseline *out);
/* results.json, junit.xml and TAP: cli/ci_outputs.h. */
/* The exit status of a run or collection whose worst verdict is v. */
int vc_cli_exit_status(enum vc_verdict v, int interrupted);
/* report.md and report.html in dir, from dir/results.json; -1 with the reason on stderr. */
int vc_cli_write_reports(const char *dir);
/* " (did you mean 'NAME'?)" for a mistyped target, device model or
 * transport of t, or check ID, or "" when nothing is near enough. */
enum vc_names { VC_NAMES_TARGETS, VC_NAMES_DEVICES, VC_NAMES_TRANSPORTS, VC_NAMES_CHECKS };
void vc_cli_suggest(char *hint, size_t len, const char *name, enum vc_names what, const struct vc_target *t);
/* The catalogue's check ID nearest to a mistyped one, or NULL. */
const char *vc_cli_closest_check(const char *name);
/* DIR/results.json (or the file given) as text, its path in `path`;
 * NULL with the reason on stderr, prefixed "vcheck: CMD: ". */
char *vc_cli_read_results(const char *cmd, const char *given, char *path, size_t len);
int vc_cmd_list(int argc, char **argv);
/* vcheck collect: results from consoles captured elsewhere (collect.c). */
int vc_cmd_collect(int argc, char **argv);
int vc_cmd_run(int argc, char **argv);
/* vcheck report DIR [--out DIR2] [--models SFXDIR]: report.md and report.html
 * from DIR/results.json, model predictions from SFXDIR/results.json. */
int vc_cmd_report(int argc, char **argv);
/* vcheck diff A B: two runs compared device by device (diff.c). */
int vc_cmd_diff(int argc, char **argv);
/* vcheck disk FILE SIZE: a disk holding the block pattern (disk.c). */
int vc_cmd_disk(int argc, char **argv);
/* vcheck merge DIR... --out DIR: the shards of one run joined (merge.c). */
int vc_cmd_merge(int argc, char **argv);
/* vcheck baseline --from DIR: a baseline of a run's known failures (baseline.c). */
int vc_cmd_baseline(int argc, char **argv);
#endif
