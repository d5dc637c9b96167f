#include "requests.h"
#include "log.h"

#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

/* A vring state payload: index, num (u32 each). */
#define STATE_SIZE 8u
/* A vring address payload: index, flags, then four u64 addresses. */
#define ADDR_SIZE 40u
/* A memory table: nregions, padding, then 32-byte regions. */
#define MEM_TABLE_HDR 8u
#define MAX_MEM_SLOTS 32u

static enum vu_outcome closing(struct vu_session *s, const char *why, const struct vu_msg *m)
{
	const char *name = vu_request_name(m->request);
	snprintf(s->why_closed, sizeof s->why_closed, "%s (%s)", why, name ? name : "request");
	return VU_CLOSE;
}

static enum vu_outcome replied(struct vu_session *s, const struct vu_msg *m, int rc)
{
	return rc < 0 ? closing(s, "reply not sent", m) : VU_REPLIED;
}

static uint64_t u64(const struct vu_msg *m) { return vu_le64(m->payload); }

/* The vring a state or u64 payload names, or NULL (logged). */
static struct vu_vring *vring(struct vu_session *s, uint32_t index, const struct vu_msg *m)
{
	if (index < VU_MAX_QUEUES)
		return &s->vring[index];
	vu_log("%s: vring %u out of range", vu_request_name(m->request), index);
	return NULL;
}

/* ---- features and ownership ---- */

static enum vu_outcome get_features(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	return replied(s, m, vu_msg_reply_u64(s->fd, m, VU_FEATURES));
}

static enum vu_outcome set_features(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	s->features = u64(m);
	return VU_DONE_OK;
}

static enum vu_outcome get_protocol_features(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	return replied(s, m, vu_msg_reply_u64(s->fd, m, VU_PROTOCOL_FEATURES));
}

static enum vu_outcome set_protocol_features(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	s->protocol_features = u64(m) & VU_PROTOCOL_FEATURES;
	return VU_DONE_OK;
}

static enum vu_outcome get_queue_num(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	return replied(s, m, vu_msg_reply_u64(s->fd, m, VU_MAX_QUEUES));
}

static enum vu_outcome nothing(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	/* SET_OWNER, RESET_OWNER (deprecated: ignoring it is what the spec
	 * recommends), logging and memory: the device touches no guest
	 * memory, so region fds are closed unmapped by the caller. */
	return VU_DONE_OK;
}

static enum vu_outcome reset_device(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	/* Only sent when offered (not offered): taken as power-on state. */
	struct vu_device_opts o = s->dev->o;
	vu_device_init(s->dev, &o, now);
	memset(s->vring, 0, sizeof s->vring);
	s->started = 0;
	return VU_DONE_OK;
}

static enum vu_outcome set_mem_table(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	uint32_t n = vu_le32(m->payload);
	return n == m->nfds ? VU_DONE_OK : VU_DONE_FAIL;
}

static enum vu_outcome get_max_mem_slots(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	return replied(s, m, vu_msg_reply_u64(s->fd, m, MAX_MEM_SLOTS));
}

/* ---- vrings: kept only to answer GET_VRING_BASE ---- */

static enum vu_outcome set_vring_state(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	struct vu_vring *v = vring(s, vu_le32(m->payload), m);
	uint32_t num = vu_le32(m->payload + 4);
	if (!v)
		return VU_DONE_FAIL;
	if (m->request == VU_SET_VRING_NUM)
		v->num = num;
	else if (m->request == VU_SET_VRING_BASE)
		v->base = num;
	else /* the front-end enables rings last when it starts, first when it stops */
		v->enabled = s->started = !!num;
	return VU_DONE_OK;
}

static enum vu_outcome set_vring_addr(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	return vring(s, vu_le32(m->payload), m) ? VU_DONE_OK : VU_DONE_FAIL;
}

static enum vu_outcome get_vring_base(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	/* The ring stops here; no descriptor was consumed, so its base is
	 * still the one the front-end set. */
	uint32_t index = vu_le32(m->payload);
	struct vu_vring *v = vring(s, index, m);
	uint8_t p[STATE_SIZE];
	vu_put_le32(p, index);
	vu_put_le32(p + 4, v ? v->base : 0);
	if (v)
		v->enabled = 0;
	s->started = 0; /* the front-end stops a device ring by ring */
	return replied(s, m, vu_msg_reply(s->fd, m, p, sizeof p));
}

static enum vu_outcome set_vring_fd(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	/* kick, call, err: bit 8 says no fd came; the fd is closed unused */
	uint64_t v = u64(m);
	if (!vring(s, (uint32_t)(v & VU_VRING_IDX_MASK), m))
		return VU_DONE_FAIL;
	if (m->request == VU_SET_VRING_KICK)
		s->started = 1; /* only vhost start sends a kick (rings without addresses get none) */
	return (v & VU_VRING_NOFD) || m->nfds ? VU_DONE_OK : VU_DONE_FAIL;
}

/* ---- status, inflight ---- */

static enum vu_outcome set_status(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	s->status = u64(m) & 0xff;
	return VU_DONE_OK;
}

static enum vu_outcome get_status(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	return replied(s, m, vu_msg_reply_u64(s->fd, m, s->status));
}

static enum vu_outcome get_inflight_fd(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	/* Not offered; a zero mmap size tells QEMU there is no area. */
	uint8_t p[VU_MAX_PAYLOAD];
	memcpy(p, m->payload, m->size);
	memset(p, 0, 16);
	return replied(s, m, vu_msg_reply(s->fd, m, p, m->size));
}

/* ---- the backend channel ---- */

static enum vu_outcome set_backend_req_fd(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	int fd = vu_msg_take_fd(m, 0);
	if (fd < 0)
		return VU_DONE_FAIL;
	/* replies come whole; a stalled one must not hold the loop */
	struct timeval tv = { .tv_sec = 1 };
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	int ack = !!(s->protocol_features & 1ull << VU_PF_REPLY_ACK);
	vu_backend_channel_set(&s->bc, fd, ack);
	return VU_DONE_OK;
}

/* ---- config ---- */

static enum vu_outcome get_config(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	uint32_t off = vu_le32(m->payload), len = vu_le32(m->payload + 4);
	uint8_t p[VU_CONFIG_HDR + VU_CONFIG_MAX];
	if (len > VU_CONFIG_MAX || vu_device_get_config(s->dev, off, len, p + VU_CONFIG_HDR, now) < 0) {
		if (!s->said_window++)
			vu_log("GET_CONFIG of %u bytes at %u leaves the %u-byte window: answered empty",
			       len, off, s->dev->o.config_size);
		/* an empty payload is the protocol's error answer */
		return replied(s, m, vu_msg_reply(s->fd, m, NULL, 0));
	}
	memcpy(p, m->payload, VU_CONFIG_HDR);
	return replied(s, m, vu_msg_reply(s->fd, m, p, VU_CONFIG_HDR + len));
}

static enum vu_outcome set_config(struct vu_session *s, struct vu_msg *m, uint64_t now)
{
	uint32_t off = vu_le32(m->payload), len = vu_le32(m->payload + 4);
	uint32_t flags = vu_le32(m->payload + 8);
	if (len > m->size - VU_CONFIG_HDR)
		return closing(s, "config bytes missing", m);
	if (flags != VU_CONFIG_FRONTEND) {
		/* migration restores need the live-migration rules; not served */
		if (!s->said_migration++)
			vu_log("SET_CONFIG with flags 0x%x refused", flags);
		return VU_DONE_FAIL;
	}
	if (vu_device_set_config(s->dev, off, len, m->payload + VU_CONFIG_HDR, now) < 0) {
		if (!s->said_window++)
			vu_log("SET_CONFIG of %u bytes at %u leaves the %u-byte window: refused",
			       len, off, s->dev->o.config_size);
		return VU_DONE_FAIL;
	}
	return VU_DONE_OK;
}

/* ---- dispatch ---- */

struct handler {
	uint32_t request, min_size;
	enum vu_outcome (*fn)(struct vu_session *, struct vu_msg *, uint64_t);
};

static const struct handler handlers[] = {
	{ VU_GET_FEATURES, 0, get_features },
	{ VU_SET_FEATURES, 8, set_features },
	{ VU_SET_OWNER, 0, nothing },
	{ VU_RESET_OWNER, 0, nothing },
	{ VU_SET_MEM_TABLE, MEM_TABLE_HDR, set_mem_table },
	{ VU_SET_LOG_BASE, 0, nothing },
	{ VU_SET_LOG_FD, 0, nothing },
	{ VU_SET_VRING_NUM, STATE_SIZE, set_vring_state },
	{ VU_SET_VRING_ADDR, ADDR_SIZE, set_vring_addr },
	{ VU_SET_VRING_BASE, STATE_SIZE, set_vring_state },
	{ VU_GET_VRING_BASE, STATE_SIZE, get_vring_base },
	{ VU_SET_VRING_KICK, 8, set_vring_fd },
	{ VU_SET_VRING_CALL, 8, set_vring_fd },
	{ VU_SET_VRING_ERR, 8, set_vring_fd },
	{ VU_GET_PROTOCOL_FEATURES, 0, get_protocol_features },
	{ VU_SET_PROTOCOL_FEATURES, 8, set_protocol_features },
	{ VU_GET_QUEUE_NUM, 0, get_queue_num },
	{ VU_SET_VRING_ENABLE, STATE_SIZE, set_vring_state },
	{ VU_SET_BACKEND_REQ_FD, 0, set_backend_req_fd },
	{ VU_GET_CONFIG, VU_CONFIG_HDR, get_config },
	{ VU_SET_CONFIG, VU_CONFIG_HDR, set_config },
	{ VU_GET_INFLIGHT_FD, 16, get_inflight_fd },
	{ VU_SET_INFLIGHT_FD, 0, nothing },
	{ VU_RESET_DEVICE, 0, reset_device },
	{ VU_GET_MAX_MEM_SLOTS, 0, get_max_mem_slots },
	{ VU_ADD_MEM_REG, 0, nothing },
	{ VU_REM_MEM_REG, 0, nothing },
	{ VU_SET_STATUS, 8, set_status },
	{ VU_GET_STATUS, 0, get_status },
};

static enum vu_outcome unknown(struct vu_session *s, const struct vu_msg *m)
{
	if (s->unknown_logged++ < 5)
		vu_log("request %u not handled%s", m->request,
		       vu_msg_needs_reply(m) ? ": answered failure" : "");
	return VU_DONE_FAIL;
}

enum vu_outcome vu_request_dispatch(struct vu_session *s, struct vu_msg *m, uint64_t now_ms)
{
	for (size_t i = 0; i < sizeof handlers / sizeof handlers[0]; i++) {
		const struct handler *h = &handlers[i];
		if (h->request != m->request)
			continue;
		if (m->size < h->min_size)
			return closing(s, "payload too short", m);
		return h->fn(s, m, now_ms);
	}
	return unknown(s, m);
}
