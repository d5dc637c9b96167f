"""Host-triggered events on real QEMU (vcheck run --sidefx): the guest asks
for an event with an "ask" record, vcheck sends the target's QMP command,
and the guest's "sfx x=ev" record says what config, the interrupt status and
ConfigGeneration did. The assertions are what QEMU 7.2's devices really do:

  net      set_link down/up  status (config 6) LINK_UP 1 -> 0 -> 1
  blk      block_resize      capacity (config 0) 0x800 -> 0x1000 -> 0x800 sectors
  balloon  balloon           num_pages (config 0) 0 -> 0x8000 -> 0 (128M of 256M)
  keyboard input-send-event  two used eventq buffers (key, syn), no config change
  mem      qom-set           requested_size (config 0x30) 0 -> 64M -> 0

each with the config interrupt (ISR bit 1) and, where the transport has the
register, a generation bump: virtio_notify_config in a DRIVER_OK device.
These tests read the raw observations from the records on the cell's
console (config changes are listed byte by byte); test_sidefx.py asserts
the classes the classifier makes of them."""
import os
import re

import pytest

from vcheck_util import load_results

NET_STATUS, BLK_CAPACITY, BALLOON_NUM_PAGES, MEM_REQUESTED_SIZE = 0x6, 0x0, 0x0, 0x30
ISR_CONFIG = 0x2
RECORD = re.compile(r"^@vc1 \d+ (\w+) (.*) #[0-9a-f]{8}$")


def records(console):
    """(kind, {key: value}) for every record line of a console log."""
    out = []
    with open(console, errors="replace") as f:
        for line in f:
            m = RECORD.match(line.rstrip("\n"))
            if m:
                out.append((m.group(1), dict(kv.split("=", 1) for kv in m.group(2).split())))
    return out


def changes(ch):
    """ch=off:before>after,... -> {off: (before, after)}"""
    out = {}
    for item in filter(None, (ch or "").split(",")):
        off, vals = item.split(":")
        before, after = vals.split(">")
        out[int(off, 16)] = (int(before, 16), int(after, 16))
    return out


def field_change(off, size, before, after):
    """A little-endian field's change as the guest lists config changes:
    byte by byte, only the bytes that differ."""
    return {off + k: ((before >> 8 * k) & 0xff, (after >> 8 * k) & 0xff) for k in range(size)
            if (before >> 8 * k) & 0xff != (after >> 8 * k) & 0xff}


def event_obs(out, cell):
    """{(model, event): [obs...]} for one cell, obs = dict with ch parsed."""
    console = os.path.join(out, cell["logs"], "console.txt")
    recs = records(console)
    model_at = {d["location"]: d["model"] for d in cell["devices"]}
    model_of = {r["d"]: model_at.get(r["loc"]) for k, r in recs if k == "dev"}
    obs = {}
    for k, r in recs:
        if k == "sfx" and r.get("x") == "ev":
            r = dict(r, ch=changes(r.get("ch")), isr=int(r["isr"], 16),
                     gen=tuple(int(g, 16) for g in r["gen"].split(",")))
            obs.setdefault((model_of[r["d"]], r["ev"]), []).append(r)
    return obs, recs


@pytest.fixture(scope="module")
def events_run(run_vcheck_module, tmp_path_factory):
    out = tmp_path_factory.mktemp("sidefx-events")
    r = run_vcheck_module("run", "--sidefx", "-q", "--transport", "mmio-v2", "--transport", "pci-modern",
                          "--device", "net", "--device", "blk", "--device", "balloon",
                          "--device", "keyboard", "--device", "mem", out=out, timeout=120)
    if r.results is None:
        pytest.fail("no results.json (rc %d): %s" % (r.rc, r.stderr))
    cells = {c["transport"]: c for c in r.results["cells"]}
    for c in cells.values():
        assert c["outcome"] == "completed", c["outcome_detail"]
        assert c["problems"] == [], c["problems"]
    return str(out), cells


def only(obs, key):
    assert key in obs, "no %s %s observation; have %s" % (key[0], key[1], sorted(obs))
    assert len(obs[key]) == 1, obs[key]
    return obs[key][0]


def assert_notified(o, has_generation):
    assert o["isr"] & ISR_CONFIG, "no config interrupt: %s" % o
    if has_generation:
        assert o["gen"][1] != o["gen"][0], "ConfigGeneration did not move: %s" % o


@pytest.mark.parametrize("transport", ["mmio-v2", "pci-modern"])
def test_net_status_follows_the_link(events_run, transport):
    out, cells = events_run
    obs, _ = event_obs(out, cells[transport])
    down, up = only(obs, ("net", "link-down")), only(obs, ("net", "link-up"))
    assert down["ch"] == field_change(NET_STATUS, 2, 1, 0), down
    assert up["ch"] == field_change(NET_STATUS, 2, 0, 1), up
    assert_notified(down, True)
    assert_notified(up, True)


@pytest.mark.parametrize("transport", ["mmio-v2", "pci-modern"])
def test_blk_capacity_follows_block_resize(events_run, transport):
    out, cells = events_run
    obs, _ = event_obs(out, cells[transport])
    grow, shrink = only(obs, ("blk", "grow")), only(obs, ("blk", "shrink"))
    assert grow["ch"] == field_change(BLK_CAPACITY, 8, 0x800, 0x1000), grow
    assert shrink["ch"] == field_change(BLK_CAPACITY, 8, 0x1000, 0x800), shrink
    assert_notified(grow, True)


@pytest.mark.parametrize("transport", ["mmio-v2", "pci-modern"])
def test_balloon_num_pages_follows_the_target(events_run, transport):
    out, cells = events_run
    obs, _ = event_obs(out, cells[transport])
    inflate, deflate = only(obs, ("balloon", "inflate")), only(obs, ("balloon", "deflate"))
    assert inflate["ch"] == field_change(BALLOON_NUM_PAGES, 4, 0, 0x8000), inflate
    assert deflate["ch"] == field_change(BALLOON_NUM_PAGES, 4, 0x8000, 0), deflate
    assert_notified(inflate, True)


def test_input_event_fills_eventq_buffers_not_config(events_run):
    out, cells = events_run
    obs, _ = event_obs(out, cells["mmio-v2"])
    o = only(obs, ("keyboard", "input"))
    assert int(o["n"], 16) == 2, o      # EV_KEY, then EV_SYN
    assert o["isr"] & 1, o               # a used buffer interrupt
    assert not o["ch"], o                # config is not where input events go
    assert o["gen"][0] == o["gen"][1], o


def test_virtio_mem_requested_size_follows_qom_set(events_run):
    out, cells = events_run
    obs, _ = event_obs(out, cells["pci-modern"])
    req, rel = only(obs, ("mem", "request")), only(obs, ("mem", "release"))
    want = field_change(MEM_REQUESTED_SIZE, 8, 0, 64 << 20)
    assert {k: v for k, v in req["ch"].items() if k in want} == want, req
    want = field_change(MEM_REQUESTED_SIZE, 8, 64 << 20, 0)
    assert {k: v for k, v in rel["ch"].items() if k in want} == want, rel
    assert_notified(req, True)


def test_every_ask_is_answered_by_its_event_record(events_run):
    """Each ask is followed by the x=ev record of the same device and event."""
    out, cells = events_run
    for cell in cells.values():
        _, recs = event_obs(out, cell)
        asks = [(r["d"], r["ev"]) for k, r in recs if k == "ask"]
        evs = [(r["d"], r["ev"]) for k, r in recs if k == "sfx" and r.get("x") == "ev"]
        assert asks and asks == evs, (asks, evs)


def test_refused_event_is_a_cell_problem(run_vcheck, target_file, tmp_path):
    """A command QEMU refuses is reported, and the run still ends: the
    guest's watch is bounded and nothing changes."""
    with open(target_file) as f:
        text = f.read()
    bad = text.replace('"name":"net{n}","up":false', '"name":"nonesuch{n}","up":false')
    assert bad != text
    path = tmp_path / "bad-events.target"
    path.write_text(bad)
    out = tmp_path / "out"
    r = run_vcheck("run", "--sidefx", "-q", "--target", str(path), "--transport", "mmio-v2",
                   "--device", "net", out=out, timeout=60)
    assert r.results is not None, r.stderr
    cell = r.results["cells"][0]
    assert cell["outcome"] == "completed", cell["outcome_detail"]
    assert any("link-down" in p and "nonesuch0" in p for p in cell["problems"]), cell["problems"]
    assert cell["verdict"] != "PASS"
    obs, _ = event_obs(str(out), cell)
    assert not only(obs, ("net", "link-down"))["ch"]
    # the second event still went through
    assert only(obs, ("net", "link-up"))["ch"] == {}  # the link never went down
