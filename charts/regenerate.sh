#!/usr/bin/env bash
# Redraws the committed reference charts (charts/<scenario>/) from scenarios/.
# tests/charts.rs fails while any committed chart differs from what the code draws now.
set -euo pipefail
cd "$(dirname "$0")/.."
for scenario in korea-260k taiwan-nchc-2018 k-cloud-phase1; do
  cargo run --release --quiet -- chart "scenarios/$scenario.toml" --out "charts/$scenario"
done
cargo run --release --quiet -- compare scenarios/korea-260k.toml scenarios/korea-260k-grid-delay.toml \
  scenarios/korea-260k-fast-power.toml scenarios/korea-260k-supply-slip.toml --recipient Samsung \
  --out charts/compare >/dev/null
echo "Wrote the comparison to charts/compare"
cargo run --release --quiet -- mc scenarios/korea-260k-uncertain.toml --charts \
  --out charts/korea-260k-uncertain-mc >/dev/null
echo "Wrote Monte Carlo charts to charts/korea-260k-uncertain-mc"
