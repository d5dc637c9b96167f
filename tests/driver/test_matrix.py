"""The default matrix on real QEMU, checked against the target file and the
VIRTIO specification. The matrix runs once per session (conftest `matrix`);
expected values are derived from the .target file or the spec, never copied
from a previous run's results."""
import os
import re
import shlex
import subprocess

import pytest

from ci_formats import check_mapping, validate_junit

# --- the target file -------------------------------------------------------


def parse_target(path):
    """{(kind, name): {key: value}} for every [kind name] section."""
    sections, cur = {}, None
    with open(path) as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            m = re.match(r"^\[(\w+)(?:\s+(\S+))?\]$", line)
            if m:
                cur = sections.setdefault((m.group(1), m.group(2)), {})
                continue
            key, _, value = line.partition("=")
            cur[key.strip()] = value.strip()
    return sections


@pytest.fixture(scope="module")
def target(target_file):
    s = parse_target(target_file)
    t = s[("target", None)]
    transports = {name: sec for (kind, name), sec in s.items() if kind == "transport"}
    devices = {}
    for (kind, name), sec in s.items():
        if kind == "device":
            devices[name] = {
                "type": int(sec["type"], 0),
                "default": sec.get("default", "no") == "yes",
                "mmio": "mmio" in sec,
                "pci": "pci" in sec,
                "files": sec.get("files", ""),
                # what the model's QEMU types can show; None: every interface
                "interfaces": sec["interfaces"].split() if "interfaces" in sec else None,
            }
    return {"target": t, "transports": transports, "devices": devices}


# --- the spec --------------------------------------------------------------

# VIRTIO 1.2 4.1.2.1 (and its "Legacy Interfaces" paragraph): transitional
# devices use PCI Device IDs 0x1000..0x103f, and the spec assigns them only
# to these device types; every other type is modern-only (0x1040 + type).
TRANSITIONAL_PCI_ID = {1: 0x1000, 2: 0x1001, 5: 0x1002, 3: 0x1003, 8: 0x1004, 4: 0x1005,
                       9: 0x1009}
PCI_VENDOR_VIRTIO = 0x1af4
VIRTIO_F_VERSION_1 = 32
VIRTIO_F_RING_PACKED = 34
MAX_QUEUE_SIZE = 32768  # 2.7 / 2.8: the largest queue size a device can offer
VERDICTS = {"PASS", "SKIP", "XFAIL", "WARN", "XPASS", "FAIL", "FAULT", "WEDGED", "CRASH"}
FAILURE_VERDICTS = {"FAIL", "FAULT", "WEDGED", "CRASH", "XPASS"}
MODERN_INTERFACES = {"mmio-v2", "pci-modern"}
LEGACY_INTERFACES = {"mmio-v1", "pci-legacy"}
EXPECTED_TRANSPORTS = ["mmio-v1", "mmio-v2", "pci-modern", "pci-transitional"]

# config_past_end is the 4 bytes right after the config length the layout
# defines; QEMU reads 0xff beyond a device's config space, so "ffffffff" means
# the layout is at least as long as QEMU's config. Devices where that is
# knowingly not so (model -> the observed past-end bytes):
KNOWN_CONFIG_SIZE_DEVIATIONS = {
    # Observed on QEMU 7.2 (pci-modern, both PCI cells): "000000ff". The iommu
    # layout (layouts/iommu.c) ends after `u8 bypass` at offset 37, but
    # struct virtio_iommu_config (VIRTIO 1.2/1.3 5.13.4) continues with
    # `u8 reserved[3]`, so the config is 40 bytes and QEMU returns those
    # three reserved zero bytes before the 0xff past its end. The layout
    # omits the trailing padding; no field is missing or misplaced.
    "iommu": "000000ff",
    # Observed on QEMU 7.2: a legacy interface offers feature bits 0..31
    # only, so the layout (and the driver) stop after `mtu` at offset 12,
    # but QEMU sizes net's config by all the features the device has,
    # SPEED_DUPLEX (bit 63) included: the `speed` the target sets (1000,
    # little-endian) follows where a legacy config ends.
    ("net", "mmio-v1"): (1000).to_bytes(4, "little").hex(),
    ("net", "pci-legacy"): (1000).to_bytes(4, "little").hex(),
}


def words(dev):
    return [int(w, 16) for w in dev["feature_words"]]


def has_feature(dev, bit):
    w = words(dev)
    return bit // 32 < len(w) and bool(w[bit // 32] >> (bit % 32) & 1)


def describe(cell, dev):
    return "%s %s/%s@%s" % (cell["transport"], dev["model"], dev["interface"], dev["location"])


def all_devices(results):
    for cell in results["cells"]:
        for dev in cell["devices"]:
            yield cell, dev


def planned_on(target, d, transport):
    """Whether a default run attaches device d on this transport: its bus
    offers it, and it can show every interface the transport yields."""
    tr = target["transports"][transport]
    shows = d["interfaces"] is None or set(tr["interfaces"].split()) <= set(d["interfaces"])
    return d["default"] and d[tr["bus"]] and shows


def expected_on(target, transport, interface):
    """{model: type} the target attaches on this transport's bus and that
    must show up on this interface."""
    out = {}
    for name, d in target["devices"].items():
        if not planned_on(target, d, transport):
            continue
        if interface == "pci-legacy" and d["type"] not in TRANSITIONAL_PCI_ID:
            continue
        out[name] = d["type"]
    return out


def assert_none(problems):
    assert not problems, "\n".join(problems)


# --- run level -------------------------------------------------------------


def test_exit_code_zero(matrix):
    rc, results, _ = matrix
    assert rc == 0, "default matrix exited %d, verdict %s" % (rc, results["verdict"])
    assert results["schema"] == "vcheck/1"
    assert results["verdict"] not in FAILURE_VERDICTS


def test_cells(matrix, target):
    _, results, _ = matrix
    assert target["target"]["default-transports"].split() == EXPECTED_TRANSPORTS
    assert [c["transport"] for c in results["cells"]] == EXPECTED_TRANSPORTS
    name = target["target"]["name"]
    for cell in results["cells"]:
        assert cell["name"] == "%s.%s.direct" % (name, cell["transport"])
        assert cell["target"] == name
        assert cell["arch"] == target["target"]["arch"]
        assert cell["personality"] == "direct", cell["name"]
        assert cell["outcome"] == "completed", (cell["name"], cell["outcome_detail"])
        assert cell["outcome_detail"] is None, cell["name"]
        assert cell["problems"] == [], cell["name"]
        assert cell["records"] > 0, cell["name"]
        assert cell["verdict"] in VERDICTS and cell["verdict"] not in FAILURE_VERDICTS


def test_attached_list_follows_target(matrix, target):
    _, results, _ = matrix
    for cell in results["cells"]:
        want = [(n, d["type"]) for n, d in target["devices"].items() if planned_on(target, d, cell["transport"])]
        got = [(a["model"], a["device_id"]) for a in cell["attached"]]
        assert got == want, cell["name"]
        locs = [a["location"] for a in cell["attached"]]
        assert len(set(locs)) == len(locs), "two attached devices share a location: %s" % locs


def test_every_attached_model_found_once_per_interface(matrix, target):
    _, results, _ = matrix
    problems = []
    for cell in results["cells"]:
        interfaces = target["transports"][cell["transport"]]["interfaces"].split()
        attached = {a["model"]: a for a in cell["attached"]}
        for dev in cell["devices"]:
            if dev["model"] is None:
                problems.append("%s: unattached device %s" % (cell["name"], describe(cell, dev)))
            if dev["interface"] not in interfaces:
                problems.append("%s: interface %s not in the transport's %s"
                                % (cell["name"], describe(cell, dev), interfaces))
        for iface in interfaces:
            want = expected_on(target, cell["transport"], iface)
            seen = [d for d in cell["devices"] if d["interface"] == iface]
            for model, dtype in want.items():
                hits = [d for d in seen if d["model"] == model]
                if len(hits) != 1:
                    problems.append("%s: %s found %d times on %s" % (cell["name"], model, len(hits), iface))
                    continue
                if hits[0]["device_id"] != dtype:
                    problems.append("%s: device_id %d, target type %d"
                                    % (describe(cell, hits[0]), hits[0]["device_id"], dtype))
                if model in attached and hits[0]["location"] != attached[model]["location"]:
                    problems.append("%s: attached at %s" % (describe(cell, hits[0]),
                                                            attached[model]["location"]))
            extra = sorted({d["model"] for d in seen if d["model"] not in want}, key=str)
            if extra:
                problems.append("%s: unexpected models on %s: %s" % (cell["name"], iface, extra))
    assert_none(problems)


def test_transitional_cell_interfaces(matrix, target):
    """The pci-transitional cell holds the types the spec gives a transitional
    ID, each with both interfaces at one location; a modern-only type would
    only repeat the pci-modern cell, and the target marks exactly those
    (interfaces without pci-legacy) so the cell leaves them out."""
    _, results, _ = matrix
    cell = next(c for c in results["cells"] if c["transport"] == "pci-transitional")
    by_model = {}
    for dev in cell["devices"]:
        by_model.setdefault(dev["model"], []).append(dev)
    problems = []
    for name, d in target["devices"].items():
        if not (d["default"] and d["pci"]):
            continue
        marked_modern_only = d["interfaces"] is not None and "pci-legacy" not in d["interfaces"]
        if marked_modern_only == (d["type"] in TRANSITIONAL_PCI_ID):
            problems.append("%s (type %d): the target's interfaces %s disagree with the spec's transitional IDs"
                            % (name, d["type"], d["interfaces"]))
        ifaces = sorted(x["interface"] for x in by_model.get(name, []))
        want = ["pci-legacy", "pci-modern"] if d["type"] in TRANSITIONAL_PCI_ID else []
        if ifaces != want:
            problems.append("%s (type %d): interfaces %s, expected %s" % (name, d["type"], ifaces, want))
        elif want and len({x["location"] for x in by_model[name]}) != 1:
            problems.append("%s: its two interfaces are at different locations" % name)
    assert_none(problems)


# --- identification --------------------------------------------------------


def test_mmio_version(matrix):
    _, results, _ = matrix
    want = {"mmio-v1": 1, "mmio-v2": 2}
    problems = ["%s: version %s" % (describe(c, d), d.get("version"))
                for c, d in all_devices(results)
                if d["interface"] in want and d.get("version") != want[d["interface"]]]
    problems += ["%s: has a version" % describe(c, d) for c, d in all_devices(results)
                 if d["interface"].startswith("pci") and "version" in d]
    assert_none(problems)


def test_pci_ids(matrix):
    _, results, _ = matrix
    problems = []
    for cell, dev in all_devices(results):
        if not dev["interface"].startswith("pci"):
            if "pci_device_id" in dev:
                problems.append("%s: has PCI ids" % describe(cell, dev))
            continue
        t = dev["device_id"]
        vendor = int(dev["vendor_id"], 16)
        pid = int(dev["pci_device_id"], 16)
        sub = int(dev["pci_subsystem_id"], 16)
        if vendor != PCI_VENDOR_VIRTIO:
            problems.append("%s: vendor %s" % (describe(cell, dev), dev["vendor_id"]))
        transitional = cell["transport"] == "pci-transitional" and t in TRANSITIONAL_PCI_ID
        if transitional:
            # 4.1.2.1: a transitional device has a 0x1000..0x103f ID (the table's
            # one for its type), Revision ID 0 and its type as Subsystem ID.
            if not 0x1000 <= pid <= 0x103f or pid != TRANSITIONAL_PCI_ID[t]:
                problems.append("%s: PCI device %#x, transitional %#x"
                                % (describe(cell, dev), pid, TRANSITIONAL_PCI_ID[t]))
            if dev["pci_revision"] != 0:
                problems.append("%s: revision %d" % (describe(cell, dev), dev["pci_revision"]))
            if sub != t:
                problems.append("%s: subsystem %#x" % (describe(cell, dev), sub))
        else:
            if pid != 0x1040 + t:
                problems.append("%s: PCI device %#x, want %#x" % (describe(cell, dev), pid, 0x1040 + t))
            if dev["pci_revision"] < 1:  # 4.1.2.1: non-transitional SHOULD be >= 1; QEMU is
                problems.append("%s: revision %d" % (describe(cell, dev), dev["pci_revision"]))
        if dev["interface"] == "pci-legacy" and not transitional:
            problems.append("%s: legacy interface on a non-transitional device" % describe(cell, dev))
    assert_none(problems)


# --- features --------------------------------------------------------------


def test_feature_word_counts(matrix):
    _, results, _ = matrix
    want = {"mmio-v1": 4, "mmio-v2": 4, "pci-modern": 4, "pci-legacy": 1}
    problems = []
    for cell, dev in all_devices(results):
        if len(dev["feature_words"]) != want[dev["interface"]]:
            problems.append("%s: %d feature words" % (describe(cell, dev), len(dev["feature_words"])))
        for w in dev["feature_words"]:
            if not re.fullmatch(r"0x[0-9a-f]{8}", w):
                problems.append("%s: feature word %r" % (describe(cell, dev), w))
    assert_none(problems)


def test_version_1_offered_on_modern_interfaces(matrix):
    _, results, _ = matrix
    problems = ["%s: VERSION_1 not offered (%s)" % (describe(c, d), d["feature_words"])
                for c, d in all_devices(results)
                if d["interface"] in MODERN_INTERFACES and not has_feature(d, VIRTIO_F_VERSION_1)]
    assert_none(problems)


def test_low_feature_word_same_on_mmio_v2_and_pci_modern(matrix, target):
    """Same QEMU model, same host features: the transport must not change
    what the device offers in bits 0..31."""
    _, results, _ = matrix
    words_of = {}
    for cell, dev in all_devices(results):
        if dev["interface"] in MODERN_INTERFACES:
            words_of.setdefault(dev["model"], {})["%s/%s" % (cell["transport"], dev["interface"])] = \
                dev["feature_words"][0]
    both = {m: w for m, w in words_of.items()
            if any(k.startswith("mmio-v2") for k in w) and any(k.endswith("pci-modern") for k in w)}
    # Every model the target attaches on both buses must be in the comparison.
    on_both = {n for n, d in target["devices"].items() if d["default"] and d["mmio"] and d["pci"]}
    assert on_both and set(both) == on_both
    problems = ["%s: low feature word differs: %s" % (m, w) for m, w in sorted(both.items())
                if len(set(w.values())) != 1]
    assert_none(problems)


# --- virtqueues ------------------------------------------------------------


def test_queue_sizes(matrix):
    _, results, _ = matrix
    problems = []
    for cell, dev in all_devices(results):
        qs = dev["queues"]
        if not qs:
            problems.append("%s: no virtqueues" % describe(cell, dev))
        if [q["index"] for q in qs] != list(range(len(qs))):
            problems.append("%s: queue indices %s" % (describe(cell, dev), [q["index"] for q in qs]))
        # 2.7: a split virtqueue's size is a power of 2; packed ones (2.8) need
        # not be. Legacy interfaces are only checked for a usable size.
        pow2 = dev["interface"] in MODERN_INTERFACES and not has_feature(dev, VIRTIO_F_RING_PACKED)
        for q in qs:
            n = q["num_max"]
            if not 0 < n <= MAX_QUEUE_SIZE or (pow2 and n & (n - 1)):
                problems.append("%s: queue %d num_max %d" % (describe(cell, dev), q["index"], n))
    assert_none(problems)


def test_queue_counts_equal_across_modern_interfaces(matrix):
    _, results, _ = matrix
    counts = {}
    for cell, dev in all_devices(results):
        if dev["interface"] in MODERN_INTERFACES:
            counts.setdefault(dev["model"], {})["%s/%s" % (cell["transport"], dev["interface"])] = \
                len(dev["queues"])
    problems = ["%s: queue counts differ: %s" % (m, c) for m, c in sorted(counts.items())
                if len(set(c.values())) != 1]
    assert_none(problems)


# --- config space ----------------------------------------------------------


def test_config_hex(matrix):
    _, results, _ = matrix
    problems = []
    for cell, dev in all_devices(results):
        for key in ("config", "config_past_end"):
            if not re.fullmatch(r"(?:[0-9a-f]{2})*", dev[key]):
                problems.append("%s: %s %r is not lower-case hex bytes" % (describe(cell, dev), key, dev[key]))
        if len(dev["config_past_end"]) != 8:
            problems.append("%s: config_past_end %r" % (describe(cell, dev), dev["config_past_end"]))
    assert_none(problems)


def test_config_length_equal_across_modern_interfaces(matrix):
    _, results, _ = matrix
    lens = {}
    for cell, dev in all_devices(results):
        if dev["interface"] in MODERN_INTERFACES:
            lens.setdefault(dev["model"], set()).add(len(dev["config"]) // 2)
    assert_none(["%s: config lengths %s" % (m, sorted(v)) for m, v in sorted(lens.items()) if len(v) != 1])


def _size(text):
    m = re.fullmatch(r"(\d+)([KM]?)", text)
    return int(m.group(1)) << {"": 0, "K": 10, "M": 20}[m.group(2)]


def test_blk_capacity(matrix, target):
    """5.2.4: capacity (le64, 512-byte sectors) is the first config field."""
    _, results, _ = matrix
    files = target["devices"]["blk"]["files"].split()
    assert len(files) == 1, files
    sectors = _size(files[0].split(":")[1]) // 512
    assert sectors == 2048  # the target's 1M disk
    seen = 0
    for cell, dev in all_devices(results):
        if dev["model"] != "blk":
            continue
        seen += 1
        cfg = bytes.fromhex(dev["config"])
        assert len(cfg) >= 8, describe(cell, dev)
        assert int.from_bytes(cfg[:8], "little") == sectors, describe(cell, dev)
    want = sum("blk" in expected_on(target, t, i) for t in EXPECTED_TRANSPORTS
               for i in target["transports"][t]["interfaces"].split())
    assert seen == want == 5  # mmio-v1, mmio-v2, pci-modern, pci-transitional x2


def test_net_mac(matrix):
    """5.1.4: mac is the first config field (6 bytes); a device address is
    unicast (I/G bit of the first byte clear) and not all zero."""
    _, results, _ = matrix
    for cell in results["cells"]:
        macs = {}
        for dev in cell["devices"]:
            if dev["model"] == "net":
                cfg = bytes.fromhex(dev["config"])
                assert len(cfg) >= 6, describe(cell, dev)
                macs[dev["interface"]] = cfg[:6]
        assert macs, cell["name"]
        assert len(set(macs.values())) == 1, "%s: MAC differs by interface: %s" % (
            cell["name"], {k: v.hex(":") for k, v in macs.items()})
        mac = next(iter(macs.values()))
        assert mac[0] & 1 == 0, "%s: multicast MAC %s" % (cell["name"], mac.hex(":"))
        assert mac != bytes(6), cell["name"]


def test_config_past_end(matrix):
    _, results, _ = matrix
    problems, deviating = [], set()
    for cell, dev in all_devices(results):
        key = next((k for k in ((dev["model"], dev["interface"]), dev["model"]) if k in KNOWN_CONFIG_SIZE_DEVIATIONS),
                   None)
        want = KNOWN_CONFIG_SIZE_DEVIATIONS.get(key, "ffffffff")
        if dev["config_past_end"] != want:
            problems.append("%s: %d config bytes, then %s (expected %s)" % (
                describe(cell, dev), len(dev["config"]) // 2, dev["config_past_end"], want))
        if key is not None:
            deviating.add(key)
    # A deviation that no longer shows up must leave the dict, so it stays honest.
    problems += ["%s is in KNOWN_CONFIG_SIZE_DEVIATIONS but was not in the run" % (m,)
                 for m in sorted(set(KNOWN_CONFIG_SIZE_DEVIATIONS) - deviating, key=str)]
    assert_none(problems)


# --- checks, faults --------------------------------------------------------


def _catalogue(vcheck):
    """{check id: set of interfaces} from `vcheck list checks`."""
    out = subprocess.run([vcheck, "list", "checks"], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    cat = {}
    for line in out.stdout.splitlines():
        f = line.split()
        if len(f) >= 5 and re.fullmatch(r"[A-Z0-9]+(?:-[A-Z0-9]+)+", f[0]):
            cat[f[0]] = set(f[4].split(","))
    assert cat, out.stdout
    return cat


def test_checks(matrix, vcheck):
    _, results, _ = matrix
    cat = _catalogue(vcheck)
    problems = []
    for cell, dev in all_devices(results):
        if not dev["checks"]:
            problems.append("%s: no checks" % describe(cell, dev))
        if dev["faults"] != 0:
            problems.append("%s: %d faults" % (describe(cell, dev), dev["faults"]))
        ids = [k["id"] for k in dev["checks"]]
        if len(set(ids)) != len(ids):
            problems.append("%s: a check reported twice: %s" % (describe(cell, dev), ids))
        for k in dev["checks"]:
            if k["verdict"] not in VERDICTS:
                problems.append("%s: %s verdict %r" % (describe(cell, dev), k["id"], k["verdict"]))
            elif k["verdict"] in FAILURE_VERDICTS:
                problems.append("%s: %s %s: %s" % (describe(cell, dev), k["id"], k["verdict"], k["detail"]))
            if k["id"] not in cat:
                problems.append("%s: %s is not in the catalogue" % (describe(cell, dev), k["id"]))
            elif dev["interface"] not in cat[k["id"]]:
                problems.append("%s: %s does not apply to %s" % (describe(cell, dev), k["id"], dev["interface"]))
            # A baseline (the target's NAME.baseline) is what turns FAIL into
            # XFAIL and PASS into XPASS, and it always says why.
            if (k["verdict"] in ("XFAIL", "XPASS")) != bool(k.get("baseline")):
                problems.append("%s: %s %s with baseline %r" % (describe(cell, dev), k["id"], k["verdict"],
                                                                 k.get("baseline")))
            if not k.get("spec") or not k.get("level") or not k.get("title"):
                problems.append("%s: %s lacks spec/level/title" % (describe(cell, dev), k["id"]))
    assert_none(problems)


# --- outputs ---------------------------------------------------------------


def test_junit(matrix):
    _, results, out = matrix
    path = os.path.join(out, "junit.xml")
    assert os.path.isfile(path)
    doc = validate_junit(path)
    check_mapping(doc, results)
    suites = doc.getElementsByTagName("testsuite")
    assert [s.getAttribute("name") for s in suites] == [c["name"] for c in results["cells"]]
    for suite, cell in zip(suites, results["cells"]):
        cases = suite.getElementsByTagName("testcase")
        names = [c.getAttribute("name") for c in cases]
        nchecks = sum(len(d["checks"]) for d in cell["devices"])
        assert names[0] == "boot"
        assert names[1:1 + len(cell["attached"])] == ["found." + a["model"] for a in cell["attached"]]
        assert len(cases) == 1 + len(cell["attached"]) + nchecks, cell["name"]
        assert not suite.getElementsByTagName("failure"), cell["name"]


def test_cell_logs(matrix, target):
    _, results, out = matrix
    for cell in results["cells"]:
        assert not os.path.isabs(cell["logs"])
        d = os.path.join(out, cell["logs"])
        assert os.path.realpath(d) == os.path.realpath(os.path.join(out, "cells", cell["name"]))
        for f in ("console.txt", "qemu-stderr.txt", "cmdline.txt"):
            assert os.path.isfile(os.path.join(d, f)), (cell["name"], f)
        # scratch (disk images, 9p share) is removed without --keep-scratch
        assert not os.path.exists(os.path.join(d, "scratch")), cell["name"]
        with open(os.path.join(d, "console.txt"), "rb") as f:
            lines = f.read().splitlines()
        assert sum(1 for l in lines if l.startswith(b"@vc1 ")) == cell["records"], cell["name"]
        assert sum(1 for l in lines if l.strip() and not l.startswith(b"@vc1 ")) == cell["noise_lines"]
        with open(os.path.join(d, "cmdline.txt")) as f:
            argv = shlex.split(f.read())
        assert argv[0] == target["target"]["qemu"]
        words = target["target"]["args"].split() + \
            target["transports"][cell["transport"]].get("args", "").split()
        assert argv[1:1 + len(words)] == words, cell["name"]


def test_list_devices_names_the_cells_each_model_joins(matrix, vcheck):
    """`vcheck list devices` says which transports' cells attach each model;
    the default matrix's cells must attach exactly the default ones so listed."""
    _, results, _ = matrix
    out = subprocess.run([vcheck, "list", "devices"], capture_output=True, text=True, timeout=30)
    assert out.returncode == 0, out.stderr
    listed = {}
    for line in out.stdout.splitlines():
        m = re.match(r"^(\S+)\s+type (\d+)\s+(default|optional)\s+on (\S+)$", line)
        assert m, line
        if m.group(3) == "default":
            listed[m.group(1)] = set(m.group(4).split(","))
    for cell in results["cells"]:
        want = sorted(n for n, trs in listed.items() if cell["transport"] in trs)
        assert sorted(a["model"] for a in cell["attached"]) == want, cell["name"]
