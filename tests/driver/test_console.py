"""The channel the image's records leave by (the target's `console` key).

QEMU's TCG serves Arm semihosting, so the shipped target asks for it: one
trap per record instead of one per UART byte. The checks must not see any
difference, the image must fall back to the UART where semihosting is not
served (as under KVM), and side-effect cells stay on the UART because their
trace places records by its writes."""
import os
import re
import shlex
import subprocess
from vcheck_util import load_results


def verdicts(results):
    return sorted((c["name"], d["location"], k["id"], k["verdict"])
                  for c in results["cells"] for d in c["devices"] for k in d["checks"])


def cell_console(results):
    return [c["console"] for c in results["cells"]]


def uart_target(target_file, dest):
    text = open(target_file).read()
    assert re.search(r"^console = semihosting$", text, re.M), "the shipped target asks for semihosting"
    dest.write_text(re.sub(r"^console = semihosting$", "console = uart", text, flags=re.M))
    return str(dest)


# rng, net and console on pci-modern: no check there is judged by a silence
# window that a loaded host could turn, so both runs must agree exactly.
CELL = ("--transport", "pci-modern", "--device", "rng", "--device", "net", "--device", "console", "--no-baseline")


def test_semihosting_and_uart_give_the_same_verdicts(run_vcheck, target_file, tmp_path):
    semi = run_vcheck("run", "-q", *CELL, out=tmp_path / "semi")
    uart = run_vcheck("run", "-q", "--target", uart_target(target_file, tmp_path / "uart.target"), *CELL,
                      out=tmp_path / "uart")
    assert semi.rc == uart.rc, (semi.stderr, uart.stderr)
    assert cell_console(semi.results) == ["semihosting"]
    assert cell_console(uart.results) == ["uart"]
    assert len(verdicts(semi.results)) > 100
    assert verdicts(semi.results) == verdicts(uart.results)
    argv = shlex.split((tmp_path / "semi" / semi.results["cells"][0]["logs"] / "cmdline.txt").read_text())
    assert "vcheck.console=semihosting" in argv[argv.index("-append") + 1].split()
    argv = shlex.split((tmp_path / "uart" / uart.results["cells"][0]["logs"] / "cmdline.txt").read_text())
    assert "-semihosting-config" not in argv
    assert argv[argv.index("-serial") + 1] == "stdio"


def test_image_falls_back_to_the_uart_where_semihosting_is_not_served(run_vcheck, tmp_path):
    """QEMU with semihosting turned off behaves as KVM or a hypervisor does:
    the trap is an undefined instruction. The image catches it, says so, and
    every record still arrives."""
    on = run_vcheck("run", "-q", *CELL, out=tmp_path / "on")
    off = run_vcheck("run", "-q", *CELL, "--extra-args", "-semihosting-config enable=off", out=tmp_path / "off")
    assert on.rc == off.rc, off.stderr
    (cell,) = off.results["cells"]
    assert cell["outcome"] == "completed" and cell["problems"] == [] and cell["noise_lines"] == 0
    assert cell["console"] == "uart"
    log = (tmp_path / "off" / cell["logs"] / "console.txt").read_text()
    assert re.search(r"^@vc1 1 log msg=vcheck.console%3dsemihosting:%20not%20served%20here", log, re.M), log[:400]
    assert verdicts(on.results) == verdicts(off.results)


def test_unknown_console_is_a_crash_with_the_reason(run_vcheck, tmp_path):
    # QEMU keeps the last -append: the image is asked for a channel it lacks.
    r = run_vcheck("run", "-q", "--transport", "mmio-v2", "--device", "rng",
                   "--extra-args", "-append vcheck.console=carrier-pigeon", out=tmp_path)
    assert r.rc == 1
    (cell,) = r.results["cells"]
    assert cell["outcome"] == "crashed"
    assert cell["outcome_detail"].endswith(": panic: unknown vcheck.console"), cell["outcome_detail"]
    assert cell["console"] == "uart"  # the start record still came, on the UART


def test_side_effect_cells_mark_records_in_the_trace(run_vcheck, tmp_path):
    """Side-effect cells leave by semihosting too, each record's place on
    the device's timeline marked by one write of its sequence number to the
    PL011's IrDA counter; the classes must be what the UART's bytes gave."""
    r = run_vcheck("run", "-q", "--sidefx", "--transport", "mmio-v2", "--device", "rng", "--device", "balloon",
                   out=tmp_path / "marked")
    assert r.rc == 0, r.stderr
    assert cell_console(r.results) == ["semihosting"]
    argv = shlex.split((tmp_path / "marked" / r.results["cells"][0]["logs"] / "cmdline.txt").read_text())
    assert "-semihosting-config" in argv
    assert "vcheck.marker=1" in argv[argv.index("-append") + 1].split()
    # The same cell on the UART (semihosting off in QEMU: the image falls
    # back and never marks): the same registers, classes and evidence.
    u = run_vcheck("run", "-q", "--sidefx", "--transport", "mmio-v2", "--device", "rng", "--device", "balloon",
                   "--extra-args", "-semihosting-config enable=off", out=tmp_path / "uart")
    assert u.rc == 0, u.stderr
    assert cell_console(u.results) == ["uart"]

    def classes(res):
        return {(d["model"], g["space"], g["offset"], g["width"]): (tuple(g["classes"]), tuple(g["evidence"]))
                for d in res["cells"][0]["devices"] for g in d["registers"]}
    marked, uart = classes(r.results), classes(u.results)
    assert marked.keys() == uart.keys()
    diff = [k for k in marked if marked[k][0] != uart[k][0]]
    assert not diff, diff[:5]
    # steps carry device events: balloon's actual writes raise BALLOON_CHANGE
    assert any("write-triggers" in c for (m, sp, off, w), (c, e) in marked.items() if m == "balloon"), \
        [(k, v) for k, v in marked.items() if k[0] == "balloon" and v[0] != ("constant",)][:5]


def dtb_with_sbsa_uart(run_vcheck, target, tmp_path):
    """The cell's own device tree, with the UART described as an SBSA
    generic UART only (what Xen's vPL011 is): QEMU's PL011 serves that
    subset, so the image's SBSA path runs for real."""
    r = run_vcheck("run", "--dry-run", "--target", target, *CELL, out=tmp_path / "plan")
    assert r.rc == 0, r.stderr
    argv = shlex.split(r.stdout.splitlines()[1])
    for a in argv:  # a dry run makes nothing: the chardev's directory
        m = re.search(r"path=([^,]+)", a)
        if m:
            os.makedirs(os.path.dirname(m.group(1)), exist_ok=True)
    dtb = tmp_path / "sbsa.dtb"
    subprocess.run(argv + ["-machine", "dumpdtb=%s" % dtb], check=True, capture_output=True)
    blob = dtb.read_bytes()
    pl011 = b"arm,pl011\x00arm,primecell\x00"
    assert blob.count(pl011) == 1
    sbsa = b"arm,sbsa-uart\x00" + b"x" * (len(pl011) - 15) + b"\x00"  # same length: the blob's offsets hold
    dtb.write_bytes(blob.replace(pl011, sbsa))
    return dtb


def lcr_h_writes(stderr_text):
    """QEMU's pl011_write trace lines that write the line control register."""
    return [l for l in stderr_text.splitlines() if "pl011_write" in l and re.search(r"addr 0x0*2c\b", l)]


def test_an_sbsa_uart_is_driven_without_lcr_h(run_vcheck, target_file, tmp_path):
    """Xen 4.17 faults an access to LCR_H and never sets TXFE again: the image
    must drive an SBSA UART without the one and wait only on TXFF."""
    target = uart_target(target_file, tmp_path / "uart.target")
    ref = run_vcheck("run", "-q", "--target", target, *CELL, "--extra-args", "-trace pl011_write",
                     out=tmp_path / "pl011")
    dtb = dtb_with_sbsa_uart(run_vcheck, target, tmp_path)
    sbsa = run_vcheck("run", "-q", "--target", target, *CELL, "--extra-args",
                      "-dtb %s -trace pl011_write" % dtb, out=tmp_path / "sbsa")
    assert sbsa.rc == ref.rc, sbsa.stderr
    assert verdicts(sbsa.results) == verdicts(ref.results)
    ref_err = (tmp_path / "pl011" / ref.results["cells"][0]["logs"] / "qemu-stderr.txt").read_text()
    sbsa_err = (tmp_path / "sbsa" / sbsa.results["cells"][0]["logs"] / "qemu-stderr.txt").read_text()
    assert lcr_h_writes(ref_err), "the PL011 path turns the FIFO on through LCR_H"
    assert not lcr_h_writes(sbsa_err), lcr_h_writes(sbsa_err)[:3]
    # the records came over the UART: every console byte one data-register write
    console = (tmp_path / "sbsa" / sbsa.results["cells"][0]["logs"] / "console.txt").read_bytes()
    dr = [l for l in sbsa_err.splitlines() if "pl011_write" in l and re.search(r"addr 0x0*0 ", l)]
    assert len(dr) == len(console) > 0


def ring_target(target_file, dest):
    """The shipped target with its records in the RAM ring (what [accel kvm]
    uses) under TCG, where the ring can be compared with semihosting."""
    text = open(target_file).read()
    assert re.search(r"^ram = 256M@0x40000000$", text, re.M)
    dest.write_text(re.sub(r"^console = semihosting$", "console = ring", text, count=1, flags=re.M))
    return str(dest)


def test_the_record_ring_gives_the_same_verdicts(run_vcheck, target_file, tmp_path):
    semi = run_vcheck("run", "-q", *CELL, out=tmp_path / "semi")
    ring = run_vcheck("run", "-q", "--target", ring_target(target_file, tmp_path / "ring.target"), *CELL,
                      out=tmp_path / "ring")
    assert ring.rc == semi.rc, ring.stderr
    assert cell_console(ring.results) == ["ring"]
    assert verdicts(ring.results) == verdicts(semi.results)
    argv = shlex.split((tmp_path / "ring" / ring.results["cells"][0]["logs"] / "cmdline.txt").read_text())
    append = argv[argv.index("-append") + 1].split()
    ring_at = [w for w in append if w.startswith("vcheck.ring=")]
    assert "vcheck.console=ring" in append and ring_at
    # the last MiB of the 256M at 0x40000000, in decimal
    assert int(ring_at[0].split("=")[1]) == 0x40000000 + (256 << 20) - (1 << 20)
    backend = [a for a in argv if a.startswith("memory-backend-file,id=vcheck-ram,")]
    assert backend and "share=on" in backend[0]
    # the RAM file is gone with the cell
    path = re.search(r"mem-path=([^,]+)", backend[0]).group(1)
    assert not os.path.exists(path)
    # the cell's console log holds what the ring gave, from the start record on
    assert (tmp_path / "ring" / ring.results["cells"][0]["logs"] / "console.txt").read_bytes().startswith(b"@vc1 0 start")
