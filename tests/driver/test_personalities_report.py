"""The personalities section of `vcheck report` on real runs (issue 5): the
catalogue through the direct, Gunyah and Xen personalities on mmio-v2 for a
few devices, a side-effect run of the same devices, and `report --models`.

What must differ comes from what Gunyah's hypervisor does
(../shared/reference/gunyah-virtio-mmio.md): a reset is posted, so Status
reads DEVICE_NEEDS_RESET until the backend acknowledges (section 4);
QueueSel at or past the configured queue count aborts (section 2); config
writes are 8 or 32 bits wide, so a 16-bit one aborts (section 1); and
virtio-input config other than select/subsel aborts (section 3). The rows,
rules and model verdicts are also recomputed here from the two
results.json files, independently of the C code, and the page is read
back from headless Chromium's DOM. The XEN-GNT checks apply under xen
alone (suites/features/xen_grant.c): direct skips them by construction,
and the report lists them apart as run under that personality only."""
import os
import shutil
from html.parser import HTMLParser

import pytest

from test_report import CHROMIUM, dump_dom, read

DEVICES = ("blk", "rng", "keyboard")
PASS_LIKE, FAIL_LIKE = {"PASS", "WARN", "XPASS"}, {"XFAIL", "FAIL", "FAULT", "WEDGED", "CRASH"}
FIRM = {"special-case", "sync-backend", "cannot-work"}   # a prediction that the page cannot just serve it


def verdict_class(v):
    return 0 if v in PASS_LIKE else 1 if v == "SKIP" else 2


class Rows(HTMLParser):
    """Rows of table.personality-diffs: [(tr attrs, [td texts], [li attrs])], the
    totals paragraph's attributes, the disagreement list's items and the
    personality-only list's items; every row and item carries its pair's
    personality as "pair"."""

    def __init__(self):
        super().__init__()
        self.rows, self.totals, self.disagreements, self.personality_only = [], None, [], []
        self.in_table = False
        self.cell = None
        self.pair = None
        self.list = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and a.get("class") == "personality-pair":
            self.pair = a["data-personality"]
        elif tag == "table" and a.get("class") == "personality-diffs":
            self.in_table = True
        elif tag == "tr" and self.in_table and "data-check" in a:
            self.rows.append((dict(a, pair=self.pair), [], []))
        elif tag in ("td", "th") and self.in_table and self.rows:
            self.cell = ""
        elif tag == "li" and self.in_table and self.rows and "data-rule" in a:
            self.rows[-1][2].append(a)
        elif tag == "ul" and not self.in_table:
            self.list = a.get("class")
        elif tag == "li" and "data-check" in a and self.list == "disagreements":
            self.disagreements.append(dict(a, pair=self.pair))
        elif tag == "li" and "data-check" in a and self.list == "personality-only":
            self.personality_only.append(dict(a, pair=self.pair))
        elif tag == "p" and a.get("id") == "personality-totals":
            self.totals = a

    def handle_endtag(self, tag):
        if tag == "ul":
            self.list = None
        elif tag == "table":
            self.in_table = False
        elif tag in ("td", "th") and self.cell is not None:
            self.rows[-1][1].append(self.cell.strip())
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def parse(html):
    p = Rows()
    p.feed(html)
    p.close()
    return p


def device_args():
    return [a for d in DEVICES for a in ("--device", d)]


@pytest.fixture(scope="module")
def runs(run_vcheck_module, tmp_path_factory):
    live = tmp_path_factory.mktemp("personalities")
    r = run_vcheck_module("run", "-q", "--personality", "direct,gunyah,xen", "--transport", "mmio-v2",
                          *device_args(), out=live, timeout=120)
    assert r.results is not None, r.stderr
    assert {c["personality"] for c in r.results["cells"]} == {"direct", "gunyah", "xen"}
    sfx = tmp_path_factory.mktemp("personalities-sidefx")
    s = run_vcheck_module("run", "-q", "--sidefx", "--transport", "mmio-v2", *device_args(), out=sfx,
                          timeout=120)
    assert s.results is not None, s.stderr
    return live, r.results, sfx, s.results


@pytest.fixture(scope="module")
def report(runs, run_vcheck_module, tmp_path_factory):
    live, _, sfx, _ = runs
    out = tmp_path_factory.mktemp("personalities-report")
    r = run_vcheck_module("report", live, "--models", sfx, "--out", out)
    assert r.rc == 0, r.stderr
    return out, parse(read(out / "report.html")), section(read(out / "report.md"))


def section(md):
    """report.md's personalities section (other sections list the same checks)."""
    assert "\n## Personalities\n" in md
    return md.split("\n## Personalities\n")[1].split("\n## ")[0]


def cells(results):
    return {c["personality"]: c for c in results["cells"]}


def expected_diffs(results, personality="gunyah"):
    """{(device, check): (direct verdict, personality's verdict, rules)} whose class differs."""
    by = cells(results)
    base = {(d["location"], d["model"]): d for d in by["direct"]["devices"]}
    want = {}
    for d in by[personality]["devices"]:
        b = base[(d["location"], d["model"])]
        bk = {k["id"]: k for k in b["checks"]}
        for k in d["checks"]:
            if k["id"] in bk and verdict_class(k["verdict"]) != verdict_class(bk[k["id"]]["verdict"]):
                want[(d["model"], k["id"])] = (bk[k["id"]]["verdict"], k["verdict"], k.get("rules", []))
    return want


def personality_only(check_id, base_verdict, personality):
    """Whether a difference is a check that applies under the personality alone:
    the XEN-GNT checks are xen's (suites/features/xen_grant.c), skipped elsewhere."""
    return check_id.startswith("XEN-GNT-") and personality == "xen" and base_verdict == "SKIP"


def expected_rows(results, personality="gunyah"):
    """The differences the table lists: all but the personality-only ones."""
    return {k: v for k, v in expected_diffs(results, personality).items()
            if not personality_only(k[1], v[0], personality)}


def wire_register(rule):
    """("transport"|"config", offset) of a rule "name@0xOFF" (mmio offsets; config from 0x100).
    personality-features is about the device's offer: DeviceFeatures (0x10),
    whatever placeholder offset the guest gives it."""
    name, offset = rule.split("@")[0], int(rule.split("@")[1], 16)
    if name == "personality-features":
        return ("transport", 0x10)
    return ("config", offset - 0x100) if offset >= 0x100 else ("transport", offset)


# Natural widths of the config fields the rules below name (VIRTIO 1.2
# 5.2.4 blk geometry.cylinders le16, 5.8.4 input select/subsel u8, 5.5.4
# balloon actual le32).
FIELD_WIDTH = {("blk", 0x10): 2, ("keyboard", 0): 1, ("keyboard", 1): 1, ("balloon", 4): 4}


def model_verdict(sfx_results, model, space, offset, hv="gunyah"):
    """A hypervisor model's verdict for a register of the side-effect run, and the register."""
    dev = [d for c in sfx_results["cells"] for d in c["devices"] if d["model"] == model][0]
    # config is examined at every width: the register at the field's natural
    # width (FIELD_WIDTH, from the spec) stands for the field, as the report takes it
    want = FIELD_WIDTH.get((model, offset)) if space == "config" else None
    starting = [r for r in dev["registers"] if r["space"] == space and int(r["offset"], 16) == offset]
    for r in starting:
        if want is None or r["width"] == want:
            return r["models"][hv]["verdict"], r
    if starting:
        return starting[0]["models"][hv]["verdict"], starting[0]
    for r in dev["registers"]:
        start = int(r["offset"], 16)
        if r["space"] == space and space == "config" and start < offset < start + r["width"]:
            return r["models"][hv]["verdict"], r
    return "none", None


def gunyah_verdict(sfx_results, model, space, offset):
    return model_verdict(sfx_results, model, space, offset)


def row(rows, device, check, pair="gunyah"):
    hits = [(a, texts, lis) for a, texts, lis in rows
            if a["data-device"] == device and a["data-check"] == check and a["pair"] == pair]
    assert len(hits) == 1, (device, check, len(hits))
    return hits[0]


def test_rows_are_the_checks_whose_verdict_class_differs(runs, report):
    _, results, _, _ = runs
    _, page, _ = report
    total = 0
    for pers in ("gunyah", "xen"):
        got = {(a["data-device"], a["data-check"]): (a["data-base-verdict"], a["data-verdict"],
                                                     [li["data-rule"] for li in lis])
               for a, _, lis in page.rows if a["pair"] == pers}
        want = {k: (v[0], v[1], [r.split("@")[0] for r in v[2]]) for k, v in expected_rows(results, pers).items()}
        assert got == want, pers
        total += len(expected_diffs(results, pers))
    assert int(page.totals["data-differences"]) == total


def test_checks_of_one_personality_are_listed_apart(runs, report):
    """XEN-GNT-001/002 skip under direct and gunyah ("not the xen personality")
    and run under xen: listed apart as run under xen only, never as rows to
    explain; under gunyah they are no difference at all."""
    _, results, _, _ = runs
    _, page, md = report
    diffs = expected_diffs(results, "xen")
    want = {k for k, v in diffs.items() if personality_only(k[1], v[0], "xen")}
    assert want, "no XEN-GNT check ran under xen"
    got = {(li["data-device"], li["data-check"]) for li in page.personality_only}
    assert got == want
    assert {li["pair"] for li in page.personality_only} == {"xen"}
    for li in page.personality_only:
        assert li["data-base-verdict"] == "SKIP"
        assert li["data-verdict"] == diffs[(li["data-device"], li["data-check"])][1]
    assert int(page.totals["data-personality-only"]) == len(want)
    assert not [k for k in expected_diffs(results, "gunyah") if k[1].startswith("XEN-GNT-")]
    assert not [a for a, _, _ in page.rows if a["data-check"].startswith("XEN-GNT-")]
    assert "Run under xen only (" in md


def test_reset_is_posted_on_every_device(report):
    """Section 4: writing 0 to Status sets DEVICE_NEEDS_RESET in the page until the
    backend acknowledges, so 'Status reads 0 after the driver writes 0' fails under
    gunyah and passes on QEMU directly; the rule names Status (0x70)."""
    _, page, md = report
    for dev in DEVICES:
        a, texts, lis = row(page.rows, dev, "STATUS-RESET-001")
        assert (a["data-base-verdict"], a["data-verdict"]) == ("PASS", "XFAIL")
        assert ("reset-posted", "Status") in [(li["data-rule"], li["data-register"]) for li in lis]
        # the page cannot serve a synchronous reset: the model must not call Status emulable
        status = [li for li in lis if li["data-register"] == "Status"][0]
        assert status["data-model-verdict"] in FIRM
        assert a["data-agreement"] == "agrees"
        line = [ln for ln in md.splitlines() if ln.startswith("| %s | STATUS-RESET-001 |" % dev)]
        assert line and "reset-posted at Status: %s" % status["data-model-verdict"] in line[0], line


def test_queue_sel_past_the_last_queue_aborts(report):
    """Section 2: QueueSel at or past the configured queue count faults, so the
    check that reads QueueNumMax 0 there cannot pass; QueueSel is emulated in the
    hypervisor (a special case), never served from the page alone."""
    _, page, _ = report
    for dev in DEVICES:
        a, _, lis = row(page.rows, dev, "MMIO-QUEUE-001")
        assert a["data-base-verdict"] == "PASS" and verdict_class(a["data-verdict"]) == 2
        assert [(li["data-rule"], li["data-register"]) for li in lis] == [("queue-sel", "QueueSel")]
        assert lis[0]["data-model-verdict"] != "emulable"
        assert a["data-agreement"] == "agrees"


def test_config_write_rules(runs, report):
    """Section 1: a 16-bit config write aborts (blk's first read-only 16-bit field);
    section 3: virtio-input config other than select (0x100) and subsel (0x101)
    aborts."""
    _, _, _, sfx_results = runs
    _, page, _ = report
    _, _, lis = row(page.rows, "blk", "CFG-RO-001")
    width = [li for li in lis if li["data-rule"] == "write-width"]
    assert width, lis
    space, offset = width[0]["data-register"].split("+")
    _, reg = gunyah_verdict(sfx_results, "blk", space, int(offset, 16))
    assert reg is not None and reg["width"] in (2, 8), reg
    assert width[0]["data-field"] == reg["name"]
    _, _, lis = row(page.rows, "keyboard", "CFG-RO-001")
    rules = [(li["data-rule"], li["data-register"]) for li in lis]
    assert rules and all(r == "input-config" for r, _ in rules), rules
    assert all(reg not in ("config+0x0", "config+0x1") for _, reg in rules), rules


def agreement(wire, verdicts):
    """No rule: unexplained. One register the model does not call emulable
    explains the difference; otherwise an emulable one disagrees."""
    if not wire:
        return "unexplained"
    if FIRM & set(verdicts):
        return "agrees"
    return "disagrees" if "emulable" in verdicts else "no-prediction"


def test_agreement_rule():
    assert agreement([], []) == "unexplained"
    assert agreement(["a@0x0", "b@0x50"], ["emulable", "cannot-work"]) == "agrees"
    assert agreement(["a@0x0", "b@0x30"], ["emulable", "none"]) == "disagrees"
    assert agreement(["a@0x30"], ["none"]) == "no-prediction"


def test_model_verdicts_and_agreement_follow_the_side_effect_run(runs, report):
    """Every rule's model verdict is the personality's model verdict in the
    side-effect run for that register, and every row's agreement follows the
    rule above."""
    _, results, _, sfx_results = runs
    _, page, _ = report
    counts = {"agrees": 0, "disagrees": 0, "unexplained": 0, "no-prediction": 0}
    for a, _, lis in page.rows:
        wire = expected_rows(results, a["pair"])[(a["data-device"], a["data-check"])][2]
        verdicts = [model_verdict(sfx_results, a["data-device"], *wire_register(w), hv=a["pair"])[0]
                    for w in wire]
        assert [li["data-model-verdict"] for li in lis] == verdicts
        want = agreement(wire, verdicts)
        assert a["data-agreement"] == want, (a, verdicts)
        counts[want] += 1
    for k, n in counts.items():
        assert int(page.totals["data-%s" % k]) == n, (k, page.totals)
    assert page.totals["data-models"] == "given"


def test_read_only_registers_and_fields_are_not_emulable_under_gunyah(runs, report):
    """Section 2: Gunyah has no write handler for the identification registers
    or QueueReset, so a write aborts; section 3: a generic config write is
    stored in the page, so a read-only field reads back what was written. The
    checks that write them differ, and the model must not call those
    registers emulable."""
    _, _, _, sfx_results = runs
    _, page, _ = report
    for dev in DEVICES:
        a, _, lis = row(page.rows, dev, "MMIO-RO-001")
        assert (a["data-base-verdict"], a["data-agreement"]) == ("PASS", "agrees")
        assert [li["data-register"] for li in lis if li["data-rule"] == "read-only"] == ["MagicValue"]
        assert all(li["data-model-verdict"] in FIRM for li in lis), lis
    _, _, lis = row(page.rows, "blk", "CFG-RO-001")
    stored = [li for li in lis if li["data-rule"] in ("config-stored", "config-dirty")]
    assert stored, lis
    for li in stored:
        space, offset = li["data-register"].split("+")
        verdict, reg = gunyah_verdict(sfx_results, "blk", space, int(offset, 16))
        assert reg["spec_access"] == "r" and "latch" not in reg["classes"], reg
        assert verdict in FIRM


def test_every_disagreement_is_listed_with_the_models_reason(report):
    _, page, md = report
    disagree = {(a["pair"], a["data-device"], a["data-check"]) for a, _, _ in page.rows
                if a["data-agreement"] == "disagrees"}
    listed = {(li["pair"], li["data-device"], li["data-check"]) for li in page.disagreements}
    assert listed == disagree
    t = page.totals
    totals = [ln for ln in md.splitlines() if ln.startswith("**") and "differences" in ln]
    assert totals == ["**%s differences, %s agree with the models, %s disagree, %s unexplained%s%s.**" % (
        t["data-differences"], t["data-agrees"], t["data-disagrees"], t["data-unexplained"],
        ", %s run under the personality only" % t["data-personality-only"]
        if t["data-personality-only"] != "0" else "",
        ", %s without a model prediction" % t["data-no-prediction"] if t["data-no-prediction"] != "0" else "")]
    assert sum(int(t["data-" + k]) for k in ("agrees", "disagrees", "unexplained", "personality-only",
                                             "no-prediction")) == int(t["data-differences"])
    for pers, dev, check in disagree:
        assert any(ln.startswith("- %s %s: " % (dev, check)) and "%s model: emulable, " % pers in ln
                   for ln in md.splitlines()), (dev, check)


def test_without_models_rules_only(runs, run_vcheck, tmp_path):
    live, _, _, _ = runs
    r = run_vcheck("report", live, "--out", tmp_path)
    assert r.rc == 0, r.stderr
    page, md = parse(read(tmp_path / "report.html")), section(read(tmp_path / "report.md"))
    assert page.totals["data-models"] == "not-given"
    assert "model predictions were not given" in md
    for a, _, lis in page.rows:
        assert all("data-model-verdict" not in li for li in lis)
        assert a["data-agreement"] == ("not-given" if lis else "unexplained")
    assert page.personality_only  # the descriptor, not the models, decides these


@pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK),
                    reason="%s is not installed (Debian package chromium; ci/deps.sh installs it)" % CHROMIUM)
def test_section_rendered_in_chromium(report, tmp_path):
    out, page, _ = report
    dom = parse(dump_dom(out / "report.html", tmp_path / "chromium-profile"))
    assert dom.totals == page.totals
    assert [(a, lis) for a, _, lis in dom.rows] == [(a, lis) for a, _, lis in page.rows]
    a, texts, _ = row(dom.rows, "blk", "STATUS-RESET-001")
    assert texts[4:6] == ["PASS", "XFAIL"]
    assert "reset-posted at Status" in texts[6]
    assert texts[7] == "agrees"


@pytest.mark.parametrize("case, message", [
    ("missing", "no such directory"),
    ("malformed", "results.json:1:2: "),
    ("catalogue", "has no side-effect data"),
])
def test_bad_models(runs, run_vcheck, tmp_path, case, message):
    live, _, _, _ = runs
    models = tmp_path / case
    if case == "malformed":
        os.makedirs(models)
        (models / "results.json").write_text("{,}")
    elif case == "catalogue":
        shutil.copytree(live, models)
    out = tmp_path / "out"
    r = run_vcheck("report", live, "--models", models, "--out", out)
    assert r.rc == 2, (r.rc, r.stderr)
    assert r.stderr.startswith("vcheck: ") and message in r.stderr, r.stderr
    assert not os.path.exists(out / "report.md") and not os.path.exists(out / "report.html")
