#!/usr/bin/env bash
# Rewrites the golden output files (tests/golden/<scenario>/) from scenarios/.
# tests/golden.rs fails while any of them differs from what `gpuplan run` writes now; after an
# intended change, run this and review the diff before committing it.
set -euo pipefail
cd "$(dirname "$0")/../.."
for scenario in korea-260k taiwan-nchc-2018 k-cloud-phase1 gwangju-ai-dc gwangju-ai-dc-outside-view korea-260k-grid-delay korea-260k-fast-power korea-260k-supply-slip korea-260k-no-capital-grid korea-260k-uncertain; do
  # gpuplan replaces only folders it wrote (their manifest is not committed): start afresh.
  rm -rf "tests/golden/$scenario"
  cargo run --release --quiet -- run "scenarios/$scenario.toml" --out "tests/golden/$scenario" >/dev/null
done
echo "Wrote tests/golden/"
