"""A real vhost-user backend on the side-effect timeline (issue 4): the
target's `vhost-user-blk` model has vcheck start qemu-storage-daemon per
cell (its `daemon` key), wait for its socket and end it after QEMU. QEMU's
front-end traces every vhost-user message (vhost_user_write/read with the
request number) into the same trace as the guest's records, so each message
is charged to the step that caused it.

What QEMU 7.2 and qemu-storage-daemon 7.2 really do, from their sources:
  - hw/block/vhost-user-blk.c serves config reads from the copy it fetched
    with GET_CONFIG (24) at realize: no guest read reaches the backend;
  - vhost_user_blk_set_config forwards a writeback (wce) write that changes
    the value as SET_CONFIG (25), with NEED_REPLY, and qemu-storage-daemon
    offers VIRTIO_BLK_F_CONFIG_WCE, so the field exists and latches;
  - the Status experiment's all-ones write sets DRIVER_OK with nothing
    negotiated: the front-end starts the backend (SET_FEATURES, 2) and
    libvhost-user refuses features without VERSION_1 ("virtio legacy devices
    aren't supported by libvhost-user"), which the daemon's log shows.
The tests skip only when qemu-storage-daemon is not installed (ci/deps.sh
installs qemu-system-common, which ships it).

The host ends of chardevs are evidence too: the console's emerg_wr writes
must arrive in the host's virtconsole file. The last tests cover the rest of
the same piece of work: virtio-9p's run-time-sized tag, and virtio-input's
subsel swept over all 256 values."""
import os
import re
import shutil
from html.parser import HTMLParser

import pytest

from test_report import CHROMIUM, dump_dom
from vcheck_util import field_of, reg, run_vcheck_cmd

MODEL = "vhost-user-blk"
TRANSPORTS = ("mmio-v2", "pci-modern")
SET_CONFIG, GET_CONFIG = "SET_CONFIG", "GET_CONFIG"
CAPACITY_1M = 0x800  # the daemon's 1M disk in 512-byte sectors (5.2.4)

needs_daemon = pytest.mark.skipif(shutil.which("qemu-storage-daemon") is None,
                                  reason="qemu-storage-daemon is not installed "
                                         "(apt-get install qemu-system-common)")


def transports():
    args = []
    for t in TRANSPORTS:
        args += ["--transport", t]
    return args


@pytest.fixture(scope="module")
def vu_sidefx(vcheck, tmp_path_factory):
    if shutil.which("qemu-storage-daemon") is None:
        pytest.skip("qemu-storage-daemon is not installed (apt-get install qemu-system-common)")
    out = tmp_path_factory.mktemp("vu-sidefx")
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--sidefx", "--device", MODEL] + transports(), out=out,
                       timeout=120)
    if r.results is None:
        pytest.fail("no results.json (rc %d): %s" % (r.rc, r.stderr))
    return r


def vu_devices(results):
    for c in results["cells"]:
        for d in c["devices"]:
            if d["model"] == MODEL:
                yield c, d


@needs_daemon
def test_cells_complete_with_the_daemon_running(vu_sidefx):
    assert vu_sidefx.rc == 0, vu_sidefx.stderr
    cells = vu_sidefx.results["cells"]
    assert sorted(c["transport"] for c in cells) == sorted(TRANSPORTS)
    for c in cells:
        assert c["outcome"] == "completed", c["outcome_detail"]
        assert c["problems"] == []
        [daemon] = c["daemons"]
        assert daemon["model"] == MODEL and daemon["program"] == "qemu-storage-daemon"
        assert daemon["ended"] == "ran until QEMU ended"
        log = os.path.join(str(vu_sidefx.out), c["logs"], daemon["log"])
        assert os.path.isfile(log)
        [dev] = [d for d in c["devices"] if d["model"] == MODEL]
        assert dev["device_id"] == 2


@needs_daemon
def test_writeback_write_goes_to_the_backend_as_set_config(vu_sidefx):
    for c, d in vu_devices(vu_sidefx.results):
        wce = reg(d, "writeback")
        assert {"latch", "write-triggers"} <= set(wce["classes"]), (c["name"], wce)
        assert wce["backend"]["on_write"] == [SET_CONFIG], wce
        assert wce["backend"]["on_read"] == []
        line = [e for e in wce["evidence"] if e.startswith("write-triggers:")][0]
        # NEED_REPLY: the front-end waits for the daemon's answer in the trapped write
        assert "backend: vhost-user SET_CONFIG (25) answered" in line, line
        m = wce["models"]
        assert m["kvm"]["verdict"] == "emulable" and "vhost-user backend" in m["kvm"]["reason"]
        assert m["page"]["verdict"] == "sync-backend" and "vhost-user backend" in m["page"]["reason"]
        if d["interface"] in ("mmio-v2", "pci-modern"):  # the interfaces Gunyah's page can front
            assert m["gunyah"]["verdict"] == "cannot-work"
            assert "never receives it" in m["gunyah"]["reason"]
        else:
            assert m["gunyah"]["verdict"] == "n/a"


@needs_daemon
def test_config_reads_never_reach_the_backend(vu_sidefx):
    for c, d in vu_devices(vu_sidefx.results):
        cap = reg(d, "capacity")
        assert cap["classes"] == ["constant"], cap
        assert "read 0x%x in all" % CAPACITY_1M in cap["evidence"][0]
        assert "backend" not in cap
        for r in d["registers"]:
            assert GET_CONFIG not in r.get("backend", {}).get("on_read", []), r
            assert not any(e.startswith("backend-read:") for e in r["evidence"]), r
        # read-only fields the front-end copied once are constant
        for name in ("blk_size", "seg_max", "topology.min_io_size"):
            assert reg(d, name)["classes"] == ["constant"], name


@needs_daemon
def test_status_write_starts_the_backend_which_refuses_no_version_1(vu_sidefx):
    for c, d in vu_devices(vu_sidefx.results):
        status = reg(d, "Status" if d["interface"] == "mmio-v2" else "device_status")
        assert "SET_FEATURES" in status["backend"]["on_write"], status
        line = [e for e in status["evidence"] if e.startswith("write-triggers:")][0]
        assert "backend: vhost-user SET_FEATURES (2)" in line, line
        [daemon] = c["daemons"]
        assert "virtio legacy devices aren't supported by libvhost-user" in daemon["log_tail"], daemon


@needs_daemon
def test_qemu_status_after_the_all_ones_status_write(vu_sidefx):
    # x-query-virtio-status right after the Status write of 0xfffffffc:
    # QEMU keeps the low byte (FAILED, NEEDS_RESET, FEATURES_OK, DRIVER_OK),
    # the device counts as started, and vhost is not (the backend refused).
    # The features come from DriverFeatures: virtio-mmio's soft reset keeps
    # the words written before it (hw/virtio/virtio-mmio.c clears only the
    # queues' enabled flags), virtio-pci's reset clears them; neither holds
    # VERSION_1, so libvhost-user sees a legacy device.
    for c, d in vu_devices(vu_sidefx.results):
        [qs] = d["qemu_status"]
        assert set(qs["status"].split("|")) == {"FAILED", "NEEDS_RESET", "FEATURES_OK", "DRIVER_OK"}, qs
        assert qs["started"] is True and qs["vhost_started"] is False and qs["broken"] is False
        assert "VIRTIO_F_VERSION_1" not in qs["guest_features"]
        if d["interface"] == "mmio-v2":
            assert "VIRTIO_BLK_F_CONFIG_WCE" in qs["guest_features"], qs
        else:
            assert qs["guest_features"] == "", qs
        status = reg(d, "Status" if d["interface"] == "mmio-v2" else "device_status")
        [line] = [e for e in status["evidence"] if e.startswith("qemu:")]
        assert line.startswith("qemu: after wr #%d x-query-virtio-status: status " % qs["after"]), line
        wrote = [e for e in status["evidence"] if "wr #%d wrote 0x" % qs["after"] in e]
        assert wrote and ("0xfffffffc" in wrote[0] or "0xfc" in wrote[0]), status["evidence"]


@needs_daemon
def test_catalogue_passes_or_is_baselined(vcheck, tmp_path):
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--device", MODEL] + transports(), out=tmp_path, timeout=120)
    assert r.results is not None, r.stderr
    assert r.rc == 0, r.stderr
    for c, d in vu_devices(r.results):
        verdicts = {k["id"]: k["verdict"] for k in d["checks"]}
        assert verdicts["VQ-BLK-001"] == "PASS"  # sector 0 against the disk pattern, through the daemon
        assert verdicts["VQ-IND-003"] == "XFAIL"
        assert all(v in ("PASS", "SKIP", "WARN", "XFAIL") for v in verdicts.values()), verdicts


@needs_daemon
def test_legacy_mmio_cannot_use_the_backend(vcheck, tmp_path):
    # virtio-mmio version 1 cannot negotiate VERSION_1, and libvhost-user
    # refuses anything else: the first DRIVER_OK loses the backend.
    # The raw verdicts: the shipped baseline lists these failures.
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--no-baseline", "--device", MODEL, "--transport", "mmio-v1"],
                       out=tmp_path, timeout=120)
    assert r.rc == 1, r.stderr
    [c] = r.results["cells"]
    assert "virtio legacy devices aren't supported" in c["daemons"][0]["log_tail"]
    [d] = [d for d in c["devices"] if d["model"] == MODEL]
    assert {k["id"]: k["verdict"] for k in d["checks"]}["VQ-BLK-001"] == "FAIL"


@needs_daemon
def test_shipped_baseline_names_the_legacy_interface_only(vcheck, tmp_path):
    # One pci-transitional cell drives the device through both interfaces:
    # the baseline's */mmio-v1,pci-legacy line must turn the legacy
    # interface's queue failures into XFAIL without touching the modern
    # interface, which serves the same checks through the daemon.
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--device", MODEL, "--transport", "pci-transitional"],
                       out=tmp_path, timeout=120)
    assert r.rc == 0, r.stderr
    [c] = r.results["cells"]
    by_ifc = {d["interface"]: {k["id"]: k for k in d["checks"]} for d in c["devices"] if d["model"] == MODEL}
    legacy, modern = by_ifc["pci-legacy"]["VQ-BLK-001"], by_ifc["pci-modern"]["VQ-BLK-001"]
    assert legacy["verdict"] == "XFAIL" and "VERSION_1" in legacy["baseline"], legacy
    assert modern["verdict"] == "PASS" and "baseline" not in modern, modern


@needs_daemon
def test_legacy_config_write_after_the_backend_left_aborts_qemu(vcheck, tmp_path):
    # pci-transitional drives the device as pci-modern, then as pci-legacy.
    # The modern Status experiment loses the backend (libvhost-user refuses
    # features without VERSION_1); the legacy interface's first writeback
    # write that changes the value then reaches vhost_user_blk_set_config,
    # which calls vhost_dev_set_config on the cleaned-up vhost device:
    # QEMU 7.2 aborts on its assertion (hw/virtio/vhost.c). A guest can
    # crash QEMU this way; the cell says so, and what ran before is kept.
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--sidefx", "--device", MODEL, "--transport", "pci-transitional"],
                       out=tmp_path, timeout=120)
    assert r.rc == 1
    [c] = r.results["cells"]
    assert c["outcome"] == "crashed"
    assert "QEMU killed by signal 6" in c["outcome_detail"]
    assert "vhost_dev_set_config: Assertion `hdev->vhost_ops' failed" in c["outcome_detail"]
    assert "virtio legacy devices aren't supported" in c["daemons"][0]["log_tail"]
    modern = [d for d in c["devices"] if d["model"] == MODEL and d["interface"] == "pci-modern"]
    assert reg(modern[0], "writeback")["backend"]["on_write"] == [SET_CONFIG]
    with open(os.path.join(str(tmp_path), c["logs"], "console.txt")) as f:
        last = [l for l in f if l.startswith("@vc1 ")][-1]
    assert " sp=config off=20 w=1 x=wr " in last, last  # the last step before the abort: a writeback write


# ---- a daemon that cannot serve is a clear cell error, never a hang ----------------

def target_with_daemon(target_file, tmp_path, daemon, ready="{sock}/never.sock", package=None):
    with open(target_file) as f:
        text = f.read()
    text += ("\n[device broken]\ntype = 4\ndefault = no\ndaemon = %s\ndaemon-ready = %s\n%s"
             "mmio = -device virtio-rng-device,{place}\npci = -device virtio-rng-pci,{place}\n"
             % (daemon, ready, "daemon-package = %s\n" % package if package else ""))
    path = tmp_path / "broken.target"
    path.write_text(text)
    return str(path)


def test_daemon_that_exits_fails_the_cell(vcheck, target_file, tmp_path):
    # daemon words are split on white space, as QEMU arguments are: a script
    script = tmp_path / "dies.sh"
    script.write_text("#!/bin/sh\necho no-disk-here >&2\nexit 3\n")
    script.chmod(0o755)
    t = target_with_daemon(target_file, tmp_path, str(script))
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--target", t, "--device", "broken", "--transport", "mmio-v2"],
                       out=tmp_path / "o", timeout=30)
    assert r.rc == 1, r.stderr
    [c] = r.results["cells"]
    assert c["outcome"] == "crashed"
    assert "backend daemon %s of broken exited with status 3 before" % script in c["outcome_detail"]
    assert "no-disk-here" in c["outcome_detail"]
    assert r.seconds < 10


def test_daemon_without_its_socket_times_out(vcheck, target_file, tmp_path):
    t = target_with_daemon(target_file, tmp_path, "sleep 30")
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--target", t, "--device", "broken", "--transport", "mmio-v2",
                                "--timeout", "1"], out=tmp_path / "o", timeout=30)
    assert r.rc == 1, r.stderr
    [c] = r.results["cells"]
    assert c["outcome"] == "crashed"
    assert "did not create" in c["outcome_detail"] and "never.sock within 1.0 s" in c["outcome_detail"]
    assert r.seconds < 10  # the sleeping daemon was ended, not waited for


def test_missing_daemon_program_is_a_setup_error(vcheck, target_file, tmp_path):
    t = target_with_daemon(target_file, tmp_path, "vcheck-no-such-daemon --serve", package="some-package")
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--target", t, "--device", "broken"], out=tmp_path / "o",
                       timeout=30)
    assert r.rc == 2
    assert "vcheck-no-such-daemon (the backend daemon of device broken) not found" in r.stderr
    assert "install the Debian package some-package" in r.stderr


# ---- chardev files as evidence: console emerg_wr ------------------------------------

def emerg_bytes():
    """What the host file must get from the side-effect run's writes to
    virtio-console's emerg_wr (config 8..11, 5.3.4: a write puts the
    field's low byte out; QEMU skips 0): every byte of the field at width 1,
    then at 2 and 4 (suites/sidefx/config.c: the value read, one bit
    flipped, all flipped; wider: read and all flipped), each leaving the
    field as the written value moved up to where it landed."""
    out = []
    for width, values in ((1, (0, 1, 0xff)), (2, (0, 0xffff)), (4, (0, 0xffffffff))):
        for off in range(8, 12, width):
            for v in values:
                field = (v << 8 * (off - 8)) & 0xffffffff
                if field:
                    out.append(field & 0xff)
    return bytes(out)


EMERG_BYTES = emerg_bytes()


def test_emerg_wr_bytes_reach_the_host_file(vcheck, tmp_path):
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--sidefx", "--device", "console", "--transport", "mmio-v2",
                                "--transport", "pci-transitional"], out=tmp_path, timeout=120)
    assert r.rc == 0, r.stderr
    for c in r.results["cells"]:
        with open(os.path.join(str(tmp_path), c["logs"], "virtconsole0.txt"), "rb") as f:
            got = f.read()
        consoles = [d for d in c["devices"] if d["model"] == "console"]
        # a transitional device is driven twice, as pci-modern and pci-legacy, into one file
        assert got == EMERG_BYTES * len(consoles), (c["name"], got)
        for d in consoles:
            emerg = reg(d, "emerg_wr")
            assert "write-triggers" in emerg["classes"]
            [line] = [e for e in emerg["evidence"] if e.startswith("chardev:")]
            shown = " ".join("%02x" % b for b in got[:16])  # the evidence shows 16 bytes
            if len(got) > 16:
                shown += " (+%d more)" % (len(got) - 16)
            assert "the host's virtconsole0.txt received %s: the low byte of the field each write left, in order" \
                % shown in line, line
            assert line.count(" #") == len(EMERG_BYTES) * len(consoles), line


# ---- run-time-sized fields and full nested sweeps -------------------------------------

RECORD = re.compile(r"^@vc1 \d+ sfx (.*) #[0-9a-f]{8}$")


def sfx_records(console):
    with open(console, errors="replace") as f:
        for line in f:
            m = RECORD.match(line.rstrip("\n"))
            if m:
                yield dict(kv.split("=", 1) for kv in m.group(1).split())


@pytest.fixture(scope="module")
def small_sidefx(vcheck, tmp_path_factory):
    out = tmp_path_factory.mktemp("p9-input")
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--sidefx", "--device", "9p", "--device", "tablet",
                                "--transport", "mmio-v2", "--transport", "pci-modern"], out=out, timeout=120)
    assert r.rc == 0, r.stderr
    return r


def test_9p_tag_is_experimented_on_byte_by_byte(small_sidefx):
    # tag_len bytes of tag follow tag_len (Linux's virtio_9p.h, QEMU's
    # virtio-9p-device); the target mounts device n as "vcheck<n>"
    for c in small_sidefx.results["cells"]:
        [d] = [d for d in c["devices"] if d["model"] == "9p"]
        # every byte of the window is examined; those of tag are named by
        # where in the field they are
        regs = {int(r["offset"], 16): r for r in d["registers"]
                if r["space"] == "config" and r["width"] == 1 and field_of(r) == "tag"}
        want = b"vcheck0"  # 9p is the first device the run names: n = 0
        for i, byte in enumerate(want):
            r = regs[2 + i]
            assert r["name"] == ("tag" if i == 0 else "tag+0x%x" % i), r
            assert r["classes"] == ["constant"], r
            assert "read 0x%x in all" % byte in r["evidence"][0], r
            assert r["spec_access"] == "r"


def test_subsel_is_swept_over_every_value(small_sidefx):
    # QEMU 7.2's virtio-input answers subsel only with an event type
    # (EV_BITS) or an axis (ABS_INFO), all below 0x40; every other value
    # leaves size 0 and zeroed data, one state. The sweep covers all 256
    # values, so the new states it records are all below 0x40.
    for c in small_sidefx.results["cells"]:
        [d] = [d for d in c["devices"] if d["model"] == "tablet"]
        console = os.path.join(str(small_sidefx.out), c["logs"], "console.txt")
        with open(console, errors="replace") as f:
            index = re.search(r" dev d=(\d+) loc=%s " % re.escape(d["location"]), f.read()).group(1)
        nested = [r for r in sfx_records(console)
                  if r["d"] == index and r["x"] == "sw" and "under" in r and r["off"] == "1"]
        assert nested, c["name"]
        assert all(int(r["wv"], 16) < 0x40 for r in nested), nested
        # under ABS_INFO (select 0x12) subsel names an axis: the tablet's two
        # answer alike, so the first new state is the first value naming
        # none (2: all zeros, select too); a state is what the selector
        # selects, not the selector's own value
        assert any(r["under"] == "0,12" and r["wv"] == "2" for r in nested), nested


class BackendParts(HTMLParser):
    """From a report page: per side-effect device (cell, interface) the
    backend cells of its register rows, {(space, offset, width): (on_write,
    on_read)}, and its QEMU-status rows; and the daemon table's rows."""

    def __init__(self):
        super().__init__()
        self.device, self.row = None, None
        self.backend, self.qstatus, self.daemons = {}, {}, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and "sidefx-device" in (a.get("class") or ""):
            self.device = (a["data-cell"], a["data-interface"])
        elif tag == "tr" and "data-program" in a:
            self.daemons.append((a["data-cell"], a["data-device"], a["data-program"], a["data-ended"]))
        elif tag == "tr" and "data-after" in a:
            self.qstatus.setdefault(self.device, []).append((int(a["data-after"]), a["data-status"]))
        elif tag == "tr" and "data-space" in a:
            self.row = (a["data-space"], a["data-offset"], int(a["data-width"]))
        elif tag == "td" and "backend" in (a.get("class") or "").split() and self.row:
            self.backend.setdefault(self.device, {})[self.row] = (a["data-on-write"], a["data-on-read"])


@needs_daemon
def test_report_shows_the_backend_side(vu_sidefx, vcheck, tmp_path):
    # vcheck report on the real run: the daemons, QEMU's view after the
    # Status write and every register's vhost-user requests, as results.json
    # has them, in the page a browser builds (and in report.md and the
    # register tables it links, report-registers.md).
    r = run_vcheck_cmd(vcheck, ["report", str(vu_sidefx.out)], timeout=60)
    assert r.rc == 0, r.stderr
    html = os.path.join(str(vu_sidefx.out), "report.html")
    page = BackendParts()
    page.feed(dump_dom(html, tmp_path / "chromium") if os.access(CHROMIUM, os.X_OK) else open(html).read())
    want_daemons = [(c["name"], d["model"], d["program"], d["ended"])
                    for c in vu_sidefx.results["cells"] for d in c["daemons"]]
    assert want_daemons and page.daemons == want_daemons
    sent = 0
    for c, d in vu_devices(vu_sidefx.results):
        key = (c["name"], d["interface"])
        assert page.qstatus[key] == [(q["after"], q["status"]) for q in d["qemu_status"]]
        for reg_ in d["registers"]:
            b = reg_.get("backend", {"on_write": [], "on_read": []})
            row = (reg_["space"], reg_["offset"], reg_["width"])
            assert page.backend[key][row] == (",".join(b["on_write"]), ",".join(b["on_read"])), (key, row)
            sent += len(b["on_write"]) + len(b["on_read"])
    assert sent  # writeback's SET_CONFIG at least (test above)
    md = open(os.path.join(str(vu_sidefx.out), "report.md")).read()
    registers = open(os.path.join(str(vu_sidefx.out), "report-registers.md")).read()
    assert "## Backend daemons" in md and "write: SET\\_CONFIG" in registers


# ---- a second real backend: QEMU 7.2's virtiofsd behind vhost-user-fs ----

VIRTIOFSD = "/usr/lib/qemu/virtiofsd"
needs_virtiofsd = pytest.mark.skipif(not os.access(VIRTIOFSD, os.X_OK),
                                     reason="%s is not installed (apt-get install qemu-system-common)"
                                     % VIRTIOFSD)


@needs_virtiofsd
def test_virtiofsd_answers_fuse_init_on_modern_interfaces(vcheck, tmp_path):
    # The target gives the share the tag vcheck{n}; the device's config
    # (5.11.4) carries it NUL-padded, then num_request_queues (QEMU's default
    # 1). FUSE_INIT goes to the first request queue, virtqueue 1 (5.11.2).
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--no-baseline", "--device", "vhost-user-fs", "--transport", "mmio-v1",
                                "--transport", "mmio-v2", "--transport", "pci-modern"], out=tmp_path, timeout=120)
    assert r.results is not None, r.stderr
    seen = {}
    for c in r.results["cells"]:
        assert c["outcome"] == "completed", c["outcome_detail"]
        [dev] = [d for d in c["devices"] if d["model"] == "vhost-user-fs"]
        assert dev["device_id"] == 26
        cfg = bytes.fromhex(dev["config"])
        tag = cfg[:36].rstrip(b"\0").decode()
        assert re.fullmatch(r"vcheck\d+", tag), cfg[:36]
        assert int.from_bytes(cfg[36:40], "little") == 1
        [fs] = [k for k in dev["checks"] if k["id"] == "VQ-FS-001"]
        seen[dev["interface"]] = fs["verdict"]
        if dev["interface"] == "mmio-v1":
            # libvhost-user refuses a device without VERSION_1 and the daemon gives up
            [daemon] = c["daemons"]
            assert "virtio legacy devices aren't supported" in daemon["log_tail"], daemon
    assert seen == {"mmio-v1": "FAIL", "mmio-v2": "PASS", "pci-modern": "PASS"}, seen


@needs_virtiofsd
def test_shipped_baseline_knows_virtiofsd_has_no_legacy_interface(vcheck, tmp_path):
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--device", "vhost-user-fs", "--transport", "mmio-v1"], out=tmp_path,
                       timeout=120)
    assert r.rc == 0, r.stderr
    [fs] = [k for c in r.results["cells"] for d in c["devices"] for k in d["checks"] if k["id"] == "VQ-FS-001"]
    assert fs["verdict"] == "XFAIL" and "libvhost-user" in fs["baseline"], fs


def test_a_runaway_daemon_log_is_capped(vcheck, target_file, tmp_path):
    # a backend that writes without end must not fill the disk: its log
    # keeps the first 8 MiB and says how much more was dropped. It writes
    # NUL bytes (tr gets a backslash to translate), which the tail shows
    # as '.' instead of ending there
    script = tmp_path / "chatty.sh"
    script.write_text("#!/bin/sh\nhead -c 20000000 /dev/zero | tr '\\\\0' x\necho last-words >&2\ntouch \"$1\"\n"
                      "exec sleep 30\n")
    script.chmod(0o755)
    t = target_with_daemon(target_file, tmp_path, "%s {sock}/ready" % script, ready="{sock}/ready")
    r = run_vcheck_cmd(vcheck, ["run", "-q", "--target", t, "--device", "broken", "--transport", "mmio-v2",
                                "--keep"], out=tmp_path / "o", timeout=60)
    assert r.results is not None, r.stderr
    [c] = r.results["cells"]
    [d] = c["daemons"]
    log = os.path.join(str(tmp_path / "o"), c["logs"], d["log"])
    size = os.path.getsize(log)
    assert 8 << 20 <= size < (8 << 20) + 200, size
    with open(log, "rb") as f:
        f.seek(-120, 2)
        tail = f.read().decode()
    # 20 000 000 bytes and "last-words\n": all but the first 8 MiB dropped
    dropped = 20000000 + len("last-words\n") - (8 << 20)
    assert "[vcheck: log capped at %d bytes; %d bytes more were dropped]" % (8 << 20, dropped) in tail, tail
    assert d["log_tail"].endswith("[vcheck: log capped at %d bytes; %d bytes more were dropped]"
                                  % (8 << 20, dropped)), d
    assert d["log_tail"].startswith("...."), d
