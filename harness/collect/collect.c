#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "suites/check.h"
#include "vcheck/ranks.h"
#include "harness/collect/collect.h"
#include "harness/collect/sfx_collect.h"
#include "harness/util/vec.h"

static struct vc_device *device_of(struct vc_cell *c, const struct vc_rec *r)
{
	unsigned long long d;
	if (vc_rec_get_u64(r, "d", &d) == 0)
		for (size_t i = 0; i < c->ndevices; i++)
			if (c->devices[i].guest_index == d)
				return &c->devices[i];
	vc_cell_problem(c, "%s record for a device never announced (seq %lu)", vc_rec_kind_name(r->kind), r->seq);
	return NULL;
}

static int announced(const struct vc_cell *c, const struct vc_rec *r)
{
	unsigned long long d;
	if (vc_rec_get_u64(r, "d", &d))
		return 0;
	for (size_t i = 0; i < c->ndevices; i++)
		if (c->devices[i].guest_index == d)
			return 1;
	return 0;
}

static int get_u32(struct vc_cell *c, const struct vc_rec *r, const char *key, uint32_t *out)
{
	unsigned long long v;
	if (vc_rec_get_u64(r, key, &v) || v > 0xffffffffull) {
		vc_cell_problem(c, "bad numeric field '%s' (seq %lu)", key, r->seq);
		return -1;
	}
	*out = (uint32_t)v;
	return 0;
}

static void match_model(struct vc_cell *c, struct vc_device *d)
{
	for (size_t i = 0; i < c->nexpected; i++)
		if (strcmp(c->expected[i].location, d->location) == 0) {
			d->model = vc_xstrdup(c->expected[i].model);
			if (c->expected[i].device_id != d->device_id)
				vc_cell_mismatch(c, "device at %s has type %u, not the attached model's type %u",
					d->location, d->device_id, c->expected[i].device_id);
			return;
		}
}

static void on_dev(struct vc_cell *c, const struct vc_rec *r)
{
	struct vc_device *d = VEC_PUSH(c->devices, c->ndevices, c->capdevices);
	uint32_t idx = 0;
	get_u32(c, r, "d", &idx);
	d->guest_index = idx;
	d->location = vc_xstrdup(vc_rec_get(r, "loc"));
	d->interface = vc_xstrdup(vc_rec_get(r, "transport"));
	get_u32(c, r, "id", &d->device_id);
	get_u32(c, r, "vendor", &d->vendor_id);
	if (vc_rec_get(r, "ver"))
		get_u32(c, r, "ver", &d->version);
	if (vc_rec_get(r, "pcidev")) {
		d->is_pci = 1;
		get_u32(c, r, "pcidev", &d->pci_device);
		get_u32(c, r, "rev", &d->pci_revision);
		get_u32(c, r, "subsys", &d->pci_subsys);
	}
	match_model(c, d);
}

static void on_feat(struct vc_cell *c, struct vc_device *d, const struct vc_rec *r)
{
	uint32_t sel, val;
	if (get_u32(c, r, "sel", &sel) || get_u32(c, r, "val", &val))
		return;
	if (sel != d->nfeature_words || sel >= 8) {
		vc_cell_problem(c, "feature word %s out of order (seq %lu)", vc_rec_get(r, "sel"), r->seq);
		return;
	}
	d->feature_words[d->nfeature_words++] = val;
}

/* "queues d=N q=FIRST max=A,B,...": sizes of queues FIRST, FIRST+1, ... */
static void on_queue(struct vc_cell *c, struct vc_device *d, const struct vc_rec *r)
{
	uint32_t q;
	if (get_u32(c, r, "q", &q))
		return;
	const char *p = vc_rec_get(r, "max");
	while (p && *p) {
		char *end;
		unsigned long max = strtoul(p, &end, 10);
		if (end == p || (*end && *end != ',') || max > 0xffffffffu) {
			vc_cell_problem(c, "bad queue size list '%s' (seq %lu)", vc_rec_get(r, "max"), r->seq);
			return;
		}
		d->queues = vc_vec_grow(d->queues, sizeof(*d->queues), d->nqueues, &d->capqueues);
		d->queues[d->nqueues].index = q++;
		d->queues[d->nqueues].num_max = (uint32_t)max;
		d->nqueues++;
		p = *end ? end + 1 : end;
	}
}

static int decode_hex(const char *hex, uint8_t *out, size_t cap, size_t *n)
{
	size_t len = strlen(hex);
	if (strcmp(hex, "-") == 0) {
		*n = 0;
		return 0;
	}
	if (len % 2 || len / 2 > cap)
		return -1;
	for (size_t i = 0; i < len / 2; i++) {
		int hi = vc_hex_digit(hex[2 * i]), lo = vc_hex_digit(hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	*n = len / 2;
	return 0;
}

static void on_cfg(struct vc_cell *c, struct vc_device *d, const struct vc_rec *r)
{
	uint32_t off;
	uint8_t bytes[VC_RECORD_MAX_LINE / 2];
	size_t n;
	if (get_u32(c, r, "off", &off))
		return;
	if (decode_hex(vc_rec_get(r, "hex"), bytes, sizeof(bytes), &n)) {
		vc_cell_problem(c, "config bytes are not hex (seq %lu)", r->seq);
		return;
	}
	if (off != d->config_len) {
		vc_cell_problem(c, "config chunk at a gap or overlap (seq %lu)", r->seq);
		return;
	}
	if (vc_rec_get(r, "past")) {
		d->past_end_len = n > sizeof(d->past_end) ? sizeof(d->past_end) : (unsigned)n;
		memcpy(d->past_end, bytes, d->past_end_len);
		return;
	}
	if (!n)
		return; /* memcpy of nothing into a config not yet allocated is undefined */
	while (d->config_len + n > d->config_cap)
		d->config = vc_vec_grow(d->config, 1, d->config_cap, &d->config_cap);
	memcpy(d->config + d->config_len, bytes, n);
	d->config_len += n;
}

static void add_check(struct vc_device *d, const char *id, enum vc_verdict v, const char *detail)
{
	struct vc_check_result *k = VEC_PUSH(d->checks, d->nchecks, d->capchecks);
	k->id = vc_xstrdup(id);
	k->verdict = v;
	k->detail = detail ? vc_xstrdup(detail) : NULL;
}

/* The times the guest measured (--profile): both or neither; a malformed
 * one is a problem, not a zero. */
static int rec_time(struct vc_cell *c, const struct vc_rec *r, const char *key, unsigned long long *out)
{
	const char *v = vc_rec_get(r, key);
	char *end;
	if (!v)
		return vc_cell_problem(c, "check without %s beside its other time (seq %lu)", key, r->seq), 0;
	*out = strtoull(v, &end, 10);
	if (!*v || *end || *out > (1ull << 40))
		return vc_cell_problem(c, "bad %s '%s' (seq %lu)", key, v, r->seq), 0;
	return 1;
}

static void check_times(struct vc_cell *c, const struct vc_rec *r, struct vc_check_result *k)
{
	if (!vc_rec_get(r, "us") && !vc_rec_get(r, "reset_us"))
		return;
	k->timed = rec_time(c, r, "us", &k->us) && rec_time(c, r, "reset_us", &k->reset_us);
}

static void on_check(struct vc_cell *c, struct vc_device *d, const struct vc_rec *r)
{
	enum vc_verdict v;
	if (vc_verdict_from_name(vc_rec_get(r, "v"), &v)) {
		vc_cell_problem(c, "unknown verdict '%s' (seq %lu)", vc_rec_get(r, "v"), r->seq);
		return;
	}
	add_check(d, vc_rec_get(r, "id"), v, vc_rec_get(r, "detail"));
	if (!strcmp(c->begun, vc_rec_get(r, "id")))
		c->begun[0] = 0; /* the check that began has its verdict */
	const char *rules = vc_rec_get(r, "rules");
	struct vc_check_result *k = &d->checks[d->nchecks - 1];
	if (rules && rules[0])
		k->rules = vc_xstrdup(rules);
	check_times(c, r, k);
}

/* The image names batched checks by rank, which means the same checks
 * only when its catalogue is this vcheck's (records.h). Another build's
 * image is a problem once it sends a ranked set; records that name no
 * check (a side-effect run, a recorded fixture) mean the same to both. */
static void on_catalogue(struct vc_cell *c, const struct vc_rec *r)
{
	unsigned long long cat;
	const char *v = vc_rec_get(r, "cat");
	if (!v)
		return; /* an image that sends IDs only */
	char *end;
	cat = strtoull(v, &end, 16);
	c->same_catalogue = *end == 0 && end != v && cat == vc_catalogue_fingerprint();
	snprintf(c->image_catalogue, sizeof(c->image_catalogue), "%s", v);
}

/* set=HEX: a bitmap of check ranks (records.h). Checked whole before any
 * check is added, so a bad set adds none. */
static void add_ranked(struct vc_cell *c, struct vc_device *d, const struct vc_rec *r, const char *hex,
		       enum vc_verdict v, const char *detail)
{
	if (!c->same_catalogue) {
		if (c->image_catalogue[0])
			vc_cell_problem(c, "check set from the image's catalogue (fingerprint %s), which is not this "
					"vcheck's (0x%x): image and vcheck come from different builds (seq %lu)",
					c->image_catalogue, (unsigned)vc_catalogue_fingerprint(), r->seq);
		else
			vc_cell_problem(c, "check set without a matching catalogue (seq %lu)", r->seq);
		return;
	}
	uint8_t set[VC_RANKS_BYTES];
	unsigned top;
	if (vc_ranks_parse(hex, strlen(hex), set, vc_check_count(), &top)) {
		vc_cell_problem(c, "bad check set '%s', or a rank past the catalogue's %u checks (seq %lu)", hex,
				vc_check_count(), r->seq);
		return;
	}
	for (unsigned rank = 0; rank < top; rank++)
		if (vc_ranks_has(set, rank))
			add_check(d, vc_check_by_rank(rank)->id, v, detail);
}

/* "pass" and "skip" records: a batch of checks with one verdict (records.h). */
static void on_batch(struct vc_cell *c, struct vc_device *d, const struct vc_rec *r, enum vc_verdict v,
		     const char *detail)
{
	const char *set = vc_rec_get(r, "set"), *list = vc_rec_get(r, "ids");
	if (set) {
		add_ranked(c, d, r, set, v, detail);
		return;
	}
	if (!list) {
		vc_cell_problem(c, "%s record without set or ids (seq %lu)", v == VC_PASS ? "pass" : "skip", r->seq);
		return;
	}
	char *ids = vc_xstrdup(list), *save;
	for (char *id = strtok_r(ids, ",", &save); id; id = strtok_r(NULL, ",", &save))
		add_check(d, id, v, detail);
	free(ids);
}

static void on_exc(struct vc_cell *c, const struct vc_rec *r)
{
	char buf[256];
	snprintf(buf, sizeof(buf), "guest exception: vector %s esr %s at image offset %s far %s",
		 vc_rec_get(r, "type"), vc_rec_get(r, "esr"), vc_rec_get(r, "elr"), vc_rec_get(r, "far"));
	free(c->outcome_detail);
	c->outcome_detail = vc_xstrdup(buf);
}

static void on_device_record(struct vc_cell *c, const struct vc_rec *r)
{
	/* Discovery probes windows before it announces what it found there. */
	if (r->kind == VC_REC_ACC && !announced(c, r)) {
		c->discovery_accesses++;
		return;
	}
	struct vc_device *d = device_of(c, r);
	if (!d)
		return;
	c->last_dev = (long)d->guest_index;
	switch (r->kind) {
	case VC_REC_BEGIN:
		snprintf(c->begun, sizeof(c->begun), "%s", vc_rec_get(r, "id"));
		c->begun_dev = (long)d->guest_index;
		break;
	case VC_REC_FEAT: on_feat(c, d, r); break;
	case VC_REC_QUEUE: on_queue(c, d, r); break;
	case VC_REC_CFG: on_cfg(c, d, r); break;
	case VC_REC_CHECK: on_check(c, d, r); break;
	case VC_REC_PASS: on_batch(c, d, r, VC_PASS, NULL); break;
	case VC_REC_SKIP: {
		const char *detail = vc_rec_get(r, "detail");
		on_batch(c, d, r, VC_SKIP, detail ? detail : VC_SKIP_UNOFFERED);
		break;
	}
	case VC_REC_SFX: vc_sfx_on_record(c, d, r); break;
	case VC_REC_ACC:
		/* A personality's backend reaching the real device is not the
		 * driver: its aborts are counted apart (records.h, by=). */
		if (strcmp(vc_rec_get(r, "st"), "fault") == 0) {
			if (vc_rec_get(r, "by"))
				d->backend_faults++;
			else
				d->faults++;
		}
		break;
	default: break;
	}
}

void vc_collect_record(struct vc_cell *c, const struct vc_rec *r)
{
	if (r->seq != c->next_seq)
		vc_cell_problem(c, "records lost or repeated: expected seq %lu, got %lu", c->next_seq, r->seq);
	c->next_seq = r->seq + 1;
	c->records++;
	if (c->ended) {
		vc_cell_problem(c, "record after the end record (seq %lu)", r->seq);
		return;
	}
	if (!c->started && r->kind != VC_REC_START) {
		vc_cell_problem(c, "record before the start record (seq %lu)", r->seq);
		return;
	}
	switch (r->kind) {
	case VC_REC_START: {
		unsigned long long proto;
		if (c->started)
			vc_cell_problem(c, "second start record (seq %lu)", r->seq);
		if (vc_rec_get_u64(r, "proto", &proto) || proto != VC_PROTO_VERSION)
			vc_cell_problem(c, "unsupported protocol version '%s'", vc_rec_get(r, "proto"));
		on_catalogue(c, r);
		const char *console = vc_rec_get(r, "console");
		snprintf(c->console, sizeof(c->console), "%s", console ? console : "");
		c->started = 1;
		break;
	}
	case VC_REC_DEV: on_dev(c, r); break;
	case VC_REC_EXC: on_exc(c, r); break;
	case VC_REC_LOG:
		if (!strncmp(vc_rec_get(r, "msg"), "panic: ", 7)) {
			free(c->outcome_detail);
			c->outcome_detail = vc_xstrdup(vc_rec_get(r, "msg"));
		}
		break;
	case VC_REC_END: c->ended = 1; break;
	default: on_device_record(c, r); break;
	}
}

static void on_line(void *ctx, const char *line, size_t n, int overlong)
{
	struct vc_collector *k = ctx;
	char err[128];
	if (overlong) {
		if (n >= sizeof(VC_RECORD_PREFIX) - 1 &&
		    memcmp(line, VC_RECORD_PREFIX, sizeof(VC_RECORD_PREFIX) - 1) == 0)
			vc_cell_problem(k->cell, "malformed record: over-long line (after seq %lu)", k->cell->next_seq);
		k->cell->noise_lines++;
		return;
	}
	switch (vc_rec_parse_line(line, n, &k->rec, err, sizeof(err))) {
	case VC_LINE_RECORD:
		vc_collect_record(k->cell, &k->rec);
		if ((k->rec.kind == VC_REC_ASK || k->rec.kind == VC_REC_QUERY) && k->on_ask)
			k->on_ask(k->ask_ctx, &k->rec);
		break;
	case VC_LINE_NOISE: k->cell->noise_lines++; break;
	case VC_LINE_MALFORMED:
		vc_cell_problem(k->cell, "malformed record: %s (after seq %lu)", err, k->cell->next_seq);
		break;
	}
}

void vc_collect_init(struct vc_collector *k, struct vc_cell *cell)
{
	memset(k, 0, sizeof(*k));
	k->cell = cell;
	cell->last_dev = cell->begun_dev = -1;
	cell->boots = 1;
	k->split.on_line = on_line;
	k->split.ctx = k;
}

void vc_collect_feed(struct vc_collector *k, const char *data, size_t n)
{
	vc_splitter_feed(&k->split, data, n);
}

void vc_collect_finish(struct vc_collector *k)
{
	vc_splitter_flush(&k->split);
}
