//! The reference scenarios as reported to late 2026 (docs/korea.md: Korea, as of late 2026): every
//! scenario runs, the Korea halls take no chips before the dates reported for them, the
//! what-ifs do what their names say against the base case, and the Gwangju backtest.

mod common;

use common::{gpuplan, repo, series};

use std::sync::atomic::AtomicU64;

use gpuplan::analysis::Outcome;
use gpuplan::analysis::mc::{self, Options};
use gpuplan::load::Checked;
use gpuplan::model::Scenario;
use gpuplan::sim::{self, Simulation};
use gpuplan::units::YearMonth;

fn load(name: &str) -> (Scenario, Simulation) {
    let scenario =
        Scenario::load(&repo(&format!("scenarios/{name}.toml"))).unwrap_or_else(|e| panic!("{e}"));
    let sim = sim::simulate(&scenario);
    (scenario, sim)
}

fn month(text: &str) -> YearMonth {
    YearMonth::parse(text).unwrap()
}

/// Every scenario in scenarios/ runs from the command line: exit 0, its files written.
#[test]
fn every_reference_scenario_runs() {
    let dir = tempfile::tempdir().unwrap();
    let mut ran = 0;
    for entry in std::fs::read_dir(repo("scenarios")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let out = dir.path().join(path.file_stem().unwrap());
        gpuplan()
            .arg("run")
            .arg(&path)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        assert!(out.join("timeline.csv").is_file(), "{}", path.display());
        ran += 1;
    }
    assert!(ran >= 10, "{ran} scenarios");
}

/// The first month the simulation installs anything at `site`.
fn first_installed(scenario: &Scenario, sim: &Simulation, site: &str) -> YearMonth {
    let s = scenario
        .sites
        .iter()
        .position(|x| x.name == site)
        .unwrap_or_else(|| panic!("no site {site}"));
    let used = series(sim, &sim.site_it_kw, s);
    let t = used
        .iter()
        .position(|&kw| kw > 0.0)
        .unwrap_or_else(|| panic!("{site} never used"));
    scenario.month(t)
}

/// Each Korea hall takes its first chips no earlier than the month reported for it (press to
/// early July 2026), read at the earliest month its words allow: the KISTI system, in service
/// "July 2026", installed in the first half of 2026 at the earliest; Naver's AI
/// factory "55 MW in H1 2027", LG U+ Paju's first building "June 2027", SK's Ulsan "operations
/// from Q4 2027", the National AI Computing Center "completion 2028", Samsung SDS Gumi
/// "operation March 2029", Hyundai's Saemangeum "completion 2029". The scenario's own phase
/// dates are checked against the same months, so an edit that opens a hall early fails here.
#[test]
fn korea_halls_take_no_chips_before_their_reported_dates() {
    let (scenario, sim) = load("korea-260k");
    let reported = [
        ("KISTI Supercomputer No. 6 (Daejeon)", "2026-01"),
        ("Naver AI factory (Gak Sejong)", "2027-01"),
        ("LG U+ Paju", "2027-06"),
        ("SK–AWS Ulsan AI DC", "2027-10"),
        ("National AI Computing Center (Haenam)", "2028-01"),
        ("Samsung SDS Gumi AI DC", "2029-03"),
        ("Hyundai Saemangeum AI DC", "2029-01"),
    ];
    for (site, earliest) in reported {
        let earliest = month(earliest);
        let phases = &scenario
            .sites
            .iter()
            .find(|s| s.name == site)
            .unwrap()
            .phases;
        let opening = phases.iter().map(|p| p.0).min().unwrap();
        assert!(opening >= earliest, "{site}: phase {opening} < {earliest}");
        let first = first_installed(&scenario, &sim, site);
        assert!(
            first >= earliest,
            "{site}: chips installed {first} < {earliest}"
        );
        assert!(
            first >= opening,
            "{site}: chips installed {first} before it opens {opening}"
        );
    }
    // Samsung's chips before Gumi: only in the existing halls or the colocation at Paju.
    let samsung = scenario
        .recipients
        .iter()
        .position(|r| r.name == "Samsung")
        .unwrap();
    let gumi = month("2029-03");
    for (s, site) in scenario.sites.iter().enumerate() {
        if site
            .recipients
            .as_ref()
            .is_some_and(|r| r.contains(&samsung))
            && site.name != "Samsung SDS existing halls"
        {
            let used = series(&sim, &sim.site_it_kw, s);
            for (t, &kw) in used.iter().enumerate() {
                assert!(
                    kw == 0.0 || scenario.month(t) >= gumi,
                    "{} at {t}",
                    site.name
                );
            }
        }
    }
}

/// The government's 50,000 as the ministry counts its path: batch 1 (13,136), batch 2 (9,704),
/// KISTI No. 6's 8,500 GH200, and 18,660 GB300 through the Center.
#[test]
fn the_government_counts_as_the_ministry_does() {
    let (scenario, _) = load("korea-260k");
    let government: Vec<(String, u64)> = scenario
        .allocations
        .iter()
        .filter(|a| scenario.recipients[a.recipient].name == "Government")
        .map(|a| (scenario.chips[a.chip].name.clone(), a.count))
        .collect();
    let expect = [
        ("B200", 10_080),
        ("H200", 3_056),
        ("B300", 9_704),
        ("GH200", 8_500),
        ("GB300", 18_660),
    ];
    assert_eq!(government, expect.map(|(c, n)| (c.to_string(), n)).to_vec());
    assert_eq!(expect.iter().map(|e| e.1).sum::<u64>(), 50_000);
}

/// Deliveries in one month, all allocations together.
fn delivered_in(scenario: &Scenario, sim: &Simulation, t: usize) -> u64 {
    (0..scenario.allocations.len())
        .map(|a| {
            let now = sim.delivered[sim.at(a, t)];
            let before = if t == 0 {
                0
            } else {
                sim.delivered[sim.at(a, t - 1)]
            };
            now - before
        })
        .sum()
}

/// Each what-if does what its name says on the new base: fast-power's capital-area steps come
/// no later and some earlier; grid-delay's come 9 months late; supply-slip delivers at most
/// 4,000 a month from 2026 and fewer than the base by 2029-12; no-capital-grid has no
/// capital-area capacity above the base's first step (25 MW) before 2030 and the base's steps
/// from then on. Each differs from the base in what it changes only.
#[test]
fn the_what_ifs_say_what_their_names_say() {
    let (base, base_sim) = load("korea-260k");
    let capital = |s: &Scenario| {
        s.regions
            .iter()
            .find(|r| r.name == "Capital area")
            .unwrap()
            .clone()
    };
    let steps = |s: &Scenario| -> Vec<(YearMonth, f64)> {
        capital(s)
            .grid_mw
            .unwrap()
            .iter()
            .map(|st| (st.from, st.value.0))
            .collect()
    };

    let (fast, _) = load("korea-260k-fast-power");
    let (b, f) = (steps(&base), steps(&fast));
    assert_eq!(b.len(), f.len());
    assert!(b.iter().zip(&f).all(|(b, f)| f.0 <= b.0 && f.1 >= b.1));
    assert!(b.iter().zip(&f).any(|(b, f)| f.0 < b.0));

    let (late, _) = load("korea-260k-grid-delay");
    assert_eq!(capital(&late).delay_months, 9);
    assert_eq!(steps(&late), steps(&base));

    let (slip, slip_sim) = load("korea-260k-supply-slip");
    let from = slip.index_of(month("2026-01")) as usize;
    for t in from..slip_sim.months {
        let n = delivered_in(&slip, &slip_sim, t);
        assert!(n <= 4_000, "{}: {n} delivered", slip.month(t));
    }
    let by = base.index_of(month("2029-12")) as usize;
    let total =
        |s: &Scenario, sim: &Simulation| -> u64 { (0..=by).map(|t| delivered_in(s, sim, t)).sum() };
    assert!(total(&slip, &slip_sim) < total(&base, &base_sim));

    let (refused, _) = load("korea-260k-no-capital-grid");
    let r = steps(&refused);
    let first = b[0].1;
    assert!(
        r.iter()
            .filter(|s| s.0 < month("2030-01"))
            .all(|s| s.1 <= first)
    );
    let from_2030 = |v: &[(YearMonth, f64)]| -> Vec<(YearMonth, f64)> {
        v.iter()
            .copied()
            .filter(|s| s.0 >= month("2030-01"))
            .collect()
    };
    assert_eq!(from_2030(&r), from_2030(&b));
    assert_eq!(refused.sites, base.sites);
    assert_eq!(refused.allocations, base.allocations);
}

/// The uncertain case's approval of new capital-area supply follows KEPCO's refusal shares: the
/// third step comes on time (2030-01) with probability 76/210, the share of capital-area
/// applications not ruled "supply impossible" (134 of 210), and later otherwise.
#[test]
fn capital_area_approval_follows_kepco_refusal_shares() {
    let checked = Checked::load(&repo("scenarios/korea-260k-uncertain.toml")).unwrap();
    let input = checked
        .uncertainty
        .inputs
        .iter()
        .find(|i| i.key == "region \"Capital area\".grid[2].from")
        .expect("the third step's month is uncertain");
    // Month m covers [m, m + 1) on the month axis.
    let on_time = f64::from(month("2030-01").index()) + 0.999;
    assert!((input.dist.cdf(on_time) - 76.0 / 210.0).abs() < 1e-12);
    assert_eq!(
        input.dist.cdf(f64::from(month("2032-01").index()) + 0.999),
        1.0
    );
}

/// Gwangju: the plan as stated meets its July 2023 target and agrees with what was observed
/// (everything online in October 2023). With the outside view, and without conditioning on that
/// outcome, the target is achieved in 2023-06 + d for a slip d of −1 or more (the chips arrive
/// by April, so an earlier hall gains at most one month): by 2023-10 when the draw rounds to 4
/// or less, i.e. is below 4.5. The national class's 22 sorted slips (−9, −4, −2, −1, 3, 4, 4, 5,
/// …) put 4.5 half-way from the seventh (4, position 6) to the eighth (5): F(4.5) = 6.5/21; by
/// 2023-09, F(3.5) = 4.5/21 (half-way from 3 to 4). So October 2023 lies between the 21st and
/// 31st percentiles — inside P10–P90. Checked in 10,000 samples under three seeds, each share
/// within 4 standard errors.
#[test]
fn gwangju_plan_and_outside_view() {
    let plan = Checked::load(&repo("scenarios/gwangju-ai-dc.toml")).unwrap();
    let outcome = Outcome::of(plan.scenario.clone());
    assert!(outcome.report.targets[0].met);
    assert!(outcome.report.observed.iter().all(|o| o.within_tolerance));

    let view = Checked::load(&repo("scenarios/gwangju-ai-dc-outside-view.toml")).unwrap();
    let n = 10_000;
    let index = |m: &str| view.scenario.index_of(month(m)) as usize;
    for seed in [1, 2, 3] {
        let result = mc::run(
            &view.scenario,
            &view.uncertainty,
            Options {
                samples: n,
                seed,
                threads: 2,
                prior: true,
            },
            &AtomicU64::new(0),
        )
        .unwrap();
        let target = &result.targets[0];
        for (by, expected) in [("2023-10", 6.5 / 21.0), ("2023-09", 4.5 / 21.0)] {
            let share = target.achieved_by_month[index(by)];
            let se = (expected * (1.0 - expected) / n as f64).sqrt();
            assert!(
                (share - expected).abs() < 4.0 * se,
                "seed {seed}, by {by}: {share} against {expected} (4 SE = {})",
                4.0 * se
            );
        }
        let [p10, _, p90] = target.achieved;
        let october = index("2023-10") as f64;
        assert!(
            p10 <= october && october <= p90,
            "seed {seed}: {p10}..{p90}"
        );
    }
}
