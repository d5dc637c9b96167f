/* See vhost_user.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "harness/collect/vhost_user.h"

static const char *const names[] = {
	[1] = "GET_FEATURES", [2] = "SET_FEATURES", [3] = "SET_OWNER", [4] = "RESET_OWNER",
	[5] = "SET_MEM_TABLE", [6] = "SET_LOG_BASE", [7] = "SET_LOG_FD", [8] = "SET_VRING_NUM",
	[9] = "SET_VRING_ADDR", [10] = "SET_VRING_BASE", [11] = "GET_VRING_BASE", [12] = "SET_VRING_KICK",
	[13] = "SET_VRING_CALL", [14] = "SET_VRING_ERR", [15] = "GET_PROTOCOL_FEATURES",
	[16] = "SET_PROTOCOL_FEATURES", [17] = "GET_QUEUE_NUM", [18] = "SET_VRING_ENABLE", [19] = "SEND_RARP",
	[20] = "NET_SET_MTU", [21] = "SET_BACKEND_REQ_FD", [22] = "IOTLB_MSG", [23] = "SET_VRING_ENDIAN",
	[24] = "GET_CONFIG", [25] = "SET_CONFIG", [26] = "CREATE_CRYPTO_SESSION", [27] = "CLOSE_CRYPTO_SESSION",
	[28] = "POSTCOPY_ADVISE", [29] = "POSTCOPY_LISTEN", [30] = "POSTCOPY_END", [31] = "GET_INFLIGHT_FD",
	[32] = "SET_INFLIGHT_FD", [33] = "GPU_SET_SOCKET", [34] = "RESET_DEVICE", [35] = "VRING_KICK",
	[36] = "GET_MAX_MEM_SLOTS", [37] = "ADD_MEM_REG", [38] = "REM_MEM_REG", [39] = "SET_STATUS",
	[40] = "GET_STATUS",
};

const char *vc_vu_request_name(unsigned req)
{
	return req < sizeof(names) / sizeof(names[0]) ? names[req] : NULL;
}

/* "req:<decimal> flags:0x<hex>" and nothing after. */
static int parse_args(const char *s, struct vc_vu_msg *m)
{
	char *end;
	if (strncmp(s, "req:", 4) || s[4] < '0' || s[4] > '9')
		return -1;
	unsigned long req = strtoul(s + 4, &end, 10);
	if (strncmp(end, " flags:0x", 9) || !strchr("0123456789abcdefABCDEF", end[9]) || !end[9])
		return -1;
	unsigned long flags = strtoul(end + 9, &end, 16);
	if (*end || req > 0xffffffffu || flags > 0xffffffffu)
		return -1;
	m->req = (unsigned)req, m->flags = (unsigned)flags;
	return 0;
}

int vc_vu_parse(const char *ev, struct vc_vu_msg *m)
{
	static const char wr[] = "vhost_user_write ", rd[] = "vhost_user_read ";
	if (!strncmp(ev, wr, sizeof(wr) - 1)) {
		m->to_backend = 1;
		return parse_args(ev + sizeof(wr) - 1, m);
	}
	if (!strncmp(ev, rd, sizeof(rd) - 1)) {
		m->to_backend = 0;
		return parse_args(ev + sizeof(rd) - 1, m);
	}
	return -1;
}

static void append(char *buf, size_t len, const char *verb_before, unsigned req, const char *verb_after)
{
	size_t at = strlen(buf);
	const char *name = vc_vu_request_name(req);
	if (at + 1 < len)
		snprintf(buf + at, len - at, "%s%s%s (%u)%s", at ? ", " : "", verb_before, name ? name : "request",
			 req, verb_after);
}

unsigned vc_vu_describe(char *const *events, size_t n, char *buf, size_t len)
{
	unsigned seen = 0;
	buf[0] = 0;
	for (size_t i = 0; i < n; i++) {
		struct vc_vu_msg m, next;
		if (vc_vu_parse(events[i], &m))
			continue;
		seen++;
		if (!m.to_backend) {
			append(buf, len, "reply to ", m.req, "");
			continue;
		}
		/* its reply, when the next vhost-user event is one */
		size_t k = i + 1;
		while (k < n && vc_vu_parse(events[k], &next))
			k++;
		if (k < n && !next.to_backend && next.req == m.req) {
			append(buf, len, "", m.req, " answered");
			seen++;
			i = k;
		} else {
			append(buf, len, "", m.req, " sent");
		}
	}
	return seen;
}
