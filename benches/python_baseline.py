"""A plain-Python loop over the gpuplan model, to measure what the Rust engine is compared with.

It reads a scenario written without ranges (the mid-value case, as `gpuplan show` writes it),
lays it out and simulates it month by month by the same rules (docs/methods.md: Simulation rules), and
evaluates its chips_online targets, once per "sample". Drawing the uncertain inputs is left out,
which only flatters Python. The first run is checked against gpuplan's own timeline.csv, so the
timing is of a loop that computes the same numbers.

    cargo build --release
    ./target/release/gpuplan show scenarios/korea-260k-uncertain.toml > /tmp/mid.toml
    ./target/release/gpuplan run /tmp/mid.toml --out /tmp/mid
    python3 benches/python_baseline.py /tmp/mid.toml /tmp/mid/timeline.csv 200

Only what the Korea scenarios use is supported: ramps and explicit deliveries, no [supply],
chips from the built-in catalog listed below, chips_online targets.
"""

import csv
import sys
import time
import tomllib

# IT kW per chip, all-in, as in the built-in catalog: DGX H100/H200 10.2 kW / 8 GPUs, DGX B200
# 14.3 kW / 8, GB200 NVL72 126 kW / 72, GB300 NVL72 127.5 kW / 72, B300 1,250 W x 1.82, GH200
# 1.2 kW (an estimate) (`gpuplan chips` shows them rounded).
CATALOG_IT_KW = {
    "H200": 10.2 / 8.0,
    "B200": 14.3 / 8.0,
    "GB200": 126.0 / 72.0,
    "GB300": 127.5 / 72.0,
    "B300": 1250 / 1000 * 1.82,
    "GH200": 1.2,
}
COOLING = {
    "H200": "air",
    "B200": "air",
    "GB200": "liquid",
    "GB300": "liquid",
    "B300": "liquid",
    "GH200": "liquid",
}
FIT_TOLERANCE_KW = 1e-6


def month_index(start, month):
    y0, m0 = map(int, start.split("-"))
    y, m = map(int, month.split("-"))
    return (y - y0) * 12 + (m - m0)


def fit(free_kw, need_kw):
    n = (free_kw + FIT_TOLERANCE_KW) / need_kw
    return int(n) if n >= 1.0 else 0


def month_indices(node, start):
    """Every "YYYY-MM" string in the parsed file replaced by its month index, once at load."""
    if isinstance(node, dict):
        return {k: month_indices(v, start) for k, v in node.items()}
    if isinstance(node, list):
        return [month_indices(v, start) for v in node]
    if isinstance(node, str) and len(node) == 7 and node[4] == "-" and node[:4].isdigit():
        return month_index(start, node)
    return node


def lay_out(s):
    """The scenario (months as indices) as per-month lists, like the engine's plan."""
    months = s["scenario"]["end"] + 1
    lag = s["scenario"].get("commissioning_months", 0)
    recipients = [r["name"] for r in s["recipient"]]
    priority = {r["name"]: r.get("priority", 100) for r in s["recipient"]}
    allocations = s["allocation"]
    requests = []
    for a in allocations:
        row = [0] * months
        d = a["deliveries"]
        if isinstance(d, dict):
            base, rem = divmod(a["count"], d["months"])
            t0 = d["start"]
            for i in range(d["months"]):
                if 0 <= t0 + i < months:
                    row[t0 + i] += base + (1 if i < rem else 0)
        else:
            for entry in d:
                t = entry["month"]
                if 0 <= t < months:
                    row[t] += entry["count"]
        requests.append(row)
    order = sorted(range(len(allocations)), key=lambda i: priority[allocations[i]["recipient"]])
    regions = {r["name"]: i for i, r in enumerate(s["region"])}
    grid = []
    for r in s["region"]:
        row = [float("inf")] * months
        if "grid" in r:
            row = [0.0] * months
            for step in r["grid"]:
                first = max(0, step["from"] + r.get("delay_months", 0))
                for t in range(first, months):
                    row[t] = step["mw"] * 1000.0
        grid.append(row)
    sites = []
    for site in s["site"]:
        capacity = [0.0] * months
        for p in site["phases"]:
            for t in range(max(0, p["online"] + site.get("delay_months", 0)), months):
                capacity[t] += p["it_mw"] * 1000.0
        sites.append(
            {
                "capacity": capacity,
                "pue": site["pue"],
                "region": regions.get(site.get("region")),
                "slots": site.get("install_per_month", 10**18),
                "lag": site.get("commissioning_months", lag),
                "recipients": site.get("recipients", recipients),
                "cooling": site["cooling"],
            }
        )
    # Placement order: sites accepting fewer recipients first, ties in file order (a stable sort).
    placement = sorted(range(len(sites)), key=lambda i: len(set(sites[i]["recipients"])))
    eligible = [
        [
            i
            for i in placement
            if a["recipient"] in sites[i]["recipients"]
            and (COOLING[a["chip"]] == "air" or sites[i]["cooling"] == "liquid")
        ]
        for a in allocations
    ]
    it_kw = [CATALOG_IT_KW[a["chip"]] for a in allocations]
    return months, requests, order, grid, sites, eligible, it_kw


def simulate(s):
    """Online chips per allocation per month."""
    months, requests, order, grid, sites, eligible, it_kw = lay_out(s)
    n = len(it_kw)
    waiting = [0] * n
    online = [0] * n
    comes_online = [[0] * months for _ in range(n)]
    site_it = [0.0] * len(sites)
    region_kw = [0.0] * len(grid)
    history = []
    for t in range(months):
        for a in order:
            waiting[a] += requests[a][t]
        slots = [site["slots"] for site in sites]
        for a in order:
            for i in eligible[a]:
                if waiting[a] == 0:
                    break
                site = sites[i]
                per_chip = it_kw[a] * site["pue"]
                k = min(waiting[a], slots[i], fit(site["capacity"][t] - site_it[i], it_kw[a]))
                r = site["region"]
                if r is not None:
                    k = min(k, fit(grid[r][t] - region_kw[r], per_chip))
                if k == 0:
                    continue
                site_it[i] += k * it_kw[a]
                if r is not None:
                    region_kw[r] += k * per_chip
                slots[i] -= k
                waiting[a] -= k
                if t + site["lag"] < months:
                    comes_online[a][t + site["lag"]] += k
        for a in range(n):
            online[a] += comes_online[a][t]
        history.append(list(online))
    return history


def figures(s, history):
    """What Monte Carlo keeps of one sample: per target (achieved month, met, value at `by`);
    per recipient the months 50/90/100% are online; the monthly chips-online series."""
    allocations = s["allocation"]
    kept = []
    for target in s.get("target", []):
        scope = target.get("recipients")
        picked = [i for i, a in enumerate(allocations) if scope is None or a["recipient"] in scope]
        values = [sum(row[i] for i in picked) for row in history]
        goal = target["value"] - 1e-9
        achieved = next((t for t, v in enumerate(values) if v >= goal), None)
        kept.append((achieved, values[target["by"]] >= goal, values[target["by"]]))
    for r in s["recipient"]:
        mine = [i for i, a in enumerate(allocations) if a["recipient"] == r["name"]]
        allocated = sum(allocations[i]["count"] for i in mine)
        series = [sum(row[i] for i in mine) for row in history]
        for share in (50, 90, 100):
            kept.append(next((t for t, v in enumerate(series) if v * 100 >= allocated * share), None))
    kept.append([sum(row) for row in history])
    return kept


def summarise(samples):
    """P10/P50/P90 of every month's chips online, over the samples, by sorting."""
    months = len(samples[0][-1])
    out = []
    for t in range(months):
        column = sorted(sample[-1][t] for sample in samples)
        out.append([column[min(len(column) - 1, int(p * len(column)))] for p in (0.1, 0.5, 0.9)])
    return out


def check(s, history, timeline_csv):
    """Every month's online count per allocation equals gpuplan's timeline.csv."""
    with open(timeline_csv, newline="") as f:
        rows = list(csv.DictReader(f))
    n = len(s["allocation"])
    for k, row in enumerate(rows):
        t, a = divmod(k, n)
        if int(row["online"]) != history[t][a]:
            sys.exit(f"differs from gpuplan at {row['month']} {row['recipient']}: {history[t][a]} != {row['online']}")


def main():
    path, timeline_csv, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(path, "rb") as f:
        raw = tomllib.load(f)
    s = month_indices(raw, raw["scenario"]["start"])
    check(s, simulate(s), timeline_csv)
    began = time.perf_counter()
    samples = [figures(s, simulate(s)) for _ in range(runs)]
    summarise(samples)
    per_run = (time.perf_counter() - began) / runs
    print(f"matches gpuplan's timeline; {runs} samples, {per_run * 1e3:.3f} ms each; "
          f"100,000 would take {per_run * 1e5:.0f} s")


if __name__ == "__main__":
    main()
