"""The side-effect heatmap of report.html and the split Markdown report
(issue 18), on real side-effect runs.

The heatmap's layout is recomputed here from results.json, independently of
the C code (reports/report_heatmap*.c): per target and interface the
transport registers, shown once in a shared row with the behaviour most
devices share, a device's own cell only where it differs; config cut by
layout field, each cell the worst verdict of its registers. The page is
read back from headless Chromium's DOM, then each model's tables are
screenshot alone (report.html#hm-MODEL) and the PNG's pixels counted: every
verdict the model gives shows in its colour, no other verdict colour does.
"""
import json
import os
import re
import struct
import subprocess
import zlib
from html.parser import HTMLParser

import pytest

from test_report import CHROMIUM, dump_dom, read

MODELS = ("kvm", "xen", "gunyah", "page")
RANK = {"emulable": 2, "special-case": 3, "sync-backend": 4, "cannot-work": 5, "n/a": 1}
CSS_CLASS = {"n/a": "na"}
SPACE_ORDER = {"transport": 0, "isr": 1, "notify": 2}
DEVICES = ("blk", "keyboard", "rng")
needs_chromium = pytest.mark.skipif(
    not os.access(CHROMIUM, os.X_OK),
    reason="%s is not installed (Debian package chromium; ci/deps.sh installs it)" % CHROMIUM)


# ---- the layout, from results.json ------------------------------------------

def behaviour(reg):
    return (tuple(reg["classes"]),
            tuple((m, reg["models"][m]["verdict"], reg["models"][m].get("reason")) for m in MODELS))


def place(reg):
    return (reg["space"], int(reg["offset"], 16), reg["width"])


def worst(regs, m):
    return max((r["models"][m]["verdict"] for r in regs), key=lambda v: RANK.get(v, 0))


def config_cells(dev):
    """[(label, [registers])] by byte offset: a field, a named byte, a run of unnamed bytes."""
    cells = []   # [key, label, lo, hi, regs]
    for r in dev["registers"]:
        if r["space"] != "config":
            continue
        off, end = int(r["offset"], 16), int(r["offset"], 16) + r["width"] - 1
        name = r.get("name")
        if "field" in r:
            key = ("field", r["field"]["offset"])
        elif name:
            key = ("name", re.sub(r"\+0x[0-9a-f]+$", "", name))
        else:
            key = None
        hit = None
        for c in cells:
            if key is not None and c[0] == key:
                hit = c
            elif key is None and c[0] is None and c[2] <= off <= c[3] + 1:
                hit = c
        if hit is None:
            label = re.sub(r"\+0x[0-9a-f]+$", "", name) if name else None
            hit = [key, label, off, end, []]
            cells.append(hit)
        hit[2], hit[3] = min(hit[2], off), max(hit[3], end)
        hit[4].append(r)
    out = []
    for key, label, lo, hi, regs in sorted(cells, key=lambda c: c[2]):
        if label is None:
            label = "0x%x" % lo if lo == hi else "0x%x-0x%x" % (lo, hi)
        out.append((label, regs))
    return out


def expected_layout(results):
    """{(target, interface): {"shared": [(register, behaviour reg, deviating)],
    "rows": {(cell, device): {"own": {register: reg}, "absent": {register}, "config": [...]}}}}"""
    groups = {}
    for cell in results["cells"]:
        for dev in cell["devices"]:
            if "registers" in dev:
                groups.setdefault((cell["target"], dev["interface"]), []).append((cell, dev))
    layout = {}
    for key, rows in groups.items():
        cols = sorted({place(r) for _, d in rows for r in d["registers"] if r["space"] != "config"},
                      key=lambda p: (SPACE_ORDER.get(p[0], 3), p[1], p[2]))
        shared, own = [], {(c["name"], d["model"]): ({}, set()) for c, d in rows}
        for p in cols:
            regs = [next((r for r in d["registers"] if place(r) == p), None) for _, d in rows]
            counts = [sum(1 for o in regs if r and o and behaviour(o) == behaviour(r)) if r else 0
                      for r in regs]
            common = regs[counts.index(max(counts))]
            name = common.get("name") or common["space"]
            lone = len(rows) == 1
            if not lone:
                shared.append((name, common, len(rows) - max(counts)))
            for (c, d), r in zip(rows, regs):
                if r is None:
                    own[(c["name"], d["model"])][1].add(name)
                elif lone or behaviour(r) != behaviour(common):
                    own[(c["name"], d["model"])][0][name] = r
        layout[key] = {"shared": shared, "rows": {
            (c["name"], d["model"]): {"own": own[(c["name"], d["model"])][0],
                                      "absent": own[(c["name"], d["model"])][1],
                                      "config": config_cells(d)} for c, d in rows}}
    return layout


# ---- the page, from Chromium's DOM ----------------------------------------------

class Heatmap(HTMLParser):
    """tables: [{model, target, interface, shared: [(register, verdict, deviating, title, note)],
    rows: {(cell, device): {own: {register: (verdict, title, note)}, same, absent,
    config: [(field, verdict, title, note)]}}}]; reasons: {model: {number: (verdict, text)}}."""

    def __init__(self):
        super().__init__()
        self.tables, self.reasons = [], {}
        self.model = None
        self.row = None
        self.cell = None      # [kind, attrs, text]
        self.li = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "section" and "hm-model" in cls:
            self.model = a["data-model"]
            self.reasons[self.model] = {}
        elif tag == "table" and "heatmap" in cls:
            self.tables.append({"model": a["data-model"], "target": a["data-target"],
                                "interface": a["data-interface"], "shared": [], "rows": {}})
        elif tag == "tr" and self.tables and "hm-shared" in cls:
            self.row = "shared"
        elif tag == "tr" and self.tables and "data-device" in a:
            self.row = {"own": {}, "same": 0, "absent": set(), "config": []}
            self.tables[-1]["rows"][(a["data-cell"], a["data-device"])] = self.row
        elif tag == "td" and self.row is not None and "hm-same" in cls:
            self.row["same"] += 1
        elif tag == "td" and self.row is not None and "hm-absent" in cls:
            self.row["absent"].add(len(self.row["own"]) + self.row["same"] + len(self.row["absent"]))
        elif tag in ("td", "span") and self.row is not None and "hm" in cls:
            self.cell = [tag, a, ""]
        elif tag == "li" and self.model and "data-verdict" in a and "value" in a:
            self.li = [int(a["value"]), a["data-verdict"], ""]

    def handle_endtag(self, tag):
        if tag == "tr":
            self.row = None
        elif tag == "section":
            self.model = None
        elif tag == "li" and self.li:
            self.reasons[self.model][self.li[0]] = (self.li[1], self.li[2].strip())
            self.li = None
        elif self.cell and tag == self.cell[0]:
            kind, a, text = self.cell
            note = int(re.search(r"(\d+)", text).group(1))
            if kind == "span":
                self.row["config"].append((a["data-field"], a["data-verdict"], a["title"], note))
            elif self.row == "shared":
                self.tables[-1]["shared"].append((a["data-register"], a["data-verdict"],
                                                  int(a.get("data-deviating", 0)), a["title"], note))
            else:
                self.row["own"][a["data-register"]] = (a["data-verdict"], a["title"], note)
            self.cell = None

    def handle_data(self, data):
        if self.cell:
            self.cell[2] += data
        if self.li:
            self.li[2] += data


def parse(html):
    p = Heatmap()
    p.feed(html)
    p.close()
    return p


# ---- fixtures ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def small(run_vcheck_module, tmp_path_factory):
    """mmio-v2 and pci-modern, three devices: every verdict, tables that fit a screenshot."""
    out = tmp_path_factory.mktemp("heatmap")
    args = ["run", "-q", "--sidefx", "--transport", "mmio-v2", "--transport", "pci-modern"]
    for d in DEVICES:
        args += ["--device", d]
    r = run_vcheck_module(*args, out=out, timeout=120)
    assert r.results is not None, r.stderr
    rep = run_vcheck_module("report", out)
    assert rep.rc == 0, rep.stderr
    return out, r.results


@pytest.fixture(scope="module")
def full(run_vcheck_module, tmp_path_factory):
    """The default side-effect matrix, as ci/main.sh runs it."""
    out = tmp_path_factory.mktemp("heatmap-full")
    r = run_vcheck_module("run", "-q", "--sidefx", out=out, timeout=180)
    assert r.results is not None, r.stderr
    rep = run_vcheck_module("report", out)
    assert rep.rc == 0, rep.stderr
    return out, r.results


# ---- the layout -------------------------------------------------------------------

def check_layout(page, results):
    want = expected_layout(results)
    for m in MODELS:
        tables = {(t["target"], t["interface"]): t for t in page.tables if t["model"] == m}
        assert set(tables) == set(want), m
        for key, w in want.items():
            t = tables[key]
            assert [(n, v, dev) for n, v, dev, _, _ in t["shared"]] == \
                [(n, r["models"][m]["verdict"], dev) for n, r, dev in w["shared"]], (m, key)
            assert set(t["rows"]) == set(w["rows"]), (m, key)
            for rk, wr in w["rows"].items():
                got = t["rows"][rk]
                assert {n: c[0] for n, c in got["own"].items()} == \
                    {n: r["models"][m]["verdict"] for n, r in wr["own"].items()}, (m, rk)
                assert len(got["absent"]) == len(wr["absent"]), (m, rk)
                assert [(f, v) for f, v, _, _ in got["config"]] == \
                    [(label, worst(regs, m)) for label, regs in wr["config"]], (m, rk)
    return want


def all_cells(page, model):
    for t in page.tables:
        if t["model"] != model:
            continue
        for name, verdict, _, title, note in t["shared"]:
            yield verdict, title, note
        for row in t["rows"].values():
            for verdict, title, note in row["own"].values():
                yield verdict, title, note
            for _, verdict, title, note in row["config"]:
                yield verdict, title, note


@needs_chromium
def test_heatmap_layout_in_chromium(small, tmp_path):
    out, results = small
    page = parse(dump_dom(out / "report.html", tmp_path / "chromium-profile"))
    want = check_layout(page, results)
    # the groups this run has, and the sharing it shows
    assert set(want) == {("qemu-aarch64-virt", "mmio-v2"), ("qemu-aarch64-virt", "pci-modern")}
    # between them the models use every verdict, so the screenshots see every colour
    assert {v for m in MODELS for v, _, _ in all_cells(page, m)} == set(RANK)
    mmio = [t for t in page.tables if t["model"] == "gunyah" and t["interface"] == "mmio-v2"][0]
    assert len(mmio["shared"]) >= 20            # every mmio transport register, once
    for rk, row in mmio["rows"].items():
        assert row["same"] > len(row["own"]), rk  # most of a device's transport is the shared row's
    # every cell's reason: on hover, and in the list under the model's tables
    for m in MODELS:
        for verdict, title, note in all_cells(page, m):
            assert note in page.reasons[m], (m, title)
            lv, text = page.reasons[m][note]
            assert lv == verdict
            assert title.endswith(": %s: %s" % (verdict, text.split(": ", 1)[1])), (title, text)
            assert "reference section" not in title


@needs_chromium
def test_heatmap_layout_full_matrix(full, tmp_path):
    out, results = full
    page = parse(read(out / "report.html"))
    check_layout(page, results)
    html = read(out / "report.html")
    assert "reference section" not in html


# ---- the screenshot -----------------------------------------------------------------

def png_pixels(path):
    """(width, height, rows of RGB(A) bytes) of an 8-bit RGB or RGBA PNG."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, hdr = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = hdr
    assert depth == 8 and ctype in (2, 6) and interlace == 0, hdr
    bpp = 3 if ctype == 2 else 4
    raw, stride, rows, prev = zlib.decompress(idat), w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xff
        elif f == 2:
            line = bytearray((a + b) & 0xff for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xff
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xff
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def colour_counts(rows, bpp, colours):
    """{verdict: pixels of exactly its colour}, counting only runs of at least
    4 in a row: a cell's fill, not the grey of anti-aliased text."""
    want = {bytes(rgb): v for v, rgb in colours.items()}
    counts = dict.fromkeys(colours, 0)
    for line in rows:
        px = [bytes(line[i:i + 3]) for i in range(0, len(line), bpp)]
        start = 0
        for i in range(1, len(px) + 1):
            if i == len(px) or px[i] != px[start]:
                v = want.get(px[start])
                if v and i - start >= 4:
                    counts[v] += i - start
                start = i
    return counts


def palette(html):
    """{verdict: (r, g, b)} from the page's own CSS."""
    out = {}
    for v in RANK:
        m = re.search(r"\.hv-%s(?:,[^{]*)?\{background:#([0-9a-f]{6})" % re.escape(CSS_CLASS.get(v, v)), html)
        assert m, v
        out[v] = tuple(bytes.fromhex(m.group(1)))
    assert len(set(out.values())) == len(out), out   # one colour per verdict
    return out


def screenshot(html_path, fragment, png, profile, size=(1280, 2000)):
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           "--hide-scrollbars", "--force-device-scale-factor=1", "--user-data-dir=%s" % profile,
           "--window-size=%d,%d" % size, "--screenshot=%s" % png,
           "file://%s#%s" % (os.path.abspath(html_path), fragment)]
    p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0 and os.path.exists(png), p.stderr[-2000:]


@needs_chromium
@pytest.mark.parametrize("model", MODELS)
def test_heatmap_screenshot(small, tmp_path, model):
    out, results = small
    html = read(out / "report.html")
    colours = palette(html)
    page = parse(html)
    want = expected_layout(results)
    # the verdicts this model's cells show, from results.json alone
    verdicts = set()
    for g in want.values():
        verdicts |= {r["models"][model]["verdict"] for _, r, _ in g["shared"]}
        for row in g["rows"].values():
            verdicts |= {r["models"][model]["verdict"] for r in row["own"].values()}
            verdicts |= {worst(regs, model) for _, regs in row["config"]}
    cells = {}
    for v, _, _ in all_cells(page, model):
        cells[v] = cells.get(v, 0) + 1
    assert set(cells) == verdicts

    png = tmp_path / ("%s.png" % model)
    screenshot(out / "report.html", "hm-" + model, png, tmp_path / "chromium-profile")
    w, h, bpp, rows = png_pixels(png)
    # the model's section alone, and all of it: the page ends above the bottom edge
    assert all(b == 0xff for line in rows[-8:] for i, b in enumerate(line) if i % bpp < 3), \
        "the %s heatmap does not fit %dx%d: enlarge the window" % (model, w, h)
    counts = colour_counts(rows, bpp, colours)
    for v in RANK:
        if v in verdicts:
            # a cell is at least 1.4em wide and a line high, its symbol aside
            assert counts[v] >= 60 * cells[v], (model, v, counts, cells)
        else:
            assert counts[v] == 0, (model, v, counts)


# ---- the Markdown split ------------------------------------------------------------

def links(md):
    return set(re.findall(r"\]\(([^)#]+)\)", md))


def test_markdown_split(full):
    out, results = full
    md = read(out / "report.md")
    assert len(md.encode()) < 64 * 1024, len(md.encode())
    assert {"report-checks.md", "report-registers.md", "report.html"} <= links(md)
    for name in links(md):
        assert os.path.isfile(out / name), name
    for name in ("report-checks.md", "report-registers.md"):
        assert "[report.md](report.md)" in read(out / name)
    # the summary: the matrix row and the cannot-serve line of every device
    devs = [(c["name"], d) for c in results["cells"] for d in c["devices"] if "registers" in d]
    for cell, d in devs:
        assert ("| %s | %s | %s | %d |" % (cell, d["model"], d["interface"], len(d["registers"]))) in md
        assert ("- **%s** on %s (%s):" % (d["model"], d["interface"], cell)) in md
    # the full tables: one row per register, none of them in the summary
    regs = read(out / "report-registers.md")
    rows = [ln for ln in regs.splitlines() if re.match(r"\| (transport|isr|notify|config) \| 0x", ln)]
    assert len(rows) == sum(len(d["registers"]) for _, d in devs)
    assert not re.search(r"^\| (transport|config) \| 0x", md, re.M)
