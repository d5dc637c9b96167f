#!/usr/bin/env bash
# Unpacks QEMU 10.0 from Debian bookworm-backports into DEST (the build
# tree's share/vcheck/qemu10), for the qemu10-aarch64-virt target: newer
# vhost-user front-ends (vhost-user-device, vhost-user-input under TCG, and
# config reads forwarded to the backend on every access). Never installed
# over the system's QEMU 7.2: a private apt source list and state under
# DEST/.apt keep the system's apt untouched, and the target runs this QEMU
# with its own module directory (QEMU_MODULE_DIR) and data (-L), without
# which it loads 7.2's modules and aborts. Every module package of the
# version is unpacked too: QEMU looks a module up in its own directory
# first and in the system's second, where 7.2's would abort it.
set -euo pipefail
dest=${1:?usage: qemu10.sh DEST}
version=1:10.0.2+ds-2+deb13u1~bpo12+1
stamp="$dest/.unpacked-$version"
[ -f "$stamp" ] && exit 0
packages=(qemu-system-arm qemu-system-common qemu-system-data qemu-system-gui
	qemu-system-modules-opengl qemu-system-modules-spice qemu-block-extra)
apt_dir="$dest/.apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial"
echo "deb http://deb.debian.org/debian bookworm-backports main" >"$apt_dir/sources.list"
opts=(-o Dir::Etc::SourceList="$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
	-o Dir::State::Lists="$apt_dir/lists" -o Dir::Cache="$apt_dir/cache"
	-o Debug::NoLocking=1 -o APT::Sandbox::User=root)
apt-get -qq "${opts[@]}" update
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get -qq "${opts[@]}" download "${packages[@]/%/=$version}")
rm -rf "$dest/usr"
for deb in "$tmp"/*.deb; do
	dpkg -x "$deb" "$dest"
done
test -x "$dest/usr/bin/qemu-system-aarch64"
touch "$stamp"
