"""PCI devices behind bridges (issue 14): the guest gives every PCIe root
port a bus number and windows around its devices' BARs, so a device
behind one is driven as one on the root bus is. The oracle is the same
device model on the root bus in the same cell: every check must give the
same verdict behind the port."""
from vcheck_util import run_vcheck_cmd

PORT = "-device pcie-root-port,id=rp9,bus=pcie.0,addr=0x1e,chassis=9"


def test_a_device_behind_a_root_port_gets_the_verdicts_of_one_on_the_root_bus(vcheck, tmp_path):
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--transport", "pci-modern", "--device", "rng",
                                "--extra-args", PORT + " -device virtio-rng-pci,bus=rp9"],
                       out=tmp_path, timeout=60)
    assert r.results is not None, r.stderr
    [cell] = r.results["cells"]
    assert cell["problems"] == [], cell["problems"]
    by_loc = {d["location"]: d for d in cell["devices"]}
    assert set(by_loc) == {"pci@00:01.0", "pci@01:00.0"}, sorted(by_loc)
    root, behind = by_loc["pci@00:01.0"], by_loc["pci@01:00.0"]
    assert behind["model"] is None  # attached by --extra-args, not by the plan
    verdicts = lambda d: {c["id"]: c["verdict"] for c in d["checks"]}
    assert verdicts(behind) == verdicts(root)
    assert sum(v == "PASS" for v in verdicts(behind).values()) >= 40


def test_io_and_memory_bars_behind_a_root_port(vcheck, tmp_path):
    # a transitional device behind the port: its legacy I/O BAR and its
    # modern memory BARs both decode through the port's windows
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--sidefx", "--transport", "pci-transitional", "--device", "rng",
                                "--extra-args",
                                PORT + " -device virtio-net-pci,bus=rp9,disable-legacy=off,romfile="],
                       out=tmp_path, timeout=90)
    assert r.rc == 0, r.stderr
    [cell] = r.results["cells"]
    assert cell["problems"] == [], cell["problems"]
    behind = {d["interface"]: d for d in cell["devices"] if d["location"] == "pci@01:00.0"}
    assert set(behind) == {"pci-modern", "pci-legacy"}, sorted(behind)
    for iface, d in behind.items():
        assert d["device_id"] == 1, (iface, d["device_id"])  # a network card, read through the port
        assert d["config_window"]["examined"] >= 6, (iface, d["config_window"])  # at least the MAC
        assert d["registers"], iface
