#include "log.h"

#include <stdarg.h>
#include <stdio.h>

static int quiet;
static unsigned actions;
static unsigned per_key[VU_LOG_KEYS];

static void line(const char *fmt, va_list ap, const char *suffix)
{
	if (quiet)
		return;
	/* One fprintf per line: stderr is unbuffered, and a line written in
	 * pieces could interleave with QEMU's output in a shared log. */
	char buf[1024];
	vsnprintf(buf, sizeof buf, fmt, ap);
	fprintf(stderr, "vcheck-vu-ref: %s%s\n", buf, suffix);
}

void vu_log(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	line(fmt, ap, "");
	va_end(ap);
}

void vu_log_action(unsigned key, const char *fmt, ...)
{
	key %= VU_LOG_KEYS;
	if (actions > VU_LOG_ACTIONS_MAX || per_key[key] >= VU_LOG_PER_KEY)
		return;
	per_key[key]++;
	if (++actions > VU_LOG_ACTIONS_MAX) {
		vu_log("further actions not logged");
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	line(fmt, ap, per_key[key] == VU_LOG_PER_KEY ? " (further ones like it not logged)" : "");
	va_end(ap);
}

void vu_log_set_quiet(int q) { quiet = q; }

void vu_log_reset(void)
{
	actions = 0;
	for (unsigned i = 0; i < VU_LOG_KEYS; i++)
		per_key[i] = 0;
}
