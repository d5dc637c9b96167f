/* Reading a run's results.json for the commands that take a run
 * directory (merge, baseline --from). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "harness/util/fsutil.h"

char *vc_cli_read_results(const char *cmd, const char *given, char *path, size_t len)
{
	struct stat st;
	char err[512], *text;
	if (stat(given, &st)) {
		fprintf(stderr, "vcheck: %s: %s: no such directory (give the --out DIR of a 'vcheck run')\n", cmd,
			given);
		return NULL;
	}
	snprintf(path, len, S_ISDIR(st.st_mode) ? "%s/results.json" : "%s", given);
	if (vc_read_text_file(path, &text, err, sizeof(err))) {
		fprintf(stderr, "vcheck: %s: %s\n", cmd, err);
		return NULL;
	}
	return text;
}
