"""What vcheck run and collect say on the console (issue 18): a summary of
every check that did not pass, worst first, and a counts line; -q's short
form; on a terminal a live status line and coloured verdicts, which a log
or a pipe never gets.

The expectations come from what is documented, never from the output under
test: under --plant reset-ignored a write of 0 to Status never reaches the
device (guests/lib/plant.c), so STATUS-RESET-001 (suites/status/reset.c,
the worked example of docs/writing-checks.md) FAILs reading the status the
driver left, ACKNOWLEDGE|DRIVER = 0x03; FEAT-SEL-002 on mmio-v2 is a known
failure of the target's baseline file; the counts are results.json's."""
import collections
import fcntl
import glob
import os
import pty
import re
import select
import shutil
import struct
import subprocess
import termios

import pytest

from vcheck_util import load_results

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGET_NAME = "qemu-aarch64-virt"

RED = ["FAIL", "FAULT", "WEDGED", "CRASH", "XPASS", "ERROR"]
COUNTED = RED + ["WARN", "SKIP", "XFAIL", "PASS"]
QUIET_MAX = 20
CELL = TARGET_NAME + ".mmio-v2.direct"
FAILING, BASELINED = "STATUS-RESET-001", "FEAT-SEL-002"
CHECKS = [FAILING, BASELINED, "FEAT-NEG-001", "FEAT-NEG-002", "VQ-EVTIDX-002"]
PLANTED = ["run", "--transport", "mmio-v2", "--device", "rng", "--only", ",".join(CHECKS),
           "--plant", "reset-ignored"]
CLEAN = ["run", "--transport", "mmio-v2", "--device", "rng", "--only", FAILING]
STATUS_LINE = re.compile(rb"\rvcheck: \d+/\d+ cells, ")
CELL_LINE_AFTER_CLEAR = re.compile(rb"\r +\rvcheck: " + re.escape(CELL.encode()) + rb" ")


def spec_of(check_id):
    """The spec section in the check's own descriptor (suites/)."""
    for path in glob.glob(os.path.join(REPO, "suites", "**", "*.c"), recursive=True):
        text = open(path).read()
        m = re.search(r'\.id = "%s",.*?\.spec = "([^"]+)"' % re.escape(check_id), text, re.S)
        if m:
            return m.group(1)
    raise AssertionError("no descriptor for " + check_id)


def baseline_reason(check_id, transport):
    path = os.path.join(REPO, "harness", "targets", TARGET_NAME + ".baseline")
    for line in open(path):
        words = line.split(None, 3)
        if len(words) == 4 and check_id in words[0].split(",") and \
                transport in words[1].split(".")[0].split(","):
            return words[3].strip()
    raise AssertionError("%s is not baselined on %s" % (check_id, transport))


def run_piped(vcheck, args, out, env=None):
    """(rc, raw stderr bytes, stderr text): bytes so that a \\r is seen as sent."""
    p = subprocess.run([vcheck] + args + ["--out", str(out)], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=180, env=env)
    return p.returncode, p.stderr, p.stderr.decode(errors="replace")


def run_on_tty(vcheck, args, out, env):
    """(rc, what the terminal got) with a pty as stderr, 132 columns wide."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 132, 0, 0))
    p = subprocess.Popen([vcheck] + args + ["--out", str(out)], stdin=subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=slave, env=env)
    os.close(slave)
    got = b""
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    data = os.read(master, 65536)
                except OSError:  # EIO: every writer has closed the pty
                    break
                if not data:
                    break
                got += data
            elif p.poll() is not None:
                break
        return p.wait(timeout=180), got
    finally:
        if p.poll() is None:
            p.kill()
        os.close(master)


def tty_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "COLUMNS")}
    env.update(TERM="xterm", **extra)
    return env


def all_checks(results):
    return [(c["name"], d, k) for c in results["cells"] for d in c["devices"] for k in d["checks"]]


def counts_line(results):
    """The counts line results.json calls for: every check verdict, red
    first, zeros left out (the cells here boot cleanly: no boot entries)."""
    n = collections.Counter(k["verdict"] for _, _, k in all_checks(results))
    return "vcheck: " + ", ".join("%d %s" % (n[v], v) for v in COUNTED if n[v])


def entries(text):
    """The summary's check lines: they start with a verdict word."""
    return [l for l in text.splitlines() if l.split() and l.split()[0] in COUNTED]


def not_passing(results, verdicts):
    return sorted((k["id"], k["verdict"]) for _, _, k in all_checks(results) if k["verdict"] in verdicts)


@pytest.fixture(scope="module")
def planted(vcheck, tmp_path_factory):
    out = tmp_path_factory.mktemp("planted")
    rc, raw, text = run_piped(vcheck, PLANTED, out)
    results = load_results(out)
    assert results, text
    return rc, raw, text, results, out


@pytest.fixture(scope="module")
def planted_quiet(vcheck, tmp_path_factory):
    out = tmp_path_factory.mktemp("planted-q")
    rc, raw, text = run_piped(vcheck, PLANTED + ["-q"], out)
    results = load_results(out)
    assert results, text
    return rc, text, results


def verdict_of(results, check_id):
    (v,) = [k["verdict"] for _, _, k in all_checks(results) if k["id"] == check_id]
    return v


# --- the summary ---------------------------------------------------------------------


def test_the_planted_failure_is_summarised(planted):
    rc, _, text, results, _ = planted
    assert rc == 1, text
    assert verdict_of(results, FAILING) == "FAIL", text
    (line,) = [l for l in entries(text) if l.split()[:2] == ["FAIL", FAILING]]
    assert (CELL + "::rng@mmio@") in line, line  # cell and device (model@location)
    assert "[%s]" % spec_of(FAILING) in line, line
    # the check's own words, with the status the ignored reset left
    assert line.endswith("status reads 0x03 after reset"), line


def test_every_non_passing_check_is_listed_once_red_first(planted):
    rc, _, text, results, _ = planted
    got = entries(text)
    assert sorted((l.split()[1], l.split()[0]) for l in got) == \
        not_passing(results, RED + ["WARN"]), text
    verdicts = [l.split()[0] for l in got]
    assert verdicts == sorted(verdicts, key=COUNTED.index), text  # FAIL ... ERROR, then WARN
    assert "WARN" in verdicts, "the run must show a WARN for the -q test to mean anything: %s" % text
    lines = text.splitlines()
    header = [i for i, l in enumerate(lines) if l.startswith("vcheck: not passing")]
    assert len(header) == 1 and header[0] < lines.index(got[0]), text
    assert lines[-1] == counts_line(results), text  # the counts end the output


def test_a_baselined_failure_is_counted_not_listed(planted):
    _, _, text, results, _ = planted
    assert verdict_of(results, BASELINED) == "XFAIL"
    assert BASELINED not in text
    assert baseline_reason(BASELINED, "mmio-v2") not in text  # the reports carry it
    assert "1 XFAIL" in text.splitlines()[-1]


def test_quiet_shows_only_the_red_lines_and_the_counts(planted_quiet):
    rc, text, results = planted_quiet
    assert rc == 1, text
    lines = text.splitlines()
    assert not [l for l in lines if l.startswith("vcheck: " + CELL)], "-q prints no cell line: " + text
    assert "not passing" not in text
    got = entries(text)
    assert sorted((l.split()[1], l.split()[0]) for l in got) == not_passing(results, RED), text
    assert not_passing(results, ["WARN"]), "the -q run must have a WARN to leave out"
    assert lines == got + [counts_line(results)], text


def test_a_clean_run_prints_only_the_counts(vcheck, tmp_path):
    rc, _, text = run_piped(vcheck, CLEAN, tmp_path)
    results = load_results(tmp_path)
    assert rc == 0 and verdict_of(results, FAILING) == "PASS", text
    assert entries(text) == [] and "not passing" not in text
    assert text.splitlines()[-1] == counts_line(results) == "vcheck: 1 PASS", text


def test_a_clean_quiet_run_prints_nothing(vcheck, tmp_path):
    rc, _, text = run_piped(vcheck, CLEAN + ["-q"], tmp_path)
    assert rc == 0 and text == "", text


def test_quiet_caps_the_red_lines_and_says_where_the_rest_are(planted, vcheck, tmp_path):
    """vcheck collect shares the summary: enough copies of the planted
    cell's console to pass the cap, as cells of their own."""
    _, _, _, results, out = planted
    red_per_console = len(not_passing(results, RED))
    assert red_per_console
    copies = QUIET_MAX // red_per_console + 1
    console = os.path.join(str(out), results["cells"][0]["logs"], "console.txt")
    names = []
    for i in range(copies):
        names.append(str(tmp_path / ("console%02d.txt" % i)))
        shutil.copy(console, names[-1])
    dest = tmp_path / "collected"
    rc, _, text = run_piped(vcheck, ["collect", "-q"] + names, dest)
    collected = load_results(dest)
    total = len(not_passing(collected, RED))
    assert rc == 1 and total == copies * red_per_console > QUIET_MAX, text
    got = entries(text)
    assert len(got) == QUIET_MAX and all(l.split()[0] in RED for l in got), text
    assert text.splitlines() == got + ["vcheck: %d more: see %s/report.md" % (total - QUIET_MAX, dest),
                                       counts_line(collected)], text


def test_collect_prints_the_summary_too(planted, vcheck, tmp_path):
    _, _, _, results, out = planted
    console = os.path.join(str(out), results["cells"][0]["logs"], "console.txt")
    rc, _, text = run_piped(vcheck, ["collect", console], tmp_path / "c")
    assert rc == 1, text
    assert sorted((l.split()[1], l.split()[0]) for l in entries(text)) == \
        not_passing(results, RED + ["WARN"]), text
    assert text.splitlines()[-1] == counts_line(results), text


# --- a terminal, and not ------------------------------------------------------------


def test_not_a_tty_gets_plain_text(planted):
    _, raw, _, _, _ = planted
    assert b"\r" not in raw and b"\x1b" not in raw, raw[-2000:]


def test_a_tty_gets_a_status_line_and_colour(vcheck, tmp_path):
    rc, got = run_on_tty(vcheck, PLANTED, tmp_path, tty_env())
    assert rc == 1, got[-3000:]
    assert STATUS_LINE.search(got), got[-3000:]
    # the status line is taken down before the cell's line is written
    assert CELL_LINE_AFTER_CLEAR.search(got), got[-3000:]
    red = re.search(rb"(\x1b\[[0-9;]*m)FAIL\x1b\[0m +" + re.escape(FAILING.encode()), got)
    assert red, got[-3000:]
    warn = re.search(rb"(\x1b\[[0-9;]*m)WARN\x1b\[0m", got)
    assert warn and warn.group(1) != red.group(1), got[-3000:]
    # the baselined failure, in the counts line, must not look red
    known = re.search(rb"1 (\x1b\[[0-9;]*m)XFAIL\x1b\[0m", got)
    assert known and known.group(1) != red.group(1), got[-3000:]


@pytest.mark.parametrize("env,args", [({"NO_COLOR": "1"}, []), ({}, ["--color=never"])])
def test_no_color_on_a_tty(vcheck, tmp_path, env, args):
    rc, got = run_on_tty(vcheck, PLANTED + args, tmp_path, tty_env(**env))
    assert rc == 1, got[-3000:]
    assert b"\x1b" not in got, got[-3000:]
    assert STATUS_LINE.search(got), "the status line needs no colour: %r" % got[-3000:]
    assert re.search(rb"\nFAIL +" + re.escape(FAILING.encode()), got), got[-3000:]


def test_color_always_colours_a_pipe(vcheck, tmp_path):
    env = dict(os.environ, NO_COLOR="1")  # the option wins over the variable
    rc, raw, text = run_piped(vcheck, PLANTED + ["--color", "always"], tmp_path, env=env)
    assert rc == 1, text
    assert re.search(rb"\x1b\[[0-9;]*mFAIL\x1b\[0m +" + re.escape(FAILING.encode()), raw), text
    assert b"\r" not in raw, "no status line where no one watches"


def test_a_bad_color_is_a_usage_error(vcheck, tmp_path):
    rc, _, text = run_piped(vcheck, CLEAN + ["--color", "sometimes"], tmp_path)
    assert rc == 2 and "--color wants auto, always or never" in text, text
