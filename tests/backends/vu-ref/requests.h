/* What each front-end request does, and the answer it gets. */
#ifndef VU_REQUESTS_H
#define VU_REQUESTS_H
#include "session.h"

enum vu_outcome {
	VU_DONE_OK,   /* no reply of its own: acknowledged 0 if need_reply */
	VU_DONE_FAIL, /* no reply of its own: acknowledged 1 if need_reply */
	VU_REPLIED,   /* the handler sent the request's own reply */
	VU_CLOSE      /* bad input or a broken socket: why in s->why_closed */
};

/* Handles m; fds left in m are closed by the caller afterwards. */
enum vu_outcome vu_request_dispatch(struct vu_session *s, struct vu_msg *m, uint64_t now_ms);
#endif
