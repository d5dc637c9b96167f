"""`vcheck report DIR`: report.md (a summary linking report-checks.md and
report-registers.md) and report.html from a results.json.

On a real run (one device, one transport), on the committed side-effect
fixture rendered by a real browser (headless Chromium; the matrix read back
from the DOM it built), and on inputs it must refuse with exit status 2.
"""
import json
import os
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

FIXTURE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures",
                       "sidefx-results.json")
CHROMIUM = "/usr/bin/chromium"
MODELS = ("kvm", "xen", "gunyah", "page")
# worst last; n/a only when no verdict applies (reports/report_model.c)
RANKED = ("emulable", "special-case", "sync-backend", "cannot-work")


class Tables(HTMLParser):
    """Rows of every table: {table key: [(tr attrs, [(td attrs, text, [span attrs])])]},
    keyed by the table's id, else its class."""

    def __init__(self):
        super().__init__()
        self.tables = {}
        self.stack = []          # open tables' keys
        self.row = None
        self.cell = None
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script":
            self.scripts += 1
        elif tag == "table":
            key = a.get("id") or a.get("class") or "?"
            self.stack.append(key)
            self.tables.setdefault(key, [])
        elif tag == "tr" and self.stack:
            self.row = (a, [])
            self.tables[self.stack[-1]].append(self.row)
        elif tag in ("td", "th") and self.row is not None:
            self.cell = [a, "", []]
            self.row[1].append(self.cell)
        elif tag == "span" and self.cell is not None:
            self.cell[2].append(a)

    def handle_endtag(self, tag):
        if tag == "table" and self.stack:
            self.stack.pop()
        elif tag in ("td", "th") and self.cell is not None:
            self.cell[1] = self.cell[1].strip()
            self.cell = None
        elif tag == "tr":
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell[1] += data


def parse_tables(html):
    p = Tables()
    p.feed(html)
    p.close()
    return p


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def report(run_vcheck, *args):
    return run_vcheck("report", *args)


# ---- (a) a real run ---------------------------------------------------------

@pytest.fixture(scope="module")
def blk_run(run_vcheck_module, tmp_path_factory):
    out = tmp_path_factory.mktemp("blk")
    r = run_vcheck_module("run", "-q", "--device", "blk", "--transport", "mmio-v2", out=out)
    assert r.results is not None, r.stderr
    return out, r.results


def test_report_of_a_real_run(blk_run, run_vcheck):
    out, results = blk_run
    r = report(run_vcheck, out)
    assert r.rc == 0, r.stderr
    md, html = read(out / "report.md"), read(out / "report.html")
    assert len(results["cells"]) == 1
    cell = results["cells"][0]
    assert cell["transport"] == "mmio-v2"
    # the cell and its verdict, in both reports
    assert "Run verdict: **%s**" % results["verdict"] in md
    assert "| %s |" % cell["name"] in md
    row = [ln for ln in md.splitlines() if ln.startswith("| %s | " % cell["name"])]
    assert row and "| **%s** |" % cell["verdict"] in row[0], row
    tables = parse_tables(html)
    rows = [cells for attrs, cells in tables.tables["cells"] if attrs.get("data-cell") == cell["name"]]
    assert len(rows) == 1
    verdicts = [c for c in rows[0] if "verdict" in (c[0].get("class") or "").split()]
    assert [c[1] for c in verdicts] == [cell["verdict"]]
    # every non-PASS check of the run is listed, and no PASS one
    want = sorted(k["id"] for d in cell["devices"] for k in d["checks"] if k["verdict"] != "PASS")
    got = sorted(a["data-check"] for a, _ in tables.tables.get("non-pass", []) if "data-check" in a)
    assert got == want
    # no side-effect data in a catalogue run: said so, no matrix
    assert "matrix" not in tables.tables
    assert "No cell ran side-effect discovery" in md
    # the summary counts the checks; report-checks.md lists the ones that did not pass
    assert "| %s | %d | %d |" % (cell["name"], len(cell["devices"]),
                                 sum(len(d["checks"]) for d in cell["devices"])) in md
    checks = read(out / "report-checks.md")
    for k in want:
        assert "| %s |" % k in checks, k


def test_report_out_elsewhere(blk_run, run_vcheck, tmp_path):
    out, _ = blk_run
    dest = tmp_path / "reports" / "here"
    r = report(run_vcheck, out, "--out", dest)
    assert r.rc == 0, r.stderr
    # the summary, the full tables it links, the page
    for name in ("report.md", "report-checks.md", "report-registers.md", "report.html"):
        assert (dest / name).is_file(), name
        assert str(dest / name) in r.stdout


# ---- (b) the side-effect fixture in a real browser --------------------------

def expected_matrix(results):
    """{(cell, device, interface): {model: (worst, {verdict: count})}} from the fixture."""
    want = {}
    for cell in results["cells"]:
        for dev in cell["devices"]:
            if "registers" not in dev:
                continue
            per_model = {}
            for m in MODELS:
                counts = {}
                for reg in dev["registers"]:
                    v = reg["models"][m]["verdict"]
                    counts[v] = counts.get(v, 0) + 1
                ranked = [v for v in RANKED if v in counts]
                worst = ranked[-1] if ranked else ("n/a" if "n/a" in counts else "none")
                per_model[m] = (worst, counts)
            want[(cell["name"], dev["model"], dev["interface"])] = per_model
    return want


def dump_dom(html_path, profile):
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
           "--no-first-run", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--user-data-dir=%s" % profile, "--dump-dom",
           "file://%s" % os.path.abspath(html_path)]
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr[-2000:]
    assert "</html>" in p.stdout, p.stderr[-2000:]
    return p.stdout


@pytest.mark.skipif(not os.access(CHROMIUM, os.X_OK),
                    reason="%s is not installed (Debian package chromium; ci/deps.sh installs it)"
                    % CHROMIUM)
def test_matrix_rendered_in_chromium(run_vcheck, tmp_path):
    shutil.copy(FIXTURE, tmp_path / "results.json")
    r = report(run_vcheck, tmp_path)
    assert r.rc == 0, r.stderr
    with open(FIXTURE) as f:
        results = json.load(f)
    dom = parse_tables(dump_dom(tmp_path / "report.html", tmp_path / "chromium-profile"))

    got = {}
    for attrs, cells in dom.tables["matrix"]:
        if "data-device" not in attrs:
            continue  # the head row
        key = (attrs["data-cell"], attrs["data-device"], attrs["data-interface"])
        per_model = {}
        for cattrs, text, spans in cells:
            if "data-model" in cattrs:
                counts = {s["data-verdict"]: int(s["data-count"]) for s in spans}
                per_model[cattrs["data-model"]] = (cattrs["data-verdict"], counts)
                # the count shown is the count in the attribute; the worst is marked
                for s in spans:
                    assert "%s %s" % (s["data-count"], s["data-verdict"]) in text
                    assert ("worst" in s["class"].split()) == (s["data-verdict"] == cattrs["data-verdict"])
        assert int(attrs["data-registers"]) == sum(per_model["kvm"][1].values())
        got[key] = per_model
    assert got == expected_matrix(results)

    # spot checks against the fixture as designed, so a shared mistake shows
    blk = got[("qemu-aarch64-virt.mmio-v2.direct", "blk", "mmio-v2")]
    assert blk["kvm"] == ("emulable", {"emulable": 7})
    assert blk["gunyah"][0] == "sync-backend"
    assert blk["page"] == ("cannot-work", {"emulable": 3, "cannot-work": 4})
    rng = got[("qemu-aarch64-virt.pci-modern.direct", "rng", "pci-modern")]
    assert rng["gunyah"] == ("n/a", {"n/a": 3})
    # the catalogue cell has no registers: not in the matrix
    assert not [k for k in got if k[0].endswith("pci-transitional.direct")]

    # register tables: one row per register, model cells as in the fixture
    regs = [(a, c) for a, c in dom.tables["registers"] if "data-offset" in a]
    fixture_regs = [reg for cell in results["cells"] for d in cell["devices"]
                    for reg in d.get("registers", [])]
    assert len(regs) == len(fixture_regs)
    for (attrs, cells), reg in zip(regs, fixture_regs):
        assert (attrs["data-space"], attrs["data-offset"], int(attrs["data-width"])) == \
            (reg["space"], reg["offset"], reg["width"])
        shown = {c[0]["data-model"]: c[0]["data-verdict"] for c in cells if "data-model" in c[0]}
        assert shown == {m: reg["models"][m]["verdict"] for m in MODELS}
    # hostile evidence text stayed text
    assert dom.scripts == 0
    status = [c for a, c in regs if a["data-offset"] == "0x70" and a["data-space"] == "transport"][0]
    assert '<script>alert("x")</script>' in status[-1][1]

    # conformance of the catalogue cell: the FAIL with its escaped title
    bad = [c for a, c in dom.tables["non-pass"] if a.get("data-check") == "PCI-CAP-003"]
    assert bad and bad[0][2][1] == "FAIL"
    assert bad[0][4][1] == 'Capability <list> | is "well" formed & ends'
    assert bad[0][5][1] == "cap at 0x40 points to 0x00 \u00e9 \u2192 end"


# ---- (c) inputs it refuses ----------------------------------------------------

def write(dirpath, text):
    os.makedirs(dirpath, exist_ok=True)
    with open(os.path.join(dirpath, "results.json"), "w") as f:
        f.write(text)
    return dirpath


@pytest.mark.parametrize("case, text, message", [
    pytest.param("missing-dir",
                 None, "no such directory",
                 id="missing-dir"),
    pytest.param("no-results",
                 "", "results.json: No such file",
                 id="no-results"),
    pytest.param("truncated",
                 '{"schema": "vcheck/1",\n "cells": [', "results.json:2:12: unexpected end of input",
                 id="truncated"),
    pytest.param("garbage",
                 '{"schema": "vcheck/1", "cells": []} trailing', "results.json:1:37: trailing 't'",
                 id="garbage"),
    pytest.param("wrong-schema",
                 '{"schema": "vcheck/0", "cells": []}', 'schema is "vcheck/0", this vcheck reads "vcheck/1"',
                 id="wrong-schema"),
    pytest.param("no-schema",
                 '{"cells": []}', 'no "schema"',
                 id="no-schema"),
    pytest.param("cells-not-array",
                 '{"schema": "vcheck/1", "cells": 1}', '"cells" is missing or not an array',
                 id="cells-not-array"),
])
def test_bad_inputs(run_vcheck, tmp_path, case, text, message):
    d = tmp_path / case
    if text is not None:
        if case == "no-results":
            os.makedirs(d)
        else:
            write(d, text)
    r = report(run_vcheck, d)
    assert r.rc == 2, (r.rc, r.stderr)
    assert message in r.stderr, r.stderr
    assert r.stderr.startswith("vcheck: ")
    for name in ("report.md", "report-checks.md", "report-registers.md", "report.html"):
        assert not os.path.exists(d / name), name


@pytest.mark.parametrize("args, message", [
    ((), "report needs a directory"),
    (("a", "b"), "unexpected argument 'b'"),
    (("--bogus", "a"), "unrecognized option"),
])
def test_usage_errors(run_vcheck, args, message):
    r = report(run_vcheck, *args)
    assert r.rc == 2
    assert message in r.stderr, r.stderr
