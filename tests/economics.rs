//! Energy and money against hand arithmetic (docs/methods.md: Energy and money).

mod common;

use gpuplan::analysis::Outcome;
use gpuplan::analysis::economics::{Capex, Money};

/// One recipient, 1,000 chips of 1.6 kW IT in a hall of PUE 1.25 — 2 kW of facility power a
/// chip — delivered from `deliveries`, with `economics` and `extra` appended.
fn scenario(deliveries: &str, site: &str, economics: &str) -> String {
    format!(
        "[scenario]\nname = \"e\"\nstart = \"2026-04\"\nend = \"2027-03\"\n\
         [[chip]]\nname = \"X\"\nit_kw = 1.6\ncooling = \"air\"\nprice_usd = 10\n\
         [[recipient]]\nname = \"A\"\n\
         [[allocation]]\nrecipient = \"A\"\nchip = \"X\"\ncount = 1000\ndeliveries = {deliveries}\n\
         [[site]]\nname = \"S\"\npue = 1.25\ncooling = \"air\"\n{site}\n\
         [economics]\n{economics}\n"
    )
}

const SITE: &str = "phases = [ { online = \"2026-04\", it_mw = 2 } ]";
const ECONOMICS: &str = "utilisation = 0.5\nusd_rate = 1500\nnational_twh = 500\nbuild_cost_per_mw = 1e9\n\
     electricity = [ { from = \"2026-04\", per_kwh = 100 }, { from = \"2026-10\", per_kwh = 200 } ]\n\
     carbon = [ { from = \"2026-05\", g_per_kwh = 400 } ]";

fn money(text: &str) -> Money {
    Outcome::of(common::scenario(text))
        .report
        .economics
        .unwrap()
}

/// 1,000 chips × 2 kW × 0.5 for April's 30 days (720 hours) = 720 MWh; at 100 a kWh,
/// 72,000,000; no carbon step yet in April, 400 g/kWh in May (744 h: 744 MWh, 297.6 t).
#[test]
fn a_month_of_energy_cost_and_co2() {
    let m = money(&scenario(
        "{ start = \"2026-04\", months = 1 }",
        SITE,
        ECONOMICS,
    ));
    let april = m.energy[0];
    assert_eq!(april.chips_online, 1000);
    assert!((april.facility_mw_drawn - 1.0).abs() < 1e-12);
    assert!((april.energy_mwh - 720.0).abs() < 1e-9);
    assert!((april.electricity_cost.unwrap() - 72_000_000.0).abs() < 1e-3);
    assert_eq!(april.co2_t, None, "no carbon step in force before May");
    let may = m.energy[1];
    assert!((may.energy_mwh - 744.0).abs() < 1e-9);
    assert!((may.co2_t.unwrap() - 297.6).abs() < 1e-9);
    // October's price step: 744 MWh × 200 a kWh.
    let october = m.energy[6];
    assert!((october.electricity_cost.unwrap() - 744_000.0 * 200.0).abs() < 1e-3);
}

/// 2026 holds April to December (275 days, 6,600 hours: 6.6 GWh), 2027 January to March; both
/// partial. Shares of 500 TWh: 6.6 GWh is 0.0000132.
#[test]
fn years_sum_their_months_and_are_marked_partial() {
    let m = money(&scenario(
        "{ start = \"2026-04\", months = 1 }",
        SITE,
        ECONOMICS,
    ));
    assert_eq!(m.years.len(), 2);
    let (y2026, y2027) = (&m.years[0], &m.years[1]);
    assert!((y2026.energy_gwh - 6.6).abs() < 1e-9);
    assert!((y2026.share_of_national.unwrap() - 6.6 / 500_000.0).abs() < 1e-15);
    assert!(
        (y2026.electricity_cost - (4392.0 * 1000.0 * 100.0 + 2208.0 * 1000.0 * 200.0)).abs() < 1.0
    );
    assert!(y2026.partial && y2027.partial);
    assert!(
        (y2027.energy_gwh - 2.16).abs() < 1e-9,
        "90 days × 24 h × 1 MW"
    );
}

/// Chips are paid for as delivered: a ramp of 1,000 over 4 months is 250 a month at $10 ×
/// 1,500 = 15,000 each; the hall's 2 MW × 1e9 in the month its phase comes online, after the
/// site's 2-month delay.
#[test]
fn capex_falls_in_the_delivery_and_phase_months() {
    let site = "delay_months = 2\nphases = [ { online = \"2026-05\", it_mw = 2 } ]";
    let m = money(&scenario(
        "{ start = \"2026-04\", months = 4 }",
        site,
        ECONOMICS,
    ));
    let chips: Vec<(String, f64)> = m
        .capex
        .iter()
        .filter(|row| row.kind == Capex::Chips)
        .map(|row| (row.month.to_string(), row.amount))
        .collect();
    assert_eq!(
        chips,
        [
            ("2026-04".to_string(), 3_750_000.0),
            ("2026-05".into(), 3_750_000.0),
            ("2026-06".into(), 3_750_000.0),
            ("2026-07".into(), 3_750_000.0)
        ]
    );
    let building: Vec<(String, f64)> = m
        .capex
        .iter()
        .filter(|row| row.kind == Capex::Building)
        .map(|row| (row.month.to_string(), row.amount))
        .collect();
    assert_eq!(building, [("2026-07".to_string(), 2e9)]);
    let last = m.capex.last().unwrap();
    assert!((last.cumulative - (4.0 * 3_750_000.0 + 2e9)).abs() < 1e-3);
}

/// Each rule is said at its place: a price in dollars with no rate, a utilisation out of
/// (0, 1], steps out of date order.
#[test]
fn economics_mistakes_are_located() {
    let no_rate = common::error(&scenario(
        "{ start = \"2026-04\", months = 1 }",
        SITE,
        "utilisation = 0.5",
    ));
    assert!(
        no_rate.contains("`usd_rate` is needed in [economics]: chip `X` is priced in US dollars"),
        "{no_rate}"
    );
    let high = common::error(&scenario(
        "{ start = \"2026-04\", months = 1 }",
        SITE,
        "utilisation = 1.2\nusd_rate = 1",
    ));
    assert!(
        high.contains("`utilisation` is the share of power drawn on average: greater than 0 and at most 1 (got 1.2)"),
        "{high}"
    );
    let order = common::error(&scenario(
        "{ start = \"2026-04\", months = 1 }",
        SITE,
        "utilisation = 0.5\nusd_rate = 1\nelectricity = [ { from = \"2026-10\", per_kwh = 1 }, { from = \"2026-04\", per_kwh = 2 } ]",
    ));
    assert!(
        order.contains("steps must be in date order: 2026-04 is not after 2026-10"),
        "{order}"
    );
}

/// Without `[economics]` nothing of it is computed or written.
#[test]
fn no_economics_no_figures() {
    let text = scenario(
        "{ start = \"2026-04\", months = 1 }",
        SITE,
        "utilisation = 0.5\nusd_rate = 1",
    );
    let without = text.split("[economics]").next().unwrap().to_string();
    let outcome = Outcome::of(common::scenario(&without));
    assert!(outcome.report.economics.is_none());
    let files: Vec<&str> = gpuplan::export::run_files(&outcome)
        .iter()
        .map(|(name, _)| *name)
        .collect();
    assert!(!files.contains(&"energy.csv"));
}

/// Monte Carlo's energy band against its analytic mean: with utilisation uniform on
/// [0.4, 0.6] and nothing else uncertain, the year to 2027-03 draws 1,000 chips × 2 kW × u for
/// its 8,760 hours (April 2026 to March 2027: 365 days), so its energy is 17.52 × u GWh: mean
/// 8.76 GWh, standard deviation 17.52 × 0.2 / √12 = 1.0115 GWh. The band's mean over n samples
/// must lie within 4 standard errors of 8.76, and its P10 and P90 within 4 of theirs, for three
/// seeds.
#[test]
fn uncertain_utilisation_has_the_analytic_mean_energy() {
    use gpuplan::analysis::mc::{self, Options};
    use std::sync::atomic::AtomicU64;
    let text = scenario(
        "{ start = \"2026-04\", months = 1 }",
        SITE,
        "utilisation = { min = 0.4, max = 0.6 }\nusd_rate = 1",
    );
    let checked =
        gpuplan::load::Checked::from_source(std::path::Path::new("test.toml"), &text).unwrap();
    let samples = 4000u64;
    let se = 17.52 * 0.2 / 12f64.sqrt() / (samples as f64).sqrt();
    for seed in [1, 2, 3] {
        let options = Options {
            samples,
            seed,
            threads: 2,
            prior: false,
        };
        let run = mc::run(
            &checked.scenario,
            &checked.uncertainty,
            options,
            &AtomicU64::new(0),
        )
        .unwrap();
        let band = run
            .bands
            .iter()
            .find(|s| s.name == "energy_gwh_year")
            .unwrap();
        let mean = band.months[11].mean;
        assert!(
            (mean - 8.76).abs() < 4.0 * se,
            "seed {seed}: mean {mean} against 8.76 ± {}",
            4.0 * se
        );
        // The spread too (a median alone would give the mean): P10 and P90 of 17.52 × u are
        // 17.52 × 0.42 = 7.3584 and 17.52 × 0.58 = 10.1616, each with a standard error of
        // √(0.1 × 0.9 / n) × 17.52 × 0.2 = 0.0166 GWh.
        let quantile_se = (0.09 / samples as f64).sqrt() * 17.52 * 0.2;
        let [_, p10, _, _, _, p90, _] = band.months[11].percentiles;
        assert!(
            (p10 - 7.3584).abs() < 4.0 * quantile_se,
            "seed {seed}: P10 {p10}"
        );
        assert!(
            (p90 - 10.1616).abs() < 4.0 * quantile_se,
            "seed {seed}: P90 {p90}"
        );
    }
}
