"""QEMU 10.0 (unpacked beside the system's 7.2 by the configure step) and the
reference vhost-user backend (tests/backends/vu-ref), issue 14.

The planted backend hides one side effect of every class in bytes no layout
describes the behaviour of (virtio-input's reserved bytes, its read-only
`size`, the tail of `u` no selection reaches); QEMU 10's vhost-user-input
forwards every config access to it. vcheck must find each planted class at
its byte, on both transports, and none of them on the honest backend. The
expectations come from the backend's byte map (its README and device.h),
never from vcheck's output.

Without QEMU 10 (no network at configure time) these tests skip, except
under CI=true, where a missing QEMU 10 is a failure."""

import pytest

from planted import PLAIN_WHEN_HONEST, PLANTED, PLANTED_ONLY, config_bytes
from vcheck_util import run_vcheck_cmd

TARGET = "qemu10-aarch64-virt"

def sidefx_run(vcheck, out, device, transports):
    args = ["run", "-q", "--sidefx", "--target", TARGET, "--device", device]
    for t in transports:
        args += ["--transport", t]
    r = run_vcheck_cmd(vcheck, args, out=out, timeout=240)
    assert r.results is not None, "no results.json (rc %d): %s" % (r.rc, r.stderr)
    return r


@pytest.fixture(scope="module")
def planted(vcheck, qemu10, tmp_path_factory):
    return sidefx_run(vcheck, tmp_path_factory.mktemp("planted"), "vu-ref", ["mmio-v2", "pci-modern"])


@pytest.fixture(scope="module")
def honest(vcheck, qemu10, tmp_path_factory):
    return sidefx_run(vcheck, tmp_path_factory.mktemp("honest"), "vu-ref-honest", ["mmio-v2", "pci-modern"])


@pytest.mark.parametrize("iface", ["mmio-v2", "pci-modern"])
def test_every_planted_class_is_found_at_its_byte(planted, iface):
    [cell] = [c for c in planted.results["cells"] if iface in c["name"]]
    assert cell["outcome"] == "completed", cell.get("outcome_detail")
    regs = config_bytes(planted.results, iface)
    missing = {off: (cls, regs.get(off)) for off, cls in PLANTED.items() if cls not in regs.get(off, [])}
    assert not missing, "planted classes not found (offset: (planted, found)): %s" % missing


@pytest.mark.parametrize("iface", ["mmio-v2", "pci-modern"])
def test_the_honest_backend_shows_none_of_them(honest, iface):
    [cell] = [c for c in honest.results["cells"] if iface in c["name"]]
    assert cell["outcome"] == "completed", cell.get("outcome_detail")
    regs = config_bytes(honest.results, iface)
    # the bytes that hide side effects in planted mode are plain here:
    # reserved bytes and u's unreachable tail read 0 and drop writes
    for off in PLAIN_WHEN_HONEST:
        assert regs.get(off) == ["constant"], (off, regs.get(off))
    wrong = {off: cls for off, cls in regs.items() if PLANTED_ONLY & set(cls)}
    assert not wrong, wrong


def test_each_config_access_reaches_the_backend(planted):
    # vhost-user-base asks the backend on every read (GET_CONFIG) and sends
    # the window on every write (SET_CONFIG): the report says so per register
    for c in planted.results["cells"]:
        for d in c["devices"]:
            for r in d["registers"]:
                if r["space"] == "config" and r["width"] == 1:
                    assert "GET_CONFIG" in r["backend"]["on_read"], r
                    if r["offset"] in ("0x3", "0x7"):
                        assert "SET_CONFIG" in r["backend"]["on_write"], r


def test_a_vmm_crash_costs_one_check(vcheck, qemu10, tmp_path):
    # QEMU 10.0.2 aborts in virtio_address_space_lookup when a driver reads
    # through the PCI configuration access capability (PCI-CFG-001, 4.1.4.9):
    # that check is CRASH, and vcheck boots again to give every other check
    # of the device its own verdict.
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--target", TARGET, "--transport", "pci-modern",
                                "--device", "rng"], out=tmp_path, timeout=120)
    assert r.results is not None, r.stderr
    assert r.rc == 1
    [cell] = r.results["cells"]
    [dev] = cell["devices"]
    verdicts = {ch["id"]: ch["verdict"] for ch in dev["checks"]}
    assert verdicts.get("PCI-CFG-001") == "CRASH", verdicts.get("PCI-CFG-001")
    others = [v for k, v in verdicts.items() if k != "PCI-CFG-001"]
    assert "CRASH" not in others and "ERROR" not in others
    assert sum(v == "PASS" for v in others) >= 40, verdicts
