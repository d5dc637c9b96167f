#!/usr/bin/env bash
# Fuzzing (issue 15, tests/fuzz/README.md): every reader of external bytes
# under libFuzzer with ASan and UBSan.
#
#   bash ci/fuzz.sh [SECONDS_PER_HARNESS] [HARNESS...]     (default 20, all)
#
# Installs clang and libFuzzer if missing (apt, as root), configures and
# builds build-fuzz/ (FUZZ_BUILD_DIR), replays tests/fuzz/crashes/<harness>/
# (the regression inputs: every one must pass), then runs each harness for
# the given seconds on a writable copy of its corpus in the build dir (the
# source tree is never written), and prints per harness the executions and
# libFuzzer's final cov:/ft:. Exits 1 on any crash, leak, timeout or
# out-of-memory, naming the input that caused it; 2 on a setup failure.
# Warnings are errors (VC_WERROR, as in ci/build.sh); FUZZ_EXTRA_CFLAGS adds
# compiler flags (e.g. -Wno-error=... should clang warn on project code).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-20}
shift || true
all=(records collect foreign ring sfx trace qmp json report compare target baseline vhost_user chardev ranks)
harnesses=("$@")
[ ${#harnesses[@]} -gt 0 ] || harnesses=("${all[@]}")
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
fuzz_src=$root/tests/fuzz
case "$secs" in '' | *[!0-9]*) echo "ci/fuzz.sh: SECONDS must be a number, not '$secs'" >&2; exit 2 ;; esac
for h in "${harnesses[@]}"; do
	[ -f "$fuzz_src/fuzz_$h.c" ] || { echo "ci/fuzz.sh: no harness '$h' (one of: ${all[*]})" >&2; exit 2; }
done

# --- clang and libFuzzer (clang's runtime), installed only when missing
fuzzer_links() {
	local t
	t=$(mktemp -d)
	printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n) { return d && n ? 0 : 0; }\n' >"$t/t.c"
	clang -fsanitize=fuzzer,address,undefined "$t/t.c" -o "$t/t" >/dev/null 2>&1
	local rc=$?
	rm -rf "$t"
	return $rc
}
missing=()
for p in cmake ninja-build clang; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ! command -v clang >/dev/null || ! fuzzer_links; then
	v=$(clang --version 2>/dev/null | sed -n 's/.*clang version \([0-9]*\).*/\1/p' | head -1)
	missing+=("libclang-rt-${v:-14}-dev")
fi
if [ ${#missing[@]} -gt 0 ]; then
	echo "ci/fuzz.sh: installing ${missing[*]}"
	if [ "$(id -u)" != 0 ]; then
		echo "ci/fuzz.sh: need root to install: ${missing[*]}" >&2
		exit 2
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
	fuzzer_links || { echo "ci/fuzz.sh: clang cannot link -fsanitize=fuzzer" >&2; exit 2; }
fi

# --- build: clang, the fuzzer instrumentation on every host object
t0=$(date +%s)
cflags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -g -O1 ${FUZZ_EXTRA_CFLAGS:-}"
CC=clang cmake -S "$root" -B "$build" -G Ninja -DVC_FUZZ=ON -DVC_BUILD_GUESTS=OFF -DVC_WERROR=ON \
	-DCMAKE_C_FLAGS="$cflags" >/dev/null || { echo "ci/fuzz.sh: configure failed" >&2; exit 2; }
targets=()
for h in "${harnesses[@]}"; do targets+=("fuzz_$h"); done
cmake --build "$build" --target "${targets[@]}" || { echo "ci/fuzz.sh: build failed" >&2; exit 2; }
echo "ci/fuzz.sh: built in $(($(date +%s) - t0)) s"

# Files the harnesses make by path go to a private directory, removed at exit.
export TMPDIR=/dev/shm/vcheck-fuzz.$$
[ -w /dev/shm ] || TMPDIR=$build/fuzz-tmp.$$
mkdir -p "$TMPDIR"
trap 'rm -rf "$TMPDIR"' EXIT
# Sanitizer reports with symbols; a leak is a failure like a crash.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
# The sanitizer's own summary of a failed run, and where its input is.
explain() {
	local log=$1
	grep -E '^==[0-9]+==ERROR|SUMMARY:|runtime error:|fuzz property violated|ALARM|out-of-memory|Test unit written to|^    #[0-9] ' "$log" |
		head -20 | sed 's/^/    /'
}

# --- regression inputs: each must run clean
echo "ci/fuzz.sh: replaying tests/fuzz/crashes/"
for h in "${harnesses[@]}"; do
	dir=$fuzz_src/crashes/$h
	[ -d "$dir" ] || continue
	mapfile -t inputs < <(find "$dir" -type f ! -name '.*' | sort)
	[ ${#inputs[@]} -gt 0 ] || continue
	log=$build/fuzz-work/$h/replay.log
	mkdir -p "$(dirname "$log")"
	if (cd "$build/fuzz-work/$h" && "$build/fuzz/fuzz_$h" -rss_limit_mb=2048 -timeout=10 "${inputs[@]}") >"$log" 2>&1; then
		echo "  $h: ${#inputs[@]} regression inputs pass"
	else
		# no "Running:" line (a crash before the first input) must not end
		# the script here under pipefail: the message below says it
		bad=$(grep -o 'Running: .*' "$log" | tail -1 | sed 's/Running: //' || true)
		echo "  $h: REGRESSION on ${bad:-one of ${inputs[*]}} (log: $log)"
		explain "$log"
		failed+=("$h (regression input ${bad:-?})")
	fi
done

# --- fuzzing, SECONDS per harness
printf '\n%-11s %9s %8s %8s %8s %6s  %s\n' harness execs exec/s cov ft corpus result
for h in "${harnesses[@]}"; do
	work=$build/fuzz-work/$h
	mkdir -p "$work/corpus" "$work/artifacts"
	# the seeds join what earlier runs found; only the build dir is written
	cp -n "$fuzz_src/corpus/$h/"* "$work/corpus/" 2>/dev/null || true
	rm -f "$work/artifacts/"*
	log=$work/fuzz.log
	dict=()
	[ -f "$fuzz_src/dict/$h.dict" ] && dict=(-dict="$fuzz_src/dict/$h.dict")
	rc=0
	(cd "$work" && "$build/fuzz/fuzz_$h" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
		-print_final_stats=1 -artifact_prefix="$work/artifacts/" "${dict[@]}" "$work/corpus") >"$log" 2>&1 || rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
	last=$(grep -E '^#[0-9]+' "$log" | grep 'cov:' | tail -1 || true)
	cov=$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")
	ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
	corp=$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")
	mapfile -t found < <(find "$work/artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
		-o -name 'oom-*' \) | sort)
	if [ $rc -eq 0 ] && [ ${#found[@]} -eq 0 ]; then
		result=ok
	else
		result="FAILED (exit $rc)"
		failed+=("$h")
	fi
	printf '%-11s %9s %8s %8s %8s %6s  %s\n' "$h" "${execs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}" "$result"
	if [ "$result" != ok ]; then
		for a in "${found[@]}"; do
			echo "    input: $a"
			# a timeout that does not come back alone is the host stalling (a loaded CI machine)
			case "$(basename "$a")" in timeout-*)
				t1=$(date +%s%N)
				if (cd "$work" && "$build/fuzz/fuzz_$h" -timeout=10 -rss_limit_mb=2048 "$a") >"$work/rerun.log" 2>&1; then
					echo "    the timeout did not reproduce: the input ran in $((($(date +%s%N) - t1) / 1000000)) ms" \
						"on its own (a stalled host?)"
				else
					echo "    the timeout reproduces on its own"
				fi ;;
			esac
		done
		explain "$log"
		echo "    log: $log"
		echo "    minimise: $build/fuzz/fuzz_$h -minimize_crash=1 -max_total_time=60 -runs=1000000 INPUT," \
			"then keep it as tests/fuzz/crashes/$h/<short-name>"
	fi
done

if [ ${#failed[@]} -gt 0 ]; then
	echo "ci/fuzz.sh: FAILED: ${failed[*]}"
	exit 1
fi
echo "ci/fuzz.sh: ${#harnesses[@]} harnesses, $secs s each: no crash, leak or timeout"
