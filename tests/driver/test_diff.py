"""`vcheck diff A B` on real runs (docs/diff.md): the planted reference
vhost-user backend against its honest mode on QEMU 10 (tests/backends/vu-ref),
the catalogue direct against the xen personality, hand-edited copies of a
run, and inputs it must refuse with exit status 2.

What the diff must find comes from the backend's byte map (planted.py) and
from what the xen personality is documented to do (ACCESS_PLATFORM offered,
docs/xen.md), never from vcheck's own output. Four short runs, a few seconds
in all; everything else is `vcheck diff`, which starts no QEMU."""
import copy
import json
import os
import re

import pytest

from planted import PLAIN_WHEN_HONEST, PLANTED, PLANTED_ONLY
from vcheck_util import run_vcheck_cmd

QEMU10 = "qemu10-aarch64-virt"
# "  KIND  WHAT: A -> B (WHY)"; values may hold spaces ("not offered")
LINE = re.compile(r"^  (\w+) +(.*?): (.*?) -> (.*?)(?: \((.*)\))?$")


def differences(stdout, kind=None):
    """(kind, what, A, B) of every difference line of the text output."""
    out = []
    for line in stdout.splitlines():
        m = LINE.match(line)
        if m and (kind is None or m.group(1) == kind):
            out.append(m.group(1, 2, 3, 4))
    return out


def counts(stdout):
    """{kind: count} from the counts line."""
    line = next(l for l in stdout.splitlines() if l.startswith("verdicts "))
    return {k: int(n) for k, n in re.findall(r"(\w+) (\d+)", line.split(" (gate")[0])}


def save(results, path):
    os.makedirs(str(path), exist_ok=True)
    with open(os.path.join(str(path), "results.json"), "w") as f:
        json.dump(results, f)
    return str(path)


def module_run(vcheck, out, *args):
    r = run_vcheck_cmd(vcheck, ["run", "-q"] + list(args), out=out, timeout=120)
    assert r.results is not None, "no results.json (rc %d): %s" % (r.rc, r.stderr)
    return str(out)


@pytest.fixture(scope="module")
def planted(vcheck, qemu10, tmp_path_factory):
    return module_run(vcheck, tmp_path_factory.mktemp("planted"), "--target", QEMU10, "--device", "vu-ref",
                      "--transport", "mmio-v2", "--sidefx")


@pytest.fixture(scope="module")
def honest(vcheck, qemu10, tmp_path_factory):
    return module_run(vcheck, tmp_path_factory.mktemp("honest"), "--target", QEMU10, "--device", "vu-ref-honest",
                      "--transport", "mmio-v2", "--sidefx")


@pytest.fixture(scope="module")
def direct(vcheck, tmp_path_factory):
    return module_run(vcheck, tmp_path_factory.mktemp("direct"), "--transport", "mmio-v2", "--device", "rng",
                      "--device", "blk")


@pytest.fixture(scope="module")
def xen(vcheck, tmp_path_factory):
    return module_run(vcheck, tmp_path_factory.mktemp("xen"), "--transport", "mmio-v2", "--device", "rng",
                      "--device", "blk", "--personality", "xen")


def test_planted_classes_are_differences(run_vcheck, planted, honest):
    r = run_vcheck("diff", "--gate", "classes", planted, honest)
    assert r.rc == 1, r.stdout + r.stderr
    found = {}
    for _, what, a, b in differences(r.stdout, "classes"):
        m = re.match(r"config 0x([0-9a-f]+)/1\b", what)
        if m:
            found[int(m.group(1), 16)] = (a.split(","), b.split(","))
    # every class only a planted behaviour produces is in A at its byte, not in B
    for off, cls in PLANTED.items():
        if cls in PLANTED_ONLY:
            assert off in found, "no classes difference at config 0x%x (%s): %s" % (off, cls, r.stdout)
            assert cls in found[off][0] and cls not in found[off][1], (off, cls, found[off])


def test_default_gate_passes_when_verdicts_agree(run_vcheck, planted, honest, tmp_path):
    """Side-effect runs have no checks and both completed: nothing gated
    changed, though classes, models and the planted bytes did."""
    r = run_vcheck("diff", planted, honest)
    assert r.rc == 0, r.stdout + r.stderr
    n = counts(r.stdout)
    assert n["verdicts"] == 0 and n["outcome"] == 0 and n["classes"] > 0 and n["models"] > 0, n
    # the planted bytes read what the backend put there; honest ones read 0
    for _, what, a, b in differences(r.stdout, "config"):
        m = re.match(r"0x([0-9a-f]+)(?:\.\.0x([0-9a-f]+))?", what)
        first, last = int(m.group(1), 16), int(m.group(2) or m.group(1), 16)
        assert all(off in PLAIN_WHEN_HONEST for off in range(first, last + 1)), what
        assert set(b) == {"0"}, (what, b)
    # the same under -q, in one line
    q = run_vcheck("diff", "-q", planted, honest)
    assert q.rc == 0 and q.stdout.count("\n") == 1 and counts(q.stdout) == n, q.stdout


def test_markdown_page(run_vcheck, planted, honest, tmp_path):
    md = tmp_path / "diff.md"
    r = run_vcheck("diff", "-q", "--gate", "all", "--markdown", str(md), planted, honest)
    assert r.rc == 1, r.stderr
    text = md.read_text()
    n = counts(r.stdout)
    assert text.startswith("# vcheck diff\n")
    for kind, count in n.items():
        assert "| %s | %d | yes |" % (kind, count) in text
    assert "\n## vu-ref vs vu-ref-honest: input (18) on mmio-v2\n" in text
    assert "| kind | what | A | B | why |" in text
    # written whole: no temporary left beside it
    assert sorted(os.listdir(str(tmp_path))) == ["diff.md"]


def test_a_run_against_itself_is_no_difference(run_vcheck, planted, direct):
    for run in (planted, direct):
        r = run_vcheck("diff", "--gate", "all", run, run)
        assert r.rc == 0, r.stdout
        assert set(counts(r.stdout).values()) == {0} and not differences(r.stdout), r.stdout


def test_personalities_pair_across_cells(run_vcheck, direct, xen):
    """Cells qemu-aarch64-virt.mmio-v2.direct and .xen: devices pair by
    interface and ID all the same, and Xen's grant DMA needs ACCESS_PLATFORM."""
    r = run_vcheck("diff", "--gate", "features", direct, xen)
    assert r.rc == 1, r.stdout + r.stderr
    assert not [d for d in differences(r.stdout, "outcome") if d[1] == "device"], r.stdout
    feats = differences(r.stdout, "features")
    assert feats.count(("features", "bit 33 ACCESS_PLATFORM", "not offered", "offered")) == 2, r.stdout
    # the Xen grant checks apply only under xen
    assert ("verdicts", "XEN-GNT-001", "SKIP") in [d[:3] for d in differences(r.stdout, "verdicts")]


def test_hand_edited_run(run_vcheck, direct, tmp_path):
    """A copy of a run with one feature bit, one config byte, one verdict and
    a cell's outcome changed: each found, named from the layouts, gated by kind."""
    with open(os.path.join(direct, "results.json")) as f:
        a = json.load(f)
    b = copy.deepcopy(a)
    cell = b["cells"][0]
    blk = next(d for d in cell["devices"] if d["model"] == "blk")
    word = int(blk["feature_words"][0], 16) ^ (1 << 9)                   # FLUSH
    blk["feature_words"][0] = "0x%08x" % word
    blk["config"] = ("%02x" % (int(blk["config"][:2], 16) ^ 0xff)) + blk["config"][2:]  # capacity's low byte
    check = next(k for k in blk["checks"] if k["verdict"] == "PASS")
    check["verdict"], check["detail"] = "FAIL", "edited | by hand"
    cell["outcome"], cell["outcome_detail"] = "crashed", "QEMU died"
    bdir = save(b, tmp_path / "b")
    r = run_vcheck("diff", "--gate", "features,config", direct, bdir)
    assert r.rc == 1, r.stderr
    assert [d[1] for d in differences(r.stdout, "features")] == ["bit 9 FLUSH"]
    assert [d[1] for d in differences(r.stdout, "config")] == ["0x0 capacity"]
    verdicts = differences(r.stdout, "verdicts")
    assert verdicts == [("verdicts", check["id"], "PASS", "FAIL")], r.stdout
    assert "(edited | by hand)" in r.stdout
    assert ("outcome", "cell qemu-aarch64-virt.mmio-v2.direct outcome", "completed", "crashed") in \
        differences(r.stdout, "outcome")
    # the same edits, gated otherwise
    assert run_vcheck("diff", "--gate", "classes,models", direct, bdir).rc == 0
    assert run_vcheck("diff", "--gate", "outcome", direct, bdir).rc == 1


def test_match_pairs_by_model(run_vcheck, direct, tmp_path):
    """Two blk devices listed in the other order: by order they differ, by
    --match each meets its own again."""
    with open(os.path.join(direct, "results.json")) as f:
        a = json.load(f)
    blk = next(d for d in a["cells"][0]["devices"] if d["model"] == "blk")
    other = copy.deepcopy(blk)
    other["model"] = "blk2"
    other["config"] = "ff" + blk["config"][2:]
    a["cells"][0]["devices"] = [blk, other]
    b = copy.deepcopy(a)
    b["cells"][0]["devices"].reverse()
    adir, bdir = save(a, tmp_path / "a"), save(b, tmp_path / "b")
    assert run_vcheck("diff", "--gate", "config", adir, bdir).rc == 1
    r = run_vcheck("diff", "--gate", "all", "--match", "blk=blk", "--match", "blk2=blk2", adir, bdir)
    assert r.rc == 0, r.stdout
    r = run_vcheck("diff", "--match", "blkk=blk", adir, bdir)
    assert r.rc == 2 and "no device model 'blkk' in %s (did you mean 'blk'?)" % adir in r.stderr, r.stderr


@pytest.mark.parametrize("content,says", [
    (None, "results.json: No such file"),
    ("{\"schema\": \"vcheck/1\",", "results.json:1:"),
    ("{\"schema\": \"vcheck/0\", \"cells\": []}", "schema is \"vcheck/0\""),
    ("{\"schema\": \"vcheck/1\", \"cells\": [{\"devices\": [{\"config\": \"xyz\"}]}]}",
     "cells[0].devices[0].config is not bytes in hex"),
    ("{\"schema\": \"vcheck/1\", \"cells\": [{\"devices\": [{\"checks\": 1}]}]}",
     "cells[0].devices[0].checks is not an array"),
])
def test_bad_input_is_exit_2(run_vcheck, direct, tmp_path, content, says):
    bad = tmp_path / "bad"
    bad.mkdir()
    if content is not None:
        (bad / "results.json").write_text(content)
    for args in ((direct, str(bad)), (str(bad), direct)):
        r = run_vcheck("diff", *args)
        assert r.rc == 2 and says in r.stderr and str(bad) in r.stderr, r.stderr
        assert r.stdout == ""


def test_missing_dir_is_exit_2(run_vcheck, direct, tmp_path):
    r = run_vcheck("diff", direct, str(tmp_path / "nope"))
    assert r.rc == 2 and "nope: no such directory" in r.stderr, r.stderr


@pytest.mark.parametrize("args,says", [
    (["--gate", "verdict"], "unknown kind 'verdict' in --gate (kinds: verdicts, features, config, classes, "
                            "models, outcome, all)"),
    (["--gaet", "all"], "unknown option '--gaet' (did you mean '--gate'?)"),
    (["--match", "blk"], "--match wants MODEL_A=MODEL_B"),
    (["--markdown"], "--markdown needs a value"),
])
def test_usage_errors(run_vcheck, direct, args, says):
    r = run_vcheck("diff", *args, direct, direct) if args != ["--markdown"] else run_vcheck("diff", direct, direct, *args)
    assert r.rc == 2 and says in r.stderr, r.stderr


def test_unwritable_markdown_is_exit_2(run_vcheck, direct, tmp_path):
    md = tmp_path / "no" / "diff.md"
    r = run_vcheck("diff", "--markdown", str(md), direct, direct)
    assert r.rc == 2 and "%s: No such file" % md in r.stderr and r.stdout == "", r.stderr


def test_one_run_is_a_usage_error(run_vcheck, direct):
    r = run_vcheck("diff", direct)
    assert r.rc == 2 and "needs two run directories" in r.stderr


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(run_vcheck, flag):
    r = run_vcheck("diff", flag)
    assert r.rc == 0 and r.stdout.startswith("usage: vcheck diff") and "exit status: 0 nothing" in r.stdout
    top = run_vcheck("--help")
    assert re.search(r"^       vcheck diff ", top.stdout, re.M), top.stdout
