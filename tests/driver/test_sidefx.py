"""Side-effect discovery on real QEMU (issue 4): `vcheck run --sidefx` over the
default matrix, once per session, asserting what QEMU 7.2's devices really do
register by register, that what never changes is not flagged, and that the
hypervisor models judge by their rules. Expectations come from QEMU's device
code and the spec's register definitions, never from the output under test."""
import pytest

from vcheck_util import field_of, reg, run_vcheck_cmd, straddles

CLASSES = {"constant", "latch", "selector", "banked", "read-clears", "read-mutates",
           "write-triggers", "write-clears", "validated", "volatile-notified",
           "volatile-silent", "faulting"}
MODELS = ("kvm", "xen", "gunyah", "page")
VERDICTS = {"emulable", "special-case", "sync-backend", "cannot-work", "n/a"}
# Interfaces whose devices the Gunyah model judges (its page fronts them).
GUNYAH_FRONTS = ("mmio-v2", "pci-modern")


@pytest.fixture(scope="session")
def sidefx(vcheck, tmp_path_factory):
    out = tmp_path_factory.mktemp("sidefx")
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--sidefx"], out=out, timeout=180)
    if r.results is None:
        pytest.fail("side-effect matrix wrote no results.json (rc %d): %s" % (r.rc, r.stderr))
    return r


def devices(results, interface=None, model=None):
    for c in results["cells"]:
        for d in c["devices"]:
            if (interface is None or d["interface"] == interface) and (model is None or d["model"] == model):
                yield c, d


def test_every_cell_completes_without_problems(sidefx):
    assert sidefx.rc == 0, sidefx.stderr
    for c in sidefx.results["cells"]:
        assert c["mode"] == "sidefx"
        assert c["outcome"] == "completed", c["outcome_detail"]
        assert c["problems"] == [], c["problems"]


def test_every_register_has_classes_evidence_and_all_models(sidefx):
    n = 0
    for _, d in devices(sidefx.results):
        assert d["registers"], "%s on %s: no registers" % (d["model"], d["interface"])
        for r in d["registers"]:
            n += 1
            assert set(r["classes"]) <= CLASSES
            assert len(r["evidence"]) >= len(r["classes"])
            for line in r["evidence"]:
                assert "#" in line, "evidence without its record: %s" % line
            assert set(r["models"]) == set(MODELS)
            for m in MODELS:
                assert r["models"][m]["verdict"] in VERDICTS
                assert r["models"][m]["reason"]
    assert n > 1000


@pytest.mark.parametrize("iface,sel,data", [
    ("mmio-v1", "DeviceFeaturesSel", "DeviceFeatures"),
    ("mmio-v2", "DeviceFeaturesSel", "DeviceFeatures"),
    ("pci-modern", "device_feature_select", "device_feature"),
    ("mmio-v2", "QueueSel", "QueueNumMax"),
    ("pci-modern", "queue_select", "queue_size"),
])
def test_feature_and_queue_selectors_select(sidefx, iface, sel, data):
    # Every device offers VERSION_1 (word 1) and device bits (word 0), so the
    # feature word read depends on the selector (4.2.2, 4.1.4.3); queue 0
    # exists and the queue past the last has size 0.
    for _, d in devices(sidefx.results, interface=iface):
        if iface == "mmio-v1" and data != "DeviceFeatures":
            continue
        assert "selector" in reg(d, sel, "transport")["classes"], (d["model"], sel)
        assert "banked" in reg(d, data, "transport")["classes"], (d["model"], data)


@pytest.mark.parametrize("iface,name,space", [
    ("pci-modern", "ISR", "isr"),
    ("pci-legacy", "isr_status", "transport"),
])
def test_pci_isr_reads_clear(sidefx, iface, name, space):
    # 4.1.4.5: reading the ISR status resets it; the rng request raised it.
    for _, d in devices(sidefx.results, interface=iface, model="rng"):
        r = reg(d, name, space)
        assert "read-clears" in r["classes"], r
        assert r["models"]["page"]["verdict"] != "emulable"


def test_mmio_interrupt_ack_clears_interrupt_status(sidefx):
    for _, d in devices(sidefx.results, interface="mmio-v2", model="rng"):
        r = reg(d, "InterruptACK", "transport")
        assert "write-clears" in r["classes"], r
        assert "read-clears" not in reg(d, "InterruptStatus", "transport")["classes"]
        assert r["models"]["gunyah"]["verdict"] == "special-case"


def test_status_write_reaches_the_device(sidefx):
    # Every Status write is virtio_set_status in QEMU's trace.
    for _, d in devices(sidefx.results, interface="mmio-v2"):
        r = reg(d, "Status", "transport")
        assert "write-triggers" in r["classes"]
        assert any("virtio_set_status" in e for e in r["evidence"])


@pytest.mark.parametrize("iface", ["mmio-v1", "mmio-v2", "pci-modern"])
@pytest.mark.parametrize("model", ["keyboard", "mouse", "tablet"])
def test_input_select_and_subsel_select(sidefx, iface, model):
    # 5.8.4: select/subsel choose what size and u show. subsel only matters
    # under some selects: found by the nested sweep.
    found = False
    for _, d in devices(sidefx.results, interface=iface, model=model):
        found = True
        sel, sub = reg(d, "select", "config"), reg(d, "subsel", "config")
        assert "selector" in sel["classes"] and "selector" in sub["classes"]
        assert "banked" in reg(d, "size", "config")["classes"]
        assert "banked" in reg(d, "u", "config")["classes"]
        # Gunyah's page is virtio-mmio version 2; it fronts a pci-modern
        # device as well (the gunyah personality does), a legacy one not.
        if iface in GUNYAH_FRONTS:
            assert sel["models"]["gunyah"]["verdict"] == "special-case"
        else:
            assert sel["models"]["gunyah"]["verdict"] == "n/a"
        assert sel["models"]["page"]["verdict"] in ("sync-backend", "cannot-work")
    assert found


def test_feature_gated_fields_are_written_with_their_feature(sidefx):
    # A field that exists only with a feature is experimented on with that
    # feature negotiated, as a driver using it would have it: QEMU 7.2 drops
    # balloon poison_val writes without PAGE_POISON (5.5.6.1) and refuses a
    # bypass write without BYPASS_CONFIG (5.13.4), which would read as
    # constant. With it, poison_val latches; bypass latches 0 and 1, refuses
    # other values, and a change switches every endpoint's address space.
    seen = set()
    for _, d in devices(sidefx.results, model="balloon"):
        assert "latch" in reg(d, "poison_val", "config")["classes"], d["interface"]
        seen.add("balloon")
    for _, d in devices(sidefx.results, model="iommu"):
        r = reg(d, "bypass", "config")
        assert {"latch", "write-triggers", "validated"} <= set(r["classes"]), (d["interface"], r["classes"])
        assert "write-clears" not in r["classes"], r["evidence"]  # a refused 3 after a latched 0
        trig = [e for e in r["evidence"] if e.startswith("write-triggers:")]
        assert "virtio_iommu_switch_address_space" in trig[0], trig
        assert r["models"]["gunyah"]["verdict"] == "cannot-work"  # stored in the page, never switched
        seen.add("iommu")
    assert seen == {"balloon", "iommu"}


def test_pci_driver_feature_latches_and_reaches_the_device(sidefx):
    # Each write series starts with the selectors at 0: QEMU's virtio-pci
    # reset keeps driver_feature_select (here at the all-ones value the
    # select's own series left), which made every driver_feature write land
    # on a select >= 2 and read as constant. With select 0 it latches, and
    # QEMU applies driver_feature on every write (virtio_pci_common_write
    # calls virtio_set_features), which virtio-gpu acts on at once.
    seen = set()
    for _, d in devices(sidefx.results, interface="pci-modern"):
        r = reg(d, "driver_feature", "transport")
        assert "latch" in r["classes"], (d["model"], r["classes"])
        seen.add(d["model"])
        if d["model"] == "gpu":
            trig = [e for e in r["evidence"] if e.startswith("write-triggers:")]
            assert trig and "virtio_gpu_features" in trig[0], r["evidence"]
            assert r["models"]["gunyah"]["verdict"] == "cannot-work"  # Gunyah stores it until DRIVER_OK
    assert {"net", "blk", "gpu", "iommu"} <= seen


def test_balloon_actual_latches_and_tells_the_device(sidefx):
    # 5.5.4: the driver writes actual; QEMU's set_config stores it and, when it
    # changed, raises QMP BALLOON_CHANGE: the action beyond the store. The
    # set_config trace itself is only the store, so poison_val, which the
    # device drops without PAGE_POISON, triggers nothing.
    for _, d in devices(sidefx.results, interface="mmio-v2", model="balloon"):
        r = reg(d, "actual", "config")
        assert {"latch", "write-triggers"} <= set(r["classes"]), r
        trig = [e for e in r["evidence"] if e.startswith("write-triggers:")]
        assert trig and "monitor_protocol_event_queue" in trig[0], r["evidence"]
        assert r["models"]["gunyah"]["verdict"] == "cannot-work"
        assert "write-triggers" not in reg(d, "poison_val", "config")["classes"]


def test_console_emerg_wr_is_a_write_trigger(sidefx):
    for _, d in devices(sidefx.results, interface="mmio-v2", model="console"):
        r = reg(d, "emerg_wr", "config")
        assert "write-triggers" in r["classes"], r


# Read-only config that nothing host-side changes during the run: every
# field of these must be "constant" alone. The fields the run's host events
# move (test below) and the driver-writable ones are named and left out.
@pytest.mark.parametrize("model,rw_fields,must_have", [
    ("blk", {"writeback", "capacity"}, {"blk_size"}),
    ("net", {"status"}, {"mac"}),
    ("gpu", {"events_clear"}, {"events_read", "num_scanouts"}),
    ("scsi", {"sense_size", "cdb_size"}, {"num_queues", "max_sectors"}),
    ("9p", set(), {"tag_len"}),  # tag: sized by tag_len at run time, not yet experimented on
])
def test_fields_that_never_change_are_not_flagged(sidefx, model, rw_fields, must_have):
    for _, d in devices(sidefx.results, model=model):
        config = [r for r in d["registers"] if r["space"] == "config"]
        assert must_have <= {r["name"] for r in config}, d["interface"]
        for r in config:
            # every byte of the window is examined: those outside the
            # layout's fields are left to the tests of unnamed bytes
            if field_of(r) in rw_fields or "field" not in r or straddles(r):
                continue
            # QEMU's net takes the MAC a driver writes until VERSION_1 or
            # CTRL_MAC_ADDR is negotiated (virtio_net_set_config, for legacy
            # drivers): the write series runs before negotiation, so a field
            # the modern layout calls read-only keeps a write, on every
            # interface (a ghost latch a hypervisor page must not serve).
            if model == "net" and field_of(r) == "mac":
                assert "latch" in r["classes"], (d["interface"], r["name"], r["classes"])
                continue
            assert r["classes"] == ["constant"], (d["interface"], r["name"], r["classes"])
            # Behind Gunyah's page (virtio-mmio v2, in front of an mmio-v2 or
            # pci-modern device) a write to a read-only field is stored in the
            # page and never reset (reference section 3), a special case for
            # a driver that breaks 2.5.
            want = "special-case" if d["interface"] in GUNYAH_FRONTS else "n/a"
            assert r["models"]["gunyah"]["verdict"] == want, (d["interface"], r["name"])
            assert r["models"]["page"]["verdict"] == "emulable"
        for r in d["registers"]:
            if r["name"] in ("MagicValue", "Version", "DeviceID", "VendorID"):
                assert r["classes"] == ["constant"], (d["interface"], r["name"], r["classes"])


@pytest.mark.parametrize("model,field", [
    ("net", "status"),          # QMP set_link (5.1.4: VIRTIO_NET_S_LINK_UP)
    ("blk", "capacity"),        # QMP block_resize
    ("balloon", "num_pages"),   # QMP balloon
])
def test_host_events_make_fields_volatile_with_notification(sidefx, model, field):
    # QEMU raises the config interrupt and, on modern interfaces, bumps the
    # generation (4.1.4.3, 4.2.2) when these change.
    seen = 0
    for _, d in devices(sidefx.results, model=model):
        r = reg(d, field, "config")
        assert r["classes"] == ["volatile-notified"], (d["interface"], r["classes"])
        seen += 1
        if d["interface"] in GUNYAH_FRONTS:
            assert r["models"]["gunyah"]["verdict"] == "cannot-work"
        assert r["models"]["page"]["verdict"] == "cannot-work"
        assert r["models"]["kvm"]["verdict"] == "emulable"
        gen = {"mmio-v2": "ConfigGeneration", "pci-modern": "config_generation"}.get(d["interface"])
        if gen:  # the legacy interfaces have no generation counter
            g = reg(d, gen, "transport")
            assert g["classes"] == ["volatile-notified"], (d["interface"], g["classes"])
            # only the backend's mapping can bump it in Gunyah
            assert g["models"]["gunyah"]["verdict"] == "cannot-work", d["interface"]
    assert seen >= 4


# virtio-pci registers with no virtio-mmio counterpart behind Gunyah's page
# (4.1.4.3 vs 4.2.2): MSI-X vectors, num_queues, notify offset and data, and
# the ISR, whose part InterruptStatus and InterruptACK play.
NO_MMIO_COUNTERPART = {"config_msix_vector", "num_queues", "queue_msix_vector", "queue_notify_off",
                       "queue_notify_data", "ISR"}


def test_gunyah_and_xen_cover_pci_as_they_really_do(sidefx):
    seen = set()
    for _, d in devices(sidefx.results, interface="pci-modern"):
        for r in d["registers"]:
            if r["space"] == "config":
                continue
            seen.add(r["name"])
            verdict = r["models"]["gunyah"]["verdict"]
            assert (verdict == "n/a") == (r["name"] in NO_MMIO_COUNTERPART), (d["model"], r["name"], verdict)
    assert {"device_status", "queue_select", "queue_notify", "ISR"} <= seen
    for _, d in devices(sidefx.results, interface="pci-legacy"):
        for r in d["registers"]:
            assert r["models"]["xen"]["verdict"] == "n/a"
            assert r["models"]["gunyah"]["verdict"] == "n/a"
    for _, d in devices(sidefx.results):
        for r in d["registers"]:
            assert r["models"]["kvm"]["verdict"] == "emulable"


def test_report_renders_the_side_effect_run(sidefx, run_vcheck):
    r = run_vcheck("report", str(sidefx.out))
    assert r.rc == 0, r.stderr
    html = open(str(sidefx.out) + "/report.html").read()
    assert 'id="matrix"' in html and "select" in html


def test_every_byte_of_the_window_is_examined(sidefx):
    """No layout limits what is examined: every device reports the window
    its transport states, every byte of the examined part has a register at
    width 1, and the aligned 2- and 4-byte ones too; nothing past it kept a
    write (the guest wrote each such byte once)."""
    for cell, d in devices(sidefx.results):
        w = d["config_window"]
        size = {"mmio-v1": 0x100, "mmio-v2": 0x100}.get(d["interface"])
        if size:
            assert w["size"] == size, (cell["name"], d["model"], w)
        assert 0 <= w["examined"] <= w["size"] and w["examined"] % 4 == 0, w
        config = {(int(r["offset"], 16), r["width"]) for r in d["registers"] if r["space"] == "config"}
        for width in (1, 2, 4):
            want = {(off, width) for off in range(0, w["examined"], width)}
            assert want <= config, (cell["name"], d["model"], width, sorted(want - config)[:5])


def test_config_size_narrows_the_window(run_vcheck, tmp_path):
    r = run_vcheck("run", "-q", "--sidefx", "--config-size", "12", "--transport", "mmio-v2", "--device", "keyboard",
                   out=tmp_path)
    assert r.rc == 0, r.stderr
    (d,) = r.results["cells"][0]["devices"]
    assert d["config_window"] == {"size": 12, "examined": 12}
    assert max(int(g["offset"], 16) + g["width"] for g in d["registers"] if g["space"] == "config") == 12
    assert run_vcheck("run", "--config-size", "0", out=tmp_path / "bad").rc == 2
