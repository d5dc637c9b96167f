#!/usr/bin/env bash
# Cross-builds the host tool for aarch64 Linux, statically linked, into
# BUILD (BUILD/bin/vcheck): the vcheck that runs inside the nested-KVM
# lane's L1, which has no libc of its own. No guest images, no QEMU 10 and
# no unit tests (cmocka is not there for arm64): the images come from the
# x86 build, found through VCHECK_SHARE_DIR. Beside it, BUILD/bin/
# vcheck-xen-ref, the Xen ioreq backend a dom0 runs, linked statically
# against Debian's libxen-dev:arm64 (unpacked into BUILD/libxen-dev by
# ci/libxen-dev-arm64.sh).
set -euo pipefail
src=$(realpath "${1:?usage: vcheck-arm64.sh SRC BUILD}")
build=${2:?usage: vcheck-arm64.sh SRC BUILD}
toolchain=$src/cmake/aarch64-linux.cmake
# absolute: the cache keeps it, and configured() compares it
xendev=$(realpath -m "$build")/libxen-dev

# The static link needs the arm64 libc.a (libc6-dev-arm64-cross), which
# gcc-aarch64-linux-gnu only recommends: the guest images do without it.
if [ ! -f /usr/aarch64-linux-gnu/lib/libc.a ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "vcheck-arm64.sh: needs libc6-dev-arm64-cross (apt-get install it as root)" >&2
		exit 2
	fi
	echo "vcheck-arm64.sh: installing libc6-dev-arm64-cross"
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -qq --no-install-recommends libc6-dev-arm64-cross >/dev/null ||
		{ apt-get update -qq && apt-get install -y -qq --no-install-recommends libc6-dev-arm64-cross >/dev/null; }
fi

# Xen's tool libraries for vcheck-xen-ref (downloaded once, cached)
bash "$src/ci/libxen-dev-arm64.sh" "$xendev" >/dev/null

# Configure only when BUILD is not this configuration already; otherwise
# the build step reruns cmake itself if a CMakeLists.txt changed.
cache=$build/CMakeCache.txt
configured() {
	[ -f "$cache" ] && [ -f "$build/build.ninja" ] &&
		grep -qx "CMAKE_HOME_DIRECTORY:INTERNAL=$src" "$cache" &&
		grep -qx "CMAKE_TOOLCHAIN_FILE:[A-Z]*=$toolchain" "$cache" &&
		grep -qx "VC_BUILD_GUESTS:BOOL=OFF" "$cache" &&
		grep -qx "VC_QEMU10:BOOL=OFF" "$cache" &&
		grep -qx "VC_XEN_DEV:PATH=$xendev" "$cache"
}
if ! configured; then
	# a cache from another toolchain cannot be switched over: start anew
	rm -rf "$build/CMakeCache.txt" "$build/CMakeFiles"
	# -DVC_WERROR=ON as in ci/build.sh: the project's own builds
	mkdir -p "$build"
	cmake -S "$src" -B "$build" -G Ninja -DCMAKE_TOOLCHAIN_FILE="$toolchain" \
		-DVC_BUILD_GUESTS=OFF -DVC_QEMU10=OFF -DVC_WERROR=ON -DVC_XEN_DEV="$xendev" \
		>"$build/configure.log" 2>&1 ||
		{ cat "$build/configure.log" >&2; exit 1; }
fi
cmake --build "$build"
# the lanes depend on them being static aarch64 executables: say so if not
for elf in "$build/bin/vcheck" "$build/bin/vcheck-xen-ref"; do
	if ! aarch64-linux-gnu-readelf -h "$elf" | grep -q 'Machine:.*AArch64' ||
		! aarch64-linux-gnu-readelf -d "$elf" | grep -q 'no dynamic section'; then
		echo "vcheck-arm64.sh: $elf is not a static aarch64 executable" >&2
		exit 1
	fi
done
