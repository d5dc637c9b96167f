/* Turns a cell's console stream into observations (struct vc_cell). */
#ifndef VC_COLLECT_H
#define VC_COLLECT_H
#include <stddef.h>
#include "harness/model/model.h"
#include "harness/collect/record_parse.h"

struct vc_collector {
	struct vc_cell *cell;
	struct vc_line_splitter split;
	struct vc_rec rec;
	/* Called with each "ask" and "query" record once it is applied; the runner answers
	 * it (host_events.h). NULL: asks go unanswered. */
	void (*on_ask)(void *ctx, const struct vc_rec *r);
	void *ask_ctx;
};

void vc_collect_init(struct vc_collector *k, struct vc_cell *cell);
void vc_collect_feed(struct vc_collector *k, const char *data, size_t n);
/* End of stream: flushes a partial line and judges what is missing. */
void vc_collect_finish(struct vc_collector *k);
/* Applies one parsed record (exposed for unit tests). */
void vc_collect_record(struct vc_cell *c, const struct vc_rec *r);

#endif
