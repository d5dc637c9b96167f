#!/usr/bin/env bash
# The main job: set up, build, run the default QEMU matrix, write its
# reports to OUT (default: out/). Exit status is vcheck's (README).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${OUT:-$root/out}
bash "$root/ci/deps.sh"
bash "$root/ci/build.sh"
build=${BUILD_DIR:-$root/build}
rm -rf "$out"
rc=0
"$build/bin/vcheck" run --out "$out" "$@" || rc=$?
echo "main: results $out/results.json, JUnit $out/junit.xml, logs $out/cells/ (exit $rc)"
exit $rc
