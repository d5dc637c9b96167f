"""The harness must never be the thing that breaks (issue 15): hostile
console bytes from a real guest on real QEMU, a vcheck killed outright,
output paths with commas and spaces, two runs into one directory, a full
disk, and a backend that dies mid-cell. Each case failed before its fix."""
import glob
import os
import resource
import signal
import subprocess
import time

import pytest

from vcheck_util import (all_pids, fnv1a, load_results, pid_alive, proc_cmdline, run_vcheck_cmd, sealed,
                         wait_until)


# Lines a broken or hostile channel could carry. The record after the start
# record is number 1: a forged end record there would end the run early.
HOSTILE = {
    "seal-overlaps-prefix": b"@vc1 #%08x\n" % fnv1a(b"@vc1"),   # crashed the parser once
    "forged-end": sealed(b"@vc1 1 end devices=0 checks=0"),
    "unsealed": b"@vc1 1 log msg=hello\n",
    "long-junk": b"@vc1 " + b"A" * 120 + b"\n",
    "control-bytes": b"\x1b[2J\x00\x07@vc1 \x00\xff\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_console_line_is_an_error_not_a_crash(vcheck, tmp_path, name):
    line = HOSTILE[name]
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--guest-say", line.hex(), "--transport", "mmio-v2", "--device", "rng"],
                       out=tmp_path)
    assert r.results is not None, "no results.json (rc %d): %s" % (r.rc, r.stderr)
    cell = r.results["cells"][0]
    assert cell["problems"], cell
    assert cell["verdict"] == "ERROR", (cell["verdict"], cell["problems"])
    assert r.rc == 3, r.stderr
    assert not glob.glob(os.path.join(str(tmp_path), "cells", "*", "scratch"))


def vcheck_children(pid):
    out = []
    for p in all_pids():
        try:
            with open("/proc/%d/stat" % p) as f:
                ppid = f.read().rsplit(")", 1)[1].split()[1]
        except (OSError, IndexError):
            continue  # gone meanwhile
        if p != pid and ppid == str(pid):
            out.append(p)
    return out


def running_cell(pid, out):
    """QEMU and its backend daemon up, and the guest talking."""
    kids = vcheck_children(pid)
    names = [os.path.basename((proc_cmdline(k) or [""])[0]) for k in kids]
    consoles = glob.glob(str(out / "cells" / "*" / "console.txt"))
    talking = consoles and os.path.getsize(consoles[0]) > 0
    if talking and any("qemu-system" in n for n in names) and any("qemu-storage-daemon" in n for n in names):
        return kids
    return None


def test_nothing_outlives_a_killed_vcheck(vcheck, tmp_path):
    """SIGKILL cannot be caught: QEMU and the backend daemon are leashed to
    vcheck (PR_SET_PDEATHSIG) and die with it; the next run into the same
    --out removes the scratch it left."""
    out = tmp_path / "out"
    p = subprocess.Popen([vcheck, "run", "--guest-hang", "--timeout", "60", "--transport", "mmio-v2",
                          "--device", "vhost-user-blk", "--out", str(out)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    kids = wait_until(lambda: running_cell(p.pid, out), 20)
    assert kids, "no QEMU and daemon under vcheck"
    assert glob.glob(str(out / "cells" / "*" / "scratch"))
    p.kill()
    p.wait(timeout=10)
    assert wait_until(lambda: not [k for k in kids if pid_alive(k)], 5), \
        "left running after SIGKILL: %s" % [proc_cmdline(k)[:1] for k in kids if pid_alive(k)]
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--transport", "mmio-v2", "--device", "rng"], out=out)
    assert r.rc == 0, r.stderr
    assert not glob.glob(str(out / "cells" / "*" / "scratch")), "the killed run's scratch is still there"


def test_out_path_with_commas_and_spaces(vcheck, tmp_path):
    out = tmp_path / "a dir, with commas" / "run 1"
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--transport", "mmio-v2", "--transport", "pci-modern", "--device", "rng",
                                "--device", "blk", "--device", "console", "--device", "vhost-user-blk"], out=out)
    assert r.rc == 0, r.stderr
    assert [c["outcome"] for c in r.results["cells"]] == ["completed", "completed"]
    for c in r.results["cells"]:
        models = {d["model"] for d in c["devices"]}
        assert {"rng", "blk", "console", "vhost-user-blk"} <= models, (c["name"], models)
        assert os.path.isfile(os.path.join(str(out), c["logs"], "virtconsole2.txt")) or \
            glob.glob(os.path.join(str(out), c["logs"], "virtconsole*.txt"))
    assert not glob.glob("/tmp/vcheck-*-out"), "the path's /tmp alias outlived the run"


def test_two_runs_into_one_out_dir(vcheck, tmp_path):
    first = subprocess.Popen([vcheck, "run", "--guest-hang", "--timeout", "30", "--transport", "mmio-v2",
                              "--device", "rng", "--out", str(tmp_path)], stdin=subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert wait_until(lambda: os.path.exists(tmp_path / ".vcheck.lock") and vcheck_children(first.pid), 20)
        r = run_vcheck_cmd(vcheck, ["run", "-q", "--transport", "mmio-v2", "--device", "rng"], out=tmp_path)
        assert r.rc == 2, r.stderr
        assert "in use by another vcheck run (PID %d)" % first.pid in r.stderr, r.stderr
    finally:
        first.send_signal(signal.SIGINT)
        first.communicate(timeout=20)
    assert first.returncode == 130


def test_full_disk_leaves_no_truncated_results(vcheck, tmp_path):
    """Writes past a file size limit fail (EFBIG): results.json is written
    whole or not at all, and the run says it could not write it."""
    out = tmp_path / "out"
    big = run_vcheck_cmd(vcheck, ["run", "-q", "--transport", "mmio-v2", "--device", "rng"], out=tmp_path / "probe")
    size = os.path.getsize(tmp_path / "probe" / "results.json")
    console = max(os.path.getsize(f) for f in glob.glob(str(tmp_path / "probe" / "cells" / "*" / "console.txt")))
    limit = max(console, 4096) + 1024
    assert size > limit, (size, limit)

    def cap():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    p = subprocess.run([vcheck, "run", "-q", "--transport", "mmio-v2", "--device", "rng", "--out", str(out)],
                       stdin=subprocess.DEVNULL, capture_output=True, text=True, preexec_fn=cap, timeout=60)
    assert p.returncode == 2, p.stderr
    assert "cannot write %s/results.json" % out in p.stderr, p.stderr
    assert not os.path.exists(out / "results.json"), "a truncated results.json was left"
    assert not glob.glob(str(out / "results.json.tmp-*"))


def test_a_backend_that_dies_mid_cell_costs_seconds_not_the_timeout(vcheck, tmp_path):
    out = tmp_path / "out"
    p = subprocess.Popen([vcheck, "run", "--guest-hang", "--no-resume", "--timeout", "60", "--transport", "mmio-v2",
                          "--device", "vhost-user-blk", "--out", str(out)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    kids = wait_until(lambda: running_cell(p.pid, out), 20)
    assert kids, "no QEMU and daemon under vcheck"
    daemons = [k for k in kids if "qemu-storage-daemon" in (proc_cmdline(k) or [""])[0]]
    os.kill(daemons[0], signal.SIGKILL)
    start = time.monotonic()
    _, err = p.communicate(timeout=40)
    took = time.monotonic() - start
    assert took < 10, "the dead backend was noticed after %.1f s" % took
    cell = load_results(out)["cells"][0]
    # QEMU 7.2's vhost-user-blk front-end may die with its backend (CRASH)
    # or wait for it (WEDGED, after the grace, saying why)
    assert cell["outcome"] in ("crashed", "wedged"), cell
    if cell["outcome"] == "wedged":
        assert "a backend daemon had exited" in cell["outcome_detail"], cell
    (d,) = cell["daemons"]
    assert d["ended"] == "killed by signal 9", d
