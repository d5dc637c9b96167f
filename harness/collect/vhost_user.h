/* vhost-user messages as QEMU's front-end traces them: the events
 * "vhost_user_write req:25 flags:0x9" (a message sent to the backend) and
 * "vhost_user_read req:25 flags:0x5" (the backend's reply read back). The
 * request numbers are the vhost-user protocol's (docs/interop/vhost-user.rst
 * in QEMU); flags bit 2 marks a reply, bit 3 asks for one (REPLY_ACK). */
#ifndef VC_VHOST_USER_H
#define VC_VHOST_USER_H
#include <stddef.h>

#define VC_VU_GET_FEATURES 1
#define VC_VU_SET_FEATURES 2
#define VC_VU_GET_CONFIG 24
#define VC_VU_SET_CONFIG 25
#define VC_VU_FLAG_REPLY 0x4u
#define VC_VU_FLAG_NEED_REPLY 0x8u

struct vc_vu_msg {
	int to_backend;    /* 1: vhost_user_write, 0: vhost_user_read */
	unsigned req, flags;
};

/* 0 and *m filled when ev is one of the two events, well formed; -1
 * otherwise (any other event, or one whose numbers do not parse). */
int vc_vu_parse(const char *ev, struct vc_vu_msg *m);
/* "SET_CONFIG" for 25; NULL for a number the protocol does not define. */
const char *vc_vu_request_name(unsigned req);
/* One phrase for a step's messages in order, e.g. "SET_CONFIG (25)
 * answered" (a message and its reply), "SET_FEATURES (2) sent" (no reply
 * traced), "reply to GET_CONFIG (24)" (a reply without its request in the
 * step); "" when events holds none. Returns how many messages it saw. */
unsigned vc_vu_describe(char *const *events, size_t n, char *buf, size_t len);
#endif
