//! The energy and money bands of a Monte Carlo sample (docs/methods.md: Energy and money), for a
//! scenario with `[economics]`: the energy of the twelve months to each month (GWh), their
//! electricity cost, and all capital spent so far — each from the sample's own draws
//! (utilisation, prices, costs) and its own run.

use super::Mc;
use super::stats::Band;
use crate::analysis::economics::{kwh, month_hours, outlays, step_in_force};
use crate::input::format::{ECONOMICS_UTILISATION, ELECTRICITY_PER_KWH};
use crate::model::Scenario;
use crate::units::{YearMonth, thousandth};

/// The band series' names, in their order.
pub const SERIES: [&str; 3] = [
    "energy_gwh_year",
    "electricity_cost_year",
    "capex_cumulative",
];

/// Per-thread buffers, reused from sample to sample, and what every sample shares: each
/// month's hours and the electricity step in force (step dates are never drawn).
#[derive(Debug, Clone, Default)]
pub struct Spending {
    /// Per month: hours in it (calendar days × 24).
    hours: Vec<f64>,
    /// Per month: the index of the electricity step in force, if any.
    step: Vec<Option<usize>>,
    /// Per step: this sample's price per kWh.
    price: Vec<f64>,
    /// Per month: capital spent that month.
    capex: Vec<f64>,
}

impl Spending {
    /// Buffers for runs of `base`'s horizon.
    pub fn new(base: &Scenario) -> Spending {
        let months = base.months;
        let steps = base
            .economics
            .as_ref()
            .map_or(&[][..], |e| &e.electricity[..]);
        Spending {
            hours: (0..months).map(|t| month_hours(base.month(t))).collect(),
            step: (0..months)
                .map(|t| step_in_force(steps, base.month(t)))
                .collect(),
            price: vec![0.0; steps.len()],
            capex: vec![0.0; months],
        }
    }

    /// The three series for one sample of `scenario` (already patched): `online_kw[t]` the
    /// facility kW of the chips online at full draw, `delivered[a * months + t]` each
    /// allocation's chips delivered so far. Calls `put(series, t, value)`. The rules are the
    /// deterministic run's ([`crate::analysis::economics`]).
    pub fn bands(
        &mut self,
        scenario: &Scenario,
        online_kw: &[f64],
        delivered: &[u64],
        mut put: impl FnMut(usize, usize, f64),
    ) {
        let Some(economics) = &scenario.economics else {
            return;
        };
        let months = online_kw.len();
        let utilisation = economics.numbers.get(&ECONOMICS_UTILISATION);
        for (price, step) in self.price.iter_mut().zip(&economics.electricity) {
            *price = step.numbers.get(&ELECTRICITY_PER_KWH);
        }
        self.capex.fill(0.0);
        outlays(
            scenario,
            months,
            |a, t| delivered[a * months + t],
            |o| self.capex[o.t] += o.amount,
        );
        let mut mwh_past = [0.0; 12];
        let mut cost_past = [0.0; 12];
        let (mut year_mwh, mut year_cost, mut spent) = (0.0, 0.0, 0.0);
        for (t, &kw) in online_kw.iter().enumerate() {
            let used = kwh(kw, utilisation, self.hours[t]);
            let mwh = thousandth(used);
            let cost = self.step[t].map_or(0.0, |s| used * self.price[s]);
            // The year to month t: add this month, drop the one twelve months before.
            year_mwh += mwh;
            year_cost += cost;
            if t >= 12 {
                year_mwh -= mwh_past[t % 12];
                year_cost -= cost_past[t % 12];
            }
            mwh_past[t % 12] = mwh;
            cost_past[t % 12] = cost;
            spent += self.capex[t];
            put(0, t, thousandth(year_mwh).max(0.0));
            put(1, t, year_cost.max(0.0));
            put(2, t, spent);
        }
    }
}

/// One energy or money band at the month it is reported: the year to the last December of the
/// horizon (with a full year before it) for energy and cost, the horizon's end for capex.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pick {
    /// The series ([`SERIES`]).
    pub series: &'static str,
    /// The month.
    pub month: YearMonth,
    /// Its band over the samples.
    pub band: Band,
}

/// The picks of `mc`, a run of `scenario`; empty without `[economics]`.
pub fn picks(scenario: &Scenario, mc: &Mc) -> Vec<Pick> {
    let months = scenario.months;
    let december = (11..months)
        .rev()
        .find(|&t| scenario.month(t).month() == 12);
    let mut out = Vec::new();
    for (k, name) in SERIES.iter().enumerate() {
        let Some(series) = mc.bands.iter().find(|s| s.name == *name) else {
            continue;
        };
        let t = if k < 2 { december } else { Some(months - 1) };
        if let Some(t) = t {
            out.push(Pick {
                series: name,
                month: scenario.month(t),
                band: series.months[t],
            });
        }
    }
    out
}
