"""vcheck collect: results from consoles captured where vcheck did not run
the VMM. A cell's own console.txt must give that cell's verdicts exactly; a
console mangled the way Xen's and a board's are (line prefixes, CRLF, long
lines split, boot noise) must give the same checks; a cut console keeps what
it holds and is a CRASH; what is not the image's console is refused."""
import json
import os
import re

import pytest

from ci_formats import check_mapping, validate_junit
from vcheck_util import load_results, sealed

START = re.compile(rb"^@vc1 0 start .*$", re.M)


def checks_of(cell):
    return {(d.get("model"), d["location"], d.get("interface"), k["id"]): (k["verdict"], k.get("detail"))
            for d in cell["devices"] for k in d.get("checks", [])}


def cell_named(results, name):
    (cell,) = [c for c in results["cells"] if c["name"] == name]
    return cell


def consoles(matrix_out):
    cells = os.path.join(matrix_out, "cells")
    return sorted(os.path.join(cells, d, "console.txt") for d in os.listdir(cells))


def test_a_cells_own_console_gives_its_verdicts(matrix, run_vcheck, tmp_path):
    rc, results, out = matrix
    r = run_vcheck("collect", "-q", *consoles(out), out=tmp_path)
    assert r.rc == rc, r.stderr
    assert r.results["verdict"] == results["verdict"]
    assert [c["name"] for c in r.results["cells"]] == [c["name"] for c in results["cells"]]
    total = 0
    for ran, got in zip(results["cells"], r.results["cells"]):
        assert got["verdict"] == ran["verdict"], ran["name"]
        assert got["transport"] == ran["transport"] and got["personality"] == ran["personality"]
        assert checks_of(got) == checks_of(ran), ran["name"]
        assert [e["model"] for e in got["attached"]] == [e["model"] for e in ran["attached"]]
        assert got["accel"] == "unknown" and "collected from" in got["accel_why"]
        total += len(checks_of(got))
    assert total > 2000
    for name in ("results.json", "junit.xml", "report.md", "report.html"):
        assert (tmp_path / name).is_file(), name
    check_mapping(validate_junit(tmp_path / "junit.xml"), r.results)
    # the console is kept beside the results it gave
    first = r.results["cells"][0]
    assert (tmp_path / first["logs"] / "console.txt").read_bytes() == \
        open(consoles(out)[0], "rb").read()


def xen_style(text, width=126):
    """What a Xen console shows of a domU's lines: a boot log around them,
    each line behind "(d1) ", split at `width` characters, CRLF endings."""
    out = [b"Xen 4.17 (c/s) arm64", b"(XEN) Loading d1 kernel from boot module"]
    for line in text.splitlines():
        while len(line) > width:
            out.append(b"(d1) " + line[:width])
            line = line[width:]
        out.append(b"(d1) " + line)
    out.append(b"(XEN) d1: powered off")
    return b"\r\n".join(out) + b"\r\n"


@pytest.fixture
def pci_modern(matrix):
    rc, results, out = matrix
    name = "qemu-aarch64-virt.pci-modern.direct"
    return cell_named(results, name), os.path.join(out, "cells", name, "console.txt")


def test_a_xen_style_console_gives_the_same_checks(pci_modern, run_vcheck, tmp_path):
    ran, path = pci_modern
    text = open(path, "rb").read()
    log = tmp_path / "domu.log"
    log.write_bytes(xen_style(text))
    split = sum(1 for l in text.splitlines() if l.startswith(b"@vc1 ") and len(l) > 126)
    assert split > 0, "the console has no long record to split"
    r = run_vcheck("collect", "-q", log, out=tmp_path / "out")
    assert r.rc == 0, r.stderr
    (got,) = r.results["cells"]
    assert got["name"] == "qemu-aarch64-virt.domu.log"
    assert got["transport"] == "pci-modern"  # from the interfaces the console shows
    assert checks_of(got) == checks_of(ran)
    assert got["outcome"] == "completed" and got["problems"] == []
    records = sum(1 for l in text.splitlines() if l.startswith(b"@vc1 "))
    assert "%d records found behind a line prefix, %d joined from split lines" % (records - split, split) \
        in got["outcome_detail"]


def test_a_cut_console_keeps_what_it_holds(pci_modern, run_vcheck, tmp_path):
    ran, path = pci_modern
    text = open(path, "rb").read()
    cut = text[: len(text) // 2]
    cut = cut[: cut.rindex(b"\n") + 1]  # whole records only
    kept = sum(1 for l in cut.splitlines() if l.startswith(b"@vc1 "))
    log = tmp_path / "cut.log"
    log.write_bytes(xen_style(cut))
    r = run_vcheck("collect", "-q", "--transport", "pci-modern", log, out=tmp_path / "out")
    assert r.rc == 1, r.stderr
    (got,) = r.results["cells"]
    assert got["outcome"] == "crashed" and got["verdict"] == "CRASH"
    assert got["outcome_detail"].startswith("the console ends without the end record; %d records kept" % kept)
    assert got["records"] == kept
    mine, theirs = checks_of(got), checks_of(ran)
    assert mine and set(mine) < set(theirs)
    assert all(theirs[k] == v for k, v in mine.items())


def test_a_console_cut_inside_a_record(pci_modern, run_vcheck, tmp_path):
    ran, path = pci_modern
    text = open(path, "rb").read()
    at = text.index(b"@vc1 ", len(text) // 2) + 20
    log = tmp_path / "mid.log"
    log.write_bytes(text[:at])
    r = run_vcheck("collect", "-q", log, out=tmp_path / "out")
    assert r.rc == 1, r.stderr
    (got,) = r.results["cells"]
    assert got["verdict"] == "CRASH"
    assert any(p.startswith("malformed record") for p in got["problems"]), got["problems"]


def test_not_a_console(run_vcheck, tmp_path):
    log = tmp_path / "boot.log"
    log.write_bytes(b"U-Boot 2023.01\r\nStarting kernel ...\r\n\x00\xff@vc2 0 start\r\n")
    r = run_vcheck("collect", log, out=tmp_path / "out")
    assert r.rc == 2 and "holds no start record of the probe image" in r.stderr, r.stderr
    assert r.results is None


def test_an_image_of_another_build_is_refused(pci_modern, run_vcheck, tmp_path):
    ran, path = pci_modern
    text = open(path, "rb").read()
    start = START.search(text).group(0)
    body = re.sub(rb" #[0-9a-f]{8}$", b"", start)
    other = re.sub(rb"cat=0x[0-9a-f]+", b"cat=0x12345678", body)
    assert other != body
    log = tmp_path / "other.log"
    log.write_bytes(text.replace(start + b"\n", sealed(other)))
    r = run_vcheck("collect", log, out=tmp_path / "out")
    assert r.rc == 2, r.stderr
    assert "fingerprint 0x12345678" in r.stderr and "collect it with the vcheck of the image's build" in r.stderr


@pytest.mark.parametrize("args,says", [
    (["--name", "a"], "--name names one cell"),
    (["--name", "../x"], "must be one path component"),
    (["--transport", "nope"], "has no transport 'nope'"),
    (["--personality", "xen", "--transport", "mmio-v1"], "has no place on transport mmio-v1"),
    (["--personality", "hyperv"], "has no personality"),
    (["--device", "nope"], "unknown device model 'nope'"),
])
def test_bad_arguments(pci_modern, run_vcheck, tmp_path, args, says):
    ran, path = pci_modern
    extra = [path, path] if "--name" in args and args[1] == "a" else [path]
    r = run_vcheck("collect", *args, *extra, out=tmp_path / "out")
    assert r.rc == 2 and says in r.stderr, r.stderr


@pytest.mark.parametrize("what", ["missing", "directory", "fifo"])
def test_unreadable_consoles(run_vcheck, tmp_path, what):
    p = tmp_path / "c"
    if what == "directory":
        p.mkdir()
    elif what == "fifo":
        os.mkfifo(p)
    r = run_vcheck("collect", p, out=tmp_path / "out", timeout=20)
    assert r.rc == 2, r.stderr
    assert "cannot read" in r.stderr or "not a regular file" in r.stderr, r.stderr


def test_a_side_effect_console(run_vcheck, tmp_path):
    """A side-effect run's console: the guest's observations classify the
    registers, and the results say the device's side (QEMU's trace) is absent."""
    ran = run_vcheck("run", "-q", "--sidefx", "--device", "rng", "--device", "blk", "--transport", "mmio-v2",
                     out=tmp_path / "run")
    assert ran.rc == 0, ran.stderr
    (cell,) = ran.results["cells"]
    r = run_vcheck("collect", "-q", tmp_path / "run" / cell["logs"] / "console.txt", out=tmp_path / "c")
    assert r.rc == 0, r.stderr
    (got,) = r.results["cells"]
    assert got["mode"] == "sidefx"
    assert "rest on the guest's reads alone" in got["outcome_detail"]
    # models from the device types (rng and blk are each the only model of
    # their type on mmio-v2), not from the default devices' slots
    assert [d["model"] for d in got["devices"]] == [d["model"] for d in cell["devices"]] == ["rng", "blk"]
    assert got["problems"] == []
    for mine, theirs in zip(got["devices"], cell["devices"]):
        assert [x["name"] for x in mine["registers"]] == [x["name"] for x in theirs["registers"]]
        assert any(x.get("classes") for x in mine["registers"])


def test_named_devices_that_are_not_there_are_findings(pci_modern, run_vcheck, tmp_path):
    ran, path = pci_modern
    r = run_vcheck("collect", "-q", "--transport", "mmio-v2", "--device", "rng", path, out=tmp_path / "out")
    assert r.rc == 1, r.stderr
    (got,) = r.results["cells"]
    assert got["verdict"] == "FAIL"
