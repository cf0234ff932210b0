//! The energy and money bands of a Monte Carlo sample (README: Energy and money), for a
//! scenario with `[economics]`: the energy of the twelve months to each month (GWh), their
//! electricity cost, and all capital spent so far — each from the sample's own draws
//! (utilisation, prices, costs) and its own run.

use super::Mc;
use super::stats::Band;
use crate::input::format::{
    CHIP_PRICE, CHIP_PRICE_USD, ECONOMICS_BUILD_COST, ECONOMICS_USD_RATE, ECONOMICS_UTILISATION,
    ELECTRICITY_PER_KWH, Numbers, SITE_BUILD_COST, number_index,
};
use crate::model::Scenario;
use crate::units::{YearMonth, thousandth};

/// The band series' names, in their order.
pub const SERIES: [&str; 3] = [
    "energy_gwh_year",
    "electricity_cost_year",
    "capex_cumulative",
];

/// Per-thread buffers, reused from sample to sample, and where the declared numbers sit (found
/// once, not in every sample).
#[derive(Debug, Clone, Default)]
pub struct Spending {
    /// Places of `utilisation`, `usd_rate`, `build_cost_per_mw` among `[economics]`'s numbers,
    /// of `price` and `price_usd` among a chip's, of `build_cost_per_mw` among a site's, and of
    /// `per_kwh` among a step's.
    at: [usize; 7],
    /// Per month: MWh drawn, electricity cost, capital spent that month.
    mwh: Vec<f64>,
    cost: Vec<f64>,
    capex: Vec<f64>,
}

impl Spending {
    /// Buffers for `months` months.
    pub fn new(months: usize) -> Spending {
        Spending {
            at: [
                number_index(&ECONOMICS_UTILISATION),
                number_index(&ECONOMICS_USD_RATE),
                number_index(&ECONOMICS_BUILD_COST),
                number_index(&CHIP_PRICE),
                number_index(&CHIP_PRICE_USD),
                number_index(&SITE_BUILD_COST),
                number_index(&ELECTRICITY_PER_KWH),
            ],
            mwh: vec![0.0; months],
            cost: vec![0.0; months],
            capex: vec![0.0; months],
        }
    }

    /// The three series for one sample of `scenario` (already patched): `online_kw[t]` the
    /// facility kW of the chips online at full draw, `delivered[a * months + t]` each
    /// allocation's chips delivered so far. Calls `put(series, t, value)`.
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
        let at = self.at;
        let number = |numbers: &Numbers, i: usize| numbers.0.get(i).copied().flatten();
        let utilisation = number(&economics.numbers, at[0]).unwrap_or(0.0);
        let usd_rate = number(&economics.numbers, at[1]);
        self.capex.fill(0.0);
        for (a, allocation) in scenario.allocations.iter().enumerate() {
            let chip = &scenario.chips[allocation.chip].numbers;
            let price = number(chip, at[3]).or_else(|| Some(number(chip, at[4])? * usd_rate?));
            if let Some(price) = price {
                let mut before = 0;
                for t in 0..months {
                    let so_far = delivered[a * months + t];
                    self.capex[t] += so_far.saturating_sub(before) as f64 * price;
                    before = so_far;
                }
            }
        }
        let default_cost = number(&economics.numbers, at[2]);
        for site in &scenario.sites {
            let Some(cost) = number(&site.numbers, at[5]).or(default_cost) else {
                continue;
            };
            for &(online, mw) in &site.phases {
                let t = scenario.index_of(online) + i64::from(site.delay_months);
                if let Ok(t) = usize::try_from(t)
                    && t < months
                {
                    self.capex[t] += mw.0 * cost;
                }
            }
        }
        let (mut year_mwh, mut year_cost, mut spent) = (0.0, 0.0, 0.0);
        // The price step in force, found walking forward with the months (steps are in date
        // order), each step's price read once.
        let mut steps = economics.electricity.iter().peekable();
        let mut price: Option<f64> = None;
        for (t, &kw) in online_kw.iter().enumerate() {
            let month = scenario.month(t);
            while let Some(step) = steps.next_if(|step| step.from <= month) {
                price = number(&step.numbers, at[6]);
            }
            let kwh = kw * utilisation * f64::from(month.days() * 24);
            self.mwh[t] = thousandth(kwh);
            self.cost[t] = price.map_or(0.0, |p| kwh * p);
            year_mwh += self.mwh[t];
            year_cost += self.cost[t];
            if t >= 12 {
                year_mwh -= self.mwh[t - 12];
                year_cost -= self.cost[t - 12];
            }
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
