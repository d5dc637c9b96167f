#!/usr/bin/env bash
# Configures and builds into BUILD_DIR (default: build/). Extra arguments go
# to cmake's configure step (e.g. -DVC_COVERAGE=ON).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
# -DVC_WERROR=ON: the project's own builds treat warnings as errors
cmake -S "$root" -B "$build" -G Ninja -DVC_WERROR=ON "$@" >/dev/null
cmake --build "$build"
