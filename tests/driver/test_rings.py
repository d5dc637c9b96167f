"""Ring checks on real QEMU: packed virtqueues where QEMU offers them
(packed=on: blk in the default matrix, rng and blk in a run of their own),
split-ring details on the default matrix, and the QEMU 7.2 deviations the
baseline records showing up as XFAIL, not as PASS."""
import pytest

PACKED_ARGS = "-global virtio-device.packed=on"

# Packed-ring checks and what QEMU 7.2 gives them with packed=on.
PACKED_RNG = {"PVQ-USED-001", "PVQ-USED-002", "PVQ-USED-004", "PVQ-WRAP-001", "PVQ-SIZE-001",
              "PVQ-AVAIL-001", "PVQ-ORDER-001", "PVQ-RO-001", "PVQ-EVT-001", "PVQ-EVT-002",
              "PVQ-EVT-003", "PVQ-RESET-001"}
PACKED_BLK = {"PVQ-BLK-001", "PVQ-CHAIN-001", "PVQ-IND-001", "PVQ-IND-002"}
PACKED_XFAIL = {"PVQ-USED-003": "rng", "PVQ-CHAIN-002": "blk"}
# QEMU notifies the first used buffer after a reset whatever the event
# suppression says (signalled_used_valid): a SHOULD, so WARN.
PACKED_WARN = {"PVQ-EVT-004": "rng"}

SPLIT_PASS = {"VQ-IND-001", "VQ-IND-002", "VQ-DESC-001", "VQ-RO-001", "VQ-USED-001", "VQ-UFLAGS-001",
              "VQ-UFLAGS-002", "VQ-EVTIDX-001", "VQ-EVTIDX-003", "VQ-EVTIDX-004", "VQ-NOINT-001",
              "VQ-NOINT-002", "VQ-MULTI-001", "VQ-WRAP-001"}


def by_device(results):
    """(cell, interface, model) -> {check id: verdict}."""
    return {(cell["name"], dev["interface"], dev["model"]): {c["id"]: c["verdict"] for c in dev["checks"]}
            for cell in results["cells"] for dev in cell["devices"]}


@pytest.fixture(scope="module")
def packed(run_vcheck_module, tmp_path_factory):
    out = tmp_path_factory.mktemp("packed")
    r = run_vcheck_module("run", "-q", "--device", "rng", "--device", "blk", "--transport", "mmio-v2",
                          "--transport", "pci-modern", "--extra-args", PACKED_ARGS, out=out)
    assert r.results is not None, r.stderr
    return r


def test_packed_ring_checks_pass_where_packed_is_offered(packed):
    assert packed.rc == 0, packed.stderr
    devs = by_device(packed.results)
    assert len(devs) == 4
    for (cell, iface, model), v in devs.items():
        expect = PACKED_RNG if model == "rng" else PACKED_BLK
        for check in expect:
            assert v.get(check) == "PASS", (cell, model, check, v.get(check))
        for check, m in PACKED_XFAIL.items():
            if m == model:
                assert v.get(check) == "XFAIL", (cell, model, check, v.get(check))
        for check, m in PACKED_WARN.items():
            if m == model:
                assert v.get(check) == "WARN", (cell, model, check, v.get(check))


def test_packed_ring_checks_skip_where_packed_is_not_offered(matrix):
    """The default matrix: rng left at QEMU's packed=off skips them; blk
    (packed=on) runs its own on the modern interfaces."""
    _, results, _ = matrix
    rng_checks = PACKED_RNG | {c for c, m in PACKED_XFAIL.items() if m == "rng"} | set(PACKED_WARN)
    blk_checks = PACKED_BLK | {c for c, m in PACKED_XFAIL.items() if m == "blk"}
    seen = set()
    for (cell, iface, model), v in by_device(results).items():
        for check in rng_checks | blk_checks:
            if check not in v:
                continue
            seen.add(check)
            if model == "blk" and check in blk_checks:
                want = "XFAIL" if check in PACKED_XFAIL else "PASS"
            else:
                want = "SKIP"
            assert v[check] == want, (cell, iface, model, check, v[check])
    # Legacy interfaces cannot express bit 34: the checks do not apply there.
    assert seen == rng_checks | blk_checks


def test_split_ring_checks_pass_on_every_transport(matrix):
    _, results, _ = matrix
    devs = by_device(results)
    for (cell, iface, model), v in devs.items():
        if model not in ("rng", "blk"):
            continue
        for check in SPLIT_PASS:
            if check in v:
                assert v[check] == "PASS", (cell, iface, model, check, v[check])
    ran = {c for v in devs.values() for c in v}
    assert SPLIT_PASS <= ran, sorted(SPLIT_PASS - ran)


def test_direct_then_indirect_is_a_known_qemu_failure(matrix):
    """QEMU follows INDIRECT on the head descriptor only: XFAIL on every
    interface, and the check reports the device breaking, not a timeout
    on modern interfaces."""
    _, results, _ = matrix
    for cell in results["cells"]:
        for dev in cell["devices"]:
            if dev["model"] != "blk":
                continue
            chk = {c["id"]: c for c in dev["checks"]}["VQ-IND-003"]
            assert chk["verdict"] == "XFAIL", (cell["name"], dev["interface"], chk)
            if dev["interface"] in ("mmio-v2", "pci-modern"):
                assert "Status 0x4f" in chk["detail"], chk


# When a device may use its queues (2.1.2, 2.4.1, 4.2.2.1): QEMU's rng waits
# for DRIVER_OK, its blk does not, and virtio-mmio keeps serving a queue
# whose QueueReady the driver set back to 0; both are baselined.
QUEUE_USE = {"STATUS-DOK-002": "PASS", "STATUS-RESET-004": "PASS", "STATUS-NEEDS-001": "PASS",
             "STATUS-NEEDS-002": "PASS", "STATUS-DOK-003": "XFAIL", "MMIO-QUEUE-007": "XFAIL"}


def test_queue_use_rules(matrix):
    _, results, _ = matrix
    seen = set()
    for (cell, iface, model), v in by_device(results).items():
        for check, want in QUEUE_USE.items():
            if check in v:
                seen.add(check)
                assert v[check] == want, (cell, iface, model, check, v[check])
    assert seen == set(QUEUE_USE)


def test_access_platform_where_offered(run_vcheck, tmp_path):
    """iommu_platform=on offers ACCESS_PLATFORM; with it negotiated (no IOMMU
    on virt: DMA is identity-mapped) the entropy device still serves."""
    r = run_vcheck("run", "-q", "--device", "rng", "--transport", "mmio-v2", "--transport", "pci-modern",
                   "--extra-args", "-global virtio-device.iommu_platform=on", out=tmp_path)
    assert r.results is not None, r.stderr
    for (cell, iface, model), v in by_device(r.results).items():
        assert v["FEAT-AP-001"] == "PASS", (cell, v["FEAT-AP-001"])
        assert v["FEAT-SUB-001"] == "PASS", (cell, v["FEAT-SUB-001"])
