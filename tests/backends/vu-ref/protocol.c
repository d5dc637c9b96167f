#include "protocol.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

uint32_t vu_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint64_t vu_le64(const uint8_t *p) { return (uint64_t)vu_le32(p) | (uint64_t)vu_le32(p + 4) << 32; }

void vu_put_le32(uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

void vu_put_le64(uint8_t *p, uint64_t v)
{
	vu_put_le32(p, (uint32_t)v);
	vu_put_le32(p + 4, (uint32_t)(v >> 32));
}

/* Keeps the fds a recvmsg brought, closing any beyond what m holds. */
static void collect_fds(struct msghdr *mh, struct vu_msg *m)
{
	for (struct cmsghdr *c = CMSG_FIRSTHDR(mh); c; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS)
			continue;
		size_t n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
		for (size_t i = 0; i < n; i++) {
			int fd;
			memcpy(&fd, CMSG_DATA(c) + i * sizeof(int), sizeof fd);
			if (m->nfds < VU_MAX_FDS)
				m->fds[m->nfds++] = fd;
			else
				close(fd);
		}
	}
}

/* Reads exactly len bytes, collecting fds on the way: 1 done, 0 the peer
 * closed before the first byte, -1 anything else (reason in *why). */
static int read_full(int fd, uint8_t *buf, size_t len, struct vu_msg *m, const char **why)
{
	size_t got = 0;
	while (got < len) {
		union {
			char buf[CMSG_SPACE(VU_MAX_FDS * sizeof(int))];
			struct cmsghdr align;
		} ctl;
		struct iovec iov = { buf + got, len - got };
		struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1,
				     .msg_control = ctl.buf, .msg_controllen = sizeof ctl.buf };
		ssize_t r = recvmsg(fd, &mh, MSG_CMSG_CLOEXEC);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			/* SO_RCVTIMEO: the rest of a message never came */
			*why = errno == EAGAIN || errno == EWOULDBLOCK ? "message cut short (timed out)"
								       : strerror(errno);
			return -1;
		}
		collect_fds(&mh, m);
		if (mh.msg_flags & MSG_CTRUNC) {
			*why = "more file descriptors than a message may carry";
			return -1;
		}
		if (r == 0) {
			*why = "message cut short (peer closed)";
			return got ? -1 : 0;
		}
		got += (size_t)r;
	}
	return 1;
}

void vu_msg_close_fds(struct vu_msg *m)
{
	for (unsigned i = 0; i < m->nfds; i++)
		if (m->fds[i] >= 0)
			close(m->fds[i]);
	m->nfds = 0;
}

int vu_msg_take_fd(struct vu_msg *m, unsigned i)
{
	if (i >= m->nfds)
		return -1;
	int fd = m->fds[i];
	m->fds[i] = -1;
	return fd;
}

static enum vu_recv bad(struct vu_msg *m, const char **why, const char *reason)
{
	if (reason)
		*why = reason;
	vu_msg_close_fds(m);
	return VU_RECV_BAD;
}

enum vu_recv vu_msg_recv(int fd, struct vu_msg *m, const char **why)
{
	uint8_t hdr[VU_HDR_SIZE];
	m->nfds = 0;
	int r = read_full(fd, hdr, sizeof hdr, m, why);
	if (r == 0)
		return VU_RECV_EOF;
	if (r < 0)
		return bad(m, why, NULL);
	m->request = vu_le32(hdr);
	m->flags = vu_le32(hdr + 4);
	m->size = vu_le32(hdr + 8);
	if ((m->flags & VU_VERSION_MASK) != VU_VERSION)
		return bad(m, why, "wrong protocol version");
	if (m->size > VU_MAX_PAYLOAD)
		return bad(m, why, "oversize payload");
	if (m->size && read_full(fd, m->payload, m->size, m, why) <= 0)
		return bad(m, why, "message cut short (peer closed)");
	return VU_RECV_OK;
}

int vu_msg_send(int fd, uint32_t request, uint32_t flags, const void *payload, uint32_t size,
		int dontwait)
{
	uint8_t buf[VU_HDR_SIZE + VU_MAX_PAYLOAD];
	if (size > VU_MAX_PAYLOAD) {
		errno = EMSGSIZE;
		return -1;
	}
	vu_put_le32(buf, request);
	vu_put_le32(buf + 4, flags);
	vu_put_le32(buf + 8, size);
	if (size)
		memcpy(buf + VU_HDR_SIZE, payload, size);
	/* MSG_NOSIGNAL: a front-end that went away is an error here, not a
	 * SIGPIPE that kills the daemon. */
	int how = MSG_NOSIGNAL | (dontwait ? MSG_DONTWAIT : 0);
	size_t len = VU_HDR_SIZE + size, done = 0;
	while (done < len) {
		ssize_t r = send(fd, buf + done, len - done, how);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -1;
		done += (size_t)r;
	}
	return 0;
}

int vu_msg_reply(int fd, const struct vu_msg *req, const void *payload, uint32_t size)
{
	/* QEMU accepts a reply only with exactly these flags (vhost_user_read_header) */
	return vu_msg_send(fd, req->request, VU_VERSION | VU_FLAG_REPLY, payload, size, 0);
}

int vu_msg_reply_u64(int fd, const struct vu_msg *req, uint64_t v)
{
	uint8_t p[8];
	vu_put_le64(p, v);
	return vu_msg_reply(fd, req, p, sizeof p);
}

const char *vu_request_name(uint32_t r)
{
	switch (r) {
	case VU_GET_FEATURES: return "GET_FEATURES";
	case VU_SET_FEATURES: return "SET_FEATURES";
	case VU_SET_OWNER: return "SET_OWNER";
	case VU_RESET_OWNER: return "RESET_OWNER";
	case VU_SET_MEM_TABLE: return "SET_MEM_TABLE";
	case VU_SET_LOG_BASE: return "SET_LOG_BASE";
	case VU_SET_LOG_FD: return "SET_LOG_FD";
	case VU_SET_VRING_NUM: return "SET_VRING_NUM";
	case VU_SET_VRING_ADDR: return "SET_VRING_ADDR";
	case VU_SET_VRING_BASE: return "SET_VRING_BASE";
	case VU_GET_VRING_BASE: return "GET_VRING_BASE";
	case VU_SET_VRING_KICK: return "SET_VRING_KICK";
	case VU_SET_VRING_CALL: return "SET_VRING_CALL";
	case VU_SET_VRING_ERR: return "SET_VRING_ERR";
	case VU_GET_PROTOCOL_FEATURES: return "GET_PROTOCOL_FEATURES";
	case VU_SET_PROTOCOL_FEATURES: return "SET_PROTOCOL_FEATURES";
	case VU_GET_QUEUE_NUM: return "GET_QUEUE_NUM";
	case VU_SET_VRING_ENABLE: return "SET_VRING_ENABLE";
	case VU_SET_BACKEND_REQ_FD: return "SET_BACKEND_REQ_FD";
	case VU_GET_CONFIG: return "GET_CONFIG";
	case VU_SET_CONFIG: return "SET_CONFIG";
	case VU_GET_INFLIGHT_FD: return "GET_INFLIGHT_FD";
	case VU_SET_INFLIGHT_FD: return "SET_INFLIGHT_FD";
	case VU_RESET_DEVICE: return "RESET_DEVICE";
	case VU_GET_MAX_MEM_SLOTS: return "GET_MAX_MEM_SLOTS";
	case VU_ADD_MEM_REG: return "ADD_MEM_REG";
	case VU_REM_MEM_REG: return "REM_MEM_REG";
	case VU_SET_STATUS: return "SET_STATUS";
	case VU_GET_STATUS: return "GET_STATUS";
	}
	return NULL;
}
