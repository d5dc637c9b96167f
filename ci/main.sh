#!/usr/bin/env bash
# The main job: set up, build, run the default QEMU matrix twice (the check
# catalogue into OUT, default out/, and side-effect discovery into
# OUT/sidefx) and write their reports. Exit status: the worse of the two
# runs' (README), or the report's if it fails.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-$root/out}
bash "$root/ci/deps.sh"
bash "$root/ci/build.sh"
build=${BUILD_DIR:-$root/build}
vcheck="$build/bin/vcheck"
rm -rf "$out"
rc=0
"$vcheck" run --out "$out" "$@" || rc=$?
src=0
"$vcheck" run --sidefx --out "$out/sidefx" "$@" || src=$?
[ "$src" -gt "$rc" ] && rc=$src
"$vcheck" report "$out"
"$vcheck" report "$out/sidefx"
echo "main: conformance $out/results.json (JUnit $out/junit.xml, $out/report.html)," \
     "side effects $out/sidefx/results.json ($out/sidefx/report.html), logs in cells/ (exit $rc)"
exit $rc
