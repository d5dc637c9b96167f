#!/usr/bin/env bash
# Installs what building and testing vcheck needs on Debian 12, skipping
# what is already there. Needs root (CI runs as root).
set -euo pipefail
# chromium: the driver test renders report.html in a real browser (headless);
# python3-html5lib: a unit test parses report.html with a strict HTML5 parser.
# qemu-system-common: qemu-storage-daemon, the real vhost-user-blk backend of
# the target's vhost-user-blk model (tests/driver/test_vhost_user.py).
# libfdt-dev: the host's libfdt, for the unit tests of the guest's DT and Xen
# code (the guest links libfdt-dev:arm64, unpacked by ci/libfdt-arm64.sh).
# clang: the build matrix (ci/matrix.sh); ci/fuzz.sh adds libFuzzer if missing.
# cpio, libc6-dev-arm64-cross: the nested-KVM lane's initramfs and its
# static arm64 vcheck (ci/nested-kvm.sh, ci/vcheck-arm64.sh).
# device-tree-compiler: the Xen dom0less target's device tree (dtc).
# libxml2-utils, perl: the tests validate every junit.xml against
# tests/schemas/junit.xsd (xmllint) and read every TAP file with prove.
# groff-base: the tests render the generated man page (groff -ww).
packages=(cmake ninja-build gcc libc6-dev gcc-aarch64-linux-gnu binutils-aarch64-linux-gnu
	qemu-system-arm qemu-system-common libcmocka-dev python3 python3-pytest lcov chromium
	python3-html5lib libfdt-dev clang cpio libc6-dev-arm64-cross device-tree-compiler
	libxml2-utils perl groff-base)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "ci/deps.sh: installing ${missing[*]}"
	if [ "$(id -u)" != 0 ]; then
		echo "ci/deps.sh: need root to install: ${missing[*]}" >&2
		exit 2
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
