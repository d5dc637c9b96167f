"""--accel: which accelerator a target's cells run under, decided by the host's
architecture and a trial boot, never by the presence of /dev/kvm; every cell
says in results.json which one it used and why."""
import os
import platform

import pytest

HOST = {"arm64": "aarch64"}.get(platform.machine(), platform.machine())
ONE = ["--device", "rng", "--transport", "mmio-v2"]


def cells_accel(results):
    return {(c["accel"], c["accel_why"]) for c in results["cells"]}


@pytest.mark.skipif(HOST == "aarch64", reason="an arm64 host may run the aarch64 target under KVM")
def test_kvm_where_it_cannot_run_is_a_setup_error(run_vcheck, tmp_path):
    r = run_vcheck("run", "--accel", "kvm", *ONE, out=tmp_path)
    assert r.rc == 2, r.stderr
    assert "--accel kvm" in r.stderr and "the host is %s" % HOST in r.stderr, r.stderr
    assert "aarch64" in r.stderr
    assert r.results is None and not os.path.isdir(tmp_path / "cells")


@pytest.mark.skipif(HOST == "aarch64", reason="an arm64 host may run the aarch64 target under KVM")
def test_auto_picks_tcg_here_and_says_why(run_vcheck, tmp_path):
    r = run_vcheck("run", *ONE, out=tmp_path)  # auto is the default
    assert r.rc == 0, r.stderr
    ((accel, why),) = cells_accel(r.results)
    assert accel == "tcg"
    assert why.startswith("auto: TCG, since the host is %s" % HOST), why
    assert "qemu-aarch64-virt under tcg" in r.stderr
    # the arch alone decided: no trial boot was needed
    assert not os.path.isdir(tmp_path / "accel-trial")


def test_tcg_when_asked(run_vcheck, tmp_path):
    r = run_vcheck("run", "--accel", "tcg", *ONE, out=tmp_path)
    assert r.rc == 0, r.stderr
    assert cells_accel(r.results) == {("tcg", "asked for (--accel tcg)")}
    cmdline = (tmp_path / "cells" / "qemu-aarch64-virt.mmio-v2.direct" / "cmdline.txt").read_text()
    assert "-accel kvm" not in cmdline and "semihosting" in cmdline


@pytest.mark.parametrize("bad", ["hvf", "KVM", ""])
def test_unknown_accelerator_is_a_usage_error(run_vcheck, tmp_path, bad):
    r = run_vcheck("run", "--accel", bad, *ONE, out=tmp_path)
    assert r.rc == 2 and "--accel wants auto, tcg or kvm" in r.stderr, r.stderr


@pytest.fixture
def same_arch_target(target_file, tmp_path):
    """The aarch64 target under another name that claims the host's
    architecture: the arch check passes, so only a real trial boot under KVM
    can say whether KVM runs it (it cannot: the image is arm64)."""
    text = open(target_file).read()
    assert "\narch = aarch64\n" in text and "\nname = qemu-aarch64-virt\n" in text
    text = text.replace("\narch = aarch64\n", "\narch = %s\n" % HOST)
    text = text.replace("\nname = qemu-aarch64-virt\n", "\nname = same-arch\n")
    path = tmp_path / "same-arch.target"
    path.write_text(text)
    # the known failures of the target it copies, for a clean exit status
    baseline = target_file[:-len(".target")] + ".baseline"
    (tmp_path / "same-arch.baseline").write_text(open(baseline).read())
    return path


@pytest.mark.skipif(HOST == "aarch64" or not os.path.exists("/dev/kvm"),
                    reason="needs a non-arm64 host with a /dev/kvm node")
def test_a_kvm_node_that_opens_is_not_trusted(run_vcheck, tmp_path, same_arch_target):
    out = tmp_path / "out"
    r = run_vcheck("run", "--target", same_arch_target, *ONE, out=out)
    assert r.rc == 0, r.stderr
    ((accel, why),) = cells_accel(r.results)
    assert accel == "tcg"
    assert why.startswith("auto: TCG, since a trial boot under kvm did not complete"), why
    trial = out / "accel-trial" / "cells" / "same-arch.mmio-v1.direct.kvm"
    assert str(trial) in why
    cmdline = (trial / "cmdline.txt").read_text()
    assert "-accel kvm -cpu host -machine gic-version=3" in cmdline
    assert "semihosting" not in cmdline  # [accel kvm] console = uart
    assert (trial / "qemu-stderr.txt").read_text().strip(), "QEMU's refusal is kept as evidence"
    # the cells themselves ran under TCG, with semihosting
    cell = (out / "cells" / "same-arch.mmio-v2.direct" / "cmdline.txt").read_text()
    assert "-accel kvm" not in cell and "semihosting" in cell

    r = run_vcheck("run", "--target", same_arch_target, "--accel", "kvm", *ONE, out=tmp_path / "k")
    assert r.rc == 2 and "a trial boot under kvm did not complete" in r.stderr, r.stderr
