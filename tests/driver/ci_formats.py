"""What the driver tests check of the CI formats vcheck writes
(docs/reports.md): a junit.xml against tests/schemas/junit.xsd (xmllint),
with counts that add up and an element per verdict as results.json has
them, and a TAP file as prove reads it."""
import os
import re
import shutil
import subprocess
import xml.dom.minidom

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
XSD = os.path.join(REPO, "tests", "schemas", "junit.xsd")
COUNTS = (("failures", "failure"), ("errors", "error"), ("skipped", "skipped"))
ERRORS = {"ERROR", "WEDGED", "CRASH"}
FAILURES = {"XPASS", "FAIL", "FAULT"}


def need(tool, package):
    path = shutil.which(tool)
    assert path, "%s is not installed (Debian package %s; ci/deps.sh installs it)" % (tool, package)
    return path


def kids(e, tag):
    return [c for c in e.childNodes if c.nodeType == c.ELEMENT_NODE and c.tagName == tag]


def text(e):
    return "".join(n.data for n in e.childNodes if n.nodeType == n.TEXT_NODE)


def props(e):
    p = kids(e, "properties")
    return {x.getAttribute("name"): x.getAttribute("value") for x in kids(p[0], "property")} if p else {}


def validate_junit(path):
    """The schema accepts the file and every count is its testcases';
    returns the parsed document."""
    xmllint = need("xmllint", "libxml2-utils")
    p = subprocess.run([xmllint, "--noout", "--schema", XSD, str(path)], capture_output=True, text=True,
                       timeout=120)
    assert p.returncode == 0, p.stderr[-3000:]
    doc = xml.dom.minidom.parse(str(path))
    root = doc.documentElement
    total = dict(tests=0, failures=0, errors=0, skipped=0)
    for suite in kids(root, "testsuite"):
        cases = kids(suite, "testcase")
        n = dict(tests=len(cases))
        for key, tag in COUNTS:
            n[key] = sum(len(kids(c, tag)) for c in cases)
        for key, value in n.items():
            assert int(suite.getAttribute(key)) == value, (suite.getAttribute("name"), key)
            total[key] += value
    for key, value in total.items():
        assert int(root.getAttribute(key)) == value, key
    return doc


def printable(s):
    """A detail as junit.xml carries it: control characters as '?'."""
    return "".join(ch if ch >= " " or ch == "\t" else "?" for ch in s)


def expected_tag(verdict, warn_fails):
    if verdict == "SKIP":
        return "skipped"
    if verdict in ERRORS:
        return "error"
    if verdict in FAILURES or (verdict == "WARN" and warn_fails):
        return "failure"
    return None


def check_case(case, k, warn_fails):
    v = k["verdict"]
    tag = expected_tag(v, warn_fails)
    got = [e.tagName for e in kids(case, "failure") + kids(case, "error") + kids(case, "skipped")]
    assert got == ([tag] if tag else []), (k["id"], v, got)
    if v == "PASS":
        assert not case.childNodes, k["id"]
        return
    assert props(case)["vcheck.verdict"] == v, k["id"]
    assert props(case).get("vcheck.baseline") == k.get("baseline"), k["id"]
    why = printable(k.get("detail") or "")
    if tag in ("failure", "error"):
        e = kids(case, tag)[0]
        assert e.getAttribute("type") == v and text(e).startswith(why), (k["id"], text(e))
    if v in ("WARN", "XFAIL"):
        (out,) = kids(case, "system-out")
        assert text(out).startswith("%s: %s" % (v, why)), (k["id"], text(out))


def check_mapping(doc, results, warn_fails=False):
    """Each check result of results.json has its testcase, with the element
    its verdict calls for (docs/reports.md's table)."""
    cases = {}
    for suite in doc.getElementsByTagName("testsuite"):
        for c in kids(suite, "testcase"):
            cases[(suite.getAttribute("name"), c.getAttribute("classname"), c.getAttribute("name"))] = c
    seen = set()
    for cell in results["cells"]:
        for d in cell["devices"]:
            cls = "%s.%s.%s" % (cell["name"], d.get("model") or d["location"], d["interface"])
            for k in d["checks"]:
                check_case(cases[(cell["name"], cls, k["id"])], k, warn_fails)
                seen.add(k["verdict"])
    return seen


TEST_LINE = re.compile(r"^(not )?ok (\d+) - (.*?)(?: # (SKIP|TODO) (.*))?$")


def tap_lines(path):
    """(ok, number, description, directive) of every test line."""
    with open(str(path)) as f:
        lines = f.read().splitlines()
    assert lines[0] == "TAP version 13", lines[:2]
    assert re.match(r"^1\.\.\d+$", lines[1]), lines[1]
    tests = [TEST_LINE.match(l) for l in lines if re.match(r"^(not )?ok ", l)]
    assert all(tests), [l for l in lines if re.match(r"^(not )?ok ", l) and not TEST_LINE.match(l)][:3]
    assert [int(m.group(2)) for m in tests] == list(range(1, int(lines[1][3:]) + 1))
    return [(not m.group(1), int(m.group(2)), m.group(3), m.group(4)) for m in tests]


def prove(path):
    """prove's exit status (0: it passes the stream) and its output; a
    stream it cannot parse fails the test."""
    exe = need("prove", "perl")
    p = subprocess.run([exe, "--exec", "cat", str(path)], capture_output=True, text=True, timeout=120)
    assert "Parse errors" not in p.stdout, p.stdout[-3000:]
    return p.returncode, p.stdout + p.stderr


def check_tap_against_junit(path, doc):
    """TAP and JUnit list the same cases with the same outcomes: not ok
    (TODO aside) where JUnit has a failure or an error, SKIP where it skips."""
    lines = tap_lines(path)
    cases = doc.getElementsByTagName("testcase")
    assert len(lines) == len(cases)
    for (ok, n, desc, directive), case in zip(lines, cases):
        bad = bool(kids(case, "failure") or kids(case, "error"))
        assert (not ok and directive != "TODO") == bad, (n, desc)
        assert (directive == "SKIP") == bool(kids(case, "skipped")), (n, desc)
        assert (directive == "TODO") == (props(case).get("vcheck.verdict") == "XFAIL"), (n, desc)
        assert desc.endswith(case.getAttribute("name")) or (" " + case.getAttribute("name") + " ") in desc, desc
