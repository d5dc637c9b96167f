/* The backend-initiated channel: the socket the front-end hands over with
 * SET_BACKEND_REQ_FD, on which the backend sends CONFIG_CHANGE_MSG.
 *
 * Replies are read as they arrive, from the serving loop, never waited
 * for: QEMU answers this channel from its main loop, which needs the lock
 * a vCPU holds while it waits for our reply to a config access on the
 * main channel. Waiting here could stall both sides until a timeout. */
#ifndef VU_BACKEND_CHANNEL_H
#define VU_BACKEND_CHANNEL_H
#include <stdint.h>

/* How long an unanswered CONFIG_CHANGE_MSG is waited for before the
 * front-end is taken not to answer (logged once). */
#define VU_BACKEND_REPLY_TIMEOUT_MS 1000

struct vu_backend_channel {
	int fd;           /* -1: none was handed over */
	int reply_ack;    /* REPLY_ACK negotiated: ask for a reply to each */
	unsigned pending; /* replies still expected */
	uint64_t pending_since_ms;
	uint64_t sent, acked, refused;
	int said_absent, said_refused, said_silent;
};

void vu_backend_channel_init(struct vu_backend_channel *bc);
/* Takes ownership of fd, closing a previous channel. */
void vu_backend_channel_set(struct vu_backend_channel *bc, int fd, int reply_ack);
void vu_backend_channel_close(struct vu_backend_channel *bc);

/* Sends CONFIG_CHANGE_MSG: 0 sent, -1 not (no channel, or it broke). */
int vu_backend_channel_config_change(struct vu_backend_channel *bc, uint64_t now_ms);

/* The fd to poll for replies and hang-up, or -1. */
int vu_backend_channel_poll_fd(const struct vu_backend_channel *bc);
/* Reads what arrived (after poll said so). */
void vu_backend_channel_read(struct vu_backend_channel *bc, uint64_t now_ms);
/* Milliseconds until an expected reply is given up, -1 when none is. */
int vu_backend_channel_timeout_ms(const struct vu_backend_channel *bc, uint64_t now_ms);
void vu_backend_channel_check_timeout(struct vu_backend_channel *bc, uint64_t now_ms);
#endif
