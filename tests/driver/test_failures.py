"""Failure paths and single-cell runs: hung guests, killed QEMU, Ctrl-C,
setup errors, noise on the console, --extra-args devices."""
import glob
import os
import re
import shlex
import shutil
import signal
import time

import pytest

from ci_formats import validate_junit
from vcheck_util import (QEMU, pid_alive, proc_cmdline, qemu_children, qemus_mentioning,
                          load_results, wait_until)

RNG_TYPE = 4   # VIRTIO 1.2 5.4: entropy device
BLK_TYPE = 2   # VIRTIO 1.2 5.2: block device
CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """utime + stime of a process (all its threads), or None when gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def wait_for_spinning_qemus(vcheck_proc, count, cpu=0.5, timeout=20):
    """Waits until vcheck has `count` QEMU children that each used `cpu`
    seconds of CPU. With --guest-hang the guest dumps every device (a whole
    run takes ~0.1 s) and then spins, so this means "now in the hang loop"
    however loaded the host is. Returns the QEMU pids."""
    def ready():
        if vcheck_proc.poll() is not None:
            raise AssertionError("vcheck exited early (%s): %s" % (vcheck_proc.returncode,
                                                                  vcheck_proc.stderr.read()))
        kids = qemu_children(vcheck_proc.pid)
        if len(kids) >= count and all((cpu_seconds(k) or 0) >= cpu for k in kids):
            return kids
        return None
    kids = wait_until(ready, timeout)
    assert kids, "no %d spinning %s children of vcheck within %ss" % (count, QEMU, timeout)
    return kids


def console_records(out):
    n = 0
    for path in glob.glob(os.path.join(str(out), "cells", "*", "console.txt")):
        with open(path, "rb") as f:
            n += sum(1 for line in f if line.startswith(b"@vc1 "))
    return n


def only_cell(results):
    assert results is not None, "no results.json"
    assert len(results["cells"]) == 1, [c["name"] for c in results["cells"]]
    return results["cells"][0]


def no_cells_created(out):
    cells = os.path.join(str(out), "cells")
    return not os.path.exists(cells) or not os.listdir(cells)


# --- (a) hung guest --------------------------------------------------------


def test_hung_guest_is_wedged(run_vcheck, tmp_path):
    r = run_vcheck("run", "--guest-hang", "--timeout", "2", "--transport", "mmio-v2",
                   "--device", "rng", out=tmp_path, timeout=30)
    assert r.rc == 1, r.stderr
    assert r.seconds < 15, "a 2 s timeout took %.1f s" % r.seconds
    cell = only_cell(r.results)
    assert cell["outcome"] == "wedged", cell["outcome_detail"]
    assert cell["verdict"] == "WEDGED"
    assert r.results["verdict"] == "WEDGED"
    assert "timeout" in cell["outcome_detail"]
    assert 1.5 <= cell["seconds"] < 10, cell["seconds"]
    # Discovery runs before the hang: what the guest said is kept.
    assert cell["records"] > 0
    assert [(d["model"], d["device_id"], d["interface"]) for d in cell["devices"]] == \
        [("rng", RNG_TYPE, "mmio-v2")]
    assert cell["devices"][0]["checks"], "the rng's checks were recorded before the hang"
    # console.txt has the records the results were built from
    assert console_records(tmp_path) == cell["records"]
    assert not os.path.exists(os.path.join(str(tmp_path), cell["logs"], "scratch"))


# --- (a2) a broken record channel is ERROR, not the device's FAIL ----------


def test_lost_record_is_error_with_its_own_exit_code(run_vcheck, tmp_path):
    """A record the channel lost (the image leaves out record 3, as a console
    dropping a line would) says nothing about the device: ERROR, exit 3, so a
    pipeline can retry it, and JUnit's <error>, not <failure>."""
    r = run_vcheck("run", "-q", "--guest-lose-record", "3", "--transport", "mmio-v2",
                   "--device", "rng", out=tmp_path)
    assert r.rc == 3, r.stderr
    cell = only_cell(r.results)
    assert cell["outcome"] == "completed"
    assert cell["verdict"] == "ERROR" and r.results["verdict"] == "ERROR"
    assert any("expected seq 3, got 4" in p for p in cell["problems"]), cell["problems"]
    doc = validate_junit(os.path.join(str(tmp_path), "junit.xml"))
    (boot,) = [c for c in doc.getElementsByTagName("testcase") if c.getAttribute("name") == "boot"]
    (err,) = boot.getElementsByTagName("error")
    assert err.getAttribute("type") == "ERROR" and err.getAttribute("message").startswith("records lost"), \
        err.toxml()[:600]
    assert not doc.getElementsByTagName("failure")


def test_device_fail_is_not_hidden_behind_a_broken_channel(run_vcheck, tmp_path):
    """A planted device fault and a lost record in one cell: the FAIL wins
    (exit 1), so a retry for the channel never passes a real regression."""
    r = run_vcheck("run", "-q", "--guest-lose-record", "3", "--plant", "queue-odd",
                   "--transport", "mmio-v2", "--device", "rng", out=tmp_path)
    assert r.rc == 1, r.stderr
    cell = only_cell(r.results)
    assert cell["problems"], "the lost record is still listed"
    assert cell["verdict"] == "FAIL"


def test_guest_lose_record_needs_a_record_number(run_vcheck, tmp_path):
    for bad in ("0", "x", "-1", "4294967296"):
        r = run_vcheck("run", "--guest-lose-record", bad, "--device", "rng", out=tmp_path)
        assert r.rc == 2 and "--guest-lose-record" in r.stderr, (bad, r.stderr)


# --- (b) QEMU killed under vcheck -------------------------------------------


def test_killed_qemu_is_crash(spawn_vcheck, tmp_path):
    p = spawn_vcheck("run", "--guest-hang", "--timeout", "30", "--transport", "mmio-v2",
                     "--device", "rng", "--out", tmp_path)
    (qemu,) = wait_for_spinning_qemus(p, 1)
    # The QEMU we are about to kill is this run's (an rng-only cell's command
    # line has no path of the out dir in it, so identify it as vcheck's child
    # and by its command line, which cmdline.txt must reproduce exactly).
    argv = proc_cmdline(qemu)
    (cmdline_txt,) = glob.glob(os.path.join(str(tmp_path), "cells", "*", "cmdline.txt"))
    with open(cmdline_txt) as f:
        assert shlex.split(f.read()) == argv, "cmdline.txt does not replay the QEMU command line"
    os.kill(qemu, signal.SIGKILL)
    start = time.monotonic()
    _, err = p.communicate(timeout=20)
    assert time.monotonic() - start < 5, "vcheck noticed the dead QEMU only after %.1fs" % (
        time.monotonic() - start)
    assert p.returncode == 1, err
    cell = only_cell(load_results(tmp_path))
    assert cell["outcome"] == "crashed", cell["outcome_detail"]
    assert cell["verdict"] == "CRASH"
    assert re.search(r"signal 9\b", cell["outcome_detail"]), cell["outcome_detail"]
    assert cell["records"] > 0
    assert [d["model"] for d in cell["devices"]] == ["rng"]
    assert not pid_alive(qemu)


def test_console_log_is_live_while_the_cell_runs(spawn_vcheck, tmp_path):
    p = spawn_vcheck("run", "--guest-hang", "--timeout", "30", "--transport", "mmio-v2",
                     "--device", "rng", "--out", tmp_path)
    (qemu,) = wait_for_spinning_qemus(p, 1)
    # The guest has long since written its ~12 records and is spinning.
    seen = wait_until(lambda: console_records(tmp_path), 3)
    os.kill(qemu, signal.SIGKILL)
    p.communicate(timeout=20)
    assert seen, "console.txt had no @vc1 records while the guest was hung"


# --- (h) Ctrl-C --------------------------------------------------------------


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT],
                         ids=["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"])
def test_interrupt_stops_everything(spawn_vcheck, tmp_path, sig):
    out = str(tmp_path)
    p = spawn_vcheck("run", "--guest-hang", "--timeout", "60", "-j", "2", "--out", out)
    qemus = wait_for_spinning_qemus(p, 2)
    assert sorted(qemus) == sorted(qemus_mentioning(out)), "the matrix's QEMUs name the out dir"
    p.send_signal(sig)
    start = time.monotonic()
    _, err = p.communicate(timeout=20)
    took = time.monotonic() - start
    assert p.returncode == 130, err
    assert took < 5, "vcheck took %.1fs to stop after %s" % (took, sig.name)
    assert not [q for q in qemus if pid_alive(q)], "QEMU left running after SIGINT"
    assert not qemus_mentioning(out), "a QEMU of this run is still alive"
    results = load_results(out)
    assert results is not None, "no results.json after SIGINT"
    assert os.path.isfile(os.path.join(out, "junit.xml"))
    cells = results["cells"]
    assert len(cells) == 4
    assert all(c["outcome"] == "wedged" for c in cells), [(c["name"], c["outcome"]) for c in cells]
    started = [c for c in cells if c["records"] > 0]
    assert len(started) == 2, [(c["name"], c["outcome_detail"]) for c in cells]
    for c in cells:
        assert "interrupted" in c["outcome_detail"], c["outcome_detail"]
        if c in started:
            assert c["devices"], "%s: partial devices not kept" % c["name"]
    assert not glob.glob(os.path.join(out, "cells", "*", "scratch")), "scratch left behind"


def test_qemu_refusing_to_start_is_crash(run_vcheck, tmp_path):
    r = run_vcheck("run", "--transport", "mmio-v2", "--device", "rng",
                   "--extra-args", "-device vcheck-no-such-qemu-device", out=tmp_path)
    assert r.rc == 1, r.stderr
    cell = only_cell(r.results)
    assert cell["outcome"] == "crashed"
    assert cell["verdict"] == "CRASH"
    assert re.search(r"status [1-9]", cell["outcome_detail"]), cell["outcome_detail"]
    assert "vcheck-no-such-qemu-device" in cell["outcome_detail"], "the detail quotes QEMU's stderr"
    assert cell["records"] == 0 and cell["devices"] == []
    with open(os.path.join(str(tmp_path), cell["logs"], "qemu-stderr.txt")) as f:
        assert "vcheck-no-such-qemu-device" in f.read()


# --- (c)-(f) setup errors ----------------------------------------------------


def test_unknown_device_model(run_vcheck, tmp_path):
    r = run_vcheck("run", "--device", "nosuch", out=tmp_path)
    assert r.rc == 2
    assert "'nosuch'" in r.stderr and "device" in r.stderr, r.stderr
    assert no_cells_created(tmp_path)


@pytest.mark.parametrize("option", ["--transport", "--target"])
def test_unknown_transport_or_target(run_vcheck, tmp_path, option):
    r = run_vcheck("run", option, "nosuch", out=tmp_path / "out")
    assert r.rc == 2
    assert "'nosuch'" in r.stderr and option[2:] in r.stderr, r.stderr
    assert no_cells_created(tmp_path / "out")


@pytest.mark.parametrize("args", [
    ["run"],                                       # no --out
    ["run", "--out", "{tmp}", "-j", "0"],
    ["run", "--out", "{tmp}", "--timeout", "0"],
    ["run", "--out", "{tmp}", "--timeout", "soon"],
    ["run", "--out", "{tmp}", "stray"],
    ["run", "--out", "{tmp}", "--no-such-option"],
    ["frobnicate"],
    [],
], ids=["no-out", "j0", "timeout0", "timeout-word", "stray-arg", "bad-option", "bad-command", "no-command"])
def test_usage_errors(run_vcheck, tmp_path, args):
    r = run_vcheck(*[a.replace("{tmp}", str(tmp_path / "out")) for a in args])
    assert r.rc == 2, (r.rc, r.stderr)
    assert r.stderr.strip(), "a usage error says why"
    assert no_cells_created(tmp_path / "out")


def _copy_target(target_file, dest, edit):
    with open(target_file) as f:
        lines = f.read().splitlines()
    lines = edit(lines)
    with open(dest, "w") as f:
        f.write("\n".join(lines) + "\n")
    return str(dest), lines


def test_malformed_target_file(run_vcheck, target_file, tmp_path):
    def edit(lines):
        i = lines.index("[target]")
        return lines[:i + 1] + ["frobnication = yes"] + lines[i + 1:]
    path, lines = _copy_target(target_file, tmp_path / "bad.target", edit)
    lineno = lines.index("frobnication = yes") + 1
    r = run_vcheck("run", "--target", path, out=tmp_path / "out")
    assert r.rc == 2
    assert re.search(r"\S+:\d+:", r.stderr), r.stderr
    assert "%s:%d:" % (path, lineno) in r.stderr, r.stderr
    assert "frobnication" in r.stderr
    assert no_cells_created(tmp_path / "out")


def test_missing_qemu_names_the_package(run_vcheck, target_file, tmp_path):
    def edit(lines):
        return ["qemu = qemu-system-nonexistent" if re.match(r"qemu\s*=", l) else l for l in lines]
    path, lines = _copy_target(target_file, tmp_path / "noqemu.target", edit)
    (package,) = [l.split("=", 1)[1].strip() for l in lines if re.match(r"qemu-package\s*=", l)]
    r = run_vcheck("run", "--target", path, out=tmp_path / "out")
    assert r.rc == 2
    assert "qemu-system-nonexistent" in r.stderr, r.stderr
    assert re.search(r"\b%s\b" % re.escape(package), r.stderr), r.stderr
    assert no_cells_created(tmp_path / "out")


# --- (g) noise on the console -------------------------------------------------


def test_console_noise_is_counted_not_fatal(run_vcheck, tmp_path):
    # QEMU's own CPU-reset log, sent to its stdout, lands in the record
    # stream before the guest's first record: lines the parser must skip.
    r = run_vcheck("run", "--transport", "mmio-v2", "--device", "rng",
                   "--extra-args", "-d cpu_reset -D /dev/stdout", out=tmp_path)
    assert r.rc == 0, r.stderr
    cell = only_cell(r.results)
    assert cell["outcome"] == "completed", cell["outcome_detail"]
    assert cell["problems"] == []
    assert cell["noise_lines"] > 0
    with open(os.path.join(str(tmp_path), cell["logs"], "console.txt"), "rb") as f:
        lines = f.read().splitlines()
    assert cell["noise_lines"] == sum(1 for l in lines if l.strip() and not l.startswith(b"@vc1 "))
    assert cell["records"] == sum(1 for l in lines if l.startswith(b"@vc1 "))
    assert [d["model"] for d in cell["devices"]] == ["rng"]


# --- (i), (j) single cells ----------------------------------------------------


def test_one_device_one_transport(run_vcheck, tmp_path):
    r = run_vcheck("run", "--device", "blk", "--transport", "mmio-v1", out=tmp_path)
    assert r.rc == 0, r.stderr
    cell = only_cell(r.results)
    assert cell["transport"] == "mmio-v1"
    assert cell["outcome"] == "completed"
    assert [(a["model"], a["device_id"]) for a in cell["attached"]] == [("blk", BLK_TYPE)]
    assert [(d["model"], d["device_id"], d["interface"]) for d in cell["devices"]] == \
        [("blk", BLK_TYPE, "mmio-v1")]
    assert cell["devices"][0]["location"] == cell["attached"][0]["location"]


def test_keep_scratch_keeps_the_disk(run_vcheck, tmp_path):
    r = run_vcheck("run", "--device", "blk", "--transport", "mmio-v2", "--keep-scratch", out=tmp_path)
    assert r.rc == 0, r.stderr
    cell = only_cell(r.results)
    disks = glob.glob(os.path.join(str(tmp_path), cell["logs"], "scratch", "disk*.img"))
    assert len(disks) == 1, disks
    assert os.path.getsize(disks[0]) == 1 << 20  # the target's `files = disk{n}.img:1M`


def test_extra_args_device_is_reported_unattached(run_vcheck, tmp_path):
    slot = 30
    r = run_vcheck("run", "--device", "blk", "--transport", "mmio-v2",
                   "--extra-args", "-device virtio-rng-device,bus=virtio-mmio-bus.%d" % slot,
                   out=tmp_path)
    assert r.rc == 0, r.stderr
    cell = only_cell(r.results)
    assert cell["outcome"] == "completed"
    assert [a["model"] for a in cell["attached"]] == ["blk"]
    extra = [d for d in cell["devices"] if d["model"] is None]
    assert len(extra) == 1, cell["devices"]
    # mmio-base 0x0a000000 + slot * mmio-stride 0x200 (the target file)
    assert extra[0]["location"] == "mmio@%#x" % (0x0a000000 + slot * 0x200) == "mmio@0xa003c00"
    assert extra[0]["device_id"] == RNG_TYPE
    assert extra[0]["interface"] == "mmio-v2"
    assert extra[0]["checks"]
    assert [d["model"] for d in cell["devices"] if d["model"]] == ["blk"]


# --- options that shape a run --------------------------------------------------


def test_only_runs_one_check(run_vcheck, tmp_path):
    r = run_vcheck("run", "--transport", "mmio-v2", "--device", "rng", "--device", "blk",
                   "--only", "STATUS-RESET-001", out=tmp_path)
    assert r.rc == 0, r.stderr
    cell = only_cell(r.results)
    assert [d["model"] for d in cell["devices"]] == ["rng", "blk"]
    for d in cell["devices"]:
        assert [k["id"] for k in d["checks"]] == ["STATUS-RESET-001"], d["model"]


def test_only_unknown_check_is_a_usage_error(run_vcheck, tmp_path):
    r = run_vcheck("run", "--transport", "mmio-v2", "--device", "rng",
                   "--only", "NO-SUCH-CHECK", out=tmp_path / "out")
    assert r.rc == 2, (r.rc, r.stderr)
    assert "NO-SUCH-CHECK" in r.stderr
    assert no_cells_created(tmp_path / "out")


def test_no_checks(run_vcheck, tmp_path):
    r = run_vcheck("run", "--transport", "pci-transitional", "--device", "rng", "--no-checks",
                   out=tmp_path)
    assert r.rc == 0, r.stderr
    cell = only_cell(r.results)
    assert sorted(d["interface"] for d in cell["devices"]) == ["pci-legacy", "pci-modern"]
    assert all(d["checks"] == [] for d in cell["devices"])
    assert all(d["feature_words"] and d["queues"] for d in cell["devices"]), "the dump still runs"


def test_trace_does_not_change_the_verdict(run_vcheck, tmp_path):
    plain = run_vcheck("run", "--transport", "mmio-v2", "--device", "rng", out=tmp_path / "plain")
    traced = run_vcheck("run", "--transport", "mmio-v2", "--device", "rng", "--trace",
                        out=tmp_path / "traced")
    assert plain.rc == 0, plain.stderr
    a, b = only_cell(plain.results), only_cell(traced.results)
    assert b["records"] > a["records"], "--trace adds acc records"
    assert b["problems"] == [], b["problems"][:3]
    assert (traced.rc, b["verdict"]) == (plain.rc, a["verdict"])


# --- baselines -----------------------------------------------------------------


def test_baseline_entry_for_a_passing_check_is_xpass(run_vcheck, tmp_path):
    bl = tmp_path / "x.baseline"
    bl.write_text("STATUS-RESET-001 mmio-v2 rng pretend this is a known failure\n")
    r = run_vcheck("run", "--transport", "mmio-v2", "--device", "rng", "--baseline", bl,
                   out=tmp_path / "out")
    assert r.rc == 1, r.stderr
    (dev,) = only_cell(r.results)["devices"]
    (k,) = [k for k in dev["checks"] if k["id"] == "STATUS-RESET-001"]
    assert k["verdict"] == "XPASS"
    assert k["baseline"] == "pretend this is a known failure"
    # An XPASS is reported only once it passed again in two confirmation
    # boots that ran that check alone (harness/run/confirm.h).
    cell = only_cell(r.results)
    assert k["detail"] == "passed in the first run and in 2 of 2 confirmation runs (%s.confirmN)" % cell["logs"]
    for n in (1, 2):
        logs = tmp_path / "out" / ("%s.confirm%d" % (cell["logs"], n))
        argv = shlex.split((logs / "cmdline.txt").read_text())
        assert "vcheck.only=STATUS-RESET-001" in argv[argv.index("-append") + 1].split()
        assert re.search(r"^@vc1 \d+ end devices=1 checks=1 ", (logs / "console.txt").read_text(), re.M)
    assert not (tmp_path / "out" / ("%s.confirm3" % cell["logs"])).exists()


def test_no_xpass_no_confirmation_run(run_vcheck, tmp_path):
    r = run_vcheck("run", "--transport", "mmio-v2", "--device", "rng", out=tmp_path)
    assert r.rc == 0, r.stderr
    assert [p.name for p in (tmp_path / "cells").iterdir()] == [only_cell(r.results)["logs"].split("/")[-1]]


def test_only_takes_a_list(run_vcheck, tmp_path):
    r = run_vcheck("run", "--transport", "mmio-v2", "--device", "rng",
                   "--only", "STATUS-RESET-001,MMIO-ID-001", out=tmp_path)
    assert r.rc == 0, r.stderr
    (dev,) = only_cell(r.results)["devices"]
    assert sorted(k["id"] for k in dev["checks"]) == ["MMIO-ID-001", "STATUS-RESET-001"]


@pytest.mark.parametrize("only", ["STATUS-RESET-001,NO-SUCH-CHECK", ",", "A" * 300])
def test_only_list_with_a_bad_name_is_a_usage_error(run_vcheck, tmp_path, only):
    r = run_vcheck("run", "--transport", "mmio-v2", "--device", "rng", "--only", only, out=tmp_path / "out")
    assert r.rc == 2, (r.rc, r.stderr)
    assert ("NO-SUCH-CHECK" if "," in only[1:] else "--only") in r.stderr, r.stderr
    assert no_cells_created(tmp_path / "out")


BAD_BASELINES = {
    "malformed": "JUSTONEWORD\n",
    "missing": None,
    "unknown-transport": "STATUS-RESET-001 mmio-v9 rng r\n",
    "unknown-interface": "# a comment first\nSTATUS-RESET-001 pci-transitional/pci-old rng r\n",
    "unknown-personality": "STATUS-RESET-001 mmio-v2.gunyha rng r\n",
    "personality-before-interface": "STATUS-RESET-001 pci-transitional.direct/pci-legacy rng r\n",
    "interface-not-on-transport": "STATUS-RESET-001 mmio-v2/pci-legacy rng r\n",
    "empty-interface": "STATUS-RESET-001 pci-transitional/ rng r\n",
}


@pytest.mark.parametrize("name", sorted(BAD_BASELINES))
def test_bad_baseline_is_caught_before_any_qemu(run_vcheck, tmp_path, name):
    content = BAD_BASELINES[name]
    bl = tmp_path / "bad.baseline"
    if content is not None:
        bl.write_text(content)
    r = run_vcheck("run", "--transport", "mmio-v2", "--device", "rng", "--baseline", bl,
                   out=tmp_path / "out")
    assert r.rc == 2, r.stderr
    if content is None:
        assert str(bl) in r.stderr
    else:  # file:line of the bad line, the last one written
        assert "%s:%d: " % (bl, content.count("\n")) in r.stderr, r.stderr
    assert no_cells_created(tmp_path / "out"), "QEMU ran before the baseline was checked"


def interface_verdicts(results, model):
    """{(interface, check id): check} of the only cell's `model` devices."""
    (cell,) = results["cells"]
    return {(d["interface"], k["id"]): k for d in cell["devices"] if d["model"] == model
            for k in d["checks"]}


@pytest.mark.skipif(shutil.which("qemu-storage-daemon") is None,
                    reason="qemu-storage-daemon is not installed (apt-get install qemu-system-common)")
def test_baseline_can_name_one_interface_of_a_transitional_device(run_vcheck, tmp_path):
    """vhost-user-blk on pci-transitional: libvhost-user refuses the legacy
    interface (no VERSION_1), so checks fail there that pass on the modern
    one. A line for pci-transitional/pci-legacy turns the legacy FAIL into
    XFAIL and leaves the modern PASS alone; a line for the transport alone
    still covers both interfaces (the modern PASS becomes XPASS)."""
    model, args = "vhost-user-blk", ("run", "--transport", "pci-transitional", "--device", "vhost-user-blk")
    raw = run_vcheck(*args, "--no-baseline", out=tmp_path / "raw")
    assert raw.results is not None, raw.stderr
    v = interface_verdicts(raw.results, model)
    assert {i for i, _ in v} == {"pci-modern", "pci-legacy"}, sorted(v)
    legacy_only = sorted(c for i, c in v if i == "pci-legacy" and v[i, c]["verdict"] == "FAIL"
                         and ("pci-modern", c) in v and v["pci-modern", c]["verdict"] == "PASS")
    assert len(legacy_only) >= 2, "want two checks failing only on the legacy interface: %s" % sorted(
        (i, c, k["verdict"]) for (i, c), k in v.items())
    narrow, wide = legacy_only[:2]
    bl = tmp_path / "iface.baseline"
    bl.write_text("%s pci-transitional/pci-legacy %s legacy interface only\n"
                  "%s pci-transitional %s every interface\n" % (narrow, model, wide, model))
    r = run_vcheck(*args, "--baseline", bl, out=tmp_path / "out")
    assert r.rc == 1, r.stderr  # the wide line's XPASS fails the run
    w = interface_verdicts(r.results, model)
    assert (w["pci-legacy", narrow]["verdict"], w["pci-legacy", narrow].get("baseline")) == \
        ("XFAIL", "legacy interface only")
    assert w["pci-modern", narrow]["verdict"] == v["pci-modern", narrow]["verdict"]
    assert "baseline" not in w["pci-modern", narrow]
    assert (w["pci-legacy", wide]["verdict"], w["pci-modern", wide]["verdict"]) == ("XFAIL", "XPASS")
    assert w["pci-modern", wide]["baseline"] == "every interface"
    # nothing else moved
    others = lambda d: {k: c["verdict"] for k, c in d.items() if k[1] not in (narrow, wide)}
    assert others(w) == others(v)


def test_progress_lines_show_the_final_verdict(run_vcheck, tmp_path):
    r = run_vcheck("run", "--transport", "mmio-v2", "--device", "rng", out=tmp_path)
    cell = only_cell(r.results)
    lines = [l.split() for l in r.stderr.splitlines() if cell["name"] in l.split()]
    assert len(lines) == 1, r.stderr
    assert lines[0][2] == cell["verdict"], r.stderr


# --- vcheck list ------------------------------------------------------------------


@pytest.mark.parametrize("what", [None, "targets", "transports", "devices", "checks", "layouts"])
def test_list(run_vcheck, what):
    r = run_vcheck("list", *([what] if what else []))
    assert r.rc == 0, r.stderr
    assert r.stdout.strip()


def test_list_bad_subject_and_unwritable_out(run_vcheck):
    assert run_vcheck("list", "bogus").rc == 2
    r = run_vcheck("run", "--out", "/proc/vcheck-cannot-create/out")
    assert r.rc == 2 and "/proc/vcheck-cannot-create/out" in r.stderr, r.stderr


# --- a named device where it cannot run -----------------------------------------


def test_named_device_on_a_transport_it_cannot_run_on_is_a_setup_error(run_vcheck, tmp_path):
    # virtio-iommu has no mmio type: the cell would boot with nothing in it.
    r = run_vcheck("run", "--device", "iommu", "--transport", "mmio-v2", out=tmp_path / "out")
    assert r.rc == 2, r.stderr
    assert "iommu is not offered on mmio-v2's bus" in r.stderr, r.stderr
    assert "no cell to run" in r.stderr, r.stderr
    assert no_cells_created(tmp_path / "out")


def test_named_device_is_left_out_where_it_cannot_show_an_interface(run_vcheck, tmp_path):
    # QEMU's virtio-gpu-pci is modern-only; the transitional cell runs rng alone.
    r = run_vcheck("run", "--device", "gpu", "--device", "rng", "--transport", "pci-transitional", out=tmp_path)
    assert r.rc == 0, r.stderr
    assert "gpu shows no pci-legacy interface, which pci-transitional is there for" in r.stderr, r.stderr
    assert [a["model"] for a in only_cell(r.results)["attached"]] == ["rng"]


def test_extra_args_devices_still_get_their_cell(run_vcheck, tmp_path):
    # The named model cannot run there, but --extra-args brings a device of its own.
    r = run_vcheck("run", "--device", "iommu", "--transport", "mmio-v2",
                   "--extra-args", "-device virtio-rng-device,bus=virtio-mmio-bus.5", out=tmp_path)
    assert r.rc == 0, r.stderr
    cell = only_cell(r.results)
    assert cell["attached"] == []
    assert [(d["model"], d["device_id"]) for d in cell["devices"]] == [(None, 4)]


# --- a check that kills the VMM or never returns costs only itself ----------


def check_ids(results, model):
    return {k["id"] for c in results["cells"] for d in c["devices"] if d["model"] == model for k in d["checks"]}


@pytest.fixture(scope="module")
def rng_mmio_v2(run_vcheck_module, tmp_path_factory):
    r = run_vcheck_module("run", "-q", "--transport", "mmio-v2", "--device", "rng",
                          out=tmp_path_factory.mktemp("rng-mmio-v2"))
    assert r.results is not None, r.stderr
    return r.results


def test_a_check_that_never_returns_is_wedged_and_the_rest_still_run(run_vcheck, tmp_path, rng_mmio_v2):
    """The image hangs in STATUS-RESET-002 (vcheck.hangin). The cell makes no
    progress, boots again in careful mode from the device it stopped on, hangs
    in the same check, which is named by its "begin" record, and a third boot
    runs everything after it: every check has a verdict, that one WEDGED."""
    r = run_vcheck("run", "-q", "--guest-hang-in", "STATUS-RESET-002", "--timeout", "3", "--transport", "mmio-v2",
                   "--device", "rng", out=tmp_path, timeout=90)
    assert r.rc == 1, r.stderr
    cell = only_cell(r.results)
    assert cell["outcome"] == "completed", cell["outcome_detail"]
    assert cell["verdict"] == "WEDGED"
    assert cell["boots"] == 3, cell.get("boots")
    (dev,) = cell["devices"]
    by_id = {k["id"]: k for k in dev["checks"]}
    hung = by_id["STATUS-RESET-002"]
    assert hung["verdict"] == "WEDGED" and hung["boot"] == 1, hung
    assert "made no progress in this check (boot 1" in hung["detail"], hung
    # exactly the checks an undisturbed run gives the device, each once
    assert [k["id"] for k in dev["checks"]].count("STATUS-RESET-002") == 1
    assert set(by_id) == check_ids(rng_mmio_v2, "rng")
    assert any(k.get("boot") == 2 for k in dev["checks"]), "the third boot ran the checks after it"
    assert [k for k in dev["checks"] if k["verdict"] in ("CRASH", "WEDGED")] == [hung]
    for suffix in (".resume1", ".resume2"):
        assert os.path.isdir(os.path.join(str(tmp_path), "cells", cell["name"] + suffix))


def test_no_resume_keeps_the_first_boot(run_vcheck, tmp_path):
    r = run_vcheck("run", "-q", "--no-resume", "--guest-hang-in", "STATUS-RESET-002", "--timeout", "2",
                   "--transport", "mmio-v2", "--device", "rng", out=tmp_path, timeout=60)
    assert r.rc == 1, r.stderr
    cell = only_cell(r.results)
    assert cell["outcome"] == "wedged" and "boots" not in cell
    assert "STATUS-RESET-002" not in {k["id"] for d in cell["devices"] for k in d["checks"]}


def test_only_and_skip_select_exactly(run_vcheck, tmp_path, rng_mmio_v2):
    """Lists of any length reach the image whole (a rank set, vcheck.run):
    every check ID of the catalogue in one --only (kilobytes) runs exactly
    what no --only runs; --skip takes its checks out."""
    everything = run_vcheck("list", "checks").stdout
    ids = [line.split()[0] for line in everything.splitlines() if re.match(r"^[A-Z]+-[A-Z0-9]+-\d+ ", line)]
    assert len(ids) > 200 and len(",".join(ids)) > 2000
    r = run_vcheck("run", "-q", "--only", ",".join(ids), "--transport", "mmio-v2", "--device", "rng",
                   out=tmp_path / "all")
    assert check_ids(r.results, "rng") == check_ids(rng_mmio_v2, "rng")
    skip = sorted(check_ids(rng_mmio_v2, "rng"))[::3]
    r = run_vcheck("run", "-q", "--skip", ",".join(skip[:5]), "--skip", ",".join(skip[5:]), "--transport",
                   "mmio-v2", "--device", "rng", out=tmp_path / "skip")
    assert check_ids(r.results, "rng") == check_ids(rng_mmio_v2, "rng") - set(skip)
    r = run_vcheck("run", "-q", "--only", "STATUS-RESET-001,STATUS-RESET-002", "--skip", "STATUS-RESET-002",
                   "--transport", "mmio-v2", "--device", "rng", out=tmp_path / "both")
    assert check_ids(r.results, "rng") == {"STATUS-RESET-001"}
    r = run_vcheck("run", "-q", "--only", "STATUS-RESET-001", "--skip", "STATUS-RESET-001", out=tmp_path / "none")
    assert r.rc == 2 and "leave no check" in r.stderr
    r = run_vcheck("run", "-q", "--skip", "NO-SUCH-001", out=tmp_path / "bad")
    assert r.rc == 2 and "unknown check 'NO-SUCH-001' in --skip" in r.stderr
