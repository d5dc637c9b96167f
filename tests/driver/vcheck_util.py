"""Helpers shared by the driver tests: running vcheck, reading its results,
and finding the QEMU processes it starts (through /proc)."""
import collections
import json
import os
import subprocess
import time

QEMU = "qemu-system-aarch64"


Result = collections.namedtuple("Result", "rc stdout stderr seconds out results")


def load_results(out):
    path = os.path.join(str(out), "results.json")
    if not os.path.exists(path):
        return None
    with open(path) as f:
        return json.load(f)


def run_vcheck_cmd(binary, args, out=None, timeout=60):
    """Runs `vcheck ARGS` (plus `--out OUT` when given); returns a Result with
    the exit code, captured output, wall time and parsed results.json (None
    when there is none)."""
    cmd = [binary] + [str(a) for a in args]
    if out is not None:
        cmd += ["--out", str(out)]
    start = time.monotonic()
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                       timeout=timeout)
    seconds = time.monotonic() - start
    results = load_results(out) if out is not None else None
    return Result(p.returncode, p.stdout, p.stderr + red_summary(results), seconds, out, results)


RED = {"FAIL", "FAULT", "WEDGED", "CRASH", "XPASS"}


def red_summary(results):
    """The checks that make a run exit 1, one per line, for assertion
    messages: a quiet run (-q) prints nothing of them itself."""
    if not results:
        return ""
    red = ["%s %s %s %s: %s" % (c["name"], d.get("model"), k["id"], k["verdict"], k.get("detail"))
           for c in results.get("cells", []) for d in c.get("devices", []) for k in d.get("checks", [])
           if k["verdict"] in RED]
    return "".join("\n[red] " + line for line in red)


# Process helpers for the tests that spawn vcheck and poke at its QEMUs.

def _proc_stat(pid):
    """(comm, state, ppid) of a process, or None if it is gone."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            data = f.read()
    except OSError:
        return None
    comm = data[data.index("(") + 1:data.rindex(")")]
    rest = data[data.rindex(")") + 2:].split()
    return comm, rest[0], int(rest[1])


def proc_cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            raw = f.read()
    except OSError:
        return None
    return [a.decode(errors="replace") for a in raw.split(b"\0")[:-1]]


def all_pids():
    return [int(n) for n in os.listdir("/proc") if n.isdigit()]


def qemu_children(parent_pid):
    """Live (non-zombie) QEMU processes forked by parent_pid."""
    found = []
    for pid in all_pids():
        st = _proc_stat(pid)
        if st and st[2] == parent_pid and st[1] != "Z":
            cmd = proc_cmdline(pid)
            if cmd and os.path.basename(cmd[0]) == QEMU:
                found.append(pid)
    return found


def qemus_mentioning(text):
    """Live QEMU processes (anyone's) whose command line contains text."""
    found = []
    for pid in all_pids():
        cmd = proc_cmdline(pid)
        st = _proc_stat(pid)
        if cmd and st and st[1] != "Z" and os.path.basename(cmd[0]) == QEMU \
                and any(text in a for a in cmd):
            found.append(pid)
    return found


def pid_alive(pid):
    st = _proc_stat(pid)
    return st is not None and st[1] != "Z"


def wait_until(predicate, timeout, step=0.02):
    """Polls predicate until it returns something truthy; returns that or None."""
    deadline = time.monotonic() + timeout
    while True:
        v = predicate()
        if v:
            return v
        if time.monotonic() >= deadline:
            return None
        time.sleep(step)


# ---- side-effect registers ----------------------------------------------------


def field_of(r):
    """The layout field a register lies in (its bytes are named field+0xN)."""
    return r["name"].split("+")[0] if r["name"] else None


def straddles(r):
    """A wide access that runs past its field into the next one holds both
    fields' behaviour."""
    f = r["field"]
    return int(r["offset"], 16) + r["width"] > f["offset"] + f["size"]


def reg(dev, name, space=None):
    """The register `name`; config is examined at every width, and the one
    at the field's start and natural width (at most 4, the widest access a
    transport allows here) stands for the field."""
    hits = [r for r in dev["registers"] if r["name"] == name and (space is None or r["space"] == space)]
    assert hits, "%s %s has no register %s" % (dev["model"], dev["interface"], name)
    natural = [r for r in hits if "field" in r and r["width"] == min(r["field"]["width"], 4)]
    return natural[0] if natural else hits[0]


def fnv1a(data):
    h = 2166136261
    for b in data:
        h = ((h ^ b) * 16777619) & 0xffffffff
    return h


def sealed(body):
    """A record line sealed as records.h has it."""
    return body + b" #%08x\n" % fnv1a(body)
