#!/usr/bin/env bash
# Fuzzes one target with the seed corpus (scenarios/, tests/data/, the regressions):
#   tests/fuzz/run.sh scenario -runs=10000000
# New inputs go to tests/fuzz/corpus/TARGET (not committed); a crash goes to
# tests/fuzz/artifacts/TARGET — copy it into tests/fuzz/regressions/TARGET once fixed.
# Built for speed by default, with overflow checks and debug assertions on but without
# AddressSanitizer (SANITIZER=address turns it on: gpuplan's one unsafe block, the renameat2 call
# that swaps output sets, is not on a fuzzed path) and without comparison tracing (TRACE_COMPARES=1
# turns it on: it guides mutations past magic values, but tracing every byte the TOML lexer
# compares took over half the time once the corpus was grown). Inputs are at most 16 KiB, which
# holds the largest shipped scenario; longer ones mostly time the TOML parser.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: tests/fuzz/run.sh scenario|charts|mc|sensitivity [libFuzzer options]}
shift
mkdir -p "tests/fuzz/corpus/$target"
build=(--sanitizer "${SANITIZER:-none}")
[[ ${TRACE_COMPARES:-0} == 1 ]] || build+=(--no-trace-compares)
exec cargo +nightly fuzz run "$target" --fuzz-dir tests/fuzz "${build[@]}" \
    "tests/fuzz/corpus/$target" scenarios tests/data "tests/fuzz/regressions/$target" \
    -- -max_len=16384 -timeout=10 "$@"
