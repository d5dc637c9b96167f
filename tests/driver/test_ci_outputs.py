"""CI outputs (docs/reports.md): junit.xml in the form Jenkins' JUnit plugin
reads (tests/schemas/junit.xsd) with an element per verdict, TAP version 13
(--tap) whose verdict under prove is the run's, and --fail-on warn, for
runs and for collected consoles. One rng on mmio-v2 has every verdict a
clean run has: PASS, SKIP, WARN and XFAIL (its baseline)."""
import os

import pytest

from ci_formats import check_mapping, check_tap_against_junit, prove, tap_lines, validate_junit

CELL = ("--transport", "mmio-v2", "--device", "rng")


def outputs(tmp_path_factory, name):
    out = tmp_path_factory.mktemp(name)
    return out, tmp_path_factory.mktemp(name + "-tap") / "run.tap"


@pytest.fixture(scope="module")
def clean(run_vcheck_module, tmp_path_factory):
    """A clean run, profiled so its checks have times."""
    out, tap = outputs(tmp_path_factory, "clean")
    r = run_vcheck_module("run", "-q", "--profile", *CELL, "--tap", tap, out=out)
    assert r.results is not None, r.stderr
    return r, tap


@pytest.fixture(scope="module")
def planted(run_vcheck_module, tmp_path_factory):
    """A run with a planted device fault: queues of a size not a power of 2."""
    out, tap = outputs(tmp_path_factory, "planted")
    r = run_vcheck_module("run", "-q", "--plant", "queue-odd", *CELL, "--tap", tap, out=out)
    assert r.results is not None, r.stderr
    return r, tap


def junit(r):
    return validate_junit(os.path.join(str(r.out), "junit.xml"))


def test_clean_run(clean):
    r, tap = clean
    assert r.rc == 0, r.stderr
    doc = junit(r)
    assert check_mapping(doc, r.results) >= {"PASS", "SKIP", "WARN", "XFAIL"}
    assert not doc.getElementsByTagName("failure") and not doc.getElementsByTagName("error")
    check_tap_against_junit(tap, doc)
    rc, said = prove(tap)
    assert rc == 0, said


def test_profiled_checks_carry_their_time(clean):
    r, _ = clean
    doc = junit(r)
    checks = [c for c in doc.getElementsByTagName("testcase") if c.getAttribute("name") != "boot"
              and not c.getAttribute("name").startswith("found.")]
    timed = [c for c in checks if float(c.getAttribute("time")) > 0]
    assert len(timed) > len(checks) // 2, (len(timed), len(checks))
    (suite,) = doc.getElementsByTagName("testsuite")
    assert abs(float(suite.getAttribute("time")) - r.results["cells"][0]["seconds"]) < 0.001


def test_planted_fault_fails_junit_and_tap(planted):
    r, tap = planted
    assert r.rc == 1, r.stderr
    doc = junit(r)
    assert "FAIL" in check_mapping(doc, r.results)
    (suite,) = doc.getElementsByTagName("testsuite")
    assert int(suite.getAttribute("failures")) > 0
    # an unprofiled run: every case 0 s
    assert {c.getAttribute("time") for c in doc.getElementsByTagName("testcase")} == {"0.000000"}
    check_tap_against_junit(tap, doc)
    failed = [l for l in tap_lines(tap) if not l[0] and l[3] != "TODO"]
    assert any("MMIO-QUEUE-004" in desc for _, _, desc, _ in failed), failed
    text = tap.read_text()
    assert '  verdict: "FAIL"\n' in text and "  spec: " in text
    rc, said = prove(tap)
    assert rc != 0 and "Result: FAIL" in said, said


def test_fail_on_warn(run_vcheck, tmp_path_factory):
    out, tap = outputs(tmp_path_factory, "warn")
    r = run_vcheck("run", "-q", "--fail-on", "warn", *CELL, "--tap", tap, out=out)
    warns = [k for d in r.results["cells"][0]["devices"] for k in d["checks"] if k["verdict"] == "WARN"]
    assert warns and r.rc == 1, r.stderr
    doc = junit(r)
    check_mapping(doc, r.results, warn_fails=True)
    (suite,) = doc.getElementsByTagName("testsuite")
    assert int(suite.getAttribute("failures")) == len(warns)
    check_tap_against_junit(tap, doc)
    rc, said = prove(tap)
    assert rc != 0, said


def test_collect(clean, run_vcheck, tmp_path_factory):
    """A collected console: the same outputs, and --fail-on judges it too."""
    ran, _ = clean
    console = os.path.join(str(ran.out), ran.results["cells"][0]["logs"], "console.txt")
    for fail_on, rc in (("fail", 0), ("warn", 1)):
        out, tap = outputs(tmp_path_factory, "collect-" + fail_on)
        r = run_vcheck("collect", "-q", "--fail-on", fail_on, "--tap", tap, console, out=out)
        assert r.rc == rc, r.stderr
        doc = junit(r)
        check_mapping(doc, r.results, warn_fails=fail_on == "warn")
        check_tap_against_junit(tap, doc)
        assert (prove(tap)[0] == 0) == (rc == 0)


@pytest.mark.parametrize("args, says", [
    (("--fail-on", "error"), "--fail-on wants warn or fail, not 'error'"),
    (("--tap", "/nonexistent/dir/run.tap"), "--tap /nonexistent/dir/run.tap: cannot write in /nonexistent/dir"),
    (("--tap", "/tmp/"), "--tap wants a file name"),
    (("--target", "qemu-aarch64-virt-nested-kvm", "--tap", "/tmp/run.tap"), "--tap is not supported there"),
], ids=["fail-on", "tap-dir", "tap-not-a-file", "tap-hosted"])
def test_bad_options_stop_before_any_cell(run_vcheck, tmp_path, args, says):
    r = run_vcheck("run", *args, out=tmp_path)
    assert r.rc == 2 and says in r.stderr, r.stderr
    assert not (tmp_path / "cells").exists()
    r = run_vcheck("collect", *args[-2:], "/dev/null", out=tmp_path / "c")
    assert r.rc == 2 and (args[0] == "--target" or says in r.stderr), r.stderr
