/* See qmp.h. QMP is line-oriented on the wire, so the client needs no JSON
 * parser: it only asks which top-level key a line has. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>
#include "harness/util/clock.h"
#include "harness/collect/qmp.h"

#define RETRY_MS 5

static int ms_left(double deadline)
{
	double left = deadline - vc_now();
	return left <= 0 ? 0 : (int)(left * 1000) + 1;
}

/* Skips a JSON string starting at its opening quote; returns its closing
 * quote, or NULL when the line ends first. */
static const char *string_end(const char *p)
{
	for (p++; *p && *p != '"'; p++)
		if (*p == '\\' && p[1])
			p++;
	return *p ? p : NULL;
}

const char *vc_json_top_key(const char *obj, const char *key)
{
	size_t klen = strlen(key);
	int depth = 0;
	for (const char *p = obj; *p; p++) {
		if (*p == '"') {
			const char *start = p + 1, *end = string_end(p);
			if (!end)
				return NULL;
			const char *after = end + 1;
			while (*after == ' ' || *after == '\t')
				after++;
			/* only a key is followed by a colon */
			if (depth == 1 && *after == ':' && (size_t)(end - start) == klen && !strncmp(start, key, klen))
				return after + 1;
			p = end;
		} else if (*p == '{' || *p == '[') {
			depth++;
		} else if (*p == '}' || *p == ']') {
			depth--;
		}
	}
	return NULL;
}

/* QEMU's error text: error.desc, unescaped enough to read. */
static void error_desc(const char *line, char *err, size_t errlen)
{
	const char *e = vc_json_top_key(line, "error");
	const char *d = e ? vc_json_top_key(e, "desc") : NULL;
	while (d && (*d == ' ' || *d == '\t'))
		d++;
	if (!d || *d != '"') {
		snprintf(err, errlen, "QMP error: %.200s", line);
		return;
	}
	size_t n = (size_t)snprintf(err, errlen, "QMP error: ");
	for (d++; *d && *d != '"' && n + 1 < errlen; d++) {
		if (*d == '\\' && d[1])
			d++;
		err[n++] = *d;
	}
	err[n < errlen ? n : errlen - 1] = 0;
}

/* Next whole line (without its newline) into `line`, NUL-terminated; the
 * return is its length, or -1 with err set. What follows stays buffered. */
static int read_line(struct vc_qmp *q, double deadline, char *line, size_t cap, char *err, size_t errlen)
{
	for (;;) {
		char *nl = memchr(q->buf, '\n', q->len);
		if (nl) {
			size_t n = (size_t)(nl - q->buf), used = n + 1;
			if (n >= cap)
				return snprintf(err, errlen, "QMP line longer than %zu bytes", cap - 1), -1;
			memcpy(line, q->buf, n);
			if (n && line[n - 1] == '\r')
				n--;
			line[n] = 0;
			q->len -= used;
			memmove(q->buf, q->buf + used, q->len);
			return (int)n;
		}
		if (q->len == sizeof(q->buf))
			return snprintf(err, errlen, "QMP line longer than %zu bytes", sizeof(q->buf)), -1;
		struct pollfd p = { .fd = q->fd, .events = POLLIN };
		int r = poll(&p, 1, ms_left(deadline));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return snprintf(err, errlen, "QMP: no answer within the timeout"), -1;
		ssize_t got = read(q->fd, q->buf + q->len, sizeof(q->buf) - q->len);
		if (got < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (got <= 0)
			return snprintf(err, errlen, "QMP: connection closed"), -1;
		q->len += (size_t)got;
	}
}

static int send_all(struct vc_qmp *q, const char *s, size_t n, double deadline, char *err, size_t errlen)
{
	while (n) {
		struct pollfd p = { .fd = q->fd, .events = POLLOUT };
		if (poll(&p, 1, ms_left(deadline)) <= 0)
			return snprintf(err, errlen, "QMP: cannot send within the timeout"), -1;
		ssize_t w = send(q->fd, s, n, MSG_NOSIGNAL);
		if (w < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (w < 0)
			return snprintf(err, errlen, "QMP: send: %s", strerror(errno)), -1;
		s += w, n -= (size_t)w;
	}
	return 0;
}

/* Whether an answer line is for command `id`: its "id" is that number.
 * QEMU echoes the id as it was sent; an answer without one (a command
 * QEMU could not parse) belongs to no command sent here. */
static int answers(const char *line, unsigned long id)
{
	const char *v = vc_json_top_key(line, "id");
	char *end;
	while (v && (*v == ' ' || *v == '\t'))
		v++;
	if (!v || *v < '0' || *v > '9')
		return 0;
	unsigned long got = strtoul(v, &end, 10);
	return got == id && (*end == ',' || *end == '}' || *end == ' ');
}

/* The answer to the command just sent: the next line with its id that is
 * not an event; a copy of its {"return": ...} line in *reply when reply is
 * not NULL. */
static int await_answer(struct vc_qmp *q, unsigned long id, double deadline, char **reply, char *err, size_t errlen)
{
	static char line[VC_QMP_LINE_MAX];
	for (;;) {
		if (read_line(q, deadline, line, sizeof(line), err, errlen) < 0)
			return -1;
		if (vc_json_top_key(line, "event"))
			continue;
		if (!answers(line, id) && (vc_json_top_key(line, "return") || vc_json_top_key(line, "error")))
			continue; /* late: the answer to a command given up on */
		if (vc_json_top_key(line, "return")) {
			if (reply && !(*reply = strdup(line)))
				return snprintf(err, errlen, "QMP: out of memory"), -1;
			return 0;
		}
		if (vc_json_top_key(line, "error"))
			return error_desc(line, err, errlen), -1;
		return snprintf(err, errlen, "QMP: unexpected line: %.200s", line), -1;
	}
}

int vc_qmp_execute(struct vc_qmp *q, const char *command, double timeout, char *err, size_t errlen)
{
	return vc_qmp_execute_reply(q, command, timeout, NULL, err, errlen);
}

int vc_qmp_execute_reply(struct vc_qmp *q, const char *command, double timeout, char **reply, char *err,
			 size_t errlen)
{
	double deadline = vc_now() + timeout;
	size_t n = strlen(command);
	while (n && (command[n - 1] == ' ' || command[n - 1] == '\n'))
		n--;
	if (q->fd < 0)
		return snprintf(err, errlen, "QMP: not connected"), -1;
	if (n < 2 || command[0] != '{' || command[n - 1] != '}')
		return snprintf(err, errlen, "QMP: not a JSON object: %.100s", command), -1;
	unsigned long id = ++q->next_id;
	char tag[40];
	int t = snprintf(tag, sizeof(tag), "%s\"id\":%lu}\n", n > 2 ? "," : "", id);
	if (send_all(q, command, n - 1, deadline, err, errlen) || send_all(q, tag, (size_t)t, deadline, err, errlen))
		return -1;
	return await_answer(q, id, deadline, reply, err, errlen);
}

int vc_qmp_start(struct vc_qmp *q, int fd, double timeout, char *err, size_t errlen)
{
	static char line[VC_QMP_LINE_MAX];
	double deadline = vc_now() + timeout;
	q->fd = fd, q->len = 0, q->next_id = 0;
	if (read_line(q, deadline, line, sizeof(line), err, errlen) < 0)
		return vc_qmp_close(q), -1;
	if (!vc_json_top_key(line, "QMP")) {
		snprintf(err, errlen, "QMP: not a greeting: %.200s", line);
		return vc_qmp_close(q), -1;
	}
	if (vc_qmp_execute(q, "{\"execute\":\"qmp_capabilities\"}", deadline - vc_now(), err, errlen))
		return vc_qmp_close(q), -1;
	return 0;
}

int vc_qmp_connect(struct vc_qmp *q, const char *path, double timeout, char *err, size_t errlen)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	double deadline = vc_now() + timeout;
	q->fd = -1;
	if (strlen(path) >= sizeof(sa.sun_path))
		return snprintf(err, errlen, "QMP socket path too long: %s", path), -1;
	strcpy(sa.sun_path, path);
	for (;;) {
		int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd < 0)
			return snprintf(err, errlen, "QMP: socket: %s", strerror(errno)), -1;
		if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0)
			return vc_qmp_start(q, fd, deadline - vc_now(), err, errlen);
		int e = errno;
		close(fd);
		/* QEMU creates the socket early in its start; until then, retry */
		if ((e != ENOENT && e != ECONNREFUSED) || vc_now() + RETRY_MS / 1e3 > deadline)
			return snprintf(err, errlen, "QMP: cannot connect to %s: %s", path, strerror(e)), -1;
		usleep(RETRY_MS * 1000);
	}
}

void vc_qmp_close(struct vc_qmp *q)
{
	if (q->fd >= 0)
		close(q->fd);
	q->fd = -1;
	q->len = 0;
}
