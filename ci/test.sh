#!/usr/bin/env bash
# The test command (README, .ci/run): set up, build with coverage, run the
# cmocka unit tests, the pytest driver against real QEMU, the build matrix
# with the sanitizer lane and the fuzzers (budgeted lanes), then report
# host-code coverage with lcov.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export BUILD_DIR=${BUILD_DIR:-$root/build-test}
bash "$root/ci/deps.sh"
# -DVC_NESTED_KVM: the nested-KVM lane's parts (an arm64 L1 from Debian
# packages, about 80 MB downloaded once; a static arm64 vcheck)
nested=${VC_NESTED:-1}
# -DVC_XEN_IOREQ: the real Xen ioreq lane's parts (Xen rebuilt from Debian's
# source with IOREQ_SERVER, about 40 s once; a dom0 from Debian arm64
# packages; the arm64 vcheck-xen-ref)
xen_ioreq=${VC_XEN_IOREQ:-1}
onoff() { [ "$1" != 0 ] && echo ON || echo OFF; }
bash "$root/ci/build.sh" -DVC_COVERAGE=ON -DVC_NESTED_KVM="$(onoff "$nested")" -DVC_XEN_IOREQ="$(onoff "$xen_ioreq")"
lcov --quiet --zerocounters --directory "$BUILD_DIR" 2>/dev/null || true
ctest --test-dir "$BUILD_DIR" -L unit --output-on-failure
VCHECK_REQUIRE_XEN=1 VCHECK_BIN="$BUILD_DIR/bin/vcheck" pytest-3 -q -p no:cacheprovider -m "not nested and not xen_ioreq" "$root/tests/driver"
# The real Xen lane: the catalogue and the side-effect sweep through Xen's
# ioreq and grant DMA, each cell booting Xen and dom0 under TCG (about a
# minute); VC_XEN_IOREQ=0 skips it.
if [ "$xen_ioreq" != 0 ]; then
	VCHECK_REQUIRE_XEN_IOREQ=1 VCHECK_BIN="$BUILD_DIR/bin/vcheck" \
		pytest-3 -q -p no:cacheprovider -m xen_ioreq "$root/tests/driver"
fi
# The nested-KVM lane: the default matrix and a side-effect run under real
# KVM, in an arm64 Linux under TCG (about 3 min); VC_NESTED=0 skips it.
if [ "$nested" != 0 ]; then
	VCHECK_REQUIRE_NESTED=1 VCHECK_BIN="$BUILD_DIR/bin/vcheck" \
		pytest-3 -q -p no:cacheprovider -m nested "$root/tests/driver"
fi
# The build matrix (gcc and clang x Debug, RelWithDebInfo, Release, -Werror)
# and the sanitizer lane (unit tests and a real run under ASan+UBSan):
# about 4 min; VC_MATRIX=0 skips it.
if [ "${VC_MATRIX:-1}" != 0 ]; then
	bash "$root/ci/matrix.sh" "$BUILD_DIR"
fi
# The fuzzing lane, budgeted: every harness VC_FUZZ_SECONDS (default 10;
# 15 harnesses, about 3 min with the build), after replaying the inputs
# that once crashed. VC_FUZZ_SECONDS=0 skips it (a quick local run).
fuzz_secs=${VC_FUZZ_SECONDS:-10}
if [ "$fuzz_secs" != 0 ]; then
	bash "$root/ci/fuzz.sh" "$fuzz_secs"
fi
if lcov --quiet --capture --directory "$BUILD_DIR" --output-file "$BUILD_DIR/coverage.info" \
	--exclude '/usr/*' --exclude '*/tests/unit/*' 2>/dev/null; then
	lcov --summary "$BUILD_DIR/coverage.info" 2>&1 | grep -E 'lines|functions' || true
fi
