"""The reference device's byte map (tests/backends/vu-ref: README.md's
table, device.h's VU_P_*), shared by the tests that run it behind QEMU's
vhost-user (test_qemu10.py) and behind Xen's ioreq (test_xen_ioreq.py).
The expectations come from the backend's own description, never from
vcheck's output."""

# offset -> the class vcheck must report there in planted mode
PLANTED = {
    2: "latch",            # size: a ghost latch until select/subsel is written
    3: "read-clears",      # a mailbox
    4: "read-mutates",     # counts config reads
    5: "volatile-silent",  # a clock, never announced
    6: "latch",
    7: "write-triggers",   # rings the doorbell at 120
    121: "selector",       # banks 122..125
    122: "banked", 123: "banked", 124: "banked", 125: "banked",
    126: "validated",      # takes 0x00..0x0f only
    127: "write-clears",   # write-1-to-clear
    128: "volatile-notified",  # counts up, each step announced
}
# Classes only a planted behaviour produces on this device.
PLANTED_ONLY = {"read-clears", "read-mutates", "volatile-silent", "volatile-notified",
                "write-clears", "validated"}
# The bytes that hide the side effects in planted mode and are plain in
# honest mode (reserved bytes, u's unreachable tail): they read 0 and drop
# writes there.
PLAIN_WHEN_HONEST = list(range(3, 8)) + list(range(120, 129))


def config_bytes(results, interface):
    """{offset: classes} of the width-1 config registers of the one device
    on `interface`."""
    devs = [d for c in results["cells"] for d in c["devices"] if d["interface"] == interface]
    assert len(devs) == 1, [d["interface"] for c in results["cells"] for d in c["devices"]]
    return {int(r["offset"], 16): r["classes"] for r in devs[0]["registers"]
            if r["space"] == "config" and r["width"] == 1}
