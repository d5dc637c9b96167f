#define _XOPEN_SOURCE 700
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <libgen.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "vcheck/blk_pattern.h"
#include "harness/util/fsutil.h"
#include "harness/util/vec.h"

int vc_mkdirs(const char *path)
{
	char buf[4096];
	if (snprintf(buf, sizeof(buf), "%s", path) >= (int)sizeof(buf))
		return -1;
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(buf, 0755) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, 0755) && errno != EEXIST ? -1 : 0;
}

static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

void vc_remove_tree(const char *path)
{
	nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int vc_write_pattern(FILE *f, unsigned long long size)
{
	uint8_t sector[VC_BLK_SECTOR];
	for (unsigned long long s = 0; s * VC_BLK_SECTOR < size; s++) {
		for (unsigned i = 0; i < VC_BLK_SECTOR; i++)
			sector[i] = vc_blk_pattern_byte(s, i);
		unsigned long long left = size - s * VC_BLK_SECTOR;
		size_t n = left < VC_BLK_SECTOR ? (size_t)left : VC_BLK_SECTOR;
		if (fwrite(sector, 1, n, f) != n)
			return -1;
	}
	return 0;
}

int vc_write_pattern_file(const char *path, unsigned long long size)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	int bad = vc_write_pattern(f, size);
	return fclose(f) | bad;
}

int vc_exe_dir(char *buf, size_t len)
{
	ssize_t n = readlink("/proc/self/exe", buf, len - 1);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	char *slash = strrchr(buf, '/');
	if (slash)
		*slash = 0;
	return 0;
}

int vc_path_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

int vc_find_program(const char *name, char *out, size_t len)
{
	if (strchr(name, '/')) {
		snprintf(out, len, "%s", name);
		return access(out, X_OK);
	}
	const char *path = getenv("PATH");
	char *copy = strdup(path ? path : "/usr/bin:/bin"), *save;
	int rc = -1;
	for (char *d = strtok_r(copy, ":", &save); d && rc; d = strtok_r(NULL, ":", &save)) {
		snprintf(out, len, "%s/%s", d, name);
		rc = access(out, X_OK);
	}
	free(copy);
	return rc;
}

int vc_read_text_file(const char *path, char **text, char *err, size_t errlen)
{
	/* O_NONBLOCK: a FIFO must not block the open; only a regular file is
	 * read, and only so much of it (/dev/zero would be read forever). */
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode) || st.st_size > VC_TEXT_FILE_MAX) {
		if (fd < 0)
			snprintf(err, errlen, "%s: %s", path, strerror(errno));
		else if (!S_ISREG(st.st_mode))
			snprintf(err, errlen, "%s: not a regular file", path);
		else
			snprintf(err, errlen, "%s: larger than %u MiB", path, VC_TEXT_FILE_MAX >> 20);
		if (fd >= 0)
			close(fd);
		return -1;
	}
	FILE *f = fdopen(fd, "rb");
	if (!f) {
		close(fd);
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	char *buf = NULL, chunk[4096];
	size_t len = 0, cap = 0, n;
	while (len <= VC_TEXT_FILE_MAX && (n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		while (len + n + 1 > cap)
			buf = vc_vec_grow(buf, 1, cap, &cap);
		memcpy(buf + len, chunk, n);
		len += n;
	}
	fclose(f);
	if (!buf)
		buf = vc_xstrdup("");
	buf[len] = 0;
	if (memchr(buf, 0, len)) {
		free(buf);
		snprintf(err, errlen, "%s: binary data in a text file", path);
		return -1;
	}
	*text = buf;
	return 0;
}

FILE *vc_create_file(const char *path, char *tmp, size_t len)
{
	if ((size_t)snprintf(tmp, len, "%s.tmp-%ld", path, (long)getpid()) >= len)
		return NULL;
	return fopen(tmp, "w");
}

int vc_commit_file(FILE *f, const char *tmp, const char *path)
{
	int bad = ferror(f) | fflush(f) | fsync(fileno(f));
	bad |= fclose(f);
	if (bad || rename(tmp, path)) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

void vc_file_tail(const char *path, char *buf, size_t len)
{
	buf[0] = 0;
	FILE *f = fopen(path, "rb");
	if (!f)
		return;
	fseek(f, 0, SEEK_END);
	long size = ftell(f);
	fseek(f, size > (long)len - 1 ? size - (long)len + 1 : 0, SEEK_SET);
	size_t n = fread(buf, 1, len - 1, f);
	fclose(f);
	buf[n] = 0;
	while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		buf[--n] = 0;
	/* a NUL in the log would end the tail early, silently: shown as '.' */
	for (size_t i = 0; i < n; i++)
		if (buf[i] == '\n' || buf[i] == '\r')
			buf[i] = ' ';
		else if (buf[i] == '\0')
			buf[i] = '.';
}
