#ifndef VC_FSUTIL_H
#define VC_FSUTIL_H
#include <stddef.h>
#include <stdio.h>
/* mkdir -p; 0 on success. */
int vc_mkdirs(const char *path);
/* rm -rf for the harness's own scratch trees. */
void vc_remove_tree(const char *path);
/* Writes a file of `size` bytes with the vcheck block pattern
 * (vcheck/blk_pattern.h); vc_write_pattern writes them to f. */
int vc_write_pattern_file(const char *path, unsigned long long size);
int vc_write_pattern(FILE *f, unsigned long long size);
/* Directory holding the running executable. */
int vc_exe_dir(char *buf, size_t len);
int vc_path_exists(const char *path);
/* Reads a whole text file (NUL-terminated); -1 with "path: why" in err, also
 * for NUL bytes, which no text format of ours allows, for anything but a
 * regular file (a FIFO, a device, a directory) and for one larger than
 * VC_TEXT_FILE_MAX. Free with free(). */
#define VC_TEXT_FILE_MAX (16u << 20)
int vc_read_text_file(const char *path, char **text, char *err, size_t errlen);
/* The last len-1 bytes of a log file on one line (newlines become spaces,
 * trailing ones dropped); "" when it cannot be read. */
void vc_file_tail(const char *path, char *buf, size_t len);
/* A file written whole or not at all: vc_create_file opens a temporary
 * beside `path` (its name in tmp, len bytes), vc_commit_file closes it and,
 * when every write and the close succeeded, renames it over `path`; else
 * it removes it and returns -1. A full disk leaves the old file or none,
 * never a truncated one that says "results in ...". */
FILE *vc_create_file(const char *path, char *tmp, size_t len);
int vc_commit_file(FILE *f, const char *tmp, const char *path);
/* Finds an executable on PATH (or as given, if it has a slash). */
int vc_find_program(const char *name, char *out, size_t len);
#endif
