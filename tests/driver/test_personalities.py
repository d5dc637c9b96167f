"""The catalogue through the three personalities on real QEMU: direct (the
device as QEMU serves it), gunyah (Gunyah's hypervisor-owned virtio-mmio
page in front of the device, guests/lib/personality/gunyah_*.c) and xen (synchronous
access, ACCESS_PLATFORM negotiated). What is asserted here is what
../shared/reference/gunyah-virtio-mmio.md says Gunyah's hypervisor does,
observed live: each expected difference must come out of the run with the
transport rule that caused it."""
import pytest

DEVICES = ["rng", "blk", "balloon", "tablet"]
TRANSPORTS = ["mmio-v2", "pci-modern"]
FAULT_RULES = {"write-width", "read-only", "feature-sel", "queue-sel", "input-config"}


@pytest.fixture(scope="module")
def run(run_vcheck_module, tmp_path_factory):
    out = tmp_path_factory.mktemp("personalities")
    args = ["run", "--personality", "direct,gunyah,xen"]
    for t in TRANSPORTS + ["mmio-v1"]:
        args += ["--transport", t]
    for d in DEVICES:
        args += ["--device", d]
    r = run_vcheck_module(*args, out=out, timeout=180)
    assert r.results is not None, r.stderr
    return r


def cells(run):
    return {(c["transport"], c["personality"]): c for c in run.results["cells"]}


def checks(cell, model):
    dev = next(d for d in cell["devices"] if d["model"] == model)
    return {k["id"]: k for k in dev["checks"]}


def personality_gated(check):
    """A check that only applies under another personality (XEN-GNT-*)."""
    return check["verdict"] == "SKIP" and "personality" in (check.get("detail") or "")


def rule_names(check):
    return {r.split("@")[0] for r in check.get("rules", [])}


def rule_offsets(check, name):
    return {int(r.split("@")[1], 16) for r in check.get("rules", []) if r.split("@")[0] == name}


def test_cells_per_personality_and_transport(run):
    # gunyah and xen need a modern interface behind them: no mmio-v1 cells.
    assert set(cells(run)) == {("mmio-v1", "direct")} | {(t, p) for t in TRANSPORTS
                                                          for p in ("direct", "gunyah", "xen")}
    for (t, p), c in cells(run).items():
        assert c["name"].endswith(".%s.%s" % (t, p))
        assert c["outcome"] == "completed", c.get("outcome_detail")
    assert run.rc == 0, run.stdout + run.stderr  # every difference is baselined, visibly


def test_gunyah_front_is_virtio_mmio_v2_at_the_same_places(run):
    for t in TRANSPORTS:
        direct, gunyah = cells(run)[(t, "direct")], cells(run)[(t, "gunyah")]
        assert {d["interface"] for d in gunyah["devices"]} == {"mmio-v2"}
        assert sorted((d["model"], d["location"]) for d in gunyah["devices"]) == \
            sorted((d["model"], d["location"]) for d in direct["devices"])


def test_rules_only_where_a_page_stands(run):
    for (t, p), c in cells(run).items():
        fired = {name for d in c["devices"] for k in d["checks"] for name in rule_names(k)}
        if p == "direct":
            assert not fired
        elif p == "xen":
            assert fired <= {"personality-features"}


def test_every_fault_names_an_aborting_rule(run):
    for t in TRANSPORTS:
        for d in cells(run)[(t, "gunyah")]["devices"]:
            for k in d["checks"]:
                aborted = "aborted" in (k.get("detail") or "")
                if k["verdict"] == "FAULT" or (k["verdict"] == "XFAIL" and aborted):
                    assert rule_names(k) & FAULT_RULES, (d["model"], k)


def test_every_difference_from_direct_has_a_rule(run):
    for t in TRANSPORTS:
        for p in ("gunyah", "xen"):
            for model in DEVICES:
                a, b = checks(cells(run)[(t, "direct")], model), checks(cells(run)[(t, p)], model)
                for cid in set(a) & set(b):
                    if personality_gated(a[cid]):
                        continue
                    if a[cid]["verdict"] != b[cid]["verdict"]:
                        assert b[cid].get("rules"), (t, p, model, cid, a[cid], b[cid])


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_reset_is_posted(run, transport):
    # Status = 0 sets DEVICE_NEEDS_RESET until the backend acknowledges.
    d = checks(cells(run)[(transport, "direct")], "rng")["STATUS-RESET-001"]
    g = checks(cells(run)[(transport, "gunyah")], "rng")["STATUS-RESET-001"]
    assert d["verdict"] == "PASS"
    assert g["verdict"] == "XFAIL" and "0x4" in g["detail"]  # NEEDS_RESET (0x40) still set
    assert rule_offsets(g, "reset-posted") == {0x70}


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_queue_sel_past_the_last_queue_aborts(run, transport):
    g = checks(cells(run)[(transport, "gunyah")], "rng")["MMIO-QUEUE-001"]
    assert g["verdict"] == "XFAIL" and "aborted" in g["detail"]
    assert rule_offsets(g, "queue-sel") == {0x30}


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_feature_selectors_past_one_abort(run, transport):
    g = checks(cells(run)[(transport, "gunyah")], "blk")["FEAT-SEL-002"]
    assert g["verdict"] == "XFAIL"
    assert rule_offsets(g, "feature-sel") == {0x14}


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_config_writes_stay_in_the_page(run, transport):
    # balloon's read-only num_pages takes the written value: stored, never
    # forwarded (a device ignores it, direct passes).
    d = checks(cells(run)[(transport, "direct")], "balloon")["CFG-RO-001"]
    g = checks(cells(run)[(transport, "gunyah")], "balloon")["CFG-RO-001"]
    assert d["verdict"] == "PASS"
    assert g["verdict"] == "WARN" and "num_pages" in g["detail"]
    assert {"config-stored", "config-dirty"} <= rule_names(g)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_sixteen_bit_config_writes_abort(run, transport):
    g = checks(cells(run)[(transport, "gunyah")], "blk")["CFG-RO-001"]
    assert g["verdict"] == "XFAIL" and "2-byte write" in g["detail"]
    assert "write-width" in rule_names(g)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_input_select_is_served_by_the_hypervisor(run, transport):
    # select/subsel answers come from what the backend registered: every
    # input config check that passes direct passes behind the page too,
    # while writes to other input config fields abort.
    d, g = checks(cells(run)[(transport, "direct")], "tablet"), checks(cells(run)[(transport, "gunyah")], "tablet")
    input_checks = [c for c in d if c.startswith("CFG-INPUT") or c.startswith("INPUT")]
    assert input_checks
    for cid in input_checks:
        assert g[cid]["verdict"] == d[cid]["verdict"], (cid, g[cid])
    assert "input-config" in rule_names(g["CFG-RO-001"])


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_data_path_works_behind_the_page(run, transport):
    # The backend replays queues at DRIVER_OK and forwards notifies at its
    # turn: real requests complete.
    g = checks(cells(run)[(transport, "gunyah")], "rng")
    for cid in ("VQ-RNG-001", "VQ-INT-001", "VQ-SETUP-001"):
        assert g[cid]["verdict"] == "PASS", g[cid]
    assert checks(cells(run)[(transport, "gunyah")], "blk")["VQ-BLK-001"]["verdict"] == "PASS"


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_interrupt_survives_the_reset(run, transport):
    # An mmio check: behind the page every device is virtio-mmio.
    assert checks(cells(run)[("mmio-v2", "direct")], "rng")["VQ-INT-003"]["verdict"] == "PASS"
    g = checks(cells(run)[(transport, "gunyah")], "rng")["VQ-INT-003"]
    assert g["verdict"] == "XFAIL" and "reset-posted" in rule_names(g)


@pytest.mark.parametrize("transport", TRANSPORTS)
def test_xen_is_direct_plus_access_platform(run, transport):
    for model in DEVICES:
        d, x = checks(cells(run)[(transport, "direct")], model), checks(cells(run)[(transport, "xen")], model)
        differ = {c for c in set(d) & set(x)
                  if d[c]["verdict"] != x[c]["verdict"] and not personality_gated(d[c])}
        assert differ <= {"FEAT-AP-001"}, (model, differ)
    x = checks(cells(run)[(transport, "xen")], "rng")["FEAT-AP-001"]
    assert x["verdict"] == "PASS" and rule_names(x) == {"personality-features"}


def test_unknown_personality_is_a_usage_error(run_vcheck, tmp_path):
    r = run_vcheck("run", "--personality", "direct,hyperv", out=tmp_path / "o")
    assert r.rc == 2 and "unknown personality 'hyperv'" in r.stderr


def test_personality_without_a_transport_is_a_usage_error(run_vcheck, tmp_path):
    r = run_vcheck("run", "--personality", "gunyah", "--transport", "mmio-v1", out=tmp_path / "o")
    assert r.rc == 2 and "no cell to run" in r.stderr


def test_sidefx_is_direct_only(run_vcheck, tmp_path):
    r = run_vcheck("run", "--sidefx", "--personality", "gunyah", out=tmp_path / "o")
    assert r.rc == 2 and "direct personality only" in r.stderr


def test_trace_tells_the_backend_from_the_driver(run_vcheck, tmp_path):
    """Under gunyah the backend reaches the real device through its own
    accesses; --trace names them by=backend, and only the driver's aborts
    (MMIO-RO-001's writes to read-only page registers) count as the
    device's faults."""
    out = tmp_path / "o"
    r = run_vcheck("run", "--personality", "gunyah", "--transport", "mmio-v2", "--device", "rng",
                   "--only", "MMIO-RO-001", "--trace", out=out)
    assert r.results is not None, r.stderr
    cell = r.results["cells"][0]
    console = (out / cell["logs"] / "console.txt").read_text().splitlines()
    acc = [l for l in console if " acc " in l]
    backend = [l for l in acc if " by=backend" in l]
    driver_faults = [l for l in acc if " st=fault" in l and " by=" not in l]
    assert backend, "the backend's accesses to the real device are missing"
    assert len(backend) < len(acc), "the driver's page accesses are missing"
    assert all(" by=" not in l or " by=backend" in l for l in acc)
    dev = cell["devices"][0]
    assert driver_faults and dev["faults"] == len(driver_faults)
    assert dev.get("backend_faults", 0) == sum(" st=fault" in l for l in backend)


def test_waits_end_when_the_device_behind_gave_up(run_vcheck, tmp_path):
    """Behind the page, scsi requests built from config the page kept from
    earlier checks make the real device give up (DEVICE_NEEDS_RESET), which
    the backend never reports: the wait ends at the backend's next turn
    instead of after its full second, and the verdict says why. --profile
    gives every check its guest time."""
    r = run_vcheck("run", "--personality", "direct,gunyah", "--transport", "mmio-v2", "--device", "scsi",
                   "--profile", out=tmp_path / "o")
    assert r.results is not None, r.stderr
    by = {c["personality"]: checks(c, "scsi") for c in r.results["cells"]}
    for ks in by.values():
        for k in ks.values():
            assert isinstance(k["guest_us"], int) and isinstance(k["reset_us"], int), k
    assert by["direct"]["VQ-SCSI-001"]["verdict"] == "PASS"
    g = by["gunyah"]["VQ-SCSI-001"]
    assert g["verdict"] in ("FAIL", "XFAIL") and "device-status-lost" in rule_names(g), g
    assert "waits cut" in g["detail"] and g["guest_us"] < 900000, g
    assert "profile: the " in r.stderr and "VQ-SCSI-00" in r.stderr


def test_profile_needs_the_catalogue(run_vcheck, tmp_path):
    for extra in (["--sidefx"], ["--no-checks"]):
        r = run_vcheck("run", "--profile", *extra, out=tmp_path / "o")
        assert r.rc == 2 and "--profile times the check catalogue" in r.stderr


def test_the_main_jobs_personality_run_passes(run_vcheck, tmp_path):
    """ci/main.sh (the README's first command) runs the whole default matrix
    through every personality: with the target's baseline it must pass, so
    a device option that shows a personality's own failure (net's speed
    and duplex under the Gunyah page) cannot land unlisted."""
    r = run_vcheck("run", "-q", "--personality", "direct,gunyah,xen", out=tmp_path, timeout=300)
    assert r.results is not None, r.stderr
    assert r.rc == 0, r.stderr
