#!/usr/bin/env bash
# Unpacks Debian 12's libxen-dev:arm64 (Xen 4.17's tool library headers and
# static libraries) into DEST for the static arm64 vcheck-xen-ref
# (tests/backends/xen-ref, built with -DVC_XEN_DEV=DEST): DEST/usr/include
# and DEST/usr/lib/aarch64-linux-gnu. Downloaded, never installed (needs
# the arm64 architecture in dpkg, as ci/libfdt-arm64.sh adds it). Cached:
# nothing happens while the libraries and DEST/.version are there; the
# version stamp is written last, so an interrupted unpack starts again.
set -euo pipefail
dest=${1:?usage: libxen-dev-arm64.sh DEST}
pkg=libxen-dev
libs="xendevicemodel xenforeignmemory xengnttab xenevtchn xencall xentoolcore xentoollog"
complete() {
	[ -f "$dest/.version" ] && [ -f "$dest/usr/include/xendevicemodel.h" ] || return 1
	for lib in $libs; do
		[ -f "$dest/usr/lib/aarch64-linux-gnu/lib$lib.a" ] || return 1
	done
}
complete && exit 0
. "$(dirname "$0")/lib/arm64-deb.sh"
arm64_unpack "$pkg"
mkdir -p "$dest"
rm -rf "$dest/.version" "$dest/usr"
mv "$root/usr" "$dest/usr"
for lib in $libs; do
	if [ ! -f "$dest/usr/lib/aarch64-linux-gnu/lib$lib.a" ]; then
		echo "ci/libxen-dev-arm64.sh: $pkg has no lib$lib.a" >&2
		exit 1
	fi
done
dpkg-deb -f "$deb" Version >"$dest/.version"
echo "ci/libxen-dev-arm64.sh: $pkg $(cat "$dest/.version") in $dest"
