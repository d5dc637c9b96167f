"""`vcheck disk FILE SIZE` (issue 18, users' own backends): the block
pattern every block data check expects, for a backend that serves its own
file. The expected bytes come from the formula docs/backends.md states,
computed here, not from vcheck's output; the run uses a real vhost-user-blk
backend the user starts (qemu-storage-daemon), attached with --extra-args
as docs/backends.md says."""
import os
import shutil
import subprocess
import time

import pytest

from vcheck_util import run_vcheck_cmd


def pattern_byte(sector, offset):
    return ((sector * 131 + offset * 7 + (offset >> 8)) ^ 0x5A) & 0xFF


def test_disk_writes_the_documented_pattern(vcheck, tmp_path):
    path = tmp_path / "d.img"
    r = run_vcheck_cmd(vcheck, ["disk", path, "64K"])
    assert r.rc == 0, r.stderr
    data = path.read_bytes()
    assert len(data) == 64 * 1024
    for sector in (0, 1, 77, 127):
        want = bytes(pattern_byte(sector, i) for i in range(512))
        assert data[sector * 512:(sector + 1) * 512] == want, sector


@pytest.mark.parametrize("args", [["d.img"], ["d.img", "1000"], ["d.img", "0"], ["d.img", "-1M"], ["d.img", "2T"],
                                  ["d.img", "1Q"], ["--bogus", "d.img", "1M"]])
def test_bad_arguments_are_exit_2(vcheck, tmp_path, args):
    r = run_vcheck_cmd(vcheck, ["disk"] + [tmp_path / a if a == "d.img" else a for a in args])
    assert r.rc == 2, (r.stdout, r.stderr)
    assert not (tmp_path / "d.img").exists()


def test_an_existing_file_is_kept_unless_forced(vcheck, tmp_path):
    path = tmp_path / "mine.img"
    path.write_bytes(b"someone's disk")
    r = run_vcheck_cmd(vcheck, ["disk", path, "1K"])
    assert r.rc == 2 and "--force" in r.stderr
    assert path.read_bytes() == b"someone's disk"
    assert run_vcheck_cmd(vcheck, ["disk", "--force", path, "1K"]).rc == 0
    assert path.stat().st_size == 1024
    assert not [p for p in os.listdir(tmp_path) if ".tmp-" in p]  # written whole, then renamed


def own_backend_run(vcheck, tmp_path, disk):
    """VQ-BLK-001 on a vhost-user-blk device whose backend the user runs."""
    qsd = shutil.which("qemu-storage-daemon")
    if not qsd:
        pytest.skip("qemu-storage-daemon not installed (qemu-system-common)")
    sock = "/tmp/vc-own-%d.sock" % os.getpid()
    d = subprocess.Popen([qsd, "--blockdev", "driver=file,filename=%s,node-name=d0" % disk,
                          "--export", "type=vhost-user-blk,id=e0,node-name=d0,addr.type=unix,addr.path=%s,"
                          "writable=on" % sock], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            if os.path.exists(sock):
                break
            time.sleep(0.05)
        # over two lines, as docs/backends.md writes it: any white space
        # separates the words
        extra = ("-object memory-backend-memfd,id=mem,size=256M,share=on -machine memory-backend=mem\n     "
                 "-chardev socket,id=own,path=%s -device vhost-user-blk,bus=virtio-mmio-bus.30,chardev=own" % sock)
        r = run_vcheck_cmd(vcheck, ["run", "-q", "--transport", "mmio-v2", "--device", "rng", "--only", "VQ-BLK-001",
                                    "--extra-args", extra], out=tmp_path / "out", timeout=120)
    finally:
        d.terminate()
        d.wait(timeout=10)
        if os.path.exists(sock):
            os.unlink(sock)
    assert r.results is not None, r.stderr
    (cell,) = r.results["cells"]
    (blk,) = [dev for dev in cell["devices"] if dev["device_id"] == 2]
    assert blk["model"] is None  # the user's device, not one the target attached
    (check,) = [c for c in blk["checks"] if c["id"] == "VQ-BLK-001"]
    return check


def test_a_users_backend_on_a_vcheck_disk_passes(vcheck, tmp_path):
    disk = tmp_path / "own.img"
    assert run_vcheck_cmd(vcheck, ["disk", disk, "1M"]).rc == 0
    check = own_backend_run(vcheck, tmp_path, disk)
    assert check["verdict"] == "PASS", check


def test_a_users_backend_on_another_disk_says_so(vcheck, tmp_path):
    disk = tmp_path / "zeros.img"
    disk.write_bytes(bytes(1024 * 1024))
    check = own_backend_run(vcheck, tmp_path, disk)
    assert check["verdict"] == "FAIL", check
    # the reason names the byte, what it read and what vcheck's pattern holds
    assert "byte 0 reads 0x00" in check["detail"] and "0x%02x" % pattern_byte(0, 0) in check["detail"], check
    assert "vcheck disk" in check["detail"], check
