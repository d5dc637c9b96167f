/* vhost-user message framing (QEMU docs/interop/vhost-user.rst): a 12-byte
 * header (request, flags, size; little-endian u32s), then `size` payload
 * bytes; file descriptors ride as SCM_RIGHTS ancillary data on the
 * message. This file knows the wire, not what the requests mean. */
#ifndef VU_PROTOCOL_H
#define VU_PROTOCOL_H
#include <stdint.h>

/* front-end requests */
enum vu_request {
	VU_GET_FEATURES = 1,
	VU_SET_FEATURES = 2,
	VU_SET_OWNER = 3,
	VU_RESET_OWNER = 4,
	VU_SET_MEM_TABLE = 5,
	VU_SET_LOG_BASE = 6,
	VU_SET_LOG_FD = 7,
	VU_SET_VRING_NUM = 8,
	VU_SET_VRING_ADDR = 9,
	VU_SET_VRING_BASE = 10,
	VU_GET_VRING_BASE = 11,
	VU_SET_VRING_KICK = 12,
	VU_SET_VRING_CALL = 13,
	VU_SET_VRING_ERR = 14,
	VU_GET_PROTOCOL_FEATURES = 15,
	VU_SET_PROTOCOL_FEATURES = 16,
	VU_GET_QUEUE_NUM = 17,
	VU_SET_VRING_ENABLE = 18,
	VU_SET_BACKEND_REQ_FD = 21,
	VU_GET_CONFIG = 24,
	VU_SET_CONFIG = 25,
	VU_GET_INFLIGHT_FD = 31,
	VU_SET_INFLIGHT_FD = 32,
	VU_RESET_DEVICE = 34,
	VU_GET_MAX_MEM_SLOTS = 36,
	VU_ADD_MEM_REG = 37,
	VU_REM_MEM_REG = 38,
	VU_SET_STATUS = 39,
	VU_GET_STATUS = 40,
	VU_REQUEST_MAX = 64 /* counters cover requests below this */
};

/* backend-initiated requests, on the channel SET_BACKEND_REQ_FD hands over */
#define VU_BACKEND_CONFIG_CHANGE_MSG 2

#define VU_VERSION 0x1u
#define VU_VERSION_MASK 0x3u
#define VU_FLAG_REPLY (1u << 2)
#define VU_FLAG_NEED_REPLY (1u << 3)
#define VU_HDR_SIZE 12u
/* QEMU's largest payload is a crypto session (about 1.1 KiB); anything
 * beyond this is not a front-end talking. */
#define VU_MAX_PAYLOAD 4096u
/* QEMU sends at most 8 (SET_MEM_TABLE's regions); room for more so that a
 * surplus is seen and closed rather than truncated by the kernel. */
#define VU_MAX_FDS 16

/* feature bits */
#define VU_F_PROTOCOL_FEATURES 30
#define VU_F_VERSION_1 32
#define VU_PF_MQ 0
#define VU_PF_REPLY_ACK 3
#define VU_PF_BACKEND_REQ 5
#define VU_PF_CONFIG 9

/* payload details */
#define VU_VRING_IDX_MASK 0xffu
#define VU_VRING_NOFD (1u << 8)
#define VU_CONFIG_HDR 12u /* offset, size, flags before the bytes */
#define VU_CONFIG_FRONTEND 0u

struct vu_msg {
	uint32_t request, flags, size;
	uint8_t payload[VU_MAX_PAYLOAD];
	int fds[VU_MAX_FDS];
	unsigned nfds;
};

enum vu_recv { VU_RECV_OK, VU_RECV_EOF, VU_RECV_BAD };

/* Reads one whole message with its fds. VU_RECV_EOF: the peer closed
 * between messages; VU_RECV_BAD: short, oversize or wrong version, with
 * the reason in *why. fds received are always closed or kept in m. */
enum vu_recv vu_msg_recv(int fd, struct vu_msg *m, const char **why);

/* Takes fd i out of m (the caller owns it); -1 when there is none. */
int vu_msg_take_fd(struct vu_msg *m, unsigned i);
void vu_msg_close_fds(struct vu_msg *m);

/* Sends one message; dontwait for a channel whose peer may not be
 * reading. Returns 0, or -1 with errno. */
int vu_msg_send(int fd, uint32_t request, uint32_t flags, const void *payload, uint32_t size,
		int dontwait);

/* The reply to req: its request, version and the reply flag. */
int vu_msg_reply(int fd, const struct vu_msg *req, const void *payload, uint32_t size);
int vu_msg_reply_u64(int fd, const struct vu_msg *req, uint64_t v);

static inline int vu_msg_needs_reply(const struct vu_msg *m)
{
	return !!(m->flags & VU_FLAG_NEED_REPLY);
}

uint32_t vu_le32(const uint8_t *p);
uint64_t vu_le64(const uint8_t *p);
void vu_put_le32(uint8_t *p, uint32_t v);
void vu_put_le64(uint8_t *p, uint64_t v);

const char *vu_request_name(uint32_t request);
#endif
