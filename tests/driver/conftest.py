"""Shared fixtures for the pytest driver of vcheck.

The product is the C binary; these tests only drive it against real QEMU.
The binary comes from $VCHECK_BIN (default: /work/main/build/bin/vcheck);
when it does not exist every test is skipped with that reason.
"""
import os
import signal
import subprocess

import pytest

from vcheck_util import qemu_children, run_vcheck_cmd

DEFAULT_BIN = "/work/main/build/bin/vcheck"
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGET_NAME = "qemu-aarch64-virt"


def vcheck_path():
    return os.environ.get("VCHECK_BIN") or DEFAULT_BIN


def _missing_reason():
    path = vcheck_path()
    if not os.path.isfile(path) or not os.access(path, os.X_OK):
        return ("vcheck binary %s does not exist (build it with `ninja -C build`, "
                "or point VCHECK_BIN at it)" % path)
    return None


def pytest_configure(config):
    config.addinivalue_line("markers", "nested: the nested-KVM lane (minutes; ci/test.sh runs it on its own)")
    config.addinivalue_line("markers", "xen_ioreq: the real Xen ioreq lane (about a minute; ci/test.sh runs it "
                                       "on its own)")


def pytest_collection_modifyitems(config, items):
    reason = _missing_reason()
    if reason:
        mark = pytest.mark.skip(reason=reason)
        for item in items:
            item.add_marker(mark)


@pytest.fixture(scope="session")
def vcheck():
    """Absolute path of the vcheck binary under test."""
    reason = _missing_reason()
    if reason:
        pytest.skip(reason)
    return os.path.abspath(vcheck_path())


@pytest.fixture(scope="session")
def target_file(vcheck):
    """The .target file the binary itself loads (<bin>/../share/vcheck/targets),
    falling back to the copy in the source tree."""
    installed = os.path.join(os.path.dirname(vcheck), "..", "share", "vcheck", "targets",
                             TARGET_NAME + ".target")
    if os.path.isfile(installed):
        return os.path.normpath(installed)
    return os.path.join(REPO, "harness", "targets", TARGET_NAME + ".target")


@pytest.fixture
def run_vcheck(vcheck):
    """Callable: run_vcheck(*args, out=None, timeout=60) -> Result."""
    def run(*args, out=None, timeout=60):
        return run_vcheck_cmd(vcheck, list(args), out=out, timeout=timeout)
    return run


@pytest.fixture(scope="module")
def run_vcheck_module(vcheck):
    """run_vcheck for module-scoped fixtures."""
    def run(*args, out=None, timeout=60):
        return run_vcheck_cmd(vcheck, list(args), out=out, timeout=timeout)
    return run


@pytest.fixture(scope="session")
def matrix(vcheck, tmp_path_factory):
    """The default matrix, run once per session: (exit code, results.json, out dir)."""
    out = tmp_path_factory.mktemp("matrix")
    r = run_vcheck_cmd(vcheck, ["run", "-q"], out=out, timeout=120)
    if r.results is None:
        pytest.fail("default matrix wrote no results.json (rc %d): %s" % (r.rc, r.stderr))
    return r.rc, r.results, str(out)


@pytest.fixture
def spawn_vcheck(vcheck):
    """Callable: spawn_vcheck(*args) -> Popen (stdout/stderr piped). Anything
    still running at teardown is killed (by its own pid), with its QEMUs."""
    procs = []

    def spawn(*args):
        p = subprocess.Popen([vcheck] + [str(a) for a in args], stdin=subprocess.DEVNULL,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        procs.append(p)
        return p

    yield spawn
    for p in procs:
        if p.poll() is None:
            kids = qemu_children(p.pid)
            p.kill()
            p.wait()
            for k in kids:
                try:
                    os.kill(k, signal.SIGKILL)
                except OSError:
                    pass


@pytest.fixture(scope="session")
def qemu10(vcheck):
    """QEMU 10.0, unpacked beside the system's by the configure step: its
    path, or a skip (a failure under CI=true, where it must be there)."""
    path = os.path.join(os.path.dirname(vcheck), "..", "share", "vcheck", "qemu10", "usr", "bin",
                        "qemu-system-aarch64")
    if not os.access(path, os.X_OK):
        msg = "QEMU 10 not unpacked at %s (configure with -DVC_QEMU10=ON, network needed)" % path
        if os.environ.get("CI") == "true":
            pytest.fail(msg)
        pytest.skip(msg)
    return path
