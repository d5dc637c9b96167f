#!/usr/bin/env bash
# The build matrix and the sanitizer lane (issue 15), part of ci/test.sh.
#
#   bash ci/matrix.sh IMAGES_BUILD_DIR
#
# 1. Host code with gcc and clang, each as Debug, RelWithDebInfo and Release,
#    warnings as errors (VC_WERROR, as the project's own builds are): a user's
#    `cmake -DCMAKE_BUILD_TYPE=Release` must build on both compilers.
# 2. ASan + UBSan (VC_SANITIZE, halt_on_error): the unit tests, then one real
#    cell per transport of the default matrix, with the guest images of
#    IMAGES_BUILD_DIR (the host code is what the sanitizers watch; the images
#    are the same bytes). A sanitizer report fails the lane.
# Build trees go under MATRIX_DIR (default: build-matrix/). Exit 1 on any
# failure, naming the configuration.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
images=$(cd "${1:?usage: matrix.sh IMAGES_BUILD_DIR}" && pwd)
dir=${MATRIX_DIR:-$root/build-matrix}
command -v clang >/dev/null || { echo "ci/matrix.sh: clang missing (ci/deps.sh installs it)" >&2; exit 2; }

configure_build() { # NAME CC ARGS...
	local name=$1 cc=$2
	shift 2
	if ! CC=$cc cmake -S "$root" -B "$dir/$name" -G Ninja -DVC_WERROR=ON -DVC_BUILD_GUESTS=OFF -DVC_QEMU10=OFF \
		"$@" >"$dir/$name.log" 2>&1 || ! cmake --build "$dir/$name" >>"$dir/$name.log" 2>&1; then
		tail -30 "$dir/$name.log" >&2
		echo "ci/matrix.sh: the $name build failed (log: $dir/$name.log)" >&2
		exit 1
	fi
	echo "  $name: built"
}

mkdir -p "$dir"
echo "build matrix:"
for cc in gcc clang; do
	for type in Debug RelWithDebInfo Release; do
		configure_build "$cc-$type" "$cc" -DCMAKE_BUILD_TYPE="$type"
	done
done

echo "sanitizers (ASan + UBSan, halt_on_error):"
san=$dir/sanitize
configure_build sanitize gcc -DVC_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
ctest --test-dir "$san" -L unit --output-on-failure >"$dir/sanitize-unit.log" 2>&1 ||
	{ tail -40 "$dir/sanitize-unit.log" >&2; echo "ci/matrix.sh: unit tests under sanitizers failed" >&2; exit 1; }
echo "  unit tests: clean"
# vcheck finds its images beside itself: lend it the main build's
rm -rf "$san/share/vcheck/images"
mkdir -p "$san/share/vcheck"
ln -s "$images/share/vcheck/images" "$san/share/vcheck/images"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
rc=0
"$san/bin/vcheck" run -q --device rng --device blk --device net --out "$out/run" 2>"$dir/sanitize-run.log" || rc=$?
if grep -qE "ERROR: AddressSanitizer|runtime error:|ERROR: LeakSanitizer" "$dir/sanitize-run.log" || [ "$rc" -gt 1 ]; then
	tail -40 "$dir/sanitize-run.log" >&2
	echo "ci/matrix.sh: a real run under sanitizers failed (exit $rc)" >&2
	exit 1
fi
echo "  real run (rng, blk, net on every transport): clean, exit $rc"
