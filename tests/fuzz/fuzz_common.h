/* Helpers the libFuzzer harnesses share (tests/fuzz/README.md). Header
 * only: each harness is one .c file plus the host objects.
 *
 * Rules every harness keeps: nothing survives one LLVMFuzzerTestOneInput
 * call (everything it allocates is freed; LeakSanitizer is on), the same
 * input always takes the same path (no clock, no randomness), and a
 * property the project promises (a results.json vcheck wrote is one its
 * reader loads) is checked with fz_require, which aborts so libFuzzer
 * keeps the input. */
#ifndef VC_FUZZ_COMMON_H
#define VC_FUZZ_COMMON_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "vcheck/records.h"

/* Inputs made of several parts (a console and a trace, a QMP transcript
 * and a parent bus) are cut at this line; it is in the dictionaries. */
#define FZ_SEP "\n-----8<-----\n"

/* A broken promise: print why and abort (libFuzzer saves the input). */
#define fz_require(cond, ...)                                                        \
	do {                                                                         \
		if (!(cond)) {                                                       \
			fprintf(stderr, "fuzz property violated: %s: ", #cond);      \
			fprintf(stderr, __VA_ARGS__);                                \
			fputc('\n', stderr);                                         \
			abort();                                                     \
		}                                                                    \
	} while (0)

/* VC_FUZZ_VERBOSE=1 in the environment: harnesses say why an input was
 * refused (to check that a seed goes as deep as meant). */
static inline int fz_verbose(void)
{
	static int v = -1;
	if (v < 0)
		v = getenv("VC_FUZZ_VERBOSE") != NULL;
	return v;
}
#define fz_note(...) (fz_verbose() ? (void)fprintf(stderr, __VA_ARGS__) : (void)0)

/* A NUL-terminated copy of n bytes (embedded NULs stay; C-string readers
 * then see the text up to the first one, as they would a file's). */
static inline char *fz_strndup(const uint8_t *d, size_t n)
{
	char *s = malloc(n + 1);
	if (!s)
		abort();
	memcpy(s, d, n);
	s[n] = 0;
	return s;
}

/* Part `i` (0-based) of d cut at FZ_SEP; NULL/0 when there are fewer parts. */
static inline const uint8_t *fz_part(const uint8_t *d, size_t n, unsigned i, size_t *len)
{
	const size_t sl = sizeof(FZ_SEP) - 1;
	const uint8_t *p = d, *end = d + n;
	for (;;) {
		const uint8_t *cut = NULL;
		for (const uint8_t *q = p; q + sl <= end; q++)
			if (*q == FZ_SEP[0] && !memcmp(q, FZ_SEP, sl)) {
				cut = q;
				break;
			}
		if (!i) {
			*len = (size_t)((cut ? cut : end) - p);
			return p;
		}
		if (!cut) {
			*len = 0;
			return NULL;
		}
		p = cut + sl;
		i--;
	}
}

/* FNV-1a over the input: a deterministic choice (chunk sizes, a device
 * type) that follows the bytes without a mode byte in front of them. */
static inline uint32_t fz_hash(const uint8_t *d, size_t n)
{
	return vc_record_hash((const char *)d, n);
}

/* The console with every record line sealed afresh, so mutated record
 * bodies reach the collector instead of dying at the checksum: a line
 * that starts with the record prefix loses a trailing "\r" and, when its
 * last " #" is within the last 10 bytes, that " #" and what follows it
 * (an old seal, or a cut one), and gets " #" and the checksum of what is
 * left. So the input decides where the seal goes, also onto the prefix
 * itself ("@vc1 #..." seals the 4 bytes "@vc1"). Other lines are copied as
 * they are. Returns a malloc'd buffer, its length in *out_n. */
static inline char *fz_reseal(const uint8_t *d, size_t n, size_t *out_n)
{
	const size_t plen = sizeof(VC_RECORD_PREFIX) - 1;
	size_t lines = 1;
	for (size_t i = 0; i < n; i++)
		lines += d[i] == '\n';
	char *out = malloc(n + lines * 10 + 1);
	if (!out)
		abort();
	size_t o = 0;
	for (size_t at = 0; at < n;) {
		const uint8_t *nl = memchr(d + at, '\n', n - at);
		size_t len = nl ? (size_t)(nl - (d + at)) : n - at;
		const char *line = (const char *)d + at;
		if (len >= plen && !memcmp(line, VC_RECORD_PREFIX, plen)) {
			size_t body = len;
			if (body && line[body - 1] == '\r')
				body--;
			for (size_t k = body - 1; k >= 1 && k + 10 >= body; k--)
				if (line[k - 1] == ' ' && line[k] == '#') {
					body = k - 1;
					break;
				}
			memcpy(out + o, line, body);
			o += body;
			o += (size_t)sprintf(out + o, " #%08x", (unsigned)vc_record_hash(line, body));
		} else {
			memcpy(out + o, line, len);
			o += len;
		}
		if (nl)
			out[o++] = '\n';
		at += len + (nl ? 1 : 0);
	}
	out[o] = 0;
	*out_n = o;
	return out;
}

/* A private directory for files the code under test must read or write by
 * path (results.json, a chardev file): under $TMPDIR (ci/fuzz.sh points it
 * into /dev/shm and removes it), else /dev/shm or /tmp. Made once per
 * process, removed at a normal exit (a crash leaves it). */
static inline char *fz_dir_buf(void)
{
	static char path[64];
	return path;
}
static inline void fz_dir_remove(void)
{
	char cmd[128];
	if (fz_dir_buf()[0]) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fz_dir_buf());
		if (system(cmd) != 0)
			fprintf(stderr, "fuzz: could not remove %s\n", fz_dir_buf());
	}
}
static inline const char *fz_dir(void)
{
	char *p = fz_dir_buf();
	if (!p[0]) {
		const char *tmp = getenv("TMPDIR");
		if (!tmp || !*tmp || strlen(tmp) > 40)
			tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(p, 64, "%s/vcheck-fuzz-XXXXXX", tmp);
		if (!mkdtemp(p))
			abort();
		atexit(fz_dir_remove);
	}
	return p;
}

/* Writes n bytes to `path` (replacing it). */
static inline void fz_write_file(const char *path, const void *d, size_t n)
{
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(d, 1, n, f) != n || fclose(f))
		abort();
}

/* A whole file into a malloc'd NUL-terminated buffer (abort on failure). */
static inline char *fz_read_file(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		abort();
	size_t cap = 4096, len = 0;
	char *b = malloc(cap);
	for (size_t got; b && (got = fread(b + len, 1, cap - len - 1, f)) > 0;) {
		len += got;
		if (cap - len - 1 == 0)
			b = realloc(b, cap *= 2);
	}
	fclose(f);
	if (!b)
		abort();
	b[len] = 0;
	*n = len;
	return b;
}

#endif
