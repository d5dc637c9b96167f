"""The image on a real Xen (issue 17): Xen 4.17 from Debian 12, unpacked
by ci/xen-arm64.sh, booted by QEMU TCG with virtualization=on, and the
image as a dom0less domU. Its records come out on Xen's own console
("(XEN) DOM1: " before each line, long lines split at 126 characters),
and Xen runs on after the domU powers off, so QEMU is stopped at the end
record. A missing Xen skips (configure with -DVC_XEN=ON), unless
VCHECK_REQUIRE_XEN=1 makes that a failure."""
import os
import re
import urllib.parse

import pytest

TARGET = "xen-arm64-dom0less"


@pytest.fixture(scope="module")
def xen(vcheck):
    path = os.path.join(os.path.dirname(vcheck), "..", "share", "vcheck", "xen", "xen")
    if not os.path.exists(path):
        why = "no Xen at %s: configure with -DVC_XEN=ON (ci/xen-arm64.sh)" % path
        if os.environ.get("VCHECK_REQUIRE_XEN") == "1":
            pytest.fail(why)
        pytest.skip(why)
    return path


def log_records(console):
    """The image's log records, joined as vcheck joins them: each piece of a
    split line follows "(XEN) DOM1: "."""
    text, pieces = "", []
    for line in console.splitlines():
        m = re.match(r"\(XEN\) DOM1: (.*)$", line)
        if not m:
            continue
        body = m.group(1)
        if body.startswith("@vc1 ") and pieces:
            text += "".join(pieces) + "\n"
            pieces = []
        pieces.append(body)
    text += "".join(pieces) + "\n"
    return [urllib.parse.unquote(re.search(r"msg=(\S+)", l).group(1))
            for l in text.splitlines() if re.match(r"@vc1 \d+ log ", l)]


def test_the_image_as_a_dom0less_domu(xen, run_vcheck, tmp_path):
    r = run_vcheck("run", "-q", "--target", TARGET, out=tmp_path, timeout=120)
    assert r.rc == 0, r.stderr
    (cell,) = r.results["cells"]
    assert cell["outcome"] == "completed" and cell["problems"] == [], cell
    assert cell["console"] == "uart"  # Xen's vPL011, an SBSA UART
    assert cell["records"] >= 4
    console = (tmp_path / cell["logs"] / "console.txt").read_text(errors="replace")
    assert "(XEN) Xen version 4.17" in console
    logs = log_records(console)
    # Xen found: its console, and the grant table mapped
    assert any(l.startswith("xen 4.17: console uart; grant table v1, 10 frames at 0x") for l in logs), logs
    assert any("0 grants still mapped by a backend at the end" in l for l in logs), logs
    # found behind Xen's prefix, and the long ones joined from Xen's splits
    long_lines = sum(1 for l in console.splitlines() if l.startswith("(XEN) DOM1: ") and len(l) >= 126 + 12)
    assert long_lines > 0
    assert "records found behind a line prefix, %d joined from split lines" % long_lines in cell["outcome_detail"]
    # Xen never powers the machine off: "completed" (not WEDGED after the
    # timeout) is vcheck having stopped it at the end record


def test_collect_reads_a_real_xen_console(xen, run_vcheck, tmp_path):
    ran = run_vcheck("run", "-q", "--target", TARGET, out=tmp_path / "run", timeout=120)
    (cell,) = ran.results["cells"]
    r = run_vcheck("collect", "-q", "--target", TARGET, tmp_path / "run" / cell["logs"] / "console.txt",
                   out=tmp_path / "c")
    assert r.rc == 0, r.stderr
    (got,) = r.results["cells"]
    assert got["records"] == cell["records"] and got["problems"] == [] and got["outcome"] == "completed"
