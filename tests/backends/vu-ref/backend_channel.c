#include "backend_channel.h"
#include "log.h"
#include "protocol.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

void vu_backend_channel_init(struct vu_backend_channel *bc)
{
	memset(bc, 0, sizeof *bc);
	bc->fd = -1;
}

void vu_backend_channel_close(struct vu_backend_channel *bc)
{
	if (bc->fd >= 0)
		close(bc->fd);
	bc->fd = -1;
	bc->pending = 0;
}

void vu_backend_channel_set(struct vu_backend_channel *bc, int fd, int reply_ack)
{
	vu_backend_channel_close(bc);
	bc->fd = fd;
	bc->reply_ack = reply_ack;
}

int vu_backend_channel_config_change(struct vu_backend_channel *bc, uint64_t now_ms)
{
	if (bc->fd < 0) {
		if (!bc->said_absent)
			vu_log("no backend channel (no SET_BACKEND_REQ_FD): config changes are not announced");
		bc->said_absent = 1;
		return -1;
	}
	uint32_t flags = VU_VERSION | (bc->reply_ack ? VU_FLAG_NEED_REPLY : 0);
	/* Non-blocking: a front-end that stopped reading must not stop the
	 * main channel. A 12-byte message goes whole or not at all. */
	if (vu_msg_send(bc->fd, VU_BACKEND_CONFIG_CHANGE_MSG, flags, NULL, 0, 1) < 0) {
		vu_log("backend channel: CONFIG_CHANGE_MSG not sent (%s); channel closed", strerror(errno));
		vu_backend_channel_close(bc);
		return -1;
	}
	bc->sent++;
	if (bc->reply_ack && !bc->pending++)
		bc->pending_since_ms = now_ms;
	return 0;
}

int vu_backend_channel_poll_fd(const struct vu_backend_channel *bc) { return bc->fd; }

static void got_reply(struct vu_backend_channel *bc, const struct vu_msg *m, uint64_t now_ms)
{
	if (m->request != VU_BACKEND_CONFIG_CHANGE_MSG || !(m->flags & VU_FLAG_REPLY) || m->size < 8) {
		vu_log("backend channel: unexpected message %u (flags 0x%x, size %u) ignored",
		       m->request, m->flags, m->size);
		return;
	}
	if (bc->pending && --bc->pending)
		bc->pending_since_ms = now_ms; /* the front-end is answering */
	if (!vu_le64(m->payload)) {
		bc->acked++;
		return;
	}
	/* QEMU answers nonzero when the device has no config notifier */
	bc->refused++;
	if (!bc->said_refused)
		vu_log("backend channel: the front-end refused CONFIG_CHANGE_MSG");
	bc->said_refused = 1;
}

void vu_backend_channel_read(struct vu_backend_channel *bc, uint64_t now_ms)
{
	struct vu_msg m;
	const char *why = "";
	enum vu_recv r = vu_msg_recv(bc->fd, &m, &why);
	vu_msg_close_fds(&m);
	if (r == VU_RECV_OK) {
		got_reply(bc, &m, now_ms);
		return;
	}
	if (r == VU_RECV_BAD)
		vu_log("backend channel: %s; channel closed", why);
	vu_backend_channel_close(bc);
}

int vu_backend_channel_timeout_ms(const struct vu_backend_channel *bc, uint64_t now_ms)
{
	if (!bc->pending || bc->said_silent)
		return -1;
	uint64_t due = bc->pending_since_ms + VU_BACKEND_REPLY_TIMEOUT_MS;
	return now_ms >= due ? 0 : (int)(due - now_ms);
}

void vu_backend_channel_check_timeout(struct vu_backend_channel *bc, uint64_t now_ms)
{
	if (vu_backend_channel_timeout_ms(bc, now_ms) != 0)
		return;
	/* Keep sending; just stop counting on replies for the poll timeout. */
	vu_log("backend channel: no reply to CONFIG_CHANGE_MSG within %d ms", VU_BACKEND_REPLY_TIMEOUT_MS);
	bc->said_silent = 1;
}
