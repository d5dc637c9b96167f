#!/usr/bin/env bash
# Builds the L1 of the nested-KVM lane into DEST from Debian 12 arm64
# packages (downloaded and unpacked, never installed):
#   DEST/Image        the stock arm64 kernel (KVM built in)
#   DEST/initrd.cpio  busybox, an arm64 qemu-system-aarch64 with every library
#                     it loads and its virtio-gpu modules, the kernel modules
#                     for 9p over virtio, and ci/nested/init as /init
# Cached: DEST/.stamp holds a hash of this script, ci/lib/debs.sh (what it
# shares with ci/xen-dom0.sh), the init and the package versions; while it
# matches (and apt's lists are no newer) a run does no more than compare it.
# Downloads are kept in DEST/.stage/debs, so a change to the init alone
# rebuilds without the network.
set -Eeuo pipefail
dest=${1:?usage: nested-kvm.sh DEST}
self=$(realpath "${BASH_SOURCE[0]}")
# shellcheck source-path=SCRIPTDIR source=lib/debs.sh
. "$(dirname "$self")/lib/debs.sh"
debs_begin nested-kvm "$(dirname "$self")/nested/init" Image initrd.cpio

fetch_kernel
stage_done "kernel $kver, busybox" "qemu and its libraries"

# --- QEMU and its shared libraries (QEMU's own data packages hold none)
fetch strict qemu-system-arm qemu-system-common
skip_depends=('qemu-*')
qemu_bin=usr/bin/qemu-system-aarch64
[ -f "$x/qemu-system-arm/$qemu_bin" ] || die "qemu-system-arm has no $qemu_bin"
resolve "qemu-system-arm:$qemu_bin"
# virtio-gpu-device and -pci are modules in 7.2; the -gl ones would need
# Mesa and virglrenderer, which nothing here uses
moddir=usr/lib/aarch64-linux-gnu/qemu
qmods=()
for f in "$x/qemu-system-common/$moddir"/hw-display-virtio-gpu*.so; do
	case $f in *-gl.so) continue ;; esac
	qmods+=("qemu-system-common:$moddir/${f##*/}")
done
[ ${#qmods[@]} -gt 0 ] || die "no hw-display-virtio-gpu modules in qemu-system-common"
# with QEMU first, so that the modules' libraries (already there) do not
# send a round to qemu-system-common's Depends (spice, ALSA, ...)
resolve "qemu-system-arm:$qemu_bin" "${qmods[@]}"
program_interp qemu-system-arm "$qemu_bin"
stage_done "qemu: ${#lib[@]} libraries" "kernel modules"

# --- kernel modules for 9p over both transports: the lane may attach its
# shares as virtio-9p-pci (-virtfs on virt) or virtio-9p-device
kernel_modules virtio_mmio virtio_pci 9pnet_virtio 9p

# --- the initramfs tree
tree_begin etc/vcheck-nested
install -m 755 "$x/qemu-system-arm/$qemu_bin" "$root/$qemu_bin"
for item in "${qmods[@]}"; do
	install -D -m 644 "$x/${item%%:*}/${item#*:}" "$root/${item#*:}"
done
tree_libs etc/vcheck-nested/modules

debs_finish qemu-system-arm qemu-system-common
