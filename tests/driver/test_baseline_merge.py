"""`vcheck merge` and `vcheck baseline --from` on real runs (docs/ci.md).

Three shards of one run, split as CI jobs split it: rng on mmio-v2 (A), rng
on pci-modern (B), and rng on pci-transitional with a planted fault (C:
`--plant queue-odd`, queue sizes that are not a power of 2, which
PCI-QUEUE-001 must FAIL on the modern interface; test_catalogue.py's
PLANTS). A and B pass: nothing in them is a FAIL the target's baseline does
not hold. What the merge must say is worked out from that: FAIL when C is
in, PASS-or-better when not, and the cells of every shard. The bad inputs
are hand-edited copies. Three short runs plus one with the written
baseline; everything else starts no QEMU."""
import copy
import json
import os
import xml.etree.ElementTree as ET

import pytest

from vcheck_util import run_vcheck_cmd

TARGET = "qemu-aarch64-virt"
PLANT = "queue-odd"
PLANTED_FAIL = "PCI-QUEUE-001"  # red under queue-odd on pci-modern (test_catalogue.py)
C_ARGS = ["--transport", "pci-transitional", "--device", "rng", "--plant", PLANT]
GOOD = {"PASS", "SKIP", "XFAIL", "WARN"}


@pytest.fixture(scope="module")
def shards(vcheck, tmp_path_factory):
    """The three shards, side by side in one directory as a CI job
    downloads them; the merged outputs go beside them."""
    top = str(tmp_path_factory.mktemp("ci"))
    a, ra = shard_in(vcheck, top, "A", "--transport", "mmio-v2", "--device", "rng")
    b, rb = shard_in(vcheck, top, "B", "--transport", "pci-modern", "--device", "rng")
    c, rc = shard_in(vcheck, top, "C", *C_ARGS)
    assert ra.rc == 0 and rb.rc == 0, ra.stderr + rb.stderr
    assert rc.rc == 1, rc.stderr
    return {"A": a, "B": b, "C": c, "top": top, "runs": {"A": ra, "B": rb, "C": rc}}


def shard_in(vcheck, top, name, *args):
    out = os.path.join(top, name)
    r = run_vcheck_cmd(vcheck, ["run", "-q"] + list(args), out=out, timeout=180)
    assert r.results is not None, "no results.json (rc %d): %s" % (r.rc, r.stderr)
    return out, r


def load(d):
    with open(os.path.join(d, "results.json")) as f:
        return json.load(f)


def save(results, d):
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "results.json"), "w") as f:
        json.dump(results, f)
    return d


def checks(results):
    return [(c["name"], d.get("interface"), k["id"], k["verdict"])
            for c in results["cells"] for d in c["devices"] for k in d["checks"]]


def test_results_name_build_and_catalogue(shards, run_vcheck):
    """What merge compares: the build (as --version says it) and the
    catalogue fingerprint, in every run's results.json."""
    version = run_vcheck("--version").stdout.split()
    res = load(shards["A"])
    assert res["vcheck"] == version[1]
    assert res["catalogue"] == version[4].rstrip(",")


def test_merge_joins_the_cells_and_recomputes_the_verdict(shards, run_vcheck):
    out = os.path.join(shards["top"], "merged")
    r = run_vcheck("merge", shards["A"], shards["B"], shards["C"], "--out", out)
    assert r.rc == 1, r.stdout + r.stderr  # C's planted FAIL
    merged = load(out)
    names = [c["name"] for c in merged["cells"]]
    assert names == ["%s.%s.direct" % (TARGET, t) for t in ("mmio-v2", "pci-modern", "pci-transitional")]
    assert merged["verdict"] == "FAIL"
    assert merged["schema"] == "vcheck/1"
    # every check of every shard, verdict for verdict
    assert checks(merged) == sum((checks(load(shards[s])) for s in "ABC"), [])
    assert any(k[2] == PLANTED_FAIL and k[3] == "FAIL" for k in checks(merged))
    # the logs stay in the shards, reached from the merged directory
    for cell, s in zip(merged["cells"], "ABC"):
        assert cell["logs"].startswith("../%s/cells/" % s), cell["logs"]
        assert os.path.isfile(os.path.join(out, cell["logs"], "console.txt")), cell["logs"]
    for f in ("junit.xml", "report.md", "report.html"):
        assert os.path.isfile(os.path.join(out, f)), f


def test_merged_junit_has_every_cell(shards, run_vcheck):
    out = os.path.join(shards["top"], "merged-junit")
    run_vcheck("merge", shards["A"], shards["B"], shards["C"], "--out", out)
    suites = ET.parse(os.path.join(out, "junit.xml")).getroot().findall("testsuite")
    assert [s.get("name") for s in suites] == [c["name"] for c in load(out)["cells"]]
    failed = {tc.get("name") for s in suites for tc in s.findall("testcase") if tc.find("failure") is not None}
    assert PLANTED_FAIL in failed
    only_c = {tc.get("name") for tc in suites[2].findall("testcase") if tc.find("failure") is not None}
    assert failed == only_c, "A and B pass: only C's cell has failures"
    report = open(os.path.join(out, "report.md")).read()
    for c in load(out)["cells"]:
        assert c["name"] in report


def test_a_hand_merged_pass_is_recomputed(shards, run_vcheck):
    """The old way: cells concatenated under a verdict of PASS."""
    hand = load(shards["A"])
    hand["cells"] += load(shards["C"])["cells"]
    hand["verdict"] = "PASS"
    d = save(hand, os.path.join(shards["top"], "hand"))
    out = os.path.join(shards["top"], "hand-merged")
    r = run_vcheck("merge", d, "--out", out)
    assert r.rc == 1 and load(out)["verdict"] == "FAIL", r.stderr


@pytest.mark.parametrize("which,rc", [("A", 0), ("B", 0), ("C", 1)])
def test_merge_of_one_shard_is_that_shard(shards, run_vcheck, which, rc):
    out = os.path.join(shards["top"], "one-" + which)
    r = run_vcheck("merge", shards[which], "--out", out)
    assert r.rc == rc == shards["runs"][which].rc, r.stderr
    assert load(out)["verdict"] == load(shards[which])["verdict"]
    assert checks(load(out)) == checks(load(shards[which]))
    # junit.xml from the merged cells says what the run's own said, but
    # for the log paths, which now start from the merged directory
    merged = open(os.path.join(out, "junit.xml")).read()
    assert merged.replace("../%s/cells/" % which, "cells/") == open(os.path.join(shards[which], "junit.xml")).read()


def test_merge_of_passing_shards_passes(shards, run_vcheck):
    out = os.path.join(shards["top"], "ab")
    r = run_vcheck("merge", shards["A"], shards["B"], "--out", out)
    assert r.rc == 0, r.stderr
    assert load(out)["verdict"] in GOOD


def test_fail_on_warn_and_tap_as_run_takes_them(shards, run_vcheck):
    """A's rng WARNs (a SHOULD it breaks) and passes the run; under
    --fail-on warn the merge fails as the run would have."""
    assert any(k[3] == "WARN" for k in checks(load(shards["A"])))
    tap = os.path.join(shards["top"], "merged.tap")
    r = run_vcheck("merge", shards["A"], "--fail-on", "warn", "--tap", tap, "--out",
                   os.path.join(shards["top"], "warn"))
    assert r.rc == 1, r.stderr
    assert open(tap).read().startswith("TAP version 13")
    r = run_vcheck("merge", shards["A"], "--fail-on", "sometimes", "--out", os.path.join(shards["top"], "w2"))
    assert r.rc == 2 and "--fail-on wants warn or fail" in r.stderr


def test_the_same_shard_twice_is_one(shards, run_vcheck):
    out = os.path.join(shards["top"], "twice")
    r = run_vcheck("merge", shards["A"], shards["A"], "--out", out)
    assert r.rc == 0, r.stderr
    assert len(load(out)["cells"]) == 1


def edited(shards, name, change):
    res = copy.deepcopy(load(shards["A"]))
    change(res)
    return save(res, os.path.join(shards["top"], name))


def test_bad_inputs_exit_2(shards, run_vcheck):
    top = shards["top"]
    schema = edited(shards, "schema2", lambda r: r.update(schema="vcheck/2"))
    cat = edited(shards, "othercat", lambda r: r.update(catalogue="0xdeadbeef"))
    build = edited(shards, "otherbuild", lambda r: r.update(vcheck="someone-else"))
    old = edited(shards, "old", lambda r: r.pop("vcheck"))

    def lie(r):
        r["cells"][0]["devices"][0]["checks"][0]["verdict"] = "FAIL"
    liar = edited(shards, "liar", lie)

    def overlap(r):
        r["cells"][0]["seconds"] += 1
    other_a = edited(shards, "overlap", overlap)
    empty = os.path.join(top, "empty")
    os.makedirs(empty, exist_ok=True)
    cases = [
        ([empty], "results.json: No such file"),
        ([shards["A"], schema], "schema is 'vcheck/2', this vcheck merges 'vcheck/1'"),
        ([shards["A"], cat], "is of check catalogue 0xdeadbeef"),
        ([shards["A"], build], "is of vcheck build someone-else"),
        ([old], "does not name its vcheck build"),
        ([liar], "but holds FAIL"),
        ([shards["A"], other_a], "with different results: shards must not overlap"),
    ]
    for dirs, says in cases:
        out = os.path.join(top, "bad-out")
        r = run_vcheck("merge", *dirs, "--out", out)
        assert r.rc == 2 and says in r.stderr, (dirs, r.stderr)
        assert not os.path.exists(os.path.join(out, "results.json")), "nothing written for bad input"
    r = run_vcheck("merge", shards["A"], "--out", shards["A"])
    assert r.rc == 2 and "is the shard" in r.stderr, r.stderr
    r = run_vcheck("merge", shards["A"])
    assert r.rc == 2 and "--out" in r.stderr


def test_force_merges_other_builds_and_says_so(shards, run_vcheck):
    cat = edited(shards, "othercat-forced", lambda r: r.update(catalogue="0xdeadbeef"))
    out = os.path.join(shards["top"], "forced")
    r = run_vcheck("merge", "--force", shards["A"], cat, "--out", out)
    assert r.rc == 0, r.stderr
    assert "--force" in r.stderr
    assert load(out)["catalogue"] is None


def test_baseline_from_a_failing_run_makes_it_pass(shards, run_vcheck, vcheck, tmp_path):
    c = load(shards["C"])
    red = {(k[1], k[2]) for k in checks(c) if k[3] in ("FAIL", "FAULT")}
    assert ("pci-modern", PLANTED_FAIL) in red, red
    path = str(tmp_path / "known.baseline")
    r = run_vcheck("baseline", "--from", shards["C"], "--out", path)
    assert r.rc == 0, r.stderr
    text = open(path).read()
    assert "# %s.pci-transitional.direct: rng at " % TARGET in text
    lines = [l.split(None, 3) for l in text.splitlines() if l and not l.startswith("#")]
    # one line per failing (interface, check), the interface named (a transitional cell shows two)
    assert {(l[1].split("/")[1], l[0]) for l in lines} >= red
    assert all(l[1].startswith("pci-transitional/") and l[2] == "rng" and l[3] for l in lines)
    # stdout without --out: the same text
    assert run_vcheck("baseline", "--from", shards["C"]).stdout == text
    # the round trip: the same run against that baseline passes, its failures XFAIL
    again = run_vcheck_cmd(vcheck, ["run", "-q", "--baseline", path] + C_ARGS, out=tmp_path / "again",
                           timeout=180)
    assert again.rc == 0, again.stderr
    verdicts = {(k[1], k[2]): k[3] for k in checks(again.results)}
    for key in red:
        assert verdicts[key] == "XFAIL", (key, verdicts[key])


def test_baseline_from_a_passing_run_is_comments(shards, run_vcheck):
    """A's only non-passing checks are the target's own XFAILs, if any: each
    comes back with the reason it had."""
    r = run_vcheck("baseline", "--from", shards["A"])
    assert r.rc == 0, r.stderr
    xfail = {k[2] for k in checks(load(shards["A"])) if k[3] == "XFAIL"}
    written = {l.split()[0] for l in r.stdout.splitlines() if l and not l.startswith("#")}
    assert written == xfail


@pytest.mark.parametrize("line,says", [
    ("VQ-RESET-0001 mmio-v2 rng r", ":2: unknown check ID 'VQ-RESET-0001' (did you mean 'VQ-RESET-001'?)"),
    ("VQ-RESET-001 mmio-v2 rgn r", ":2: target %s has no device model 'rgn' (did you mean 'rng'?)" % TARGET),
    ("VQ-RESET-001 mmio-v9 rng r", ":2: unknown transport 'mmio-v9'"),
])
def test_a_baseline_naming_what_does_not_exist_is_refused(run_vcheck, tmp_path, line, says):
    bl = tmp_path / "bad.baseline"
    bl.write_text("# a comment\n%s\n" % line)
    r = run_vcheck("run", "--baseline", str(bl), "--transport", "mmio-v2", "--device", "rng",
                   out=tmp_path / "out")
    assert r.rc == 2 and (str(bl) + says) in r.stderr, r.stderr
    assert not (tmp_path / "out" / "cells").exists()


def test_baseline_bad_input(run_vcheck, tmp_path):
    r = run_vcheck("baseline", "--from", str(tmp_path / "nothing"))
    assert r.rc == 2 and "no such directory" in r.stderr
    r = run_vcheck("baseline")
    assert r.rc == 2 and "--from" in r.stderr
    save({"schema": "vcheck/1", "cells": [{"name": "x", "target": "no-such-target"}]}, str(tmp_path / "r"))
    r = run_vcheck("baseline", "--from", str(tmp_path / "r"))
    assert r.rc == 2 and "unknown target 'no-such-target'" in r.stderr


@pytest.mark.parametrize("cmd", ["merge", "baseline"])
def test_help(run_vcheck, cmd):
    r = run_vcheck(cmd, "--help")
    assert r.rc == 0 and r.stdout.startswith("usage: vcheck " + cmd) and "exit status:" in r.stdout
