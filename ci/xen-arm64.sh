#!/usr/bin/env bash
# Unpacks Debian 12's Xen hypervisor for arm64 (xen-hypervisor-4.17-arm64)
# into DEST/xen for the xen-arm64-dom0less target: downloaded, never
# installed (needs the arm64 architecture in dpkg, as ci/libfdt-arm64.sh
# adds it). Cached: nothing happens while DEST/xen and its version stamp
# are there.
set -euo pipefail
dest=${1:?usage: xen-arm64.sh DEST}
pkg=xen-hypervisor-4.17-arm64
[ -f "$dest/xen" ] && [ -f "$dest/.version" ] && exit 0
. "$(dirname "$0")/lib/arm64-deb.sh"
arm64_unpack "$pkg"
mkdir -p "$dest"
cp "$root/boot/xen-4.17-arm64" "$dest/xen.new"
mv "$dest/xen.new" "$dest/xen"
dpkg-deb -f "$deb" Version >"$dest/.version"
echo "ci/xen-arm64.sh: Xen $(cat "$dest/.version") in $dest"
