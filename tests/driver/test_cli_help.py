"""The CLI tells a user what it takes (issue 18): help for every command,
the version with the check catalogue's fingerprint, and "did you mean" for
a mistyped name. None of it starts QEMU."""
import re

import pytest

COMMANDS = ["list", "run", "collect", "report", "diff", "disk", "merge", "baseline"]


@pytest.mark.parametrize("cmd", COMMANDS)
@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_every_command_has_help(run_vcheck, cmd, flag):
    r = run_vcheck(cmd, flag)
    assert r.rc == 0, r.stderr
    assert r.stdout.startswith("usage: vcheck %s" % cmd), r.stdout
    assert "exit status:" in r.stdout and r.stderr == ""


def test_help_lists_every_command(run_vcheck):
    r = run_vcheck("--help")
    assert r.rc == 0
    for cmd in COMMANDS:
        assert re.search(r"^(usage: |       )vcheck %s" % cmd, r.stdout, re.M), cmd


def test_version_names_the_catalogue(run_vcheck):
    r = run_vcheck("--version")
    assert r.rc == 0
    m = re.match(r"vcheck \S+ \(check catalogue 0x([0-9a-f]{8}), (\d+) checks\)$", r.stdout.strip())
    assert m, r.stdout
    # the fingerprint every image of this build sends in its start record
    listed = run_vcheck("list", "checks")
    assert int(m.group(2)) == len([l for l in listed.stdout.splitlines() if re.match(r"[A-Z]+(-[A-Z0-9]+)+-\d{3}\b", l)])


@pytest.mark.parametrize("args,says", [
    (["rnu"], "unknown command 'rnu' (did you mean 'run'?)"),
    (["run", "--target", "qemu-aarch64-vrit"], "(did you mean 'qemu-aarch64-virt'?)"),
    (["run", "--device", "blkk"], "unknown device model 'blkk' on target qemu-aarch64-virt (did you mean 'blk'?)"),
    (["run", "--transport", "mmio-2"], "(did you mean 'mmio-v2'?)"),
    (["run", "--only", "STATUS-RSET-001"], "(did you mean 'STATUS-RESET-001'?)"),
])
def test_did_you_mean(run_vcheck, tmp_path, args, says):
    r = run_vcheck(*args, *(["--out", str(tmp_path)] if args[0] == "run" else []))
    assert r.rc == 2 and says in r.stderr, r.stderr


def test_nothing_near_suggests_nothing(run_vcheck, tmp_path):
    r = run_vcheck("run", "--device", "zzzzzz", out=tmp_path)
    assert r.rc == 2 and "did you mean" not in r.stderr and "unknown device model 'zzzzzz'" in r.stderr


def test_a_mistyped_fault_is_a_usage_error(run_vcheck, tmp_path):
    """Before, every cell failed with the image's panic; now nothing starts."""
    r = run_vcheck("run", "--plant", "reset-ignord", out=tmp_path)
    assert r.rc == 2, r.stderr
    assert "unknown fault 'reset-ignord' for --plant (did you mean 'reset-ignored'?)" in r.stderr
    assert not (tmp_path / "cells").exists()
