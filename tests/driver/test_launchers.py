"""Launcher targets: a VMM other than QEMU, started from a command template,
its console read from its stdout, a file, a unix socket or a pty. Here the
launcher is QEMU itself, driven as any VMM would be (no semihosting, no QMP,
no trace), so every console path is exercised for real and the verdicts can
be compared with the QEMU target's. The shipped VMM targets (cloud-hypervisor,
Firecracker, crosvm, kvmtool, xl) cannot run on this machine: they are
checked for syntax and planning."""
import glob
import os
import shlex

import pytest

from vcheck_util import load_results

CONSOLES = {
    "stdout": "-serial stdio",
    "file": "-serial file:{console}",
    # wait=on: QEMU starts the guest only once vcheck has connected
    "socket": "-chardev socket,id=c0,path={console},server=on,wait=on -serial chardev:c0",
    "pty": "-chardev serial,id=c0,path={console} -serial chardev:c0",
}

TEMPLATE = """[target]
name = launch-{mode}
description = QEMU started as a launcher, console from {mode}
arch = aarch64
launcher = qemu-system-aarch64 {{args}} -kernel {{image}} -append {{cmdline}} {console} {{devices}}
launcher-package = qemu-system-arm
console-from = {mode}
image = probe-aarch64.img
args = -machine virt -cpu cortex-a57 -m 256M -smp 1 -nodefaults -no-user-config -display none -monitor none
mmio-base = 0x0a000000
mmio-stride = 0x200
mmio-slots = 32

[transport mmio-v2]
bus = mmio
interfaces = mmio-v2
args = -global virtio-mmio.force-legacy=false
place = bus=virtio-mmio-bus.{{slot}}

[device rng]
type = 4
default = yes
mmio = -device virtio-rng-device,{{place}}

[device blk]
type = 2
default = yes
files = disk{{n}}.img:1M
mmio = -blockdev driver=file,filename={{dir}}/disk{{n}}.img,node-name=disk{{n}} -device virtio-blk-device,{{place}},drive=disk{{n}},num-queues=2,packed=on
"""


def launcher_target(tmp_path, mode, console=None):
    path = tmp_path / ("launch-%s.target" % mode)
    path.write_text(TEMPLATE.format(mode=mode, console=console if console is not None else CONSOLES[mode]))
    return path


def verdicts(results):
    return {(d["model"], d["location"], k["id"]): k["verdict"]
            for c in results["cells"] for d in c["devices"] for k in d.get("checks", [])}


@pytest.fixture(scope="module")
def reference(run_vcheck_module, tmp_path_factory):
    out = tmp_path_factory.mktemp("ref")
    r = run_vcheck_module("run", "-q", "--no-baseline", "--device", "rng", "--device", "blk",
                          "--transport", "mmio-v2", out=out)
    assert r.results is not None, r.stderr
    return r.results


@pytest.mark.parametrize("mode", sorted(CONSOLES))
def test_every_console_source_gives_the_same_verdicts(run_vcheck, tmp_path, reference, mode):
    target = launcher_target(tmp_path, mode)
    r = run_vcheck("run", "-q", "--no-baseline", "--target", target, out=tmp_path / "out")
    assert r.results is not None, r.stderr
    (cell,) = r.results["cells"]
    assert cell["outcome"] == "completed", cell["outcome_detail"]
    assert cell["console"] == "uart"  # no semihosting, no ring: a launcher gets neither
    assert verdicts(r.results) == verdicts(reference)
    cmdline = (tmp_path / "out" / cell["logs"] / "cmdline.txt").read_text()
    assert "-semihosting-config" not in cmdline and "-qmp" not in cmdline
    # {cmdline} is one argument however many words it has
    words = shlex.split(cmdline)
    assert words[words.index("-append") + 1].startswith("vcheck.checks=1 vcheck.trace=0")
    if mode == "file":
        assert (tmp_path / "out" / cell["logs"] / "vmm-console.txt").stat().st_size > 0


@pytest.mark.parametrize("mode", ["file", "socket"])
def test_a_console_that_never_comes_is_a_crash(run_vcheck, tmp_path, mode):
    """The launcher runs and exits without ever giving the console."""
    target = launcher_target(tmp_path, mode, console="-serial null")
    r = run_vcheck("run", "-q", "--no-baseline", "--timeout", "20", "--target", target, out=tmp_path / "out",
                   timeout=60)
    assert r.rc == 1, r.stderr
    (cell,) = r.results["cells"]
    assert cell["verdict"] == "CRASH" and cell["records"] == 0, cell


def test_side_effects_on_a_launcher_say_what_is_missing(run_vcheck, tmp_path):
    target = launcher_target(tmp_path, "pty")
    r = run_vcheck("run", "-q", "--sidefx", "--target", target, out=tmp_path / "out")
    assert r.rc == 0, r.stderr
    (cell,) = r.results["cells"]
    assert "side-effect classes rest on the guest's reads alone" in cell["outcome_detail"]
    assert "host events and qemu-status left out" in cell["outcome_detail"]
    assert cell["problems"] == []
    assert all(d["registers"] for d in cell["devices"])
    cmdline = (tmp_path / "out" / cell["logs"] / "cmdline.txt").read_text()
    assert "vcheck.host=0" in cmdline and "-trace" not in cmdline


def test_dry_run_plans_without_running(run_vcheck, tmp_path):
    target = launcher_target(tmp_path, "socket")
    r = run_vcheck("run", "--dry-run", "--target", target, out=tmp_path / "out")
    assert r.rc == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == "# launch-socket.mmio-v2.direct"
    words = shlex.split(lines[1])
    assert words[0] == "qemu-system-aarch64"
    assert any(w.startswith("socket,id=c0,path=") and w.endswith("/console.sock,server=on,wait=on") for w in words)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("bad,says", [
    ("launcher = x\nqemu = y\n", "qemu or launcher (one of them)"),
    ("console-from = serial\n", "console-from must be stdout, file, socket or pty"),
    ("only-accel = tcg\n", "only-accel knows kvm"),
])
def test_launcher_keys_are_checked(run_vcheck, tmp_path, bad, says):
    text = TEMPLATE.format(mode="stdout", console="-serial stdio")
    text = text.replace("launcher = ", "launcher-x = ", 1) if "launcher =" in bad else text
    text = text.replace("console-from = stdout\n", "") if "console-from" in bad else text
    text = text.replace("[transport", bad + "\n[transport", 1).replace("launcher-x = ", "# ")
    path = tmp_path / "bad.target"
    path.write_text(text)
    r = run_vcheck("list", "devices", "--target", path)
    assert r.rc == 2 and says in r.stderr, r.stderr


def shipped_launchers(vcheck):
    share = os.path.join(os.path.dirname(vcheck), "..", "share", "vcheck", "targets")
    found = []
    for path in sorted(glob.glob(os.path.join(share, "*.target"))):
        if "\nlauncher = " in open(path).read():
            found.append(path)
    return found


VMMS = {"cloud-hypervisor-aarch64", "firecracker-aarch64", "crosvm-aarch64", "kvmtool-aarch64", "xen-aarch64"}


def test_the_shipped_vmm_targets(vcheck, run_vcheck, tmp_path):
    """(xen-arm64-dom0less is a launcher target too, and runs here: test_xen.py)"""
    paths = [p for p in shipped_launchers(vcheck) if os.path.basename(p)[:-len(".target")] in VMMS]
    assert {os.path.basename(p)[:-len(".target")] for p in paths} == VMMS
    for path in paths:
        name = os.path.basename(path)[:-len(".target")]
        r = run_vcheck("list", "devices", "--target", path)
        assert r.rc == 0, (name, r.stderr)
        r = run_vcheck("run", "--dry-run", "--target", path, out=tmp_path / name)
        assert r.rc == 0, (name, r.stderr)
        cells = [l for l in r.stdout.splitlines() if l.startswith("# ")]
        assert cells, name
        for line in r.stdout.splitlines():
            if line.startswith("# "):
                continue
            words = shlex.split(line)
            assert any("probe-aarch64.img" in w for w in words), (name, line)
            assert any("vcheck.checks=1" in w for w in words), (name, line)
            assert "{" not in line.replace("{console}", ""), (name, line)  # every placeholder filled
        # here: no such program, or no KVM that runs it: a setup error that says which
        r = run_vcheck("run", "--target", path, out=tmp_path / (name + "-run"))
        assert r.rc == 2, (name, r.stderr)
        assert "not found: install" in r.stderr or "cannot run here" in r.stderr, (name, r.stderr)
