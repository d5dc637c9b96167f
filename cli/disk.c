/* vcheck disk [--force] FILE SIZE: writes a disk image holding vcheck's
 * block pattern (include/vcheck/blk_pattern.h), the contents every block
 * data check expects to read. The disks vcheck makes for its own targets
 * (a device's `files` key) hold it already; a block backend of your own
 * serves this file instead of its own disk, so the checks that compare
 * what a read returned have something to compare against. */
#include <getopt.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "harness/util/fsutil.h"
#include "harness/util/size.h"
#include "vcheck/blk_pattern.h"

/* A TiB: far past any test disk, short of what a typo could fill. */
#define DISK_MAX (1ull << 40)

static int usage(void)
{
	fprintf(stderr, "usage: vcheck disk [--force] FILE SIZE   (SIZE: bytes, or with K, M or G; a multiple of %u)\n",
		VC_BLK_SECTOR);
	return VC_EXIT_USAGE;
}

/* An existing file is kept unless --force: it may be someone's disk. */
static int may_write(const char *path, int force)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return 1;
	if (!S_ISREG(st.st_mode)) {
		fprintf(stderr, "vcheck: disk: %s exists and is not a regular file\n", path);
		return 0;
	}
	if (!force)
		fprintf(stderr, "vcheck: disk: %s exists (--force replaces it)\n", path);
	return force;
}

int vc_cmd_disk(int argc, char **argv)
{
	static const struct option opts[] = { { "force", no_argument, 0, 'f' }, { 0, 0, 0, 0 } };
	int c, force = 0;
	optind = 1;
	while ((c = getopt_long(argc, argv, "f", opts, NULL)) != -1) {
		if (c != 'f')
			return usage();
		force = 1;
	}
	if (argc - optind != 2)
		return usage();
	const char *path = argv[optind], *size_arg = argv[optind + 1];
	unsigned long long size;
	if (vc_size_parse(size_arg, DISK_MAX, &size) || !size || size % VC_BLK_SECTOR) {
		fprintf(stderr, "vcheck: disk: size '%s': a multiple of %u bytes, at most 1T\n", size_arg, VC_BLK_SECTOR);
		return usage();
	}
	if (!may_write(path, force))
		return VC_EXIT_USAGE;
	char tmp[4200];
	FILE *f = vc_create_file(path, tmp, sizeof(tmp));
	if (!f || vc_write_pattern(f, size) || vc_commit_file(f, tmp, path)) {
		perror("vcheck: disk");
		if (f)
			unlink(tmp);
		return VC_EXIT_USAGE;
	}
	printf("%s: %llu bytes of vcheck's block pattern\n", path, size);
	return VC_EXIT_OK;
}
