#define _GNU_SOURCE /* ppoll */
#include "session.h"
#include "log.h"
#include "requests.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

uint64_t vu_now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (uint64_t)t.tv_sec * 1000 + (uint64_t)t.tv_nsec / 1000000;
}

void vu_session_init(struct vu_session *s, int fd, struct vu_device *dev)
{
	memset(s, 0, sizeof *s);
	s->fd = fd;
	s->dev = dev;
	vu_backend_channel_init(&s->bc);
}

void vu_session_send_notices(struct vu_session *s, uint64_t now_ms)
{
	char why[VU_NOTICE_LEN];
	while (vu_device_take_notice(s->dev, now_ms, why)) {
		if (!s->started) {
			/* the guest would not see it either: QEMU raises no config
			 * interrupt before DRIVER_OK (virtio_notify_config) */
			if (!s->said_unstarted++)
				vu_log("config changes are announced only while the front-end has the device started");
			continue;
		}
		/* without a channel the change stays silent (logged once there) */
		if (vu_backend_channel_config_change(&s->bc, now_ms) == 0)
			vu_log_action(VU_LOG_KEY_SENT, "config change sent (%s)", why);
	}
}

/* The acknowledgement REPLY_ACK asks for, on requests without a reply. */
static int acknowledge(struct vu_session *s, const struct vu_msg *m, enum vu_outcome o)
{
	if (!vu_msg_needs_reply(m) || o == VU_REPLIED)
		return 0;
	if (vu_msg_reply_u64(s->fd, m, o == VU_DONE_FAIL) == 0)
		return 0;
	snprintf(s->why_closed, sizeof s->why_closed, "acknowledgement not sent (%s)", strerror(errno));
	return -1;
}

int vu_session_handle(struct vu_session *s)
{
	static struct vu_msg m; /* 4 KiB: one connection at a time */
	const char *why = "";
	enum vu_recv r = vu_msg_recv(s->fd, &m, &why);
	if (r != VU_RECV_OK) {
		snprintf(s->why_closed, sizeof s->why_closed, "%s",
			 r == VU_RECV_EOF ? "front-end closed the connection" : why);
		return -1;
	}
	s->messages++;
	s->count[m.request < VU_REQUEST_MAX && vu_request_name(m.request) ? m.request : 0]++;
	uint64_t now = vu_now_ms();
	enum vu_outcome o = vu_request_dispatch(s, &m, now);
	vu_msg_close_fds(&m);
	if (o == VU_CLOSE || acknowledge(s, &m, o) < 0)
		return -1;
	/* After the answer: QEMU waits for it holding the lock its backend
	 * channel handler needs (see backend_channel.h). */
	vu_session_send_notices(s, now);
	return 0;
}

static int earliest(int a, int b) { return a < 0 ? b : b < 0 ? a : a < b ? a : b; }

/* Waits for input or the next timer; -1 on a real poll error. */
static int wait_input(struct vu_session *s, struct pollfd *p, const sigset_t *mask)
{
	uint64_t now = vu_now_ms();
	int ms = earliest(vu_device_next_notice_ms(s->dev, now),
			  vu_backend_channel_timeout_ms(&s->bc, now));
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };
	p[0] = (struct pollfd){ .fd = s->fd, .events = POLLIN };
	p[1] = (struct pollfd){ .fd = vu_backend_channel_poll_fd(&s->bc), .events = POLLIN };
	if (ppoll(p, 2, ms < 0 ? NULL : &ts, mask) >= 0 || errno == EINTR)
		return 0;
	snprintf(s->why_closed, sizeof s->why_closed, "poll: %s", strerror(errno));
	return -1;
}

void vu_session_serve(struct vu_session *s, volatile sig_atomic_t *stop, const sigset_t *wait_mask)
{
	struct pollfd p[2];
	while (!*stop) {
		vu_session_send_notices(s, vu_now_ms());
		if (wait_input(s, p, wait_mask) < 0)
			return;
		if (*stop)
			break;
		uint64_t now = vu_now_ms();
		if (p[1].fd >= 0 && p[1].revents)
			vu_backend_channel_read(&s->bc, now);
		if (p[0].revents && vu_session_handle(s) < 0)
			return;
		vu_backend_channel_check_timeout(&s->bc, now);
	}
	snprintf(s->why_closed, sizeof s->why_closed, "stopped by signal");
}

/* "GET_CONFIG 120, SET_CONFIG 3, ..." for every request seen. */
static void counts(const struct vu_session *s, char *buf, size_t len)
{
	size_t at = 0;
	buf[0] = 0;
	for (unsigned r = 0; r < VU_REQUEST_MAX && at < len; r++) {
		if (!s->count[r])
			continue;
		int n = snprintf(buf + at, len - at, "%s%s %llu", at ? ", " : "",
				 r ? vu_request_name(r) : "unknown", (unsigned long long)s->count[r]);
		at += n > 0 ? (size_t)n : 0;
	}
}

void vu_session_end(struct vu_session *s)
{
	char by[768];
	counts(s, by, sizeof by);
	vu_log("connection closed (%s): %llu messages (%s); config changes sent %llu, acknowledged %llu",
	       s->why_closed, (unsigned long long)s->messages, by, (unsigned long long)s->bc.sent,
	       (unsigned long long)s->bc.acked);
	vu_backend_channel_close(&s->bc);
}
