#!/usr/bin/env bash
# Configures and builds into BUILD_DIR (default: build/). Extra arguments go
# to cmake's configure step (e.g. -DVC_COVERAGE=ON).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD_DIR:-$root/build}
cmake -S "$root" -B "$build" -G Ninja "$@" >/dev/null
cmake --build "$build"
