//! Small scenarios whose month-by-month results were worked out by hand (the working is in the
//! comments), together covering every simulation rule.

mod common;

use approx::assert_relative_eq;
use common::{allocation, run, series, site_series};
use gpuplan::analysis::Outcome;

/// Six months from 2026-01 with no commissioning lag unless a case sets one.
fn header(commissioning: u32) -> String {
    format!(
        "[scenario]\nname = \"hand\"\nstart = \"2026-01\"\nend = \"2026-06\"\ncommissioning_months = {commissioning}\n"
    )
}

const BIG_AIR_SITE: &str = "[[site]]\nname = \"S\"\npue = 1.0\ncooling = \"air\"\nphases = [{ online = \"2026-01\", it_mw = 100 }]\n";

/// §3.1 ramp: 10 chips over 4 months = 3, 3, 2, 2. §3.2.4: one month of commissioning.
#[test]
fn ramp_spreads_the_remainder_over_the_first_months() {
    let text = format!(
        "{}[[recipient]]\nname = \"R\"\n[[allocation]]\nrecipient = \"R\"\nchip = \"B200\"\ncount = 10\ndeliveries = {{ start = \"2026-02\", months = 4 }}\n{BIG_AIR_SITE}",
        header(1)
    );
    let (scenario, sim) = run(&text);
    let a = allocation(&scenario, "R", "B200");
    assert_eq!(series(&sim, &sim.requested, a), [0, 3, 6, 8, 10, 10]);
    assert_eq!(series(&sim, &sim.delivered, a), [0, 3, 6, 8, 10, 10]);
    assert_eq!(series(&sim, &sim.waiting, a), [0; 6]);
    assert_eq!(series(&sim, &sim.installing, a), [0, 3, 3, 2, 2, 0]);
    assert_eq!(series(&sim, &sim.online, a), [0, 0, 3, 6, 8, 10]);
    // Milestones: 5 of 10 first online in April (6), 9 of 10 and all in June.
    let report = Outcome::of(scenario.clone()).report;
    let r = &report.recipients[0];
    let months =
        [r.online_50pct, r.online_90pct, r.online_100pct].map(|m| m.map(|m| m.to_string()));
    assert_eq!(
        months,
        [
            Some("2026-04".into()),
            Some("2026-06".into()),
            Some("2026-06".into())
        ]
    );
}

/// §3.1 explicit list: entries on one month add up; requests after `end` never arrive.
/// §3.2.4 with L = 0: online in the month installed.
#[test]
fn explicit_schedule_adds_same_month_entries_and_drops_months_after_the_end() {
    let text = format!(
        "{}[[recipient]]\nname = \"R\"\n[[allocation]]\nrecipient = \"R\"\nchip = \"B200\"\ncount = 7\n\
         deliveries = [{{ month = \"2026-03\", count = 2 }}, {{ month = \"2026-03\", count = 1 }}, \
         {{ month = \"2026-01\", count = 1 }}, {{ month = \"2026-12\", count = 3 }}]\n{BIG_AIR_SITE}",
        header(0)
    );
    let (scenario, sim) = run(&text);
    let a = allocation(&scenario, "R", "B200");
    assert_eq!(series(&sim, &sim.requested, a), [1, 1, 4, 4, 4, 4]);
    assert_eq!(series(&sim, &sim.online, a), [1, 1, 4, 4, 4, 4]);
    assert_eq!(series(&sim, &sim.installing, a), [0; 6]);
}

/// §3.2.1 supply cap: 0 before the first step; shared in service order (priority, then file
/// order); the rest stays in backorder.
/// Jan cap 0: backorders A 10, B 4, C 5. Feb cap 6: B takes 4, A 2. Mar cap 6: A 6.
/// Apr cap 20: A 2, C 5.
#[test]
fn supply_cap_is_shared_in_service_order_and_backorders_carry() {
    let text = format!(
        "{}[[recipient]]\nname = \"A\"\npriority = 2\n[[recipient]]\nname = \"B\"\npriority = 1\n[[recipient]]\nname = \"C\"\npriority = 2\n\
         [[allocation]]\nrecipient = \"A\"\nchip = \"B200\"\ncount = 10\ndeliveries = [{{ month = \"2026-01\", count = 10 }}]\n\
         [[allocation]]\nrecipient = \"B\"\nchip = \"B200\"\ncount = 4\ndeliveries = [{{ month = \"2026-01\", count = 4 }}]\n\
         [[allocation]]\nrecipient = \"C\"\nchip = \"H100\"\ncount = 5\ndeliveries = [{{ month = \"2026-01\", count = 5 }}]\n\
         [supply]\ncap = [{{ from = \"2026-02\", per_month = 6 }}, {{ from = \"2026-04\", per_month = 20 }}]\n{BIG_AIR_SITE}",
        header(0)
    );
    let (scenario, sim) = run(&text);
    let (a, b, c) = (
        allocation(&scenario, "A", "B200"),
        allocation(&scenario, "B", "B200"),
        allocation(&scenario, "C", "H100"),
    );
    assert_eq!(series(&sim, &sim.delivered, a), [0, 2, 8, 10, 10, 10]);
    assert_eq!(series(&sim, &sim.delivered, b), [0, 4, 4, 4, 4, 4]);
    assert_eq!(series(&sim, &sim.delivered, c), [0, 0, 0, 5, 5, 5]);
    assert_eq!(series(&sim, &sim.backorder, a), [10, 8, 2, 0, 0, 0]);
    assert_eq!(series(&sim, &sim.requested, c), [5; 6]);
}

/// §3.2.2 phases with `delay_months`, §3.2.3 the IT fit and install slots, sites in file order.
/// Chip X needs 100 kW. S1: 250 kW from Feb (Jan + 1 delay), 550 kW from Apr, 2 installs a month.
/// S2: 1,000 kW from Feb, no slot limit. 50 chips arrive in Jan.
/// Jan: nothing built. Feb: S1 fit 2 (250/100), slots 2 -> 2; S2 fit 10 -> 10; 38 wait.
/// Mar: S1 has 50 kW free -> 0. Apr: S1 free 350 -> 3, slots 2 -> 2. May: S1 free 150 -> 1.
#[test]
fn phases_delays_fit_and_install_slots() {
    let text = format!(
        "{}[[chip]]\nname = \"X\"\nit_kw = 100\ncooling = \"air\"\n[[recipient]]\nname = \"R\"\n\
         [[allocation]]\nrecipient = \"R\"\nchip = \"X\"\ncount = 50\ndeliveries = [{{ month = \"2026-01\", count = 50 }}]\n\
         [[site]]\nname = \"S1\"\npue = 1.0\ncooling = \"air\"\ninstall_per_month = 2\ndelay_months = 1\n\
         phases = [{{ online = \"2026-01\", it_mw = 0.25 }}, {{ online = \"2026-03\", it_mw = 0.3 }}]\n\
         [[site]]\nname = \"S2\"\npue = 1.0\ncooling = \"air\"\nphases = [{{ online = \"2026-02\", it_mw = 1.0 }}]\n",
        header(0)
    );
    let (scenario, sim) = run(&text);
    let a = allocation(&scenario, "R", "X");
    assert_eq!(series(&sim, &sim.waiting, a), [50, 38, 38, 36, 35, 35]);
    assert_eq!(series(&sim, &sim.online, a), [0, 12, 12, 14, 15, 15]);
    let capacity = site_series(&scenario, &sim, &sim.site_capacity_it_kw, "S1");
    assert_eq!(capacity, [0.0, 250.0, 250.0, 550.0, 550.0, 550.0]);
    let used = site_series(&scenario, &sim, &sim.site_it_kw, "S1");
    assert_eq!(used, [0.0, 200.0, 200.0, 400.0, 500.0, 500.0]);
    let report = Outcome::of(scenario.clone()).report;
    assert_eq!(
        report.recipients[0].chip_months_waiting,
        50 + 38 + 38 + 36 + 35 + 35
    );
    assert_eq!(
        report.recipients[0].online_50pct, None,
        "15 of 50 is never half"
    );
}

/// §3.2.2-3 grid: facility kW (IT x PUE) summed over a region's sites; a site without a region is
/// never grid-limited; a grid step's delay; a step down removes nothing.
/// Chip X needs 100 kW IT; 20 arrive in Jan.
/// Jan: A (G, PUE 1.25) fits 500/125 = 4 -> G full. B (G) 0. C (no region, 0.2 MW, PUE 1.5) 2.
/// D (H, grid from Jan + 2 months) 0. Mar: G steps down to 300 kW (500 stays); H opens: D 10.
#[test]
fn grid_limits_regions_by_facility_power() {
    let text = format!(
        "{}[[chip]]\nname = \"X\"\nit_kw = 100\ncooling = \"air\"\n[[recipient]]\nname = \"R\"\n\
         [[allocation]]\nrecipient = \"R\"\nchip = \"X\"\ncount = 20\ndeliveries = [{{ month = \"2026-01\", count = 20 }}]\n\
         [[region]]\nname = \"G\"\ngrid = [{{ from = \"2026-01\", mw = 0.5 }}, {{ from = \"2026-03\", mw = 0.3 }}]\n\
         [[region]]\nname = \"H\"\ndelay_months = 2\ngrid = [{{ from = \"2026-01\", mw = 1.0 }}]\n\
         [[site]]\nname = \"A\"\nregion = \"G\"\npue = 1.25\ncooling = \"air\"\nphases = [{{ online = \"2026-01\", it_mw = 10 }}]\n\
         [[site]]\nname = \"B\"\nregion = \"G\"\npue = 1.0\ncooling = \"air\"\nphases = [{{ online = \"2026-01\", it_mw = 10 }}]\n\
         [[site]]\nname = \"C\"\npue = 1.5\ncooling = \"air\"\nphases = [{{ online = \"2026-01\", it_mw = 0.2 }}]\n\
         [[site]]\nname = \"D\"\nregion = \"H\"\npue = 1.0\ncooling = \"air\"\nphases = [{{ online = \"2026-01\", it_mw = 10 }}]\n",
        header(0)
    );
    let (scenario, sim) = run(&text);
    let a = allocation(&scenario, "R", "X");
    assert_eq!(series(&sim, &sim.online, a), [6, 6, 16, 16, 16, 16]);
    assert_eq!(series(&sim, &sim.waiting, a), [14, 14, 4, 4, 4, 4]);
    assert_eq!(
        series(&sim, &sim.region_grid_kw, 0),
        [500.0, 500.0, 300.0, 300.0, 300.0, 300.0]
    );
    assert_eq!(series(&sim, &sim.region_facility_kw, 0), [500.0; 6]);
    assert_eq!(
        series(&sim, &sim.region_grid_kw, 1),
        [0.0, 0.0, 1000.0, 1000.0, 1000.0, 1000.0]
    );
    assert_eq!(site_series(&scenario, &sim, &sim.site_it_kw, "B"), [0.0; 6]);
    assert_eq!(
        site_series(&scenario, &sim, &sim.site_facility_kw, "C"),
        [300.0; 6]
    );
    let report = Outcome::of(scenario.clone()).report;
    assert_relative_eq!(report.peak_facility_mw.0, 1.8);
    assert_eq!(
        report.peak_facility_month.map(|m| m.to_string()).as_deref(),
        Some("2026-03")
    );
}

/// §3 fit rule: n = floor((free + 1e-6) / need). With 0.1 kW chips one a month into 0.3 kW, the
/// running sum leaves 0.09999999999999998 kW free in March: without the tolerance only 2 fit.
#[test]
fn fit_tolerance_absorbs_rounding_in_running_sums() {
    let text = format!(
        "{}[[chip]]\nname = \"Tiny\"\nit_kw = 0.1\ncooling = \"air\"\n[[recipient]]\nname = \"R\"\n\
         [[allocation]]\nrecipient = \"R\"\nchip = \"Tiny\"\ncount = 5\ndeliveries = [{{ month = \"2026-01\", count = 5 }}]\n\
         [[site]]\nname = \"S\"\npue = 1.0\ncooling = \"air\"\ninstall_per_month = 1\nphases = [{{ online = \"2026-01\", it_mw = 0.0003 }}]\n",
        header(0)
    );
    let (scenario, sim) = run(&text);
    assert_eq!(
        series(&sim, &sim.online, allocation(&scenario, "R", "Tiny")),
        [1, 2, 3, 3, 3, 3]
    );
}

/// §3.2.3 eligibility: a liquid chip needs a liquid site, an air chip fits either; `recipients`
/// restricts a site. §3.2.4 a site's `commissioning_months` overrides the scenario's.
/// R1/GB200: no liquid site takes R1 -> waits. R1/B200 -> `AirHall` (L = 2): installing Jan-Feb,
/// online Mar. R2/B200 -> `LiquidHall` (scenario L = 0): online Jan.
#[test]
fn cooling_and_recipient_eligibility_and_site_commissioning() {
    let text = format!(
        "{}[[recipient]]\nname = \"R1\"\n[[recipient]]\nname = \"R2\"\n\
         [[allocation]]\nrecipient = \"R1\"\nchip = \"GB200\"\ncount = 2\ndeliveries = [{{ month = \"2026-01\", count = 2 }}]\n\
         [[allocation]]\nrecipient = \"R1\"\nchip = \"B200\"\ncount = 2\ndeliveries = [{{ month = \"2026-01\", count = 2 }}]\n\
         [[allocation]]\nrecipient = \"R2\"\nchip = \"B200\"\ncount = 3\ndeliveries = [{{ month = \"2026-01\", count = 3 }}]\n\
         [[site]]\nname = \"AirHall\"\nrecipients = [\"R1\"]\npue = 1.0\ncooling = \"air\"\ncommissioning_months = 2\nphases = [{{ online = \"2026-01\", it_mw = 10 }}]\n\
         [[site]]\nname = \"LiquidHall\"\nrecipients = [\"R2\"]\npue = 1.0\ncooling = \"liquid\"\nphases = [{{ online = \"2026-01\", it_mw = 10 }}]\n",
        header(0)
    );
    let (scenario, sim) = run(&text);
    let stuck = allocation(&scenario, "R1", "GB200");
    assert_eq!(series(&sim, &sim.waiting, stuck), [2; 6]);
    assert_eq!(series(&sim, &sim.online, stuck), [0; 6]);
    let r1 = allocation(&scenario, "R1", "B200");
    assert_eq!(series(&sim, &sim.installing, r1), [2, 2, 0, 0, 0, 0]);
    assert_eq!(series(&sim, &sim.online, r1), [0, 0, 2, 2, 2, 2]);
    let r2 = allocation(&scenario, "R2", "B200");
    assert_eq!(series(&sim, &sim.online, r2), [3; 6]);
    assert_eq!(
        site_series(&scenario, &sim, &sim.site_it_kw, "LiquidHall")[0],
        3.0 * 14.3 / 8.0
    );
}

/// §3.3 targets. R/B200 arrives one a month from Jan; R2/H100 2 in Jan; L = 0.
/// T1: R online Jan 1, Feb 2, Mar 3 -> achieved and met in March.
/// T2: bf16 x 0.5 in Feb = 2 x 1.125 + 2 x 0.4945 = 3.239 < 4 (missed); March 4.364 (achieved).
/// T3: fp8 of H100 only = 2 x 1.979 = 3.958, exactly the value: met in January.
/// T4: 100 chips never.
#[test]
fn targets_achieved_value_at_deadline_and_met() {
    let text = format!(
        "{}[[recipient]]\nname = \"R\"\n[[recipient]]\nname = \"R2\"\n\
         [[allocation]]\nrecipient = \"R\"\nchip = \"B200\"\ncount = 4\ndeliveries = {{ start = \"2026-01\", months = 4 }}\n\
         [[allocation]]\nrecipient = \"R2\"\nchip = \"H100\"\ncount = 2\ndeliveries = [{{ month = \"2026-01\", count = 2 }}]\n{BIG_AIR_SITE}\
         [[target]]\nname = \"T1\"\nmetric = \"chips_online\"\nvalue = 3\nby = \"2026-03\"\nrecipients = [\"R\"]\n\
         [[target]]\nname = \"T2\"\nmetric = \"pflops\"\nprecision = \"bf16\"\nefficiency = 0.5\nvalue = 4\nby = \"2026-02\"\n\
         [[target]]\nname = \"T3\"\nmetric = \"pflops\"\nprecision = \"fp8\"\nvalue = 3.958\nby = \"2026-01\"\nchips = [\"H100\"]\n\
         [[target]]\nname = \"T4\"\nmetric = \"chips_online\"\nvalue = 100\nby = \"2026-06\"\n",
        header(0)
    );
    let report = Outcome::of(common::scenario(&text)).report;
    let outcome = |i: usize| {
        let t = &report.targets[i];
        (
            t.achieved.map(|m| m.to_string()),
            t.value_at_deadline,
            t.met,
        )
    };
    assert_eq!(outcome(0), (Some("2026-03".into()), 3.0, true));
    let (achieved, value, met) = outcome(1);
    assert_eq!((achieved.as_deref(), met), (Some("2026-03"), false));
    assert_relative_eq!(value, 3.239, epsilon = 1e-9);
    let (achieved, value, met) = outcome(2);
    assert_eq!((achieved.as_deref(), met), (Some("2026-01"), true));
    assert_relative_eq!(value, 3.958, epsilon = 1e-9);
    assert_eq!(outcome(3), (None, 6.0, false));
}

/// `it_kw` = the chip's `it_kw`, else `tdp_w / 1000 * server_overhead`; a `[[chip]]` with a
/// built-in name replaces only the keys it gives. A100 at 500 W x 2.0 = 1 kW: 3 fit in 3.5 kW.
#[test]
fn it_power_comes_from_overrides_and_server_overhead() {
    let text = "[scenario]\nname = \"o\"\nstart = \"2026-01\"\nend = \"2026-02\"\nserver_overhead = 2.0\n\
        [[chip]]\nname = \"A100\"\ntdp_w = 500\n[[chip]]\nname = \"B200\"\nit_kw = 2.5\n\
        [[recipient]]\nname = \"R\"\n\
        [[allocation]]\nrecipient = \"R\"\nchip = \"A100\"\ncount = 5\ndeliveries = [{ month = \"2026-01\", count = 5 }]\n\
        [[allocation]]\nrecipient = \"R\"\nchip = \"B200\"\ncount = 1\ndeliveries = [{ month = \"2026-02\", count = 1 }]\n\
        [[allocation]]\nrecipient = \"R\"\nchip = \"H100\"\ncount = 1\ndeliveries = [{ month = \"2026-02\", count = 1 }]\n\
        [[site]]\nname = \"S\"\npue = 1.0\ncooling = \"air\"\nphases = [{ online = \"2026-01\", it_mw = 0.0035 }]\n";
    let (scenario, sim) = run(text);
    let it_kw: Vec<f64> = scenario.allocations.iter().map(|a| a.it_kw.0).collect();
    assert_eq!(it_kw, [1.0, 2.5, 10.2 / 8.0]);
    let b200 = &scenario.chips[scenario.allocations[1].chip];
    assert_eq!(
        b200.tflops.get(gpuplan::units::Precision::Bf16),
        Some(2250.0),
        "tflops kept from the catalog"
    );
    assert_eq!(
        series(&sim, &sim.online, allocation(&scenario, "R", "A100")),
        [3, 3]
    );
    // February: 0.5 kW left; neither the 2.5 kW B200 nor the 1.275 kW H100 fits.
    assert_eq!(
        series(&sim, &sim.waiting, allocation(&scenario, "R", "B200")),
        [0, 1]
    );
    assert_eq!(
        series(&sim, &sim.waiting, allocation(&scenario, "R", "H100")),
        [0, 1]
    );
}
