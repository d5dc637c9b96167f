#!/usr/bin/env bash
# Unpacks Debian's libfdt-dev:arm64 into DEST for the guest link. The arm64
# package conflicts with the host's libfdt-dev, so it is never installed:
# only downloaded (needs the arm64 architecture in dpkg) and extracted.
set -euo pipefail
dest=${1:?usage: libfdt-arm64.sh DEST}
[ -f "$dest/usr/lib/aarch64-linux-gnu/libfdt.a" ] && exit 0
if ! dpkg --print-foreign-architectures | grep -qx arm64; then
	dpkg --add-architecture arm64
	apt-get update -qq
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
if ! apt-get download -qq libfdt-dev:arm64 2>/dev/null; then
	apt-get update -qq
	apt-get download -qq libfdt-dev:arm64
fi
mkdir -p "$dest"
dpkg -x libfdt-dev_*_arm64.deb "$dest"
test -f "$dest/usr/lib/aarch64-linux-gnu/libfdt.a"
