//! Property tests over generated scenarios: the invariants every run must keep (docs/methods.md: Simulation rules), and
//! that no input — however malformed or extreme — makes the tool panic.

mod common;

use std::fmt::Write;
use std::path::Path;

use gpuplan::analysis::bound::bounds;
use gpuplan::analysis::variation::Variation;
use gpuplan::analysis::{Outcome, Relaxation, evaluate};
use gpuplan::export;
use gpuplan::input::format::Numbers;
use gpuplan::model::{Scenario, Target};
use gpuplan::sim::{Binding, Simulation, simulate};
use gpuplan::units::{Metric, Precision};
use proptest::prelude::*;

/// Slack for comparing power sums: the fit tolerance plus float rounding on large sums.
fn slack(capacity: f64) -> f64 {
    1e-6 + capacity.abs() * 1e-12
}

#[derive(Debug, Clone)]
struct Alloc {
    chip: usize,
    count: u64,
    ramp: Option<(usize, u64)>,
    schedule: Vec<(usize, u64)>,
}

#[derive(Debug, Clone)]
struct SiteSpec {
    region: Option<usize>,
    recipients: Vec<usize>,
    pue: f64,
    liquid: bool,
    slots: Option<u64>,
    commissioning: Option<u32>,
    delay: u32,
    phases: Vec<(i64, f64)>,
}

const CHIPS: [&str; 4] = ["B200", "GB200", "H100", "X"];

fn alloc(months: usize) -> impl Strategy<Value = Alloc> {
    (
        0..CHIPS.len(),
        0u64..400,
        any::<bool>(),
        0..months,
        1u64..12,
        prop::collection::vec((0..months + 3, 0u64..80), 0..4),
    )
        .prop_map(|(chip, count, ramp, start, span, schedule)| {
            if ramp {
                Alloc {
                    chip,
                    count,
                    ramp: Some((start, span)),
                    schedule: vec![],
                }
            } else {
                let count = schedule.iter().map(|e| e.1).sum();
                Alloc {
                    chip,
                    count,
                    ramp: None,
                    schedule,
                }
            }
        })
}

fn site(months: usize, regions: usize, recipients: usize) -> impl Strategy<Value = SiteSpec> {
    (
        prop::option::of(0..regions.max(1)),
        prop::collection::vec(0..recipients, 0..3),
        1.0f64..2.0,
        any::<bool>(),
        prop::option::of(0u64..60),
        prop::option::of(0u32..3),
        0u32..3,
        prop::collection::vec((-2i64..months as i64, 0.0f64..0.4), 0..3),
    )
        .prop_map(
            move |(region, recipients, pue, liquid, slots, commissioning, delay, phases)| {
                SiteSpec {
                    region: region.filter(|_| regions > 0),
                    recipients,
                    pue,
                    liquid,
                    slots,
                    commissioning,
                    delay,
                    phases,
                }
            },
        )
}

/// Month `offset` months after 2026-01 as "YYYY-MM".
fn month(offset: i64) -> String {
    let m = 2026 * 12 + offset;
    format!("{:04}-{:02}", m / 12, m % 12 + 1)
}

/// Power installed per entity never falls, and in a month it grows it stays within that month's
/// capacity (site IT capacity, region grid).
fn within_capacity(
    sim: &Simulation,
    drawn: &[f64],
    capacity: &[f64],
    entities: usize,
    what: &str,
) -> Result<(), TestCaseError> {
    for e in 0..entities {
        for t in 0..sim.months {
            let (now, limit) = (drawn[sim.at(e, t)], capacity[sim.at(e, t)]);
            let before = if t > 0 { drawn[sim.at(e, t - 1)] } else { 0.0 };
            prop_assert!(now >= before, "{what} {e} fell in month {t}");
            if now > before {
                prop_assert!(
                    now <= limit + slack(limit),
                    "{what} {e} month {t}: {now} kW over {limit} kW"
                );
            }
        }
    }
    Ok(())
}

prop_compose! {
    fn scenario_text()(months in 1usize..30)(
        months in Just(months),
        commissioning in 0u32..3,
        x_kw in 0.05f64..3.0,
        priorities in prop::collection::vec(0i64..3, 1..4),
        allocs in prop::collection::vec(alloc(months), 1..6),
        supply in prop::option::of(prop::collection::btree_map(0i64..months as i64, 0u64..300, 1..3)),
        grids in prop::collection::vec((prop::option::of(prop::collection::btree_map(-1i64..months as i64, 0.0f64..1.5, 1..3)), 0u32..3), 0..3),
        sites in (0usize..3).prop_flat_map(move |regions| prop::collection::vec(site(months, regions, 3), 0..5).prop_map(move |s| (regions, s))),
    ) -> String {
        let mut t = String::new();
        let _ = write!(t, "[scenario]\nname = \"generated\"\nstart = \"2026-01\"\nend = \"{}\"\ncommissioning_months = {commissioning}\n", month(months as i64 - 1));
        let _ = write!(t, "[[chip]]\nname = \"X\"\nit_kw = {x_kw}\ncooling = \"air\"\ntflops = {{ bf16 = 100 }}\n");
        for (r, p) in priorities.iter().enumerate() {
            let _ = write!(t, "[[recipient]]\nname = \"R{r}\"\npriority = {p}\n");
        }
        let mut used = std::collections::BTreeSet::new();
        for (i, a) in allocs.iter().enumerate() {
            let r = i % priorities.len();
            if !used.insert((r, a.chip)) {
                continue;
            }
            let deliveries = match a.ramp {
                Some((start, span)) => format!("{{ start = \"{}\", months = {span} }}", month(start as i64)),
                None => format!("[{}]", a.schedule.iter().map(|(m, c)| format!("{{ month = \"{}\", count = {c} }}", month(*m as i64))).collect::<Vec<_>>().join(", ")),
            };
            let _ = write!(t, "[[allocation]]\nrecipient = \"R{r}\"\nchip = \"{}\"\ncount = {}\ndeliveries = {deliveries}\n", CHIPS[a.chip], a.count);
        }
        if let Some(steps) = supply {
            let cap: Vec<String> = steps.iter().map(|(m, n)| format!("{{ from = \"{}\", per_month = {n} }}", month(*m))).collect();
            let _ = write!(t, "[supply]\ncap = [{}]\n", cap.join(", "));
        }
        let (regions, sites) = sites;
        for r in 0..regions {
            let _ = write!(t, "[[region]]\nname = \"G{r}\"\n");
            if let Some((grid, delay)) = grids.get(r) {
                let _ = writeln!(t, "delay_months = {delay}");
                if let Some(steps) = grid {
                    let steps: Vec<String> = steps.iter().map(|(m, mw)| format!("{{ from = \"{}\", mw = {mw} }}", month(*m))).collect();
                    let _ = writeln!(t, "grid = [{}]", steps.join(", "));
                }
            }
        }
        for (i, s) in sites.iter().enumerate() {
            let _ = write!(t, "[[site]]\nname = \"S{i}\"\npue = {}\ncooling = \"{}\"\ndelay_months = {}\n", s.pue, if s.liquid { "liquid" } else { "air" }, s.delay);
            if let Some(r) = s.region {
                let _ = writeln!(t, "region = \"G{r}\"");
            }
            let recipients: Vec<String> = s.recipients.iter().filter(|&&r| r < priorities.len()).map(|r| format!("\"R{r}\"")).collect();
            let _ = writeln!(t, "recipients = [{}]", recipients.join(", "));
            if let Some(n) = s.slots {
                let _ = writeln!(t, "install_per_month = {n}");
            }
            if let Some(l) = s.commissioning {
                let _ = writeln!(t, "commissioning_months = {l}");
            }
            let phases: Vec<String> = s.phases.iter().map(|(m, mw)| format!("{{ online = \"{}\", it_mw = {mw} }}", month(*m))).collect();
            let _ = writeln!(t, "phases = [{}]", phases.join(", "));
        }
        t
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn runs_keep_every_invariant(text in scenario_text()) {
        let scenario = Scenario::from_source(Path::new("generated.toml"), &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        let sim = simulate(&scenario);
        let months = sim.months;
        for (a, allocation) in scenario.allocations.iter().enumerate() {
            for t in 0..months {
                let i = sim.at(a, t);
                // Chips are conserved: every delivered chip is waiting, installing or online.
                prop_assert_eq!(sim.delivered[i], sim.waiting[i] + sim.installing[i] + sim.online[i]);
                prop_assert_eq!(sim.requested[i], sim.delivered[i] + sim.backorder[i]);
                prop_assert!(sim.requested[i] <= allocation.count);
                // "Why late" is judged exactly when chips are held, and `supply` only when none wait.
                let held = sim.backorder[i] > 0 || sim.waiting[i] > 0;
                prop_assert_eq!(sim.binding[i] != Binding::Clear, held);
                prop_assert_eq!(sim.binding[i] == Binding::Supply, held && sim.waiting[i] == 0);
                if t > 0 {
                    let j = sim.at(a, t - 1);
                    prop_assert!(sim.requested[i] >= sim.requested[j]);
                    prop_assert!(sim.delivered[i] >= sim.delivered[j]);
                    prop_assert!(sim.online[i] >= sim.online[j]);
                    prop_assert!(sim.installing[i] + sim.online[i] >= sim.installing[j] + sim.online[j]);
                }
            }
        }
        // The placement log adds up, per allocation and month, to the chips installed so far
        // (what placements.csv sums over sites), and only at sites that accept the allocation.
        let mut placed = vec![0u64; scenario.allocations.len()];
        let mut log = sim.placements.iter().peekable();
        for t in 0..months {
            while let Some(p) = log.next_if(|p| p.t == t) {
                prop_assert!(p.chips > 0);
                let allocation = &scenario.allocations[p.allocation];
                let cooling = scenario.chips[allocation.chip].cooling;
                prop_assert!(scenario.sites[p.site].accepts(allocation.recipient, cooling));
                placed[p.allocation] += p.chips;
            }
            for (a, &chips) in placed.iter().enumerate() {
                let i = sim.at(a, t);
                prop_assert_eq!(chips, sim.installing[i] + sim.online[i], "allocation {} month {}", a, t);
            }
        }
        prop_assert!(log.next().is_none(), "the placement log is in month order");
        for t in 0..months {
            if let Some(steps) = &scenario.supply {
                let cap = steps.iter().rev().find(|s| s.from <= scenario.month(t)).map_or(0, |s| s.value);
                let delivered_now: u64 = (0..scenario.allocations.len())
                    .map(|a| sim.delivered[sim.at(a, t)] - if t > 0 { sim.delivered[sim.at(a, t - 1)] } else { 0 })
                    .sum();
                prop_assert!(delivered_now <= cap, "month {t}: {delivered_now} delivered over a cap of {cap}");
            }
            if t > 0 {
                prop_assert!(sim.facility_kw[t] >= sim.facility_kw[t - 1]);
            }
        }
        within_capacity(&sim, &sim.site_it_kw, &sim.site_capacity_it_kw, scenario.sites.len(), "site IT")?;
        within_capacity(&sim, &sim.region_facility_kw, &sim.region_grid_kw, scenario.regions.len(), "region facility")?;
        // Deterministic: a second run gives the same numbers and byte-identical files.
        let again = simulate(&scenario);
        prop_assert_eq!(&sim, &again);
        let files = export::run_files(&Outcome::of(scenario.clone()));
        let files_again = export::run_files(&Outcome::of(scenario.clone()));
        prop_assert_eq!(files, files_again);
    }

    /// SPEC §4's bound: however supply, grids, site power and install rates are relaxed — any
    /// subset of the relief relaxations, and every capacity scaled up — no target is achieved
    /// before its `earliest_possible` month, none is met that `met_possible` says cannot be, and
    /// the bound itself does not move (it rests only on what no relaxation changes).
    #[test]
    fn no_relaxation_achieves_a_target_before_its_earliest_possible_month(
        text in scenario_text(),
        picks in prop::collection::vec(any::<bool>(), 40),
        scale in prop::collection::vec(1.0f64..50.0, 4),
        shares in prop::collection::vec(0.0f64..1.0, 3),
        by in 0usize..30,
    ) {
        let mut scenario = Scenario::from_source(Path::new("generated.toml"), &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        with_targets(&mut scenario, &shares, by);
        let bounds = bounds(&scenario);
        let mut relaxed = scenario.clone();
        for (k, relaxation) in Relaxation::of(&scenario).into_iter().enumerate() {
            if picks[k % picks.len()] {
                relaxation.apply(&mut relaxed);
            }
        }
        scale_up(&mut relaxed, &scale);
        prop_assert_eq!(&gpuplan::analysis::bound::bounds(&relaxed), &bounds, "the bound moved");
        let outcomes = evaluate(&relaxed, &simulate(&relaxed));
        for (k, (outcome, bound)) in outcomes.iter().zip(&bounds).enumerate() {
            match (outcome.achieved, bound.earliest_possible) {
                (Some(achieved), Some(earliest)) => prop_assert!(achieved >= earliest, "target {k}: achieved {achieved} before {earliest}\n{text}"),
                (Some(achieved), None) => prop_assert!(false, "target {k}: achieved {achieved}, bound says never\n{text}"),
                (None, _) => {}
            }
            prop_assert!(!outcome.met || bound.met_possible, "target {k} met where the bound says it cannot be\n{text}");
        }
    }

    /// Relief skips relaxing a constraint that never limited anything in the run: the pruned
    /// relief equals relief with every relaxation simulated, on any scenario.
    #[test]
    fn pruned_relief_equals_every_relaxation_simulated(text in scenario_text()) {
        let mut scenario = Scenario::from_source(Path::new("generated.toml"), &text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        with_targets(&mut scenario, &[0.3, 0.7, 1.0], 6);
        let pruned = gpuplan::analysis::Relief::of(&scenario);
        let full = gpuplan::analysis::variation::run_each(&scenario, &pruned.relaxations);
        prop_assert_eq!(pruned.runs, full, "{}", text);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = Scenario::from_source(Path::new("noise.toml"), &text);
    }

    #[test]
    fn mangled_scenarios_never_panic(text in scenario_text(), cut in 0usize..4000, junk in "[-=\\[\\]{}\",.0-9a-z ]{0,12}") {
        let mut text = text;
        let cut = cut.min(text.len());
        if text.is_char_boundary(cut) {
            text.insert_str(cut, &junk);
        }
        if let Ok(scenario) = Scenario::from_source(Path::new("mangled.toml"), &text) {
            let _ = export::run_files(&Outcome::of(scenario));
        }
    }
}

/// Extreme but legal, or extreme and rejected: either way, no panic, and a valid scenario runs.
#[test]
fn extreme_inputs_are_handled() {
    let meta =
        |end: &str| format!("[scenario]\nname = \"x\"\nstart = \"2026-01\"\nend = \"{end}\"\n");
    let huge = format!(
        "{}[[recipient]]\nname = \"R\"\n[[allocation]]\nrecipient = \"R\"\nchip = \"B200\"\ncount = 9223372036854775807\ndeliveries = {{ start = \"2026-01\", months = 9223372036854775807 }}\n",
        meta("2125-12")
    );
    let cases = [
        (meta("2125-12") + "[[recipient]]\nname = \"R\"\n", true), // exactly 1,200 months
        (meta("2126-01"), false),                                  // 1,201 months
        (huge.clone(), false),                                     // more chips than allowed
        (
            huge.replace("9223372036854775807\ndeliveries", "1000000\ndeliveries"),
            true,
        ), // ramp far past the end
        (
            meta("2026-12")
                + "[[site]]\nname = \"S\"\npue = 1e300\ncooling = \"air\"\nphases = []\n",
            false,
        ),
        (
            meta("2026-12") + "[[site]]\nname = \"S\"\npue = inf\ncooling = \"air\"\nphases = []\n",
            false,
        ),
        (
            meta("2026-12")
                + "[[site]]\nname = \"S\"\npue = 1\ncooling = \"air\"\nphases = [{ online = \"2026-01\", it_mw = 1e12 }]\n",
            true,
        ),
        (
            meta("2026-12")
                + "[[region]]\nname = \"G\"\ngrid = []\n[[site]]\nname = \"S\"\nregion = \"G\"\nrecipients = []\npue = 1\ncooling = \"air\"\nphases = []\n",
            true,
        ),
        (
            meta("2026-12")
                + "[[recipient]]\nname = \"R\"\n[[allocation]]\nrecipient = \"R\"\nchip = \"B200\"\ncount = 0\ndeliveries = []\n",
            true,
        ),
        (
            huge.replace("9223372036854775807\ndeliveries", "1000000\ndeliveries")
                .replace("2125-12", "2026-12")
                + "[[chip]]\nname = \"B200\"\nit_kw = 1e-300\n[[site]]\nname = \"S\"\npue = 1\ncooling = \"air\"\nphases = [{ online = \"2026-01\", it_mw = 1e12 }]\n",
            true,
        ),
        (
            meta("2026-12")
                + "[[site]]\nname = \"S\"\npue = 1\ncooling = \"air\"\ndelay_months = 9223372036854775807\nphases = []\n",
            false,
        ),
        (String::new(), false),
    ];
    for (text, valid) in cases {
        match Scenario::from_source(Path::new("x.toml"), &text) {
            Ok(scenario) => {
                assert!(valid, "accepted:\n{text}");
                let _ = export::run_files(&Outcome::of(scenario));
            }
            Err(e) => assert!(!valid, "rejected:\n{text}\n{e}"),
        }
    }
}

/// Targets on every scope a generated scenario has — all chips, each recipient, each chip —
/// at `shares` of the chips in scope (at least one), and one of bf16 PFLOPS over all chips,
/// due `by` months after the start (within the horizon).
fn with_targets(scenario: &mut Scenario, shares: &[f64], by: usize) {
    type Filter = Option<Vec<usize>>;
    let by = scenario.month(by.min(scenario.months - 1));
    let scopes: Vec<(Filter, Filter)> = std::iter::once((None, None))
        .chain((0..scenario.recipients.len()).map(|r| (Some(vec![r]), None)))
        .chain((0..scenario.chips.len()).map(|c| (None, Some(vec![c]))))
        .collect();
    for (recipients, chips) in scopes {
        let mut target = Target {
            name: format!("T{}", scenario.targets.len()),
            metric: Metric::ChipsOnline,
            precision: None,
            numbers: Numbers(vec![Some(1.0)]),
            value: 0.0,
            by,
            recipients,
            chips,
        };
        let in_scope: u64 = scenario
            .allocations
            .iter()
            .filter(|a| target.covers(a))
            .map(|a| a.count)
            .sum();
        for &share in shares {
            target.value = (in_scope as f64 * share).ceil().max(1.0);
            target.name = format!("T{}", scenario.targets.len());
            scenario.targets.push(target.clone());
        }
    }
    let all: f64 = scenario
        .allocations
        .iter()
        .map(|a| {
            a.count as f64
                * scenario.chips[a.chip]
                    .tflops
                    .get(Precision::Bf16)
                    .unwrap_or(0.0)
                / 1000.0
        })
        .sum();
    if scenario
        .chips
        .iter()
        .all(|c| c.tflops.get(Precision::Bf16).is_some())
    {
        scenario.targets.push(Target {
            name: "PF".into(),
            metric: Metric::Pflops,
            precision: Some(Precision::Bf16),
            numbers: Numbers(vec![Some(0.7)]),
            value: (all * 0.7 * shares[0]).max(1e-3),
            by,
            recipients: None,
            chips: None,
        });
    }
}

/// Every capacity larger: grid steps, phases' IT power, install rates and the supply cap, each
/// by its own factor (dates untouched).
fn scale_up(scenario: &mut Scenario, factor: &[f64]) {
    for region in &mut scenario.regions {
        for step in region.grid_mw.iter_mut().flatten() {
            step.value.0 *= factor[0];
        }
    }
    for site in &mut scenario.sites {
        for phase in &mut site.phases {
            phase.1.0 *= factor[1];
        }
        if let Some(rate) = &mut site.install_per_month {
            *rate = (*rate as f64 * factor[2]).ceil() as u64;
        }
    }
    for step in scenario.supply.iter_mut().flatten() {
        step.value = (step.value as f64 * factor[3]).ceil() as u64;
    }
}
