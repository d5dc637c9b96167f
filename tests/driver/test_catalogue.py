"""The check catalogue on real QEMU: real requests reach the host side, and
planted misbehaviours (vcheck run --plant, a guest transport wrapper only
tests switch on) turn exactly the checks red that must catch them."""
import collections
import glob
import os

import pytest


def verdicts(results):
    """(check id, verdict) -> count over every device of every cell."""
    out = collections.Counter()
    for cell in results["cells"]:
        for dev in cell["devices"]:
            for chk in dev["checks"]:
                out[(chk["id"], chk["verdict"])] += 1
    return out


def red(results):
    """(check id, transport) pairs with at least one FAIL, WARN or FAULT."""
    return {(chk["id"], cell["transport"])
            for cell in results["cells"] for dev in cell["devices"] for chk in dev["checks"]
            if chk["verdict"] in ("FAIL", "WARN", "FAULT")}


def test_console_line_reaches_the_host_chardev(matrix):
    """VQ-CON-001 passes in the guest when the buffer comes back; the
    device-side proof is the line in the chardev file QEMU wrote."""
    _, results, out = matrix
    for cell in results["cells"]:
        consoles = [d for d in cell["devices"] if d["model"] == "console"]
        assert consoles, cell["name"]
        text = "".join(open(p).read() for p in glob.glob(os.path.join(out, cell["logs"], "virtconsole*.txt")))
        for dev in consoles:
            verdicts_of = {c["id"]: c["verdict"] for c in dev["checks"]}
            for check, word in (("VQ-CON-001", "console"), ("CON-EMERG-001", "emerg")):
                line = "vcheck %s %s %s" % (word, dev["interface"], dev["location"])
                assert verdicts_of[check] == "PASS", (cell["name"], dev["interface"], check)
                assert line in text, "%s: %r missing from the chardev file" % (cell["name"], line)


REAL_REQUESTS = {"VQ-RNG-001", "VQ-BLK-001", "VQ-NET-001", "VQ-INT-001", "VQ-INT-002", "VQ-GPU-001",
                 "VQ-SCSI-001", "VQ-9P-001", "VQ-CRYPTO-001", "VQ-BALLOON-001", "VQ-INPUT-001",
                 "VQ-GPU-002", "VQ-GPU-003", "VQ-GPU-004", "VQ-SCSI-002", "VQ-CRYPTO-002", "VQ-BALLOON-002",
                 "VQ-CON-002", "VQ-IOMMU-001", "VQ-IOMMU-002", "VQ-IOMMU-003", "VQ-IOMMU-004", "VQ-IOMMU-005",
                 "VQ-MEM-001", "VQ-MEM-002", "VQ-MEM-003", "VQ-MEM-004", "VQ-MEM-006"}


def test_real_requests_pass_everywhere(matrix):
    """Each request check ran on every device of its type and passed."""
    _, results, _ = matrix
    seen = {chk["id"] for cell in results["cells"] for dev in cell["devices"] for chk in dev["checks"]}
    assert REAL_REQUESTS <= seen, sorted(REAL_REQUESTS - seen)
    for cell in results["cells"]:
        for dev in cell["devices"]:
            for chk in dev["checks"]:
                if chk["id"] in REAL_REQUESTS:
                    assert chk["verdict"] == "PASS", (cell["name"], dev["model"], dev["interface"], chk)


# plant -> checks it must turn red (FAIL or WARN) on mmio-v2 and pci-modern
PLANTS = {
    "reset-ignored": {"STATUS-RESET-001", "STATUS-RESET-002", "STATUS-RESET-003", "MMIO-QUEUE-011",
                      "PCI-QUEUE-009", "SCSI-CFG-001"},
    "features-sel-echo": {"FEAT-SEL-001"},
    "fok-refused": {"STATUS-FOK-001"},
    "config-torn": {"CFG-WIDTH-001", "PCI-LAYOUT-001", "SCSI-CFG-001", "MEM-CFG-001"},
    "queue-odd": {"MMIO-QUEUE-004", "PCI-QUEUE-001", "MMIO-QUEUE-010", "PCI-QUEUE-008"},
    "irq-stuck": {"VQ-NOINT-001", "STATUS-DOK-002", "STATUS-RESET-004"},
    # IOMMU-CFG-003 and -004 judge one shared bypass experiment: each must
    # still turn red on its own when the device misbehaves its way.
    "config-dropped": {"IOMMU-CFG-004", "BALLOON-CFG-001", "BALLOON-CFG-002"},
    "config-forgotten": {"IOMMU-CFG-003"},
}


@pytest.fixture(scope="module")
def unplanted(vcheck, tmp_path_factory, run_vcheck_module):
    out = tmp_path_factory.mktemp("unplanted")
    r = run_vcheck_module("run", "-q", "--no-baseline", "--transport", "mmio-v2", "--transport",
                          "pci-modern", out=out)
    return red(r.results)


# Under reset-ignored every reset waits out its bound (100 ms in most
# checks), so all devices together would outlast the cell timeout; these
# two carry every check the plant must turn red.
PLANT_DEVICES = {"reset-ignored": ["rng", "scsi"], "config-dropped": ["iommu", "balloon"],
                 "config-forgotten": ["iommu"]}


@pytest.mark.parametrize("plant", sorted(PLANTS))
def test_plant_turns_the_right_checks_red(plant, unplanted, run_vcheck, tmp_path):
    devices = [a for dev in PLANT_DEVICES.get(plant, []) for a in ("--device", dev)]
    r = run_vcheck("run", "-q", "--no-baseline", "--plant", plant, "--transport", "mmio-v2",
                   "--transport", "pci-modern", *devices, out=tmp_path)
    # A FAIL gates the run (exit 1); a plant that only breaks SHOULDs gives WARN (exit 0).
    worst_fails = any(chk["verdict"] in ("FAIL", "FAULT") for cell in r.results["cells"]
                      for dev in cell["devices"] for chk in dev["checks"])
    assert r.rc == (1 if worst_fails else 0), r.stderr
    # Proof: somewhere the check was green without the plant and is red with it.
    turned = {cid for (cid, tr) in red(r.results) - unplanted}
    missing = PLANTS[plant] - turned
    assert not missing, "plant %s did not turn %s red where they were green" % (plant, sorted(missing))


def test_unknown_plant_is_reported(run_vcheck, tmp_path):
    """A name the image does not know never reaches it: the host refuses it
    before any cell starts (vcheck/plants.h is the list both use)."""
    r = run_vcheck("run", "-q", "--plant", "no-such-plant", "--transport", "mmio-v2", "--device", "rng",
                   out=tmp_path)
    assert r.rc == 2, r.stderr
    assert "unknown fault 'no-such-plant' for --plant" in r.stderr
    assert r.results is None


# Device properties that make QEMU offer what the default models do not:
# the feature-gated config checks must then run (not SKIP) and pass.
GATED = [
    ("mmio-v2", "-netdev user,id=xn,restrict=on -device virtio-net-device,bus=virtio-mmio-bus.30,netdev=xn,"
     "host_mtu=1400,speed=1000,duplex=full,mq=on,rss=on,hash=on",
     {"NET-CFG-%03d" % i for i in range(1, 10)}),
    ("pci-modern", "-object memory-backend-ram,id=xm,size=64M "
     "-device virtio-mem-pci,bus=pcie.0,addr=0x1e,memdev=xm,requested-size=32M",
     {"VQ-MEM-005", "MEM-CFG-003"}),
]


@pytest.mark.parametrize("transport,extra,checks", GATED, ids=["net-features", "mem-requested"])
def test_feature_gated_checks_run_when_offered(transport, extra, checks, run_vcheck, tmp_path):
    r = run_vcheck("run", "-q", "--device", "rng", "--transport", transport, "--extra-args", extra, out=tmp_path)
    assert r.rc == 0, r.stderr
    (cell,) = r.results["cells"]
    (dev,) = [d for d in cell["devices"] if d["model"] is None]
    got = {c["id"]: c["verdict"] for c in dev["checks"] if c["id"] in checks}
    assert got == {c: "PASS" for c in checks}, got


def test_list_checks_names_personality_only_checks(run_vcheck):
    """A check whose descriptor names a personality says so in the listing;
    the others do not."""
    r = run_vcheck("list", "checks")
    assert r.rc == 0, r.stderr
    lines = {l.split()[0]: l for l in r.stdout.splitlines() if l.strip()}
    for cid in ("XEN-GNT-001", "XEN-GNT-002"):
        assert lines[cid].endswith("(under the xen personality only)"), lines[cid]
    assert not [l for c, l in lines.items() if "personality only" in l and not c.startswith("XEN-GNT-")]
