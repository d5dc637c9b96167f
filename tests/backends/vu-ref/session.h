/* One front-end connection: the requests QEMU may send a vhost-user-device
 * and their answers, and the loop that serves them alongside the device's
 * own timers and the backend channel. One connection at a time, one
 * thread: a request is answered before the next is read. */
#ifndef VU_SESSION_H
#define VU_SESSION_H
#include <signal.h>
#include <stdint.h>

#include "backend_channel.h"
#include "device.h"
#include "protocol.h"

/* Queues the backend admits (GET_QUEUE_NUM); a vhost-user-device takes
 * num_vqs of them. */
#define VU_MAX_QUEUES 16

struct vu_vring {
	uint32_t num, base;
	int enabled;
};

struct vu_session {
	int fd;
	struct vu_device *dev;
	struct vu_backend_channel bc;
	uint64_t features, protocol_features, status;
	/* Between the front-end starting the vrings (vhost start, after the
	 * guest's DRIVER_OK: a kick or a ring enabled) and stopping them (a
	 * ring disabled, GET_VRING_BASE). QEMU 10's vhost-user-base
	 * handles CONFIG_CHANGE_MSG with the vhost device's VirtIODevice,
	 * which is NULL outside that span: a change announced then crashes
	 * it (vub_config_notifier -> virtio_notify_config(NULL)). */
	int started;
	int said_unstarted;
	struct vu_vring vring[VU_MAX_QUEUES];
	uint64_t messages;
	uint64_t count[VU_REQUEST_MAX]; /* by request; [0]: unknown ones */
	unsigned unknown_logged;
	int said_window, said_migration;
	char why_closed[96];
};

/* The features the backend offers: a modern device, and the protocol
 * features QEMU needs to forward config (CONFIG, required once the device
 * has a config_size), to acknowledge requests and to take the channel that
 * config changes are announced on. */
#define VU_FEATURES (1ull << VU_F_VERSION_1 | 1ull << VU_F_PROTOCOL_FEATURES)
#define VU_PROTOCOL_FEATURES \
	(1ull << VU_PF_MQ | 1ull << VU_PF_REPLY_ACK | 1ull << VU_PF_BACKEND_REQ | 1ull << VU_PF_CONFIG)

void vu_session_init(struct vu_session *s, int fd, struct vu_device *dev);

/* Reads and answers one request: 0 to go on, -1 when the connection is
 * to close (why_closed says why). */
int vu_session_handle(struct vu_session *s);

/* Sends the config changes the device has due. */
void vu_session_send_notices(struct vu_session *s, uint64_t now_ms);

/* Serves until the front-end leaves, sends bad input, or *stop is set.
 * wait_mask: the signal mask while waiting (the stop signals unblocked);
 * NULL keeps the current one. */
void vu_session_serve(struct vu_session *s, volatile sig_atomic_t *stop, const sigset_t *wait_mask);

/* Logs the connection's summary line and closes the backend channel; the
 * caller closes s->fd. */
void vu_session_end(struct vu_session *s);

uint64_t vu_now_ms(void);
#endif
