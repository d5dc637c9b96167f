#!/usr/bin/env bash
# The main job: set up, build, run the default QEMU matrix three times (the
# check catalogue into OUT, default out/; side-effect discovery into
# OUT/sidefx; the catalogue through the direct, gunyah and xen personalities
# into OUT/personalities) and write their reports. Exit status: the worst of
# the runs' (README), or the report's if it fails.
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
prc=0
"$vcheck" run --personality direct,gunyah,xen --out "$out/personalities" "$@" || prc=$?
[ "$prc" -gt "$rc" ] && rc=$prc
"$vcheck" report "$out"
"$vcheck" report "$out/sidefx"
"$vcheck" report "$out/personalities" --models "$out/sidefx"
echo "main: conformance $out/results.json (JUnit $out/junit.xml, $out/report.html)," \
     "side effects $out/sidefx/results.json ($out/sidefx/report.html)," \
     "personalities $out/personalities/results.json ($out/personalities/report.html)," \
     "logs in cells/ (exit $rc)"
exit $rc
