/* Unit tests for the QMP client (harness/collect/qmp.c) against a fake QEMU: the
 * other end of a socketpair, with the server's lines written before the
 * client reads them (the socket buffers them), or by a forked child where
 * timing matters. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness/collect/qmp.h"

#define GREETING "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 2, \"major\": 7}}, \"capabilities\": [\"oob\"]}}\r\n"
/* QEMU echoes each command's "id"; the client numbers them from 1, the
 * capabilities negotiation first. */
#define RETURN_ID(n) "{\"return\": {}, \"id\": " #n "}\r\n"
#define CAPS "{\"execute\":\"qmp_capabilities\",\"id\":1}\n"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void put(int fd, const char *s)
{
	assert_int_equal(write(fd, s, strlen(s)), (ssize_t)strlen(s));
}

/* What the client sent so far (non-blocking). */
static void sent(int fd, char *buf, size_t cap)
{
	ssize_t n = recv(fd, buf, cap - 1, MSG_DONTWAIT);
	buf[n > 0 ? n : 0] = 0;
}

/* A client in command mode; *server is the fake QEMU's end. */
static void started(struct vc_qmp *q, int *server)
{
	int sv[2];
	char err[256] = "", buf[256];
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	put(sv[1], GREETING RETURN_ID(1));
	if (vc_qmp_start(q, sv[0], 1.0, err, sizeof(err)))
		fail_msg("handshake failed: %s", err);
	sent(sv[1], buf, sizeof(buf));
	assert_string_equal(buf, CAPS);
	*server = sv[1];
}

static void test_top_key(void **state)
{
	assert_non_null(vc_json_top_key("{\"return\": {}}", "return"));
	assert_string_equal(vc_json_top_key("{\"return\" : 5}", "return"), " 5}");
	assert_null(vc_json_top_key("{\"return\": {}}", "error"));
	/* keys below the top level, and strings that look like keys, do not count */
	assert_null(vc_json_top_key("{\"event\": \"X\", \"data\": {\"return\": 1}}", "return"));
	assert_null(vc_json_top_key("{\"a\": [\"return\", 1]}", "return"));
	assert_null(vc_json_top_key("{\"a\": \"return\"}", "return"));
	assert_non_null(vc_json_top_key("{\"a\": \"}{\\\"return\\\": \", \"return\": {}}", "return"));
	assert_non_null(vc_json_top_key("{\"timestamp\": {\"seconds\": 1}, \"event\": \"STOP\"}", "event"));
	/* a prefix of a key is not the key */
	assert_null(vc_json_top_key("{\"returned\": {}}", "return"));
	assert_null(vc_json_top_key("{\"ret", "ret"));
	assert_null(vc_json_top_key("", "return"));
}

static void test_handshake_and_execute(void **state)
{
	struct vc_qmp q;
	int s;
	char err[256] = "", buf[256];
	started(&q, &s);
	/* asynchronous events before the answer are skipped */
	put(s, "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 2}, \"event\": \"NIC_RX_FILTER_CHANGED\", \"data\": {\"return\": 1}}\r\n"
	       "{\"timestamp\": {\"seconds\": 1, \"microseconds\": 3}, \"event\": \"BALLOON_CHANGE\", \"data\": {\"actual\": 1}}\r\n"
	       RETURN_ID(2));
	if (vc_qmp_execute(&q, "{\"execute\":\"balloon\",\"arguments\":{\"value\":1}}", 1.0, err, sizeof(err)))
		fail_msg("execute failed: %s", err);
	sent(s, buf, sizeof(buf));
	assert_string_equal(buf, "{\"execute\":\"balloon\",\"arguments\":{\"value\":1},\"id\":2}\n");
	/* two answers arriving in one read: each command gets its own */
	put(s, RETURN_ID(3) "{\"error\": {\"class\": \"GenericError\", \"desc\": \"second\"}, \"id\": 4}\n");
	assert_int_equal(vc_qmp_execute(&q, "{\"execute\":\"a\"}", 1.0, err, sizeof(err)), 0);
	assert_int_equal(vc_qmp_execute(&q, "{\"execute\":\"b\"}", 1.0, err, sizeof(err)), -1);
	assert_string_equal(err, "QMP error: second");
	vc_qmp_close(&q);
	assert_int_equal(q.fd, -1);
	close(s);
}

static void test_error_reply(void **state)
{
	struct vc_qmp q;
	int s;
	char err[256] = "";
	started(&q, &s);
	put(s, "{\"error\": {\"class\": \"DeviceNotFound\", \"desc\": \"Device \\\"net9\\\" not found\"}, \"id\": 2}\r\n");
	assert_int_equal(vc_qmp_execute(&q, "{\"execute\":\"set_link\"}", 1.0, err, sizeof(err)), -1);
	assert_string_equal(err, "QMP error: Device \"net9\" not found");
	/* an error without desc still says something */
	put(s, "{\"error\": {\"class\": \"X\"}, \"id\": 3}\n");
	assert_int_equal(vc_qmp_execute(&q, "{}", 1.0, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "\"class\""));
	/* neither return, error nor event */
	put(s, "{\"id\": 4}\n");
	assert_int_equal(vc_qmp_execute(&q, "{}", 1.0, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "unexpected"));
	vc_qmp_close(&q);
	close(s);
}

static void test_timeout_and_close(void **state)
{
	struct vc_qmp q;
	int s;
	char err[256] = "";
	started(&q, &s);
	double t = now();
	assert_int_equal(vc_qmp_execute(&q, "{\"execute\":\"x\"}", 0.1, err, sizeof(err)), -1);
	assert_true(now() - t >= 0.09 && now() - t < 1.0);
	assert_non_null(strstr(err, "timeout"));
	/* half a line, then the server stops talking */
	put(s, "{\"return\"");
	shutdown(s, SHUT_WR);
	assert_int_equal(vc_qmp_execute(&q, "{\"execute\":\"y\"}", 1.0, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "closed"));
	/* and once it is gone, sending says so (no SIGPIPE) */
	close(s);
	assert_int_equal(vc_qmp_execute(&q, "{\"execute\":\"z\"}", 1.0, err, sizeof(err)), -1);
	vc_qmp_close(&q);
	assert_int_equal(vc_qmp_execute(&q, "{}", 1.0, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "not connected"));
}

/* A command given up on (a slow QEMU) answers late: that answer, and one
 * with no id at all, are never taken for the next command's. */
static void test_late_answer_is_not_the_next(void **state)
{
	struct vc_qmp q;
	int s;
	char err[256] = "", *reply = NULL;
	started(&q, &s);
	assert_int_equal(vc_qmp_execute(&q, "{\"execute\":\"slow\"}", 0.05, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "timeout"));
	put(s, "{\"return\": {\"status\": \"stale\"}, \"id\": 2}\n"
	       "{\"error\": {\"class\": \"X\", \"desc\": \"stale\"}, \"id\": 2}\n"
	       "{\"return\": {\"status\": \"no id\"}}\n"
	       "{\"return\": {\"status\": \"fresh\"}, \"id\": 3}\n");
	if (vc_qmp_execute_reply(&q, "{\"execute\":\"now\"}", 1.0, &reply, err, sizeof(err)))
		fail_msg("execute: %s", err);
	assert_non_null(strstr(reply, "fresh"));
	free(reply);
	/* an id that only starts like ours is not ours */
	put(s, "{\"return\": {}, \"id\": 40}\n" RETURN_ID(4));
	assert_int_equal(vc_qmp_execute(&q, "{}", 1.0, err, sizeof(err)), 0);
	vc_qmp_close(&q);
	close(s);
}

static void test_bad_greeting(void **state)
{
	struct vc_qmp q;
	int sv[2];
	char err[256] = "";
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	put(sv[1], "QEMU 7.2.0 monitor - type 'help' for more information\r\n");
	assert_int_equal(vc_qmp_start(&q, sv[0], 1.0, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "greeting"));
	assert_int_equal(q.fd, -1);
	close(sv[1]);
	/* a greeting, then capabilities refused */
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	put(sv[1], GREETING "{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"no\"}, \"id\": 1}\n");
	assert_int_equal(vc_qmp_start(&q, sv[0], 1.0, err, sizeof(err)), -1);
	assert_string_equal(err, "QMP error: no");
	close(sv[1]);
	/* silence */
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(vc_qmp_start(&q, sv[0], 0.05, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "timeout"));
	close(sv[1]);
}

static void test_overlong_line(void **state)
{
	struct vc_qmp q;
	int s;
	char err[256] = "";
	started(&q, &s);
	/* a child feeds a line longer than the buffer; the client gives up on
	 * it instead of waiting for the newline forever */
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		static char big[VC_QMP_LINE_MAX + 64];
		memset(big, ' ', sizeof(big));
		big[0] = '{';
		(void)!write(s, big, sizeof(big));
		_exit(0);
	}
	assert_int_equal(vc_qmp_execute(&q, "{}", 1.0, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "longer"));
	waitpid(pid, NULL, 0);
	vc_qmp_close(&q);
	close(s);
}

/* A line that arrives in pieces, later than the command was sent. */
static void test_split_line(void **state)
{
	struct vc_qmp q;
	int s;
	char err[256] = "";
	started(&q, &s);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		usleep(20000);
		(void)!write(s, "{\"ret", 5);
		usleep(20000);
		(void)!write(s, "urn\": {}, \"id\": 2}\r\n", 20);
		_exit(0);
	}
	if (vc_qmp_execute(&q, "{}", 1.0, err, sizeof(err)))
		fail_msg("split answer: %s", err);
	waitpid(pid, NULL, 0);
	vc_qmp_close(&q);
	close(s);
}

/* The real path: a unix socket that appears a little after the client
 * starts connecting (QEMU creates it while it starts up). */
static void test_unix_connect(void **state)
{
	char path[108], err[256] = "";
	snprintf(path, sizeof(path), "/tmp/vc-test-qmp-%ld.sock", (long)getpid());
	unlink(path);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		usleep(30000);
		struct sockaddr_un sa = { .sun_family = AF_UNIX };
		strcpy(sa.sun_path, path);
		int l = socket(AF_UNIX, SOCK_STREAM, 0);
		if (l < 0 || bind(l, (struct sockaddr *)&sa, sizeof(sa)) || listen(l, 1))
			_exit(1);
		int c = accept(l, NULL, NULL);
		char buf[256];
		(void)!write(c, GREETING, strlen(GREETING));
		(void)!read(c, buf, sizeof(buf)); /* qmp_capabilities */
		(void)!write(c, RETURN_ID(1), strlen(RETURN_ID(1)));
		(void)!read(c, buf, sizeof(buf)); /* the command */
		(void)!write(c, RETURN_ID(2), strlen(RETURN_ID(2)));
		usleep(100000);
		_exit(0);
	}
	struct vc_qmp q;
	if (vc_qmp_connect(&q, path, 2.0, err, sizeof(err)))
		fail_msg("connect: %s", err);
	if (vc_qmp_execute(&q, "{\"execute\":\"cont\"}", 1.0, err, sizeof(err)))
		fail_msg("execute: %s", err);
	vc_qmp_close(&q);
	waitpid(pid, NULL, 0);
	unlink(path);

	/* nobody there: a bounded wait and a reason */
	double t = now();
	assert_int_equal(vc_qmp_connect(&q, path, 0.1, err, sizeof(err)), -1);
	assert_true(now() - t < 1.0);
	assert_non_null(strstr(err, "cannot connect"));
	char longpath[200];
	memset(longpath, 'x', sizeof(longpath) - 1);
	longpath[sizeof(longpath) - 1] = 0;
	assert_int_equal(vc_qmp_connect(&q, longpath, 0.1, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "too long"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_top_key),
		cmocka_unit_test(test_handshake_and_execute),
		cmocka_unit_test(test_error_reply),
		cmocka_unit_test(test_timeout_and_close),
		cmocka_unit_test(test_late_answer_is_not_the_next),
		cmocka_unit_test(test_bad_greeting),
		cmocka_unit_test(test_overlong_line),
		cmocka_unit_test(test_split_line),
		cmocka_unit_test(test_unix_connect),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
