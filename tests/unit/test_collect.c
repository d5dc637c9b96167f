/* Unit tests for the collector (harness/collect/collect.c) and the verdict roll-up
 * (harness/model/model.c). Streams are built record by record with the wire
 * format of include/vcheck/records.h and fed through the public API. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vcheck/records.h"
#include "vcheck/verdict.h"
#include "suites/check.h"
#include "harness/collect/collect.h"
#include "harness/model/model.h"
#include "harness/results/profile.h"
#include "harness/util/vec.h"

/* ---- stream builder ----------------------------------------------------- */

struct stream {
	char *buf;
	size_t len, cap;
	unsigned long seq; /* next sequence number rec() uses */
	unsigned records;
};

static void put(struct stream *s, const char *data, size_t n)
{
	while (s->len + n + 1 > s->cap) {
		s->cap = s->cap ? s->cap * 2 : 4096;
		s->buf = realloc(s->buf, s->cap);
		assert_non_null(s->buf);
	}
	memcpy(s->buf + s->len, data, n);
	s->len += n;
	s->buf[s->len] = 0;
}

/* One sealed record with an explicit sequence number: "kind k=v ..." */
static void rec_seq(struct stream *s, unsigned long seq, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void rec_seq(struct stream *s, unsigned long seq, const char *fmt, ...)
{
	char body[2048], line[2100];
	int n = snprintf(body, sizeof(body), "%s%lu ", VC_RECORD_PREFIX, seq);
	va_list ap;
	va_start(ap, fmt);
	n += vsnprintf(body + n, sizeof(body) - (size_t)n, fmt, ap);
	va_end(ap);
	assert_true((size_t)n < sizeof(body));
	int m = snprintf(line, sizeof(line), "%s #%08x\n", body, (unsigned)vc_record_hash(body, (size_t)n));
	put(s, line, (size_t)m);
	s->records++;
}

/* Next record in sequence. */
#define rec(s, ...) (rec_seq((s), (s)->seq, __VA_ARGS__), (s)->seq++)

static void noise(struct stream *s, const char *line)
{
	put(s, line, strlen(line));
	put(s, "\n", 1);
}

static void stream_free(struct stream *s)
{
	free(s->buf);
	memset(s, 0, sizeof(*s));
}

/* ---- cell helpers ------------------------------------------------------- */

static struct vc_cell *new_cell(struct vc_run *run)
{
	memset(run, 0, sizeof(*run));
	run->cells = calloc(1, sizeof(*run->cells));
	assert_non_null(run->cells);
	run->ncells = run->capcells = 1;
	return &run->cells[0];
}

static void expect_model(struct vc_cell *c, const char *model, const char *loc, uint32_t id)
{
	struct vc_expected *e = VEC_PUSH(c->expected, c->nexpected, c->capexpected);
	e->model = vc_xstrdup(model);
	e->location = vc_xstrdup(loc);
	e->device_id = id;
}

static void collect(struct vc_cell *c, const struct stream *s, size_t chunk)
{
	struct vc_collector k;
	vc_collect_init(&k, c);
	for (size_t i = 0; i < s->len; i += chunk)
		vc_collect_feed(&k, s->buf + i, s->len - i < chunk ? s->len - i : chunk);
	vc_collect_finish(&k);
}

static void print_problems(const struct vc_cell *c)
{
	for (size_t i = 0; i < c->nproblems; i++)
		print_message("problem: %s\n", c->problems[i]);
}

#define LOC0 "mmio@0xa000000"

static void start(struct stream *s)
{
	rec(s, "start proto=1 image=probe arch=aarch64 el=1");
}

static void blk_dev(struct stream *s, unsigned id)
{
	rec(s, "dev d=0 loc=" LOC0 " transport=mmio-v2 id=%u vendor=0x554d4551 ver=2", id);
}

/* The common fixture: one cell that attached blk at LOC0, fed the whole stream. */
static struct vc_cell *collect_blk_cell(struct vc_run *run, const struct stream *s)
{
	struct vc_cell *c = new_cell(run);
	expect_model(c, "blk", LOC0, 2);
	collect(c, s, s->len);
	return c;
}

/* ---- the well-formed stream ------------------------------------------------ */

static const uint32_t feat_words[4] = { 0x31006ed4, 0x00000001, 0x00000000, 0x80000000 };
static const uint8_t cfg_bytes[20] = { 0x00, 0x08, 0, 0, 0, 0, 0, 0, 0xfe, 0xff, 0x0f, 0,
				       0x7e, 0, 0, 0, 0xde, 0xad, 0xbe, 0xef };
static const uint8_t past_bytes[4] = { 0xff, 0xff, 0x00, 0xa5 };

static void hex(char *out, const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", b[i]);
	out[2 * n] = 0;
}

static void good_stream(struct stream *s)
{
	char h[64];
	noise(s, "U-Boot firmware banner");
	start(s);
	blk_dev(s, 2);
	for (unsigned w = 0; w < 4; w++)
		rec(s, "feat d=0 sel=%u val=0x%x", w, feat_words[w]);
	rec(s, "queues d=0 q=0 max=256,128");
	noise(s, "qemu-system-aarch64: warning: something");
	hex(h, cfg_bytes, 16);
	rec(s, "cfg d=0 off=0 hex=%s", h);
	hex(h, cfg_bytes + 16, 4);
	rec(s, "cfg d=0 off=16 hex=%s", h);
	hex(h, past_bytes, 4);
	rec(s, "cfg d=0 off=20 hex=%s past=end", h);
	rec(s, "log msg=hello%%20world");
	rec(s, "check d=0 id=MMIO-ID-001 v=PASS");
	rec(s, "check d=0 id=MMIO-ID-002 v=WARN detail=odd%%20value%%3d3");
	rec(s, "end devices=1 checks=2");
}

static void check_good_cell(const struct vc_cell *c, unsigned records)
{
	print_problems(c);
	assert_int_equal(c->nproblems, 0);
	assert_true(c->started);
	assert_true(c->ended);
	assert_int_equal(c->records, records);
	assert_int_equal(c->next_seq, records);
	assert_int_equal(c->noise_lines, 2);
	assert_int_equal(c->ndevices, 1);
	const struct vc_device *d = &c->devices[0];
	assert_int_equal(d->guest_index, 0);
	assert_string_equal(d->location, LOC0);
	assert_string_equal(d->interface, "mmio-v2");
	assert_int_equal(d->device_id, 2);
	assert_int_equal(d->vendor_id, 0x554d4551);
	assert_int_equal(d->version, 2);
	assert_false(d->is_pci);
	assert_non_null(d->model);
	assert_string_equal(d->model, "blk");
	assert_int_equal(d->nfeature_words, 4);
	for (unsigned w = 0; w < 4; w++)
		assert_int_equal(d->feature_words[w], feat_words[w]);
	assert_int_equal(d->nqueues, 2);
	assert_int_equal(d->queues[0].index, 0);
	assert_int_equal(d->queues[0].num_max, 256);
	assert_int_equal(d->queues[1].index, 1);
	assert_int_equal(d->queues[1].num_max, 128);
	assert_int_equal(d->config_len, sizeof(cfg_bytes));
	assert_memory_equal(d->config, cfg_bytes, sizeof(cfg_bytes));
	assert_int_equal(d->past_end_len, sizeof(past_bytes));
	assert_memory_equal(d->past_end, past_bytes, sizeof(past_bytes));
	assert_int_equal(d->nchecks, 2);
	assert_string_equal(d->checks[0].id, "MMIO-ID-001");
	assert_int_equal(d->checks[0].verdict, VC_PASS);
	assert_string_equal(d->checks[1].id, "MMIO-ID-002");
	assert_int_equal(d->checks[1].verdict, VC_WARN);
	assert_string_equal(d->checks[1].detail, "odd value=3");
	assert_int_equal(d->faults, 0);
	assert_int_equal(vc_cell_verdict(c), VC_WARN);
}

static void test_good_stream(void **state)
{
	struct stream s = { 0 };
	good_stream(&s);
	struct vc_run run;
	struct vc_cell *c = collect_blk_cell(&run, &s);
	check_good_cell(c, s.records);
	vc_run_free(&run);
	stream_free(&s);
}

/* The same stream, fed one byte at a time and in odd chunks, gives the same cell. */
static void test_good_stream_chunked(void **state)
{
	static const size_t chunks[] = { 1, 3, 7, 64, 1000 };
	struct stream s = { 0 };
	good_stream(&s);
	for (size_t i = 0; i < sizeof(chunks) / sizeof(chunks[0]); i++) {
		struct vc_run run;
		struct vc_cell *c = new_cell(&run);
		expect_model(c, "blk", LOC0, 2);
		collect(c, &s, chunks[i]);
		check_good_cell(c, s.records);
		vc_run_free(&run);
	}
	stream_free(&s);
}

/* Windows line ends and a final record without a newline (cut output). */
static void test_crlf_and_unterminated_end(void **state)
{
	struct stream s = { 0 };
	start(&s);
	rec(&s, "log msg=x");
	/* build the end record without the trailing newline */
	struct stream e = { 0 };
	rec_seq(&e, s.seq, "end devices=0 checks=0");
	/* CRLF for the first two records */
	struct stream t = { 0 };
	for (size_t i = 0; i < s.len; i++) {
		if (s.buf[i] == '\n')
			put(&t, "\r", 1);
		put(&t, s.buf + i, 1);
	}
	put(&t, e.buf, e.len - 1);
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	struct vc_collector k;
	vc_collect_init(&k, c);
	vc_collect_feed(&k, t.buf, t.len);
	assert_false(c->ended); /* the last line is still pending */
	vc_collect_finish(&k);
	print_problems(c);
	assert_int_equal(c->nproblems, 0);
	assert_true(c->ended);
	assert_int_equal(c->records, 3);
	assert_int_equal(vc_cell_verdict(c), VC_PASS);
	vc_run_free(&run);
	stream_free(&s), stream_free(&e), stream_free(&t);
}

static void test_pci_device_fields(void **state)
{
	struct stream s = { 0 };
	start(&s);
	rec(&s, "dev d=5 loc=pci@00:03.0 transport=pci-legacy id=1 vendor=0x1af4 pcidev=0x1000 rev=0 subsys=0x1");
	rec(&s, "feat d=5 sel=0 val=0x79bfffe7");
	rec(&s, "acc d=5 sp=bar0 off=0x10 w=4 op=r val=0 st=fault");
	rec(&s, "acc d=5 sp=bar0 off=0x14 w=4 op=r val=0 st=ok");
	rec(&s, "acc d=5 sp=bar0 off=0x18 w=4 op=r val=0 st=fault");
	/* the backend's own aborts on the real device are not the driver's */
	rec(&s, "acc d=5 sp=bar0 off=0x1c w=4 op=w val=0 st=fault by=backend");
	rec(&s, "acc d=5 sp=bar0 off=0x1c w=4 op=w val=0 st=ok by=backend");
	rec(&s, "cfg d=5 off=0 hex=-");
	rec(&s, "end devices=1 checks=0");
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	expect_model(c, "net", "pci@00:03.0", 1);
	collect(c, &s, s.len);
	print_problems(c);
	assert_int_equal(c->nproblems, 0);
	assert_int_equal(c->ndevices, 1);
	const struct vc_device *d = &c->devices[0];
	assert_int_equal(d->guest_index, 5);
	assert_true(d->is_pci);
	assert_int_equal(d->pci_device, 0x1000);
	assert_int_equal(d->pci_revision, 0);
	assert_int_equal(d->pci_subsys, 1);
	assert_int_equal(d->vendor_id, 0x1af4);
	assert_string_equal(d->interface, "pci-legacy");
	assert_string_equal(d->model, "net");
	assert_int_equal(d->nfeature_words, 1);
	assert_int_equal(d->feature_words[0], 0x79bfffe7);
	assert_int_equal(d->faults, 2);
	assert_int_equal(d->backend_faults, 1);
	assert_int_equal(d->config_len, 0);
	assert_int_equal(vc_cell_verdict(c), VC_PASS);
	vc_run_free(&run);
	stream_free(&s);
}

/* A device at a location the plan did not attach gets no model and is no problem. */
static void test_unattached_device(void **state)
{
	struct stream s = { 0 };
	start(&s);
	rec(&s, "dev d=0 loc=mmio@0xa000200 transport=mmio-v2 id=4 vendor=0x554d4551");
	rec(&s, "end devices=1 checks=0");
	struct vc_run run;
	struct vc_cell *c = collect_blk_cell(&run, &s);
	assert_int_equal(c->ndevices, 1);
	assert_null(c->devices[0].model);
	/* the attached blk was never found: a completed cell fails */
	c->outcome = VC_OUT_COMPLETED;
	assert_int_equal(vc_cell_verdict(c), VC_FAIL);
	vc_run_free(&run);
	stream_free(&s);
}

/* ---- protocol problems ------------------------------------------------------ */

static void test_sequence_gap(void **state)
{
	struct stream s = { 0 };
	start(&s);                              /* 0 */
	blk_dev(&s, 2);                         /* 1 */
	rec_seq(&s, 3, "log msg=after%%20gap");  /* 2 is lost */
	rec_seq(&s, 4, "end devices=1 checks=0");
	struct vc_run run;
	struct vc_cell *c = collect_blk_cell(&run, &s);
	assert_true(c->nproblems >= 1);
	assert_true(c->ended); /* the rest is still collected */
	assert_int_equal(c->ndevices, 1);
	assert_int_equal(vc_cell_verdict(c), VC_ERROR);
	vc_run_free(&run);
	stream_free(&s);
}

static void test_sequence_repeat(void **state)
{
	struct stream s = { 0 };
	start(&s);
	rec_seq(&s, 1, "log msg=a");
	rec_seq(&s, 1, "log msg=a");
	rec_seq(&s, 2, "end devices=0 checks=0");
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	collect(c, &s, s.len);
	assert_true(c->nproblems >= 1);
	vc_run_free(&run);
	stream_free(&s);
}

static void test_record_before_start(void **state)
{
	struct stream s = { 0 };
	rec(&s, "log msg=early");
	start(&s);
	rec(&s, "end devices=0 checks=0");
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	collect(c, &s, s.len);
	assert_true(c->nproblems >= 1);
	assert_true(c->started);
	vc_run_free(&run);
	stream_free(&s);
}

static void test_dev_before_start_not_collected(void **state)
{
	struct stream s = { 0 };
	blk_dev(&s, 2);
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	collect(c, &s, s.len);
	assert_true(c->nproblems >= 1);
	assert_false(c->started);
	vc_run_free(&run);
	stream_free(&s);
}

static void test_record_after_end(void **state)
{
	struct stream s = { 0 };
	start(&s);
	rec(&s, "end devices=0 checks=0");
	blk_dev(&s, 2);
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	collect(c, &s, s.len);
	assert_true(c->nproblems >= 1);
	assert_true(c->ended);
	assert_int_equal(c->ndevices, 0); /* not applied after the end */
	vc_run_free(&run);
	stream_free(&s);
}

static void test_second_start_and_bad_proto(void **state)
{
	struct stream s = { 0 };
	start(&s);
	start(&s);
	rec(&s, "end devices=0 checks=0");
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	collect(c, &s, s.len);
	assert_true(c->nproblems >= 1);
	vc_run_free(&run);
	stream_free(&s);

	rec(&s, "start proto=2 image=probe arch=aarch64 el=1");
	rec(&s, "end devices=0 checks=0");
	c = new_cell(&run);
	collect(c, &s, s.len);
	assert_true(c->nproblems >= 1);
	vc_run_free(&run);
	stream_free(&s);
}

static void test_type_mismatch(void **state)
{
	struct stream s = { 0 };
	start(&s);
	blk_dev(&s, 1); /* the plan attached blk (2) here; the guest says net (1) */
	rec(&s, "end devices=1 checks=0");
	struct vc_run run;
	struct vc_cell *c = collect_blk_cell(&run, &s);
	assert_true(c->nproblems >= 1);
	assert_int_equal(c->devices[0].device_id, 1);
	assert_int_equal(c->mismatches, 1); /* the device disagrees with the plan: a finding */
	assert_int_equal(vc_cell_verdict(c), VC_FAIL);
	vc_run_free(&run);
	stream_free(&s);
}

static void test_config_gap(void **state)
{
	struct stream s = { 0 };
	start(&s);
	blk_dev(&s, 2);
	rec(&s, "cfg d=0 off=0 hex=00080000");
	rec(&s, "cfg d=0 off=8 hex=00000000"); /* bytes 4..7 missing */
	rec(&s, "end devices=1 checks=0");
	struct vc_run run;
	struct vc_cell *c = collect_blk_cell(&run, &s);
	assert_true(c->nproblems >= 1);
	assert_int_equal(c->devices[0].config_len, 4);
	vc_run_free(&run);
	stream_free(&s);
}

static void test_config_overlap_and_bad_hex(void **state)
{
	static const char *const bad[] = {
		"cfg d=0 off=2 hex=0000",   /* overlap */
		"cfg d=0 off=4 hex=0g",     /* not hex */
		"cfg d=0 off=4 hex=000",    /* odd length */
		"cfg d=0 off=4 hex=%200f0", /* space inside */
		"cfg d=0 off=x hex=00",     /* bad offset */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct stream s = { 0 };
		start(&s);
		blk_dev(&s, 2);
		rec(&s, "cfg d=0 off=0 hex=00080000");
		rec(&s, "%s", bad[i]);
		rec(&s, "end devices=1 checks=0");
		struct vc_run run;
		struct vc_cell *c = new_cell(&run);
		collect(c, &s, s.len);
		if (c->nproblems == 0)
			fail_msg("'%s' was accepted", bad[i]);
		assert_int_equal(c->devices[0].config_len, 4);
		vc_run_free(&run);
		stream_free(&s);
	}
}

static void test_unknown_verdict(void **state)
{
	struct stream s = { 0 };
	start(&s);
	blk_dev(&s, 2);
	rec(&s, "check d=0 id=MMIO-ID-001 v=MAYBE");
	rec(&s, "check d=0 id=MMIO-ID-002 v=pass"); /* names are upper case */
	rec(&s, "end devices=1 checks=2");
	struct vc_run run;
	struct vc_cell *c = collect_blk_cell(&run, &s);
	assert_int_equal(c->nproblems, 2);
	assert_int_equal(c->devices[0].nchecks, 0);
	assert_int_equal(vc_cell_verdict(c), VC_ERROR);
	vc_run_free(&run);
	stream_free(&s);
}

/* --profile: a check record carries its guest time and its reset's; both
 * or neither, decimal microseconds, anything else a problem. */
static void test_profile_times(void **state)
{
	struct stream s = { 0 };
	start(&s);
	blk_dev(&s, 2);
	rec(&s, "check d=0 id=MMIO-ID-001 v=PASS us=1500 reset_us=20");
	rec(&s, "check d=0 id=MMIO-ID-002 v=PASS");
	rec(&s, "check d=0 id=STATUS-RESET-001 v=PASS us=12");
	rec(&s, "check d=0 id=CFG-GEN-001 v=PASS us=x1 reset_us=3");
	rec(&s, "end devices=1 checks=4");
	struct vc_run run;
	struct vc_cell *c = collect_blk_cell(&run, &s);
	const struct vc_device *d = &c->devices[0];
	assert_int_equal(d->nchecks, 4);
	assert_true(d->checks[0].timed);
	assert_int_equal(d->checks[0].us, 1500);
	assert_int_equal(d->checks[0].reset_us, 20);
	assert_false(d->checks[1].timed);
	assert_false(d->checks[2].timed); /* reset_us missing */
	assert_false(d->checks[3].timed); /* not a number */
	assert_int_equal(c->nproblems, 2);
	assert_non_null(strstr(c->problems[0], "reset_us"));
	assert_non_null(strstr(c->problems[1], "x1"));
	vc_run_free(&run);
	stream_free(&s);
}

/* The profile ranks by check plus reset time, over every cell and device. */
static void test_profile_ranking(void **state)
{
	struct stream s = { 0 };
	start(&s);
	blk_dev(&s, 2);
	rec(&s, "check d=0 id=MMIO-ID-001 v=PASS us=100 reset_us=900");
	rec(&s, "check d=0 id=MMIO-ID-002 v=PASS us=5000 reset_us=0");
	rec(&s, "check d=0 id=CFG-GEN-001 v=PASS");
	rec(&s, "check d=0 id=STATUS-RESET-001 v=PASS us=999 reset_us=2");
	rec(&s, "end devices=1 checks=4");
	struct vc_run run;
	collect_blk_cell(&run, &s);
	struct vc_profile_row *rows;
	assert_int_equal(vc_profile_rows(&run, &rows), 3);
	assert_string_equal(rows[0].check->id, "MMIO-ID-002");
	assert_string_equal(rows[1].check->id, "STATUS-RESET-001");
	assert_string_equal(rows[2].check->id, "MMIO-ID-001");
	free(rows);
	vc_run_free(&run);
	stream_free(&s);
}

/* Passing checks arrive batched: every ID becomes its own PASS result, in
 * order, next to the individually reported verdicts. */
static void test_pass_batch(void **state)
{
	struct stream s = { 0 };
	start(&s);
	blk_dev(&s, 2);
	rec(&s, "pass d=0 ids=MMIO-ID-001,MMIO-ID-002,STATUS-RESET-001");
	rec(&s, "check d=0 id=FEAT-NEG-001 v=WARN detail=lenient");
	rec(&s, "pass d=0 ids=CFG-GEN-001");
	rec(&s, "end devices=1 checks=5");
	struct vc_run run;
	struct vc_cell *c = collect_blk_cell(&run, &s);
	assert_int_equal(c->nproblems, 0);
	const struct vc_device *d = &c->devices[0];
	assert_int_equal(d->nchecks, 5);
	static const char *const ids[] = { "MMIO-ID-001", "MMIO-ID-002", "STATUS-RESET-001", "FEAT-NEG-001", "CFG-GEN-001" };
	static const enum vc_verdict want[] = { VC_PASS, VC_PASS, VC_PASS, VC_WARN, VC_PASS };
	for (unsigned i = 0; i < 5; i++) {
		assert_string_equal(d->checks[i].id, ids[i]);
		assert_int_equal(d->checks[i].verdict, want[i]);
	}
	assert_int_equal(vc_cell_verdict(c), VC_WARN);
	vc_run_free(&run);
	stream_free(&s);
}

/* The start record naming this vcheck's catalogue, so ranks decode. */
static void start_ranked(struct stream *s)
{
	rec(s, "start proto=1 image=probe arch=aarch64 el=1 cat=0x%x", (unsigned)vc_catalogue_fingerprint());
}

/* Ranks are positions in ID order, whatever the section order. */
static void test_ranks_follow_id_order(void **state)
{
	unsigned n = vc_check_count();
	assert_true(n > 100);
	for (unsigned r = 1; r < n; r++)
		assert_true(strcmp(vc_check_by_rank(r - 1)->id, vc_check_by_rank(r)->id) < 0);
	assert_null(vc_check_by_rank(n));
	for (const struct vc_check *c = vc_check_first(); c; c = vc_check_next(c))
		assert_ptr_equal(vc_check_by_rank(vc_check_rank(c)), c);
}

/* "set=": digit i holds ranks 4i..4i+3; "N+" leaves out N zero digits. */
static void test_ranked_sets(void **state)
{
	struct stream s = { 0 };
	start_ranked(&s);
	blk_dev(&s, 2);
	rec(&s, "pass d=0 set=5"); /* ranks 0 and 2 */
	rec(&s, "skip d=0 set=2+8 detail=why"); /* rank 11 */
	rec(&s, "skip d=0 set=0001"); /* rank 12, the common reason */
	rec(&s, "end devices=1 checks=4");
	struct vc_run run;
	struct vc_cell *c = collect_blk_cell(&run, &s);
	assert_int_equal(c->nproblems, 0);
	const struct vc_device *d = &c->devices[0];
	assert_int_equal(d->nchecks, 4);
	static const unsigned ranks[] = { 0, 2, 11, 12 };
	static const enum vc_verdict want[] = { VC_PASS, VC_PASS, VC_SKIP, VC_SKIP };
	static const char *const detail[] = { NULL, NULL, "why", VC_SKIP_UNOFFERED };
	for (unsigned i = 0; i < 4; i++) {
		assert_string_equal(d->checks[i].id, vc_check_by_rank(ranks[i])->id);
		assert_int_equal(d->checks[i].verdict, want[i]);
		if (detail[i])
			assert_string_equal(d->checks[i].detail, detail[i]);
		else
			assert_null(d->checks[i].detail);
	}
	vc_run_free(&run);
	stream_free(&s);
}

/* A set from another catalogue, a bad digit or a rank past the end is a
 * problem, never a guess at which checks were meant. */
static void test_ranked_set_errors(void **state)
{
	static const struct { const char *start_cat, *set, *problem; } cases[] = {
		{ NULL, "1", "without a matching catalogue" },
		{ "0x1", "1", "not this vcheck's" },
		{ "", "1x", "bad check set" },
		{ "", "999+1", "past the catalogue" },
		{ "", "99999999999999999999999+1", "past the catalogue" },
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct stream s = { 0 };
		if (!cases[i].start_cat)
			start(&s);
		else if (cases[i].start_cat[0])
			rec(&s, "start proto=1 image=probe arch=aarch64 el=1 cat=%s", cases[i].start_cat);
		else
			start_ranked(&s);
		blk_dev(&s, 2);
		rec(&s, "pass d=0 set=%s", cases[i].set);
		rec(&s, "pass d=0");
		rec(&s, "end devices=1 checks=1");
		struct vc_run run;
		struct vc_cell *c = collect_blk_cell(&run, &s);
		int found = 0, bare = 0;
		for (size_t k = 0; k < c->nproblems; k++) {
			found |= strstr(c->problems[k], cases[i].problem) != NULL;
			bare |= strstr(c->problems[k], "without set or ids") != NULL;
		}
		assert_true(found);
		assert_true(bare);
		assert_int_equal(c->devices[0].nchecks, 0);
		vc_run_free(&run);
		stream_free(&s);
	}
}

/* Another build's catalogue matters only to ranked sets: a stream that
 * names no check by rank (a side-effect run, a fixture recorded before a
 * check was added) stays whole; its first set is the problem. */
static void test_foreign_catalogue_only_troubles_sets(void **state)
{
	for (int with_set = 0; with_set < 2; with_set++) {
		struct stream s = { 0 };
		rec(&s, "start proto=1 image=probe arch=aarch64 el=1 cat=0x%x", (unsigned)vc_catalogue_fingerprint() ^ 1u);
		blk_dev(&s, 2);
		if (with_set)
			rec(&s, "pass d=0 set=1");
		rec(&s, "end devices=1 checks=%d", with_set);
		struct vc_run run;
		struct vc_cell *c = collect_blk_cell(&run, &s);
		assert_int_equal(c->nproblems, (size_t)with_set);
		if (with_set)
			assert_non_null(strstr(c->problems[0], "different builds"));
		vc_run_free(&run);
		stream_free(&s);
	}
}

static void test_every_verdict_name_accepted(void **state)
{
	static const struct { const char *name; enum vc_verdict v; } names[] = {
#define ROW(id, name) { name, VC_##id },
		VC_VERDICTS(ROW)
#undef ROW
	};
	struct stream s = { 0 };
	start(&s);
	blk_dev(&s, 2);
	for (size_t i = 0; i < VC_VERDICT__COUNT; i++)
		rec(&s, "check d=0 id=T-%zu v=%s", i, names[i].name);
	rec(&s, "end devices=1 checks=%u", (unsigned)VC_VERDICT__COUNT);
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	collect(c, &s, s.len);
	print_problems(c);
	assert_int_equal(c->nproblems, 0);
	assert_int_equal(c->devices[0].nchecks, VC_VERDICT__COUNT);
	for (size_t i = 0; i < VC_VERDICT__COUNT; i++) {
		assert_int_equal(c->devices[0].checks[i].verdict, names[i].v);
		assert_string_equal(vc_verdict_name(names[i].v), names[i].name);
	}
	vc_run_free(&run);
	stream_free(&s);
}

static void test_records_for_unknown_device(void **state)
{
	struct stream s = { 0 };
	start(&s);
	blk_dev(&s, 2);
	rec(&s, "feat d=7 sel=0 val=0x1");
	rec(&s, "check d=7 id=MMIO-ID-001 v=PASS");
	rec(&s, "end devices=1 checks=1");
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	collect(c, &s, s.len);
	assert_int_equal(c->nproblems, 2);
	assert_int_equal(c->devices[0].nfeature_words, 0);
	assert_int_equal(c->devices[0].nchecks, 0);
	vc_run_free(&run);
	stream_free(&s);
}

static void test_feature_words_out_of_order(void **state)
{
	struct stream s = { 0 };
	start(&s);
	blk_dev(&s, 2);
	rec(&s, "feat d=0 sel=0 val=0x1");
	rec(&s, "feat d=0 sel=2 val=0x2"); /* sel 1 skipped */
	rec(&s, "end devices=1 checks=0");
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	collect(c, &s, s.len);
	assert_true(c->nproblems >= 1);
	assert_int_equal(c->devices[0].nfeature_words, 1);
	vc_run_free(&run);
	stream_free(&s);
}

static void test_queue_size_lists(void **state)
{
	struct stream s = { 0 };
	start(&s);
	blk_dev(&s, 2);
	rec(&s, "queues d=0 q=0 max=256,128");
	rec(&s, "queues d=0 q=2 max=64"); /* a long list continues in a second record */
	rec(&s, "queues d=0 q=3 max=8,x");
	rec(&s, "end devices=1 checks=0");
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	collect(c, &s, s.len);
	const struct vc_device *d = &c->devices[0];
	assert_int_equal(c->nproblems, 1); /* the "x" */
	assert_int_equal(d->nqueues, 4);
	assert_int_equal(d->queues[1].index, 1);
	assert_int_equal(d->queues[1].num_max, 128);
	assert_int_equal(d->queues[2].index, 2);
	assert_int_equal(d->queues[2].num_max, 64);
	assert_int_equal(d->queues[3].num_max, 8);
	vc_run_free(&run);
	stream_free(&s);
}

static void test_malformed_line_is_problem(void **state)
{
	struct stream s = { 0 };
	start(&s);
	noise(&s, "@vc1 1 log msg=tampered #00000000");
	rec_seq(&s, 2, "end devices=0 checks=0");
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	collect(c, &s, s.len);
	/* the malformed line itself, and the seq gap it leaves */
	assert_true(c->nproblems >= 2);
	assert_int_equal(c->noise_lines, 0);
	vc_run_free(&run);
	stream_free(&s);
}

static void test_overlong_record_line(void **state)
{
	struct stream s = { 0 };
	start(&s);
	char big[3 * VC_RECORD_MAX_LINE];
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = 0;
	memcpy(big, "@vc1 1 log msg=", 15);
	noise(&s, big);
	big[0] = 'x'; /* the same length without the prefix is just noise */
	noise(&s, big);
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	collect(c, &s, s.len);
	assert_int_equal(c->nproblems, 1);
	vc_run_free(&run);
	stream_free(&s);
}

static void test_missing_end(void **state)
{
	struct stream s = { 0 };
	start(&s);
	blk_dev(&s, 2);
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	collect(c, &s, s.len);
	assert_true(c->started);
	assert_false(c->ended);
	vc_run_free(&run);
	stream_free(&s);
}

static void test_garbage_stream_bounded(void **state)
{
	struct stream s = { 0 };
	char line[300];
	srand(1);
	for (int i = 0; i < 10000; i++) {
		int n = rand() % (int)sizeof(line);
		for (int j = 0; j < n; j++) {
			char ch = (char)(rand() & 0xff);
			line[j] = ch == '\n' ? ' ' : ch;
		}
		if (i % 2 && n > 5)
			memcpy(line, VC_RECORD_PREFIX, 5);
		put(&s, line, (size_t)n);
		put(&s, "\n", 1);
		if (i % 100 == 0) /* some valid records in between, out of order */
			rec_seq(&s, (unsigned long)(rand() % 50), "log msg=x");
	}
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	expect_model(c, "blk", LOC0, 2);
	collect(c, &s, 4096);
	assert_true(c->nproblems >= 1);
	assert_true(c->nproblems <= 51);
	assert_true(c->noise_lines > 1000);
	for (size_t i = 0; i < c->nproblems; i++)
		assert_non_null(c->problems[i]);
	vc_run_free(&run);
	stream_free(&s);
}

static void test_problem_cap(void **state)
{
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	for (int i = 0; i < 1000; i++)
		vc_cell_problem(c, "problem %d", i);
	assert_true(c->nproblems <= 51);
	assert_true(c->nproblems >= 50);
	assert_string_equal(c->problems[0], "problem 0");
	assert_string_equal(c->problems[49], "problem 49");
	vc_run_free(&run);
}

/* ---- verdict roll-up --------------------------------------------------------- */

static struct vc_device *add_device(struct vc_cell *c, const char *model, const char *loc)
{
	struct vc_device *d = VEC_PUSH(c->devices, c->ndevices, c->capdevices);
	d->model = model ? vc_xstrdup(model) : NULL;
	d->location = vc_xstrdup(loc);
	d->interface = vc_xstrdup("mmio-v2");
	return d;
}

static void add_check(struct vc_device *d, const char *id, enum vc_verdict v)
{
	struct vc_check_result *k = VEC_PUSH(d->checks, d->nchecks, d->capchecks);
	k->id = vc_xstrdup(id);
	k->detail = vc_xstrdup("");
	k->verdict = v;
}

static enum vc_verdict verdict_of(enum vc_outcome o, int found, int problems,
				  enum vc_verdict a, enum vc_verdict b)
{
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	c->outcome = o;
	expect_model(c, "blk", LOC0, 2);
	struct vc_device *d = add_device(c, found ? "blk" : NULL, LOC0);
	add_check(d, "A-1", a);
	add_check(d, "A-2", b);
	if (problems)
		vc_cell_problem(c, "something");
	enum vc_verdict v = vc_cell_verdict(c);
	vc_run_free(&run);
	return v;
}

static void test_verdict_rollup(void **state)
{
	assert_int_equal(verdict_of(VC_OUT_COMPLETED, 1, 0, VC_PASS, VC_PASS), VC_PASS);
	assert_int_equal(verdict_of(VC_OUT_CRASHED, 1, 0, VC_PASS, VC_PASS), VC_CRASH);
	assert_int_equal(verdict_of(VC_OUT_WEDGED, 1, 0, VC_PASS, VC_PASS), VC_WEDGED);
	/* an attached model the guest never found */
	assert_int_equal(verdict_of(VC_OUT_COMPLETED, 0, 0, VC_PASS, VC_PASS), VC_FAIL);
	/* protocol problems: the channel broke, not the device */
	assert_int_equal(verdict_of(VC_OUT_COMPLETED, 1, 1, VC_PASS, VC_PASS), VC_ERROR);
	assert_int_equal(verdict_of(VC_OUT_COMPLETED, 1, 1, VC_WARN, VC_SKIP), VC_ERROR);
	/* a device's FAIL is not hidden behind a broken channel: a retry must not pass it */
	assert_int_equal(verdict_of(VC_OUT_COMPLETED, 1, 1, VC_FAIL, VC_PASS), VC_FAIL);
	/* worst check */
	assert_int_equal(verdict_of(VC_OUT_COMPLETED, 1, 0, VC_WARN, VC_FAIL), VC_FAIL);
	assert_int_equal(verdict_of(VC_OUT_COMPLETED, 1, 0, VC_FAIL, VC_WARN), VC_FAIL);
	assert_int_equal(verdict_of(VC_OUT_COMPLETED, 1, 0, VC_PASS, VC_SKIP), VC_SKIP);
	assert_int_equal(verdict_of(VC_OUT_COMPLETED, 1, 0, VC_XFAIL, VC_SKIP), VC_XFAIL);
	assert_int_equal(verdict_of(VC_OUT_COMPLETED, 1, 0, VC_XPASS, VC_WARN), VC_XPASS);
	assert_int_equal(verdict_of(VC_OUT_COMPLETED, 1, 0, VC_FAULT, VC_FAIL), VC_FAULT);
	/* a crash outranks everything a check can say */
	assert_int_equal(verdict_of(VC_OUT_CRASHED, 1, 1, VC_FAULT, VC_FAIL), VC_CRASH);
	assert_int_equal(verdict_of(VC_OUT_WEDGED, 0, 0, VC_PASS, VC_PASS), VC_WEDGED);
	/* an unexpected pass gates above a broken channel */
	assert_int_equal(verdict_of(VC_OUT_COMPLETED, 1, 1, VC_XPASS, VC_PASS), VC_XPASS);
	/* an attached model the guest never announced, with the channel broken:
	 * its dev record may be what was lost, so nothing is known */
	assert_int_equal(verdict_of(VC_OUT_COMPLETED, 0, 1, VC_PASS, VC_PASS), VC_ERROR);
}

static void test_verdict_empty_cell(void **state)
{
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	assert_int_equal(vc_cell_verdict(c), VC_PASS);
	/* a crashed cell that never found its device is a crash, not a fail */
	c->outcome = VC_OUT_CRASHED;
	expect_model(c, "blk", LOC0, 2);
	assert_int_equal(vc_cell_verdict(c), VC_CRASH);
	vc_run_free(&run);
}

/* Two attached devices of the same model (vcheck run -d blk -d blk): if the
 * guest finds only one of them, one attached device is missing. */
static void test_verdict_missing_one_of_two_same_model(void **state)
{
	struct vc_run run;
	struct vc_cell *c = new_cell(&run);
	expect_model(c, "blk", "mmio@0xa000000", 2);
	expect_model(c, "blk", "mmio@0xa000200", 2);
	struct vc_device *d = add_device(c, "blk", "mmio@0xa000000");
	d->device_id = 2;
	assert_int_equal(vc_cell_verdict(c), VC_FAIL);
	vc_run_free(&run);
}

static void test_run_verdict_worst_cell(void **state)
{
	struct vc_run run = { 0 };
	run.cells = calloc(3, sizeof(*run.cells));
	assert_non_null(run.cells);
	run.ncells = run.capcells = 3;
	add_check(add_device(&run.cells[0], NULL, LOC0), "A-1", VC_PASS);
	add_check(add_device(&run.cells[1], NULL, LOC0), "A-1", VC_WARN);
	add_check(add_device(&run.cells[2], NULL, LOC0), "A-1", VC_SKIP);
	assert_int_equal(vc_run_verdict(&run), VC_WARN);
	run.cells[2].outcome = VC_OUT_WEDGED;
	assert_int_equal(vc_run_verdict(&run), VC_WEDGED);
	vc_run_free(&run);
	assert_null(run.cells);
	assert_int_equal(run.ncells, 0);
	assert_int_equal(vc_run_verdict(&run), VC_PASS);
}

static void test_verdict_names_roundtrip(void **state)
{
	static const char *const names[] = { "PASS", "SKIP", "XFAIL", "WARN", "ERROR", "XPASS",
					     "FAIL", "FAULT", "WEDGED", "CRASH" };
	assert_int_equal(sizeof(names) / sizeof(names[0]), VC_VERDICT__COUNT);
	for (unsigned i = 0; i < VC_VERDICT__COUNT; i++) {
		enum vc_verdict v;
		assert_int_equal(vc_verdict_from_name(names[i], &v), 0);
		assert_int_equal(v, i);
		assert_string_equal(vc_verdict_name(v), names[i]);
	}
	enum vc_verdict v;
	assert_int_not_equal(vc_verdict_from_name("", &v), 0);
	assert_int_not_equal(vc_verdict_from_name("PASSED", &v), 0);
	assert_string_equal(vc_outcome_name(VC_OUT_COMPLETED), "completed");
	assert_string_equal(vc_outcome_name(VC_OUT_WEDGED), "wedged");
	assert_string_equal(vc_outcome_name(VC_OUT_CRASHED), "crashed");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_stream),
		cmocka_unit_test(test_pass_batch),
		cmocka_unit_test(test_profile_times),
		cmocka_unit_test(test_profile_ranking),
		cmocka_unit_test(test_good_stream_chunked),
		cmocka_unit_test(test_crlf_and_unterminated_end),
		cmocka_unit_test(test_pci_device_fields),
		cmocka_unit_test(test_unattached_device),
		cmocka_unit_test(test_sequence_gap),
		cmocka_unit_test(test_sequence_repeat),
		cmocka_unit_test(test_record_before_start),
		cmocka_unit_test(test_dev_before_start_not_collected),
		cmocka_unit_test(test_record_after_end),
		cmocka_unit_test(test_second_start_and_bad_proto),
		cmocka_unit_test(test_type_mismatch),
		cmocka_unit_test(test_config_gap),
		cmocka_unit_test(test_config_overlap_and_bad_hex),
		cmocka_unit_test(test_unknown_verdict),
		cmocka_unit_test(test_every_verdict_name_accepted),
		cmocka_unit_test(test_records_for_unknown_device),
		cmocka_unit_test(test_feature_words_out_of_order),
		cmocka_unit_test(test_queue_size_lists),
		cmocka_unit_test(test_malformed_line_is_problem),
		cmocka_unit_test(test_overlong_record_line),
		cmocka_unit_test(test_missing_end),
		cmocka_unit_test(test_garbage_stream_bounded),
		cmocka_unit_test(test_problem_cap),
		cmocka_unit_test(test_ranks_follow_id_order),
		cmocka_unit_test(test_ranked_sets),
		cmocka_unit_test(test_ranked_set_errors),
		cmocka_unit_test(test_foreign_catalogue_only_troubles_sets),
		cmocka_unit_test(test_verdict_rollup),
		cmocka_unit_test(test_verdict_empty_cell),
		cmocka_unit_test(test_verdict_missing_one_of_two_same_model),
		cmocka_unit_test(test_run_verdict_worst_cell),
		cmocka_unit_test(test_verdict_names_roundtrip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
