/* A minimal QMP client: one connection to QEMU's monitor socket, commands
 * executed one at a time. QEMU writes one JSON object per line: a greeting
 * ({"QMP": ...}), then for each command its {"return": ...} or
 * {"error": ...}, with asynchronous {"event": ...} lines in between, which
 * are skipped. Every wait is bounded; nothing here blocks without a
 * deadline. */
#ifndef VC_QMP_H
#define VC_QMP_H
#include <stddef.h>

#define VC_QMP_LINE_MAX 16384

struct vc_qmp {
	int fd;
	char buf[VC_QMP_LINE_MAX];
	size_t len;
	unsigned long next_id; /* each command carries "id": the answer to one given up on is never another's */
};

/* Connects to the unix socket at `path` (retrying while QEMU has not
 * created it yet), reads the greeting and enters command mode. 0, or -1
 * with the reason in err; timeout in seconds covers all of it. */
int vc_qmp_connect(struct vc_qmp *q, const char *path, double timeout, char *err, size_t errlen);
/* The same handshake over a connected socket (takes ownership of fd). */
int vc_qmp_start(struct vc_qmp *q, int fd, double timeout, char *err, size_t errlen);
/* Sends one command (a JSON object, no newline; vcheck adds its "id") and
 * waits for its answer, skipping late answers to commands given up on:
 * 0 on {"return": ...}, -1 on {"error": ...} (err holds QEMU's desc), a
 * timeout, a closed connection or a malformed line. */
int vc_qmp_execute(struct vc_qmp *q, const char *command, double timeout, char *err, size_t errlen);
/* As vc_qmp_execute; on success *reply (when not NULL) is the whole
 * {"return": ...} line, malloc'd. */
int vc_qmp_execute_reply(struct vc_qmp *q, const char *command, double timeout, char **reply, char *err,
			 size_t errlen);
void vc_qmp_close(struct vc_qmp *q);

/* Where top-level key `key` of a one-line JSON object has its value (after
 * the colon), or NULL. Exposed for unit tests. */
const char *vc_json_top_key(const char *obj, const char *key);

#endif
