#!/usr/bin/env bash
# The test command (README, .ci/run): set up, build with coverage, run the
# cmocka unit tests and the pytest driver against real QEMU, then report
# host-code coverage with lcov.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
export BUILD_DIR=${BUILD_DIR:-$root/build-test}
bash "$root/ci/deps.sh"
bash "$root/ci/build.sh" -DVC_COVERAGE=ON
lcov --quiet --zerocounters --directory "$BUILD_DIR" 2>/dev/null || true
ctest --test-dir "$BUILD_DIR" -L unit --output-on-failure
VCHECK_BIN="$BUILD_DIR/bin/vcheck" pytest-3 -q -p no:cacheprovider "$root/tests/driver"
if lcov --quiet --capture --directory "$BUILD_DIR" --output-file "$BUILD_DIR/coverage.info" \
	--exclude '/usr/*' --exclude '*/tests/unit/*' 2>/dev/null; then
	lcov --summary "$BUILD_DIR/coverage.info" 2>&1 | grep -E 'lines|functions' || true
fi
