#!/usr/bin/env bash
# Builds a Xen dom0 for arm64 into DEST from Debian 12 arm64 packages
# (downloaded and unpacked, never installed), for lanes that boot Xen
# (ci/xen-arm64.sh) with this dom0 and let it make the probe image a domU:
#   DEST/dom0-Image        the stock arm64 kernel (CONFIG_XEN, CONFIG_XEN_DOM0
#                          built in), the package ci/nested-kvm.sh picks
#   DEST/dom0-initrd.cpio  busybox, Xen 4.17's tools (xl, xenstored (the C
#                          one), xenconsoled, xenconsole, xen-init-dom0,
#                          xenstore-*) with every library they load, the
#                          kernel modules for the tools (xenfs, xen-evtchn,
#                          xen-gntdev, xen-gntalloc, xen-privcmd) and for 9p
#                          over virtio, and ci/xen/dom0-init as /init
# harness/targets/xen-arm64-ioreq.sh boots Xen with them under QEMU (the
# xen-arm64-ioreq target; -DVC_XEN_IOREQ=ON builds this at configure time).
# Built and cached by ci/lib/debs.sh as ci/nested-kvm.sh is: DEST/.stamp
# holds a hash of this script, ci/lib/debs.sh, the init and the package
# versions; while it matches (and apt's lists are no newer) a run does no
# more than compare it. Downloads stay in DEST/.stage/debs, so a change to
# the init alone rebuilds offline.
set -Eeuo pipefail
dest=${1:?usage: xen-dom0.sh DEST}
self=$(realpath "${BASH_SOURCE[0]}")
# shellcheck source-path=SCRIPTDIR source=lib/debs.sh
. "$(dirname "$self")/lib/debs.sh"

# Xen's tools: the version goes with ci/xen-arm64.sh's hypervisor
xenver=4.17
xenbin=usr/lib/xen-$xenver/bin
# what dom0 runs from xen-utils-$xenver (libexec: xl finds xenconsole and
# libxl-save-helper there)
xentools=(xl xenstored xenconsoled xenconsole xen-init-dom0 init-dom0less
	libxl-save-helper xenstore-control)
# the Xen device modules the tools open (/dev/xen/*, /proc/xen), and 9p
# over both virtio transports for the shares (ci/xen/dom0-init)
kmodules=(xenfs xen-evtchn xen-gntdev xen-gntalloc xen-privcmd
	virtio_mmio virtio_pci 9pnet_virtio 9p)
# Depends with no library in them (Python, the init scripts' needs)
skip_depends=('python3*' udev ucf sysvinit-utils lsb-base 'xen-utils-*')

debs_begin xen-dom0 "$(dirname "$self")/xen/dom0-init" dom0-Image dom0-initrd.cpio

fetch_kernel
cfg=$x/$kernel/boot/config-$kver
for c in CONFIG_XEN CONFIG_XEN_DOM0 CONFIG_HVC_XEN; do
	grep -qx "$c=y" "$cfg" || die "$kernel: $c is not built in"
done
stage_done "kernel $kver, busybox" "xen tools and their libraries"

# --- the Xen tools and their shared libraries.
# libgcc_s is no NEEDED of anything here but glibc loads it for
# pthread_cancel, which libxl calls (xl create aborts without it)
fetch strict "xen-utils-$xenver" xen-utils-common xenstore-utils libgcc-s1
items=()
for t in "${xentools[@]}"; do
	[ -f "$x/xen-utils-$xenver/$xenbin/$t" ] || die "xen-utils-$xenver has no $xenbin/$t"
	items+=("xen-utils-$xenver:$xenbin/$t")
done
[ -f "$x/xenstore-utils/usr/bin/xenstore" ] || die "xenstore-utils has no usr/bin/xenstore"
items+=("xenstore-utils:usr/bin/xenstore")
resolve "${items[@]}"
p=$(real "$x/libgcc-s1" lib/aarch64-linux-gnu/libgcc_s.so.1) || die "libgcc-s1 has no libgcc_s.so.1"
[ -n "${lib[libgcc_s.so.1]+x}" ] || lib[libgcc_s.so.1]=libgcc-s1:$p owner[libgcc-s1]=1
program_interp "xen-utils-$xenver" "$xenbin/xl"
[ -n "${version[libc6]+x}" ] || die "libc6 was not fetched"
stage_done "xen tools: ${#lib[@]} libraries" "kernel modules"

kernel_modules "${kmodules[@]}"

# --- the initramfs tree. /var/run is /run (libxl's paths say /var/run,
# xenstored's socket is in /var/run/xenstored); /var/lock is xl's lock dir.
tree_begin var/lib/xen var/log/xen etc/vcheck-dom0
ln -s ../run "$root/var/run"
ln -s ../run/lock "$root/var/lock"
for t in "${xentools[@]}"; do
	install -D -m 755 "$x/xen-utils-$xenver/$xenbin/$t" "$root/$xenbin/$t"
done
# on PATH under Debian's names (Debian points them at a wrapper script that
# picks the running Xen's version; there is one version here)
for t in xl xenstored xenconsoled; do ln -s "/$xenbin/$t" "$root/usr/sbin/$t"; done
ln -s "/$xenbin/xenstore-control" "$root/usr/bin/xenstore-control"
install -m 755 "$x/xenstore-utils/usr/bin/xenstore" "$root/usr/bin/xenstore"
for t in read write exists list ls rm chmod watch; do ln -s xenstore "$root/usr/bin/xenstore-$t"; done
# xl.conf and the (bash) hotplug scripts, for a later lane's devices
cp -a "$x/xen-utils-common/etc/xen" "$root/etc/xen"
tree_libs etc/vcheck-dom0/modules
echo "$xenver" >"$root/etc/vcheck-dom0/xen-version"

debs_finish "xen-utils-$xenver" xen-utils-common xenstore-utils libgcc-s1
