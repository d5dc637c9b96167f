/* Unit tests for answering the guest's asks (harness/run/host_events.c): the
 * device index leads to the planned command through the device's location;
 * QMP trouble becomes a cell problem, once, never a hang. A forked fake QEMU
 * answers on a unix socket and hands every command it got back on a pipe. */
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

#include "harness/run/host_events.h"

#define LOC "mmio@0xa000000"
#define CMD "{\"execute\":\"set_link\",\"arguments\":{\"name\":\"net0\",\"up\":false}}"
#define BAD "{\"execute\":\"fail\"}"
/* CMD as it goes out: with the id the client numbers commands by */
#define CMD_ID(n) "{\"execute\":\"set_link\",\"arguments\":{\"name\":\"net0\",\"up\":false},\"id\":" #n "}"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The "id" a command carries (QEMU echoes it in the answer), or -1. */
static long command_id(const char *line)
{
	const char *at = strstr(line, "\"id\":");
	return at ? strtol(at + 5, NULL, 10) : -1;
}

/* Serves one client: greeting, then a return for every line except those
 * naming "fail"; each line received is copied to `report`. */
static void fake_qemu(const char *path, int report)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	strcpy(sa.sun_path, path);
	int l = socket(AF_UNIX, SOCK_STREAM, 0);
	if (l < 0 || bind(l, (struct sockaddr *)&sa, sizeof(sa)) || listen(l, 1))
		_exit(1);
	(void)!write(report, "R", 1); /* listening */
	int c = accept(l, NULL, NULL);
	FILE *in = fdopen(c, "r");
	const char *greet = "{\"QMP\": {\"version\": {}, \"capabilities\": []}}\r\n";
	(void)!write(c, greet, strlen(greet));
	char line[1024];
	while (in && fgets(line, sizeof(line), in)) {
		(void)!write(report, line, strlen(line));
		char a[200];
		snprintf(a, sizeof(a), strstr(line, "fail") ? "{\"error\": {\"class\": \"GenericError\", \"desc\": \"refused\"}, \"id\": %ld}\r\n"
							   : "{\"return\": {}, \"id\": %ld}\r\n", command_id(line));
		(void)!write(c, a, strlen(a));
	}
	_exit(0);
}

struct fixture {
	struct vc_cell cell;
	struct vc_device dev;
	struct vc_cell_plan plan;
	struct vc_planned_event ev[2];
	char path[108];
	pid_t server;
	int report;
};

static void setup(struct fixture *f, int with_server)
{
	memset(f, 0, sizeof(*f));
	f->dev = (struct vc_device){ .guest_index = 3, .model = "net", .location = LOC };
	f->cell.devices = &f->dev, f->cell.ndevices = 1;
	f->ev[0] = (struct vc_planned_event){ LOC, "link-down", CMD };
	f->ev[1] = (struct vc_planned_event){ LOC, "refused", BAD };
	f->plan.events = f->ev, f->plan.nevents = 2;
	snprintf(f->path, sizeof(f->path), "/tmp/vc-test-hev-%ld.sock", (long)getpid());
	unlink(f->path);
	f->plan.qmp_path = f->path;
	f->server = -1;
	if (!with_server)
		return;
	int p[2];
	assert_int_equal(pipe(p), 0);
	f->server = fork();
	assert_true(f->server >= 0);
	if (f->server == 0) {
		close(p[0]);
		fake_qemu(f->path, p[1]);
	}
	close(p[1]);
	f->report = p[0];
	char ready;
	assert_int_equal(read(f->report, &ready, 1), 1);
}

/* Everything the fake QEMU received, once it has seen the client go. */
static void received(struct fixture *f, char *buf, size_t cap)
{
	size_t n = 0;
	ssize_t r;
	while (n + 1 < cap && (r = read(f->report, buf + n, cap - 1 - n)) > 0)
		n += (size_t)r;
	buf[n] = 0;
	waitpid(f->server, NULL, 0);
	close(f->report);
}

static void teardown(struct fixture *f)
{
	for (size_t i = 0; i < f->cell.nproblems; i++)
		free(f->cell.problems[i]);
	free(f->cell.problems);
	unlink(f->path);
}

/* A record of `kind` for device d with one more key. */
static struct vc_rec rec(enum vc_record_kind kind, unsigned long seq, const char *d, const char *key,
			 const char *val)
{
	struct vc_rec r = { .seq = seq, .kind = kind, .nfields = 2 };
	r.f[0].key = "d", r.f[0].val = d;
	r.f[1].key = key, r.f[1].val = val;
	return r;
}

static struct vc_rec ask(const char *d, const char *ev) { return rec(VC_REC_ASK, 9, d, "ev", ev); }

static void test_ask_sends_the_planned_command(void **state)
{
	struct fixture f;
	struct vc_host_events h;
	char got[4096];
	setup(&f, 1);
	vc_host_events_init(&h, &f.plan, &f.cell, now() + 5, -1);
	struct vc_rec r = ask("3", "link-down");
	vc_host_events_ask(&h, &r);
	r = ask("3", "link-down");
	vc_host_events_ask(&h, &r);
	/* no such event for the model, or no such device: nothing sent */
	r = ask("3", "link-up");
	vc_host_events_ask(&h, &r);
	r = ask("4", "link-down");
	vc_host_events_ask(&h, &r);
	assert_int_equal(h.sent, 2);
	assert_int_equal(f.cell.nproblems, 0);
	vc_host_events_close(&h);
	received(&f, got, sizeof(got));
	assert_string_equal(got, "{\"execute\":\"qmp_capabilities\",\"id\":1}\n" CMD_ID(2) "\n" CMD_ID(3) "\n");
	assert_int_equal(access(f.path, F_OK), -1); /* the socket is removed */
	teardown(&f);
}

static void test_refused_command_is_a_problem(void **state)
{
	struct fixture f;
	struct vc_host_events h;
	char got[4096];
	setup(&f, 1);
	vc_host_events_init(&h, &f.plan, &f.cell, now() + 5, -1);
	struct vc_rec r = ask("3", "refused");
	vc_host_events_ask(&h, &r);
	r = ask("3", "link-down");
	vc_host_events_ask(&h, &r); /* the connection survives an error */
	assert_int_equal(h.sent, 1);
	assert_int_equal(f.cell.nproblems, 1);
	assert_non_null(strstr(f.cell.problems[0], "refused"));
	assert_non_null(strstr(f.cell.problems[0], LOC));
	vc_host_events_close(&h);
	received(&f, got, sizeof(got));
	assert_non_null(strstr(got, CMD_ID(3)));
	teardown(&f);
}

static void test_no_qemu_is_one_bounded_problem(void **state)
{
	struct fixture f;
	struct vc_host_events h;
	setup(&f, 0);
	double t = now();
	vc_host_events_init(&h, &f.plan, &f.cell, t + 0.2, -1); /* the cell's deadline bounds the wait */
	struct vc_rec r = ask("3", "link-down");
	vc_host_events_ask(&h, &r);
	vc_host_events_ask(&h, &r);
	assert_true(now() - t < 1.0);
	assert_int_equal(h.sent, 0);
	assert_int_equal(f.cell.nproblems, 1);
	assert_non_null(strstr(f.cell.problems[0], "cannot connect"));
	vc_host_events_close(&h);
	teardown(&f);

	/* a plan without a socket (not a side-effect cell) */
	setup(&f, 0);
	f.plan.qmp_path = NULL;
	vc_host_events_init(&h, &f.plan, &f.cell, now() + 5, -1);
	vc_host_events_ask(&h, &r);
	vc_host_events_ask(&h, &r);
	assert_int_equal(f.cell.nproblems, 1);
	assert_non_null(strstr(f.cell.problems[0], "no QMP socket"));
	vc_host_events_close(&h);
	teardown(&f);
}

static struct vc_rec query(const char *d, const char *what) { return rec(VC_REC_QUERY, 12, d, "what", what); }

/* A qemu-status query asks QEMU which virtio devices it has first; a QEMU
 * that lists none (this fake answers {} to everything) is a cell problem,
 * and the waiting guest still gets its byte. An unknown query is a problem
 * with no QMP traffic and no byte. */
static void test_qemu_status_query(void **state)
{
	struct fixture f;
	struct vc_host_events h;
	char got[4096], byte[4];
	int guest[2];
	setup(&f, 1);
	assert_int_equal(pipe(guest), 0);
	vc_host_events_init(&h, &f.plan, &f.cell, now() + 5, guest[1]);
	struct vc_rec unknown = query("3", "uptime");
	vc_host_events_ask(&h, &unknown);
	assert_int_equal(f.cell.nproblems, 1);
	assert_non_null(strstr(f.cell.problems[0], "unknown query 'uptime'"));
	struct vc_rec r = query("3", "qemu-status");
	vc_host_events_ask(&h, &r);
	assert_int_equal(f.cell.nproblems, 2);
	assert_non_null(strstr(f.cell.problems[1], "qemu-status for " LOC ": x-query-virtio lists no device at " LOC));
	assert_int_equal(f.dev.nqemu_status, 0);
	vc_host_events_close(&h); /* closes the guest's input too */
	assert_int_equal(read(guest[0], byte, sizeof(byte)), 1);
	assert_int_equal(byte[0], '\n');
	close(guest[0]);
	received(&f, got, sizeof(got));
	assert_non_null(strstr(got, "{\"execute\":\"x-query-virtio\",\"id\":2}"));
	assert_null(strstr(got, "uptime"));
	teardown(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ask_sends_the_planned_command),
		cmocka_unit_test(test_refused_command_is_a_problem),
		cmocka_unit_test(test_no_qemu_is_one_bounded_problem),
		cmocka_unit_test(test_qemu_status_query),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
