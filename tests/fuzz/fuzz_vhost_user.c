/* vhost-user messages in QEMU's device trace (harness/collect/vhost_user.h)
 * and the device-event filter beside it (harness/collect/device_events.h):
 * each input line is one traced event, as a step's dev_events hold them
 * (harness/collect/trace_join.c keeps at most 32 per step, 160 bytes each;
 * here any number and length). Every line is parsed on its own, and the
 * lines as one step are described into buffers from 1 byte up. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "harness/collect/device_events.h"
#include "harness/collect/vhost_user.h"
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	char *text = fz_strndup(d, n);
	size_t count = 0, cap = 16;
	char **ev = malloc(cap * sizeof(*ev));
	if (!ev)
		abort();
	for (char *line = text, *next; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = 0;
		struct vc_vu_msg m;
		if (vc_vu_parse(line, &m) == 0) {
			const char *name = vc_vu_request_name(m.req);
			fz_require(!name || *name, "empty request name");
			fz_require(m.to_backend == 0 || m.to_backend == 1, "direction %d", m.to_backend);
		}
		(void)vc_sfx_event_is_action(line);
		if (count == cap && !(ev = realloc(ev, (cap *= 2) * sizeof(*ev))))
			abort();
		ev[count++] = line;
	}
	static const size_t lens[] = { 1, 2, 16, 80, 512, 4096 };
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		char *buf = malloc(lens[i]);
		if (!buf)
			abort();
		unsigned seen = vc_vu_describe(ev, count, buf, lens[i]);
		fz_require(seen <= count, "%u messages in %zu events", seen, count);
		fz_require(memchr(buf, 0, lens[i]) != NULL, "description not terminated");
		free(buf);
	}
	free(ev);
	free(text);
	return 0;
}
