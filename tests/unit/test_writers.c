/* Unit tests for the result writers: results.json (harness/results/results_json.c,
 * docs/results-schema.md) and JUnit XML (reports/junit.c). The files are
 * checked for content with string searches and for well-formedness with
 * Python's json and xml.dom.minidom parsers; junit.xml also against
 * tests/schemas/junit.xsd (the structure Jenkins reads) with xmllint. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness/plan/catalogue.h"
#include "harness/util/json.h"
#include "reports/junit.h"
#include "harness/model/model.h"
#include "harness/results/results_json.h"
#include "harness/util/vec.h"

#define NASTY "bad \"<&>\" \x07 end"

static const uint8_t config[] = { 0x00, 0x08, 0xab, 0xcd, 0xef, 0x10, 0x7f, 0xff };
static const uint8_t past[] = { 0xff, 0xff, 0xff, 0xff };
static const uint32_t words[] = { 0x31006ed4, 0x00000001, 0x00000000, 0x80000000 };

struct fixture {
	struct vc_run run;
	char dir[64], json[96], xml[96];
};

static void add_check(struct vc_device *d, const char *id, enum vc_verdict v, const char *detail)
{
	struct vc_check_result *k = VEC_PUSH(d->checks, d->nchecks, d->capchecks);
	k->id = vc_xstrdup(id);
	k->verdict = v;
	k->detail = vc_xstrdup(detail);
}

/* one completed cell, one blk device at the attached location */
static void build_run(struct vc_run *run, const char *fail_detail)
{
	memset(run, 0, sizeof(*run));
	struct vc_cell *c = VEC_PUSH(run->cells, run->ncells, run->capcells);
	c->name = vc_xstrdup("qemu-aarch64-virt.mmio-v2.direct");
	c->target = vc_xstrdup("qemu-aarch64-virt");
	c->arch = vc_xstrdup("aarch64");
	c->transport = vc_xstrdup("mmio-v2");
	c->personality = vc_xstrdup("direct");
	c->log_dir = vc_xstrdup("cells/qemu-aarch64-virt.mmio-v2.direct");
	c->outcome = VC_OUT_COMPLETED;
	c->seconds = 1.25;
	c->records = 42;
	c->noise_lines = 3;
	c->started = c->ended = 1;
	struct vc_expected *e = VEC_PUSH(c->expected, c->nexpected, c->capexpected);
	e->model = vc_xstrdup("blk");
	e->location = vc_xstrdup("mmio@0xa000000");
	e->device_id = 2;
	struct vc_device *d = VEC_PUSH(c->devices, c->ndevices, c->capdevices);
	d->model = vc_xstrdup("blk");
	d->location = vc_xstrdup("mmio@0xa000000");
	d->interface = vc_xstrdup("mmio-v2");
	d->device_id = 2;
	d->vendor_id = 0x554d4551;
	d->version = 2;
	memcpy(d->feature_words, words, sizeof(words));
	d->nfeature_words = 4;
	d->queues = calloc(1, sizeof(*d->queues));
	d->queues[0].index = 0;
	d->queues[0].num_max = 1024;
	d->nqueues = d->capqueues = 1;
	d->config = malloc(sizeof(config));
	memcpy(d->config, config, sizeof(config));
	d->config_len = d->config_cap = sizeof(config);
	memcpy(d->past_end, past, sizeof(past));
	d->past_end_len = sizeof(past);
	add_check(d, "MMIO-ID-001", VC_PASS, "");
	add_check(d, "MMIO-ID-002", VC_FAIL, fail_detail);
}

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	if (!f)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/vc_writers_XXXXXX");
	if (!mkdtemp(f->dir))
		return free(f), -1;
	snprintf(f->json, sizeof(f->json), "%s/results.json", f->dir);
	snprintf(f->xml, sizeof(f->xml), "%s/junit.xml", f->dir);
	build_run(&f->run, NASTY);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	vc_run_free(&f->run);
	unlink(f->json);
	unlink(f->xml);
	rmdir(f->dir);
	free(f);
	return 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	assert_true(n > 0);
	fseek(fp, 0, SEEK_SET);
	char *s = malloc((size_t)n + 1);
	assert_non_null(s);
	assert_int_equal(fread(s, 1, (size_t)n, fp), (size_t)n);
	s[n] = 0;
	fclose(fp);
	if (len)
		*len = (size_t)n;
	return s;
}

/* Runs python3 with a script and the file as argv[1]; returns the exit status. */
static int python(const char *script, const char *file)
{
	char scr[] = "/tmp/vc_writers_py_XXXXXX";
	int fd = mkstemp(scr);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, script, strlen(script)), (ssize_t)strlen(script));
	close(fd);
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "python3 %s '%s'", scr, file);
	int rc = system(cmd);
	unlink(scr);
	assert_true(rc != -1 && WIFEXITED(rc));
	return WEXITSTATUS(rc);
}

/* ---- results.json -------------------------------------------------------- */

static void test_json_content(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(vc_write_results_json(&f->run, f->json), 0);
	char *s = slurp(f->json, NULL);
	assert_non_null(strstr(s, "\"schema\": \"vcheck/1\""));
	/* the detail: quote and backslash escaped, control character as \u00XX */
	assert_non_null(strstr(s, "\"bad \\\"<&>\\\" \\u0007 end\""));
	assert_null(strchr(s, '\x07'));
	/* byte strings are lower-case hex without a prefix */
	assert_non_null(strstr(s, "\"0008abcdef107fff\""));
	assert_non_null(strstr(s, "\"ffffffff\""));
	assert_null(strstr(s, "ABCDEF"));
	/* hex values are 0x strings */
	assert_non_null(strstr(s, "\"0x31006ed4\""));
	assert_non_null(strstr(s, "\"0x00000001\""));
	assert_non_null(strstr(s, "\"0x00000000\""));
	assert_non_null(strstr(s, "\"0x80000000\""));
	assert_non_null(strstr(s, "\"0x554d4551\""));
	free(s);
}

static void test_json_wellformed(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(vc_write_results_json(&f->run, f->json), 0);
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "python3 -c 'import json,sys; json.load(open(sys.argv[1]))' '%s'", f->json);
	int rc = system(cmd);
	assert_true(rc != -1 && WIFEXITED(rc));
	assert_int_equal(WEXITSTATUS(rc), 0);
}

/* The parsed document carries the values of docs/results-schema.md. */
static void test_json_schema_values(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(vc_write_results_json(&f->run, f->json), 0);
	const struct vc_check *k1 = vc_catalogue_find("MMIO-ID-001");
	assert_non_null(k1);
	char script[4096];
	snprintf(script, sizeof(script),
		 "import json, sys\n"
		 "d = json.load(open(sys.argv[1]))\n"
		 "def eq(a, b):\n"
		 "    if a != b:\n"
		 "        print('mismatch: %%r != %%r' %% (a, b)); sys.exit(1)\n"
		 "eq(d['schema'], 'vcheck/1')\n"
		 "eq(d['verdict'], 'FAIL')\n"
		 "eq(len(d['cells']), 1)\n"
		 "c = d['cells'][0]\n"
		 "eq(c['name'], 'qemu-aarch64-virt.mmio-v2.direct')\n"
		 "eq(c['transport'], 'mmio-v2')\n"
		 "eq(c['personality'], 'direct')\n"
		 "eq(c['outcome'], 'completed')\n"
		 "eq(c['outcome_detail'], None)\n"
		 "eq(c['verdict'], 'FAIL')\n"
		 "eq(abs(c['seconds'] - 1.25) < 1e-6, True)\n"
		 "eq(c['logs'], 'cells/qemu-aarch64-virt.mmio-v2.direct')\n"
		 "eq(c['records'], 42)\n"
		 "eq(c['noise_lines'], 3)\n"
		 "eq(c['problems'], [])\n"
		 "eq(c['attached'], [{'model': 'blk', 'location': 'mmio@0xa000000', 'device_id': 2}])\n"
		 "eq(len(c['devices']), 1)\n"
		 "v = c['devices'][0]\n"
		 "eq(v['model'], 'blk')\n"
		 "eq(v['device_id'], 2)\n"
		 "eq(v['vendor_id'], '0x554d4551')\n"
		 "eq(v['location'], 'mmio@0xa000000')\n"
		 "eq(v['interface'], 'mmio-v2')\n"
		 "eq(v['version'], 2)\n"
		 "eq('pci_device_id' in v, False)\n"
		 "eq(v['feature_words'], ['0x31006ed4', '0x00000001', '0x00000000', '0x80000000'])\n"
		 "eq(v['queues'], [{'index': 0, 'num_max': 1024}])\n"
		 "eq(v['config'], '0008abcdef107fff')\n"
		 "eq(v['config_past_end'], 'ffffffff')\n"
		 "eq(v['faults'], 0)\n"
		 "eq(len(v['checks']), 2)\n"
		 "a, b = v['checks']\n"
		 "eq(a['id'], 'MMIO-ID-001')\n"
		 "eq(a['verdict'], 'PASS')\n"
		 "eq(a['spec'], %s%s%s)\n"
		 "eq(a['level'], 'MUST')\n"
		 "eq(a['detail'], None)\n"
		 "eq(b['id'], 'MMIO-ID-002')\n"
		 "eq(b['verdict'], 'FAIL')\n"
		 "eq(b['detail'], 'bad \"<&>\" \\x07 end')\n",
		 "'", k1->spec, "'");
	assert_int_equal(k1->level, VC_MUST);
	assert_int_equal(python(script, f->json), 0);
}

static void test_json_pci_and_problems(void **state)
{
	struct fixture *f = *state;
	struct vc_cell *c = &f->run.cells[0];
	struct vc_device *d = &c->devices[0];
	d->is_pci = 1;
	d->version = 0;
	d->pci_device = 0x1042;
	d->pci_revision = 1;
	d->pci_subsys = 2;
	c->outcome = VC_OUT_CRASHED;
	c->outcome_detail = vc_xstrdup("guest exception: vector 4");
	vc_cell_problem(c, "malformed record: %s", "tab\there \"q\"");
	free(d->checks[1].id);
	d->checks[1].id = vc_xstrdup("NOT-IN-CATALOGUE-1");
	assert_int_equal(vc_write_results_json(&f->run, f->json), 0);
	const char *script =
		"import json, sys\n"
		"d = json.load(open(sys.argv[1]))\n"
		"c = d['cells'][0]\n"
		"v = c['devices'][0]\n"
		"ok = (d['verdict'] == 'CRASH' and c['outcome'] == 'crashed'\n"
		"      and c['outcome_detail'] == 'guest exception: vector 4'\n"
		"      and c['problems'] == ['malformed record: tab\\there \"q\"']\n"
		"      and v['pci_device_id'] == '0x1042' and v['pci_revision'] == 1\n"
		"      and v['pci_subsystem_id'] == '0x0002' and 'version' not in v\n"
		"      and v['checks'][1]['spec'] is None and v['checks'][1]['title'] is None)\n"
		"sys.exit(0 if ok else 1)\n";
	assert_int_equal(python(script, f->json), 0);
}

/* Bytes above 0x7f (a guest may send any byte as %XX) still give valid JSON. */
static void test_json_high_bytes(void **state)
{
	struct fixture *f = *state;
	struct vc_check_result *k = &f->run.cells[0].devices[0].checks[1];
	free(k->detail);
	k->detail = vc_xstrdup("hi \xff\xfe\x80 lo \x7f");
	assert_int_equal(vc_write_results_json(&f->run, f->json), 0);
	assert_int_equal(python("import json,sys; json.load(open(sys.argv[1], encoding='utf-8'))\n", f->json), 0);
}

/* Plain runs pass through; each special byte is escaped where it stands. */
static void test_json_escape_bytes(void **state)
{
	(void)state;
	char buf[256] = "";
	FILE *m = fmemopen(buf, sizeof(buf) - 1, "w");
	assert_non_null(m);
	json_escape(m, "plain run \"q\" back\\slash \x01\x7f\xc3\tend");
	json_escape(m, "");
	json_escape(m, "\"");
	fclose(m);
	assert_string_equal(buf, "plain run \\\"q\\\" back\\\\slash \\u0001\\u007f\\u00c3\\u0009end\\\"");
}

static void test_json_empty_run(void **state)
{
	struct fixture *f = *state;
	struct vc_run empty = { 0 };
	assert_int_equal(vc_write_results_json(&empty, f->json), 0);
	assert_int_equal(python("import json,sys\n"
				"d = json.load(open(sys.argv[1]))\n"
				"named = isinstance(d.pop('vcheck'), str) and d.pop('catalogue').startswith('0x')\n"
				"sys.exit(0 if named and d == {'schema': 'vcheck/1', 'verdict': 'PASS', 'cells': []} else 1)\n",
				f->json), 0);
	assert_int_not_equal(vc_write_results_json(&empty, "/nonexistent/dir/results.json"), 0);
}

/* ---- JUnit --------------------------------------------------------------- */

static void test_junit_content(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(vc_write_junit(&f->run, f->xml), 0);
	size_t n;
	char *s = slurp(f->xml, &n);
	assert_int_equal(strlen(s), n); /* no NUL */
	assert_non_null(strstr(s, "&lt;"));
	assert_non_null(strstr(s, "&amp;"));
	assert_non_null(strstr(s, "&quot;"));
	/* the detail whole: plain runs kept, every special in place, BEL as '?' */
	assert_non_null(strstr(s, "bad &quot;&lt;&amp;&gt;&quot; ? end"));
	assert_non_null(strstr(s, "<failure"));
	/* the failure belongs to the failing check */
	const char *tc = strstr(s, "name=\"MMIO-ID-002\"");
	assert_non_null(tc);
	const char *end = strstr(tc, "</testcase>");
	assert_non_null(end);
	const char *fl = strstr(tc, "<failure");
	assert_true(fl && fl < end);
	/* and the passing one has none: it is an empty element */
	tc = strstr(s, "name=\"MMIO-ID-001\"");
	assert_non_null(tc);
	end = strchr(tc, '>');
	assert_true(end && end[-1] == '/');
	/* raw detail text never appears unescaped */
	assert_null(strstr(s, "\"<&>\""));
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 && c != '\n' && c != '\t' && c != '\r')
			fail_msg("raw control character 0x%02x at offset %zu", c, i);
	}
	free(s);
}

static void test_junit_wellformed(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(vc_write_junit(&f->run, f->xml), 0);
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "python3 -c 'import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])' '%s'",
		 f->xml);
	int rc = system(cmd);
	assert_true(rc != -1 && WIFEXITED(rc));
	assert_int_equal(WEXITSTATUS(rc), 0);
}

static void test_junit_structure(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(vc_write_junit(&f->run, f->xml), 0);
	const char *script =
		"import sys, xml.dom.minidom\n"
		"doc = xml.dom.minidom.parse(sys.argv[1])\n"
		"suites = doc.getElementsByTagName('testsuite')\n"
		"assert len(suites) == 1, len(suites)\n"
		"assert suites[0].getAttribute('name') == 'qemu-aarch64-virt.mmio-v2.direct'\n"
		"cases = {c.getAttribute('name'): c for c in doc.getElementsByTagName('testcase')}\n"
		"assert 'MMIO-ID-001' in cases and 'MMIO-ID-002' in cases, list(cases)\n"
		"assert not cases['MMIO-ID-001'].getElementsByTagName('failure')\n"
		"fails = cases['MMIO-ID-002'].getElementsByTagName('failure')\n"
		"assert len(fails) == 1\n"
		"msg = fails[0].getAttribute('message')\n"
		"assert msg.startswith('bad \"<&>\" ') and msg.endswith(' end'), repr(msg)\n"
		"assert fails[0].getAttribute('type') == 'FAIL'\n"
		"# the boot passed, and the attached blk was found\n"
		"assert not cases['boot'].getElementsByTagName('failure')\n"
		"found = [n for n in cases if n.startswith('found.')]\n"
		"assert found == ['found.blk'], found\n"
		"assert not cases['found.blk'].getElementsByTagName('failure')\n";
	assert_int_equal(python(script, f->xml), 0);
}

static void test_junit_skip_warn_and_missing(void **state)
{
	struct fixture *f = *state;
	struct vc_cell *c = &f->run.cells[0];
	struct vc_device *d = &c->devices[0];
	d->checks[0].verdict = VC_SKIP;
	free(d->checks[0].detail);
	d->checks[0].detail = vc_xstrdup("needs <F_X>");
	d->checks[1].verdict = VC_WARN;
	/* the device is no longer the attached model: found.blk fails */
	free(d->model);
	d->model = NULL;
	assert_int_equal(vc_write_junit(&f->run, f->xml), 0);
	const char *script =
		"import sys, xml.dom.minidom\n"
		"doc = xml.dom.minidom.parse(sys.argv[1])\n"
		"cases = {c.getAttribute('name'): c for c in doc.getElementsByTagName('testcase')}\n"
		"sk = cases['MMIO-ID-001'].getElementsByTagName('skipped')\n"
		"assert len(sk) == 1 and 'needs <F_X>' in sk[0].getAttribute('message')\n"
		"assert not cases['MMIO-ID-002'].getElementsByTagName('failure')\n"
		"out = cases['MMIO-ID-002'].getElementsByTagName('system-out')\n"
		"assert len(out) == 1 and 'WARN' in out[0].firstChild.data\n"
		"assert len(cases['found.blk'].getElementsByTagName('failure')) == 1\n";
	assert_int_equal(python(script, f->xml), 0);
}

/* A detail with bytes that are not UTF-8 (a guest can send any byte as %XX)
 * must not break the document, which declares encoding="UTF-8". */
static void test_junit_high_bytes_wellformed(void **state)
{
	struct fixture *f = *state;
	struct vc_check_result *k = &f->run.cells[0].devices[0].checks[1];
	free(k->detail);
	k->detail = vc_xstrdup("value \xff\xfe read");
	assert_int_equal(vc_write_junit(&f->run, f->xml), 0);
	assert_int_equal(python("import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])\n", f->xml), 0);
}

/* ---- JUnit as CI systems read it (docs/reports.md) ---------------------- */

#define JUNIT_XSD VC_FIXTURE_DIR "/../../schemas/junit.xsd"

/* xmllint (libxml2-utils) validates the file against the schema. */
static void assert_schema_valid(const char *file)
{
	if (system("command -v xmllint >/dev/null 2>&1") != 0) {
		print_message("xmllint not installed (libxml2-utils): schema validation skipped\n");
		skip();
	}
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "xmllint --noout --schema '%s' '%s'", JUNIT_XSD, file);
	int rc = system(cmd);
	assert_true(rc != -1 && WIFEXITED(rc));
	assert_int_equal(WEXITSTATUS(rc), 0);
}

/* A check per verdict on the fixture's device: V-NAME, detail "why NAME",
 * a baseline's reason "listed: NAME" where the baseline made the verdict. */
static void add_every_verdict(struct vc_run *run)
{
	struct vc_device *d = &run->cells[0].devices[0];
	for (int v = 0; v < VC_VERDICT__COUNT; v++) {
		char id[32], why[32];
		snprintf(id, sizeof(id), "V-%s", vc_verdict_name((enum vc_verdict)v));
		snprintf(why, sizeof(why), "why %s", vc_verdict_name((enum vc_verdict)v));
		add_check(d, id, (enum vc_verdict)v, why);
		if (v == VC_XFAIL || v == VC_XPASS)
			d->checks[d->nchecks - 1].baseline_reason = vc_xasprintf("listed: %s", vc_verdict_name((enum vc_verdict)v));
	}
}

/* Every count of every testsuite (and of testsuites) agrees with its
 * testcases, and each verdict has its element. A format: whether a WARN
 * fails (True, False), then the spec section of MMIO-ID-002. */
static const char junit_mapping_script[] =
	"import sys, xml.dom.minidom\n"
	"doc = xml.dom.minidom.parse(sys.argv[1])\n"
	"warn_fails = %s\n"
	"spec = '%s'\n"
	"def kids(e, tag): return [c for c in e.childNodes if c.nodeType == c.ELEMENT_NODE and c.tagName == tag]\n"
	"def props(e):\n"
	"    p = kids(e, 'properties')\n"
	"    return {x.getAttribute('name'): x.getAttribute('value') for x in p[0].getElementsByTagName('property')} if p else {}\n"
	"def text(e): return ''.join(n.data for n in e.childNodes if n.nodeType == n.TEXT_NODE)\n"
	"root = doc.documentElement\n"
	"tot = dict(tests=0, failures=0, errors=0, skipped=0)\n"
	"for s in kids(root, 'testsuite'):\n"
	"    n = dict(tests=0, failures=0, errors=0, skipped=0)\n"
	"    for c in kids(s, 'testcase'):\n"
	"        n['tests'] += 1\n"
	"        for k, tag in (('failures', 'failure'), ('errors', 'error'), ('skipped', 'skipped')):\n"
	"            n[k] += len(kids(c, tag))\n"
	"    for k in n:\n"
	"        assert int(s.getAttribute(k)) == n[k], (k, s.getAttribute(k), n[k])\n"
	"        tot[k] += n[k]\n"
	"for k in tot:\n"
	"    assert int(root.getAttribute(k)) == tot[k], (k, root.getAttribute(k), tot[k])\n"
	"cases = {c.getAttribute('name'): c for c in doc.getElementsByTagName('testcase')}\n"
	"def outcome(c): return [(e.tagName, e.getAttribute('type')) for e in kids(c, 'failure') + kids(c, 'error') + kids(c, 'skipped')]\n"
	"assert not cases['V-PASS'].childNodes\n"
	"for v in ('SKIP', 'XFAIL', 'WARN', 'ERROR', 'XPASS', 'FAIL', 'FAULT', 'WEDGED', 'CRASH'):\n"
	"    c = cases['V-' + v]\n"
	"    assert props(c)['vcheck.verdict'] == v, (v, props(c))\n"
	"    tag = {'SKIP': 'skipped', 'XFAIL': None, 'WARN': 'failure' if warn_fails else None}.get(v)\n"
	"    tag = tag or ('error' if v in ('ERROR', 'WEDGED', 'CRASH') else 'failure' if v not in ('XFAIL', 'WARN') else None)\n"
	"    assert outcome(c) == ([(tag, '' if tag == 'skipped' else v)] if tag else []), (v, outcome(c))\n"
	"    if tag:\n"
	"        e = kids(c, tag)[0]\n"
	"        assert e.getAttribute('message') == 'why ' + v, (v, e.getAttribute('message'))\n"
	"        assert tag == 'skipped' or text(e).startswith('why ' + v), (v, text(e))\n"
	"    if v in ('XFAIL', 'WARN'):\n"
	"        out = kids(c, 'system-out')\n"
	"        assert len(out) == 1 and (v + ': why ' + v) in text(out[0]), (v, out and text(out[0]))\n"
	"    if v in ('XFAIL', 'XPASS'):\n"
	"        assert props(c)['vcheck.baseline'] == 'listed: ' + v\n"
	"assert 'listed: XPASS' in text(kids(cases['V-XPASS'], 'failure')[0])\n"
	"assert props(cases['MMIO-ID-002'])['vcheck.spec'] == spec\n";

static void junit_mapping(struct fixture *f, enum vc_fail_on fail_on)
{
	add_every_verdict(&f->run);
	assert_int_equal(vc_write_junit_for(&f->run, f->xml, fail_on), 0);
	char script[sizeof(junit_mapping_script) + 64];
	snprintf(script, sizeof(script), junit_mapping_script, fail_on == VC_FAIL_ON_WARN ? "True" : "False",
		 vc_catalogue_find("MMIO-ID-002")->spec);
	assert_int_equal(python(script, f->xml), 0);
	assert_schema_valid(f->xml);
}

static void test_junit_mapping(void **state) { junit_mapping(*state, VC_FAIL_ON_FAIL); }

/* --fail-on warn: a WARN is a failure too, and counted as one. */
static void test_junit_mapping_fail_on_warn(void **state) { junit_mapping(*state, VC_FAIL_ON_WARN); }

/* A check the run profiled carries its guest time (check and the reset
 * before it); the others 0; the testsuite the cell's wall time. */
static void test_junit_times(void **state)
{
	struct fixture *f = *state;
	struct vc_check_result *k = &f->run.cells[0].devices[0].checks[0];
	k->timed = 1, k->us = 1500, k->reset_us = 500;
	assert_int_equal(vc_write_junit(&f->run, f->xml), 0);
	char *s = slurp(f->xml, NULL);
	assert_non_null(strstr(s, "name=\"MMIO-ID-001\" time=\"0.002000\""));
	assert_non_null(strstr(s, "name=\"MMIO-ID-002\" time=\"0.000000\""));
	assert_non_null(strstr(s, "name=\"boot\" time=\"0.000000\""));
	assert_non_null(strstr(s, "skipped=\"0\" time=\"1.250\""));
	free(s);
	assert_schema_valid(f->xml);
}

/* Whatever a run holds, the file is one the schema accepts: the fixture,
 * a crashed cell with problems, bytes that are not UTF-8, no cell at all. */
static void test_junit_schema_valid(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(vc_write_junit(&f->run, f->xml), 0);
	assert_schema_valid(f->xml);
	struct vc_cell *c = &f->run.cells[0];
	c->outcome = VC_OUT_CRASHED;
	c->outcome_detail = vc_xstrdup("guest exception: \xff vector 4");
	vc_cell_problem(c, "malformed record: %s", "tab\there");
	assert_int_equal(vc_write_junit(&f->run, f->xml), 0);
	assert_schema_valid(f->xml);
	struct vc_run empty = { 0 };
	assert_int_equal(vc_write_junit(&empty, f->xml), 0);
	assert_schema_valid(f->xml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_json_content, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_wellformed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_schema_values, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_pci_and_problems, setup, teardown),
		cmocka_unit_test_setup_teardown(test_json_high_bytes, setup, teardown),
		cmocka_unit_test(test_json_escape_bytes),
		cmocka_unit_test_setup_teardown(test_json_empty_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_junit_content, setup, teardown),
		cmocka_unit_test_setup_teardown(test_junit_wellformed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_junit_structure, setup, teardown),
		cmocka_unit_test_setup_teardown(test_junit_skip_warn_and_missing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_junit_high_bytes_wellformed, setup, teardown),
		cmocka_unit_test_setup_teardown(test_junit_mapping, setup, teardown),
		cmocka_unit_test_setup_teardown(test_junit_mapping_fail_on_warn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_junit_times, setup, teardown),
		cmocka_unit_test_setup_teardown(test_junit_schema_valid, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
