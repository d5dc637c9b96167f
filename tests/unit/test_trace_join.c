/* Unit tests for the device-trace join (harness/collect/trace_join.c) and the sfx
 * record parser (harness/collect/sfx_collect.c). Traces are written in QEMU's log
 * backend format: console bytes as PL011 data-register writes, device
 * accesses and virtio events between them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness/collect/record_parse.h"
#include "harness/collect/sfx_collect.h"
#include "harness/collect/trace_join.h"
#include "harness/util/vec.h"

static void console_line(FILE *f, const char *line)
{
	for (const char *p = line; ; p++) {
		unsigned char b = *p ? (unsigned char)*p : '\n';
		fprintf(f, "memory_region_ops_write cpu 0 mr 0x1 addr 0x9000000 value 0x%x size 4 name 'pl011'\n", b);
		if (!*p)
			break;
	}
}

static void device_access(FILE *f)
{
	fputs("memory_region_ops_write cpu 0 mr 0x2 addr 0xa000070 value 0x0 size 4 name 'virtio-mmio'\n", f);
	fputs("virtio_mmio_write_offset virtio_mmio_write offset 0x70 value 0x0\n", f);
}

/* A run of one cell with one device whose steps have the given record numbers. */
static struct vc_cell *cell_with_steps(struct vc_run *run, const unsigned long *seqs, size_t n)
{
	memset(run, 0, sizeof(*run));
	struct vc_cell *c = VEC_PUSH(run->cells, run->ncells, run->capcells);
	struct vc_device *d = VEC_PUSH(c->devices, c->ndevices, c->capdevices);
	for (size_t i = 0; i < n; i++)
		VEC_PUSH(d->sfx, d->nsfx, d->capsfx)->seq = seqs[i];
	c->next_seq = seqs[n - 1] + 1;
	return c;
}

static void join_events_go_to_the_step_that_follows_them(void **state)
{
	struct vc_run run;
	struct vc_cell *c = cell_with_steps(&run, (unsigned long[]){ 5, 7 }, 2);
	FILE *f = tmpfile();
	assert_non_null(f);
	device_access(f);
	fputs("virtio_set_status vdev 0x3 val 0\n", f); /* set-up, closed by the mark */
	console_line(f, "@vc1 4 mark d=0 #00000000");
	device_access(f);
	device_access(f);
	fputs("virtio_set_status vdev 0x3 val 255\n", f);
	console_line(f, "@vc1 5 sfx d=0 sp=transport off=70 w=4 x=wr wv=ff #00000000");
	console_line(f, "noise from firmware");
	device_access(f);
	console_line(f, "@vc1 6 mark d=0 #00000000");
	console_line(f, "@vc1 7 sfx d=0 sp=transport off=0 w=4 x=rr v=1,1 #00000000");
	rewind(f);
	assert_int_equal(vc_trace_join(c, f), 0);
	fclose(f);
	struct vc_sfx_obs *s5 = &c->devices[0].sfx[0], *s7 = &c->devices[0].sfx[1];
	assert_int_equal(s5->ndev_events, 1);
	assert_string_equal(s5->dev_events[0], "virtio_set_status vdev 0x3 val 255");
	assert_int_equal(s5->dev_accesses, 2);
	assert_int_equal(s7->ndev_events, 0);
	assert_int_equal(s7->dev_accesses, 0); /* the access before mark 6 is not step 7's */
	vc_run_free(&run);
}

static void join_strips_a_timestamp_prefix(void **state)
{
	struct vc_run run;
	struct vc_cell *c = cell_with_steps(&run, (unsigned long[]){ 0 }, 1);
	FILE *f = tmpfile();
	fputs("1234@1700000000.000001:virtio_notify vdev 0x3 vq 0x4\n", f);
	console_line(f, "@vc1 0 sfx d=0 sp=transport off=50 w=4 x=wr wv=0 #00000000");
	rewind(f);
	assert_int_equal(vc_trace_join(c, f), 0);
	fclose(f);
	assert_int_equal(c->devices[0].sfx[0].ndev_events, 1);
	assert_string_equal(c->devices[0].sfx[0].dev_events[0], "virtio_notify vdev 0x3 vq 0x4");
	vc_run_free(&run);
}

static struct vc_rec make_rec(const char *kv[][2], unsigned n, unsigned long seq)
{
	struct vc_rec r = { .seq = seq, .kind = VC_REC_SFX, .nfields = n };
	for (unsigned i = 0; i < n; i++)
		r.f[i].key = kv[i][0], r.f[i].val = kv[i][1];
	return r;
}

static void sfx_record_becomes_an_observation(void **state)
{
	struct vc_cell c = { 0 };
	struct vc_device d = { 0 };
	const char *kv[][2] = { { "d", "0" }, { "sp", "config" }, { "off", "1a" }, { "w", "2" },
				{ "x", "wr" }, { "wv", "ffff" }, { "rb", "0" }, { "ch", "2:0>15,8:51>0" },
				{ "more", "3" }, { "fw", "1" } };
	struct vc_rec r = make_rec(kv, 10, 42);
	vc_sfx_on_record(&c, &d, &r);
	assert_int_equal(c.nproblems, 0);
	assert_int_equal(d.nsfx, 1);
	struct vc_sfx_obs *o = &d.sfx[0];
	assert_int_equal(o->seq, 42);
	assert_int_equal(o->space, VC_SFX_SP_CONFIG);
	assert_int_equal(o->exp, VC_SFX_WRITE);
	assert_int_equal(o->off, 0x1a);
	assert_int_equal(o->width, 2);
	assert_true(o->has_wv && o->has_rb);
	assert_int_equal(o->wv, 0xffff);
	assert_int_equal(o->nch, 2);
	assert_int_equal(o->ch[1].off, 8);
	assert_int_equal(o->ch[1].before, 0x51);
	assert_int_equal(o->ch[1].after, 0);
	assert_int_equal(o->more, 3);
	assert_true(o->fault_write);
	assert_false(o->fault_read);
	vc_sfx_obs_free(d.sfx, d.nsfx);
}

/* Reads around a host event: the config interrupt (ISR bit 1) and the
 * generation move are what tell notified changes from silent ones. */
static void event_records_carry_isr_and_generation(void **state)
{
	static const struct { const char *isr, *gen; int isr_config, gen_changed; } cases[] = {
		{ "3", "0,1", 1, 1 }, /* virtio-mmio v2, PCI modern: both */
		{ "3", "0,0", 1, 0 }, /* virtio-mmio v1: no generation register */
		{ "1", "4,4", 0, 0 }, /* a used buffer only (virtio-input) */
		{ "2", "a,b", 1, 1 },
		{ NULL, NULL, -1, -1 },
	};
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct vc_cell c = { 0 };
		struct vc_device d = { 0 };
		const char *kv[][2] = { { "d", "0" }, { "sp", "config" }, { "off", "6" }, { "w", "1" },
					{ "x", "ev" }, { "ev", "link-down" }, { "ch", "6:1>0" },
					{ "isr", cases[i].isr }, { "gen", cases[i].gen } };
		struct vc_rec r = make_rec(kv, cases[i].isr ? 9 : 7, 7);
		vc_sfx_on_record(&c, &d, &r);
		assert_int_equal(c.nproblems, 0);
		assert_int_equal(d.nsfx, 1);
		struct vc_sfx_obs *o = &d.sfx[0];
		assert_int_equal(o->exp, VC_SFX_EVENT);
		assert_string_equal(o->event, "link-down");
		assert_int_equal(o->nch, 1);
		assert_int_equal(o->ch[0].off, 6);
		assert_int_equal(o->isr_config, cases[i].isr_config);
		assert_int_equal(o->gen_changed, cases[i].gen_changed);
		vc_sfx_obs_free(d.sfx, d.nsfx);
	}
}

static void malformed_sfx_records_are_problems(void **state)
{
	static const char *bad[][2] = { { "sp", "nowhere" }, { "x", "zz" }, { "w", "3" }, { "off", "xyz" },
					{ "ch", "2:0" }, { "ch", "2:0>1,,3" }, { "v", "1" }, { "wv", "" },
					{ "gen", "1" }, { "gen", "1,x" } };
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct vc_cell c = { 0 };
		struct vc_device d = { 0 };
		const char *kv[][2] = { { "d", "0" }, { "sp", "transport" }, { "off", "70" }, { "w", "4" },
					{ "x", "rr" }, { bad[i][0], bad[i][1] } };
		for (unsigned k = 0; k < 5; k++)
			if (!strcmp(kv[k][0], bad[i][0]))
				kv[k][1] = bad[i][1], kv[5][0] = "pad", kv[5][1] = "1";
		struct vc_rec r = make_rec(kv, 6, 1);
		vc_sfx_on_record(&c, &d, &r);
		assert_int_equal(d.nsfx, 0);
		assert_int_equal(c.nproblems, 1);
		free(c.problems[0]);
		free(c.problems);
	}
}

/* A step whose snapshot read 100 config bytes through a vhost-user
 * front-end: the first GET_CONFIG exchanges are kept, the rest counted per
 * request in one closing event, and the SET_CONFIG after them, an action,
 * is kept whatever came before it. */
static void join_counts_what_it_does_not_keep(void **state)
{
	struct vc_run run;
	struct vc_cell *c = cell_with_steps(&run, (unsigned long[]){ 3 }, 1);
	FILE *f = tmpfile();
	assert_non_null(f);
	for (int i = 0; i < 100; i++) {
		fputs("vhost_user_write req:24 flags:0x1\n", f);
		fputs("vhost_user_read req:24 flags:0x5\n", f);
	}
	fputs("vhost_user_write req:25 flags:0x9\n", f);
	console_line(f, "@vc1 3 sfx d=0 sp=config off=7 w=1 x=wr wv=1 rb=0 #00000000");
	rewind(f);
	assert_int_equal(vc_trace_join(c, f), 0);
	fclose(f);
	struct vc_sfx_obs *o = &c->devices[0].sfx[0];
	assert_int_equal(o->ndev_events, 32 + 1 + 1);
	assert_string_equal(o->dev_events[32], "vhost_user_write req:25 flags:0x9");
	assert_string_equal(o->dev_events[33], "vcheck_events_not_kept 168: vhost-user GET_CONFIG (24) 168");
	vc_run_free(&run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(join_events_go_to_the_step_that_follows_them),
		cmocka_unit_test(join_strips_a_timestamp_prefix),
		cmocka_unit_test(sfx_record_becomes_an_observation),
		cmocka_unit_test(event_records_carry_isr_and_generation),
		cmocka_unit_test(malformed_sfx_records_are_problems),
		cmocka_unit_test(join_counts_what_it_does_not_keep),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
