/* QMP replies (harness/collect/qmp.h, harness/collect/qemu_status.h).
 *
 * Input: SERVER-TRANSCRIPT [FZ_SEP PARENT-BUS]. The transcript is what a
 * QEMU monitor would send, line by line: the greeting, the answer to
 * qmp_capabilities, x-query-virtio's list, qom-get answers and
 * x-query-virtio-status, events anywhere. It is played down one end of a
 * socketpair while the client runs its real dialogue on the other end
 * (vc_qmp_start, then vc_qemu_status_query for an mmio and a PCI location,
 * as the runner's "query" record does, then a host event's command). A
 * second thread writes the transcript, closes its sending side (so the
 * client sees the end, never a timeout) and drains what the client sends.
 * Every transcript line also goes through vc_json_top_key and
 * vc_qemu_status_parse on its own, and PARENT-BUS through vc_qom_location. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "harness/collect/qemu_status.h"
#include "harness/collect/qmp.h"
#include "fuzz_pipeline.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fz_setup();
	return 0;
}

struct server {
	int fd;
	const uint8_t *d;
	size_t n;
};

static void *serve(void *arg)
{
	struct server *s = arg;
	for (size_t at = 0; at < s->n;) {
		ssize_t w = send(s->fd, s->d + at, s->n - at, MSG_NOSIGNAL);
		if (w <= 0)
			break;
		at += (size_t)w;
	}
	shutdown(s->fd, SHUT_WR);
	char buf[4096];
	while (read(s->fd, buf, sizeof(buf)) > 0)
		;
	return NULL;
}

static void one_line(const char *line)
{
	static const char *const keys[] = { "QMP", "return", "error", "event", "desc" };
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const char *v = vc_json_top_key(line, keys[i]);
		fz_require(!v || (v > line && v <= line + strlen(line)), "key value outside the line");
	}
	struct vc_qemu_status s = { 0 };
	char err[256];
	if (vc_qemu_status_parse(line, &s, err, sizeof(err)) == 0) {
		char ev[640];
		vc_qemu_status_line(&s, "wr #1", ev, sizeof(ev));
		free(s.status), free(s.guest_features);
	}
}

static void dialogue(const uint8_t *d, size_t n, const struct vc_target *t)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		abort();
	struct server srv = { sv[1], d, n };
	pthread_t th;
	if (pthread_create(&th, NULL, serve, &srv))
		abort();
	struct vc_qmp *q = malloc(sizeof(*q));
	struct vc_qom_map map = { 0 };
	char err[256];
	if (!q)
		abort();
	int started = vc_qmp_start(q, sv[0], 5.0, err, sizeof(err));
	fz_note("qmp start: %s\n", started ? err : "ok");
	if (started == 0) {
		static const char *const locs[] = { "mmio@0xa000000", "pci@00:01.0" };
		for (size_t i = 0; i < 2; i++) {
			struct vc_qemu_status s = { .after_seq = 7 };
			int rc = vc_qemu_status_query(q, &map, t, locs[i], 5.0, &s, err, sizeof(err));
			fz_note("qemu-status %s: %s%s\n", locs[i], rc ? err : "status ", rc ? "" : s.status);
			if (rc == 0)
				free(s.status), free(s.guest_features);
		}
		char *reply = NULL;
		if (vc_qmp_execute_reply(q, "{\"execute\":\"balloon\",\"arguments\":{\"value\":268435456}}", 5.0,
					 &reply, err, sizeof(err)) == 0)
			free(reply);
		vc_qmp_close(q);
	}
	/* vc_qmp_start closed the socket itself on failure */
	pthread_join(th, NULL);
	close(sv[1]);
	vc_qom_map_free(&map);
	free(q);
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	const struct vc_target *t = &fz_setup()->target;
	size_t tn, bn;
	const uint8_t *transcript = fz_part(d, n, 0, &tn), *bus = fz_part(d, n, 1, &bn);

	char *text = fz_strndup(transcript, tn);
	for (char *line = text, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		one_line(line);
	}
	free(text);

	if (bus) {
		char *b = fz_strndup(bus, bn), loc[64];
		int devfn = bn ? (int)(int8_t)bus[0] * 3 : -1;
		vc_qom_location(t, b, -1, loc, sizeof(loc));
		vc_qom_location(t, NULL, devfn, loc, sizeof(loc));
		free(b);
	}

	dialogue(transcript, tn, t);
	return 0;
}
