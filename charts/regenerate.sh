#!/usr/bin/env bash
# Redraws the committed reference charts (charts/<scenario>/) from scenarios/.
# tests/charts.rs fails while any committed chart differs from what the code draws now.
set -euo pipefail
cd "$(dirname "$0")/.."
# gpuplan replaces only folders it wrote, and their manifests are not committed: start afresh.
find charts -mindepth 1 -maxdepth 1 -type d -exec rm -rf {} +
for scenario in korea-260k taiwan-nchc-2018 k-cloud-phase1 gwangju-ai-dc; do
  cargo run --release --quiet -- chart "scenarios/$scenario.toml" --out "charts/$scenario"
done
cargo run --release --quiet -- compare scenarios/korea-260k.toml scenarios/korea-260k-grid-delay.toml \
  scenarios/korea-260k-fast-power.toml scenarios/korea-260k-supply-slip.toml \
  scenarios/korea-260k-no-capital-grid.toml --recipient Samsung \
  --out charts/compare >/dev/null
echo "Wrote the comparison to charts/compare"
cargo run --release --quiet -- mc scenarios/korea-260k-uncertain.toml --charts \
  --out charts/korea-260k-uncertain-mc >/dev/null
echo "Wrote Monte Carlo charts to charts/korea-260k-uncertain-mc"
cargo run --release --quiet -- tornado scenarios/korea-260k-uncertain.toml \
  --out charts/korea-260k-uncertain-tornado >/dev/null
echo "Wrote tornado charts to charts/korea-260k-uncertain-tornado"
cargo run --release --quiet -- sweep scenarios/korea-260k-grid-delay.toml \
  --vary 'region "Capital area".grid[1].mw=50..250' --out charts/korea-260k-grid-delay-sweep >/dev/null
cargo run --release --quiet -- sweep scenarios/korea-260k-uncertain.toml \
  --vary 'region "Capital area".grid[2].from=2028-06..2031-12:8' \
  --vary 'site "Samsung SDS Gumi AI DC".phases[0].online=2028-01..2030-06:8' \
  --target "All 260k online by 2030" --samples 2000 --out charts/korea-260k-uncertain-sweep >/dev/null
echo "Wrote sweeps to charts/korea-260k-grid-delay-sweep and charts/korea-260k-uncertain-sweep"
cargo run --release --quiet -- backtest --out charts/backtest >/dev/null
echo "Wrote the backtest of the reference classes to charts/backtest"
# The README's picture of the HTML report (the top of its page), when Chromium is here.
if command -v chromium >/dev/null; then
  cargo run --release --quiet -- report scenarios/korea-260k-uncertain.toml --out out/report/korea-260k-uncertain.html >/dev/null
  profile=$(mktemp -d)
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking --hide-scrollbars \
    --user-data-dir="$profile" --window-size=1200,1800 --screenshot=charts/report.png \
    "file://$PWD/out/report/korea-260k-uncertain.html" >/dev/null 2>&1
  rm -rf "$profile"
  echo "Wrote charts/report.png"
fi
