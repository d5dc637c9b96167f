#!/usr/bin/env bash
# Unpacks Debian's libfdt-dev:arm64 into DEST for the guest link. The arm64
# package conflicts with the host's libfdt-dev, so it is never installed:
# only downloaded (needs the arm64 architecture in dpkg) and extracted.
set -euo pipefail
dest=${1:?usage: libfdt-arm64.sh DEST}
[ -f "$dest/usr/lib/aarch64-linux-gnu/libfdt.a" ] && exit 0
. "$(dirname "$0")/lib/arm64-deb.sh"
arm64_unpack libfdt-dev
mkdir -p "$dest"
cp -a "$root/." "$dest/"
test -f "$dest/usr/lib/aarch64-linux-gnu/libfdt.a"
