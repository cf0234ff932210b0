#!/usr/bin/env bash
# Fuzzes one target with the seed corpus (scenarios/, tests/data/, the regressions):
#   tests/fuzz/run.sh scenario -runs=10000000
# New inputs go to tests/fuzz/corpus/TARGET (not committed); a crash goes to
# tests/fuzz/artifacts/TARGET — copy it into tests/fuzz/regressions/TARGET once fixed.
set -euo pipefail
cd "$(dirname "$0")/../.."
target=${1:?usage: tests/fuzz/run.sh scenario|charts|mc [libFuzzer options]}
shift
mkdir -p "tests/fuzz/corpus/$target"
exec cargo +nightly fuzz run "$target" --fuzz-dir tests/fuzz \
    "tests/fuzz/corpus/$target" scenarios tests/data "tests/fuzz/regressions/$target" \
    -- -max_len=65536 -timeout=10 "$@"
