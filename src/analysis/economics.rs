//! Energy and money (docs/methods.md: Energy and money): what the chips online draw, what that costs and
//! emits, and what the chips and halls cost, month by month and year by year. Computed from a
//! run's placements, the scenario's `[economics]`, its chips' prices and its sites' build costs.
//!
//! A chip online in month t draws `it_kw × pue(site) × utilisation` kW for every hour of the
//! month (calendar days × 24); chips installing draw nothing. A chip is paid for in the month it
//! is delivered; a hall's phase in the month it comes online (its delay included), at its IT MW
//! × the site's cost per MW.

use serde::Serialize;

use crate::input::format::{
    CARBON_G_PER_KWH, CHIP_PRICE, CHIP_PRICE_USD, ECONOMICS_BUILD_COST, ECONOMICS_NATIONAL_TWH,
    ECONOMICS_USD_RATE, ECONOMICS_UTILISATION, ELECTRICITY_PER_KWH, SITE_BUILD_COST,
};
use crate::model::{Economics, PriceStep, Scenario};
use crate::sim::Simulation;
use crate::units::{YearMonth, grams_to_tonnes, kw_to_mw, thousandth};

/// Energy and money over a run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Money {
    /// The label of every amount.
    pub currency: String,
    /// The assumptions in force, for the sentence that states them.
    pub utilisation: f64,
    /// The currency units per US dollar, where given.
    pub usd_rate: Option<f64>,
    /// The country's yearly use, TWh, where given.
    pub national_twh: Option<f64>,
    /// Chips allocated with no price (neither `price` nor `price_usd` with a rate): left out
    /// of chip capex.
    pub unpriced: Vec<String>,
    /// Per month (index from `start`) and recipient (file order).
    #[serde(skip)]
    pub energy: Vec<EnergyRow>,
    /// Capital spending, by month, then chips (allocation order) before buildings (site order).
    #[serde(skip)]
    pub capex: Vec<CapexRow>,
    /// Per calendar year of the horizon.
    pub years: Vec<Year>,
}

/// One recipient's energy in one month.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EnergyRow {
    /// The month.
    pub month: YearMonth,
    /// The recipient's index.
    pub recipient: usize,
    /// Its chips online.
    pub chips_online: u64,
    /// Facility MW they draw on average (utilisation applied).
    pub facility_mw_drawn: f64,
    /// MWh over the month.
    pub energy_mwh: f64,
    /// Its cost, where a price step is in force.
    pub electricity_cost: Option<f64>,
    /// Tonnes of CO2, where a carbon step is in force.
    pub co2_t: Option<f64>,
}

/// What capital spending pays for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Capex {
    /// Chips, in the month they are delivered.
    Chips,
    /// A hall's phase, in the month it comes online.
    Building,
}

impl Capex {
    /// As the files write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Capex::Chips => "chips",
            Capex::Building => "building",
        }
    }
}

/// One capital outlay.
#[derive(Debug, Clone, PartialEq)]
pub struct CapexRow {
    /// The month.
    pub month: YearMonth,
    /// The recipient (chips) or the site (a building).
    pub subject: String,
    /// What it pays for.
    pub kind: Capex,
    /// The amount.
    pub amount: f64,
    /// Every outlay so far, this one included.
    pub cumulative: f64,
}

/// One calendar year's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Year {
    /// The year.
    pub year: i32,
    /// GWh drawn.
    pub energy_gwh: f64,
    /// Its share of the country's yearly use, where that is given.
    pub share_of_national: Option<f64>,
    /// Electricity cost (months with a price step in force).
    pub electricity_cost: f64,
    /// Kilotonnes of CO2 (months with a carbon step in force).
    pub co2_kt: f64,
    /// Chips bought.
    pub capex_chips: f64,
    /// Halls built.
    pub capex_buildings: f64,
    /// Whether the horizon holds only part of the year.
    pub partial: bool,
}

/// Energy and money of `sim`, a run of `scenario`; `None` without `[economics]`.
pub fn money(scenario: &Scenario, sim: &Simulation) -> Option<Money> {
    let economics = scenario.economics.as_ref()?;
    let utilisation = economics.numbers.get(&ECONOMICS_UTILISATION);
    let usd_rate = economics.numbers.value(&ECONOMICS_USD_RATE);
    let energy = energy(scenario, sim, economics, utilisation);
    let capex = capex(scenario, sim);
    let national_twh = economics.numbers.value(&ECONOMICS_NATIONAL_TWH);
    let years = years(scenario, &energy, &capex, national_twh);
    let unpriced = crate::names::unique_in_order(
        scenario
            .allocations
            .iter()
            .filter(|a| chip_price(scenario, a.chip, usd_rate).is_none())
            .map(|a| scenario.chips[a.chip].name.clone()),
    );
    Some(Money {
        unpriced,
        currency: economics.currency.clone(),
        utilisation,
        usd_rate,
        national_twh,
        energy,
        capex,
        years,
    })
}

/// The value of `key` in the step in force at `month`: the last whose `from` has come.
pub fn in_force(
    steps: &[PriceStep],
    month: YearMonth,
    key: &crate::input::format::Key,
) -> Option<f64> {
    step_in_force(steps, month).map(|i| steps[i].numbers.get(key))
}

/// The index of the step of `steps` (in date order) in force in `month`, if any.
pub fn step_in_force(steps: &[PriceStep], month: YearMonth) -> Option<usize> {
    steps.iter().rposition(|step| step.from <= month)
}

/// Per month and recipient: chips online and the power they draw, from the placements (a chip
/// installed at t in a site with commissioning lag L is online from t + L on).
fn energy(
    scenario: &Scenario,
    sim: &Simulation,
    economics: &Economics,
    utilisation: f64,
) -> Vec<EnergyRow> {
    let (months, recipients) = (sim.months, scenario.recipients.len());
    let mut chips = vec![0i64; (months + 1) * recipients];
    let mut kw = vec![0.0f64; (months + 1) * recipients];
    for p in &sim.placements {
        let site = &scenario.sites[p.site];
        let ready = p.t + site.commissioning_months as usize;
        if ready >= months {
            continue;
        }
        let allocation = &scenario.allocations[p.allocation];
        let at = ready * recipients + allocation.recipient;
        chips[at] += p.chips as i64;
        kw[at] += p.chips as f64 * allocation.it_kw.0 * site.pue * utilisation;
    }
    let mut rows = Vec::with_capacity(months * recipients);
    let (mut online, mut drawn) = (vec![0i64; recipients], vec![0.0f64; recipients]);
    for t in 0..months {
        let month = scenario.month(t);
        let price = in_force(&economics.electricity, month, &ELECTRICITY_PER_KWH);
        let carbon = in_force(&economics.carbon, month, &CARBON_G_PER_KWH);
        for r in 0..recipients {
            online[r] += chips[t * recipients + r];
            drawn[r] += kw[t * recipients + r];
            // Utilisation is in `drawn` already.
            let used = kwh(drawn[r], 1.0, month_hours(month));
            rows.push(EnergyRow {
                month,
                recipient: r,
                chips_online: online[r].max(0) as u64,
                facility_mw_drawn: kw_to_mw(drawn[r]),
                energy_mwh: thousandth(used),
                electricity_cost: price.map(|p| used * p),
                co2_t: carbon.map(|g| grams_to_tonnes(used * g)),
            });
        }
    }
    rows
}

/// A chip's price in the currency: `price`, else `price_usd` × `usd_rate`.
fn chip_price(scenario: &Scenario, chip: usize, usd_rate: Option<f64>) -> Option<f64> {
    let numbers = &scenario.chips[chip].numbers;
    numbers
        .value(&CHIP_PRICE)
        .or_else(|| Some(numbers.value(&CHIP_PRICE_USD)? * usd_rate?))
}

/// One capital outlay as the rules find it: chips in the month they are delivered, a hall's
/// phase in the month it comes online (its delay included).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Outlay {
    /// The month's index.
    pub t: usize,
    /// What it pays for.
    pub kind: Capex,
    /// The allocation (chips) or the site (a building) it pays for.
    pub subject: usize,
    /// The amount.
    pub amount: f64,
}

/// Every outlay of a run of `scenario` over `months` months, handed to `each`: chips first
/// (allocation by allocation, month by month), then halls (site by site, phase by phase).
/// `delivered(a, t)` is allocation `a`'s chips delivered by month `t`. Chips with no price and
/// sites with no cost are left out.
pub fn outlays(
    scenario: &Scenario,
    months: usize,
    delivered: impl Fn(usize, usize) -> u64,
    mut each: impl FnMut(Outlay),
) {
    let Some(economics) = &scenario.economics else {
        return;
    };
    let usd_rate = economics.numbers.value(&ECONOMICS_USD_RATE);
    for (a, allocation) in scenario.allocations.iter().enumerate() {
        let Some(price) = chip_price(scenario, allocation.chip, usd_rate) else {
            continue;
        };
        let mut before = 0;
        for t in 0..months {
            // `delivered` counts every chip so far: this month's are the difference.
            let so_far = delivered(a, t);
            let new = so_far.saturating_sub(before);
            before = so_far;
            if new > 0 {
                each(Outlay {
                    t,
                    kind: Capex::Chips,
                    subject: a,
                    amount: new as f64 * price,
                });
            }
        }
    }
    let default_cost = economics.numbers.value(&ECONOMICS_BUILD_COST);
    for (s, site) in scenario.sites.iter().enumerate() {
        let Some(cost) = site.numbers.value(&SITE_BUILD_COST).or(default_cost) else {
            continue;
        };
        for &(online, mw) in &site.phases {
            let t = scenario.index_of(online) + i64::from(site.delay_months);
            if let Ok(t) = usize::try_from(t)
                && t < months
                && mw.0 > 0.0
            {
                each(Outlay {
                    t,
                    kind: Capex::Building,
                    subject: s,
                    amount: mw.0 * cost,
                });
            }
        }
    }
}

/// The outlays of `sim` as rows: by month, chips before buildings, with the running total.
fn capex(scenario: &Scenario, sim: &Simulation) -> Vec<CapexRow> {
    let mut rows: Vec<Outlay> = Vec::new();
    outlays(
        scenario,
        sim.months,
        |a, t| sim.delivered[sim.at(a, t)],
        |o| rows.push(o),
    );
    // Stable: within a month and kind, file order.
    rows.sort_by_key(|o| (o.t, o.kind == Capex::Building));
    let mut total = 0.0;
    rows.into_iter()
        .map(|o| {
            total += o.amount;
            let subject = match o.kind {
                Capex::Chips => {
                    &scenario.recipients[scenario.allocations[o.subject].recipient].name
                }
                Capex::Building => &scenario.sites[o.subject].name,
            };
            CapexRow {
                month: scenario.month(o.t),
                subject: subject.clone(),
                kind: o.kind,
                amount: o.amount,
                cumulative: total,
            }
        })
        .collect()
}

/// The hours of `month`: every hour of its calendar days.
pub fn month_hours(month: YearMonth) -> f64 {
    f64::from(month.days() * 24)
}

/// The energy, kWh, that `kw` of facility power at full draw uses over `hours` at
/// `utilisation` (the one rule, for a run and for each Monte Carlo sample).
pub fn kwh(kw: f64, utilisation: f64, hours: f64) -> f64 {
    kw * utilisation * hours
}

/// The calendar years of the horizon, each the sum of its months within it.
fn years(
    scenario: &Scenario,
    energy: &[EnergyRow],
    capex: &[CapexRow],
    national_twh: Option<f64>,
) -> Vec<Year> {
    let (first, last) = (scenario.start.year(), scenario.end().year());
    (first..=last)
        .map(|year| {
            let months = energy.iter().filter(|row| row.month.year() == year);
            let mwh = total(months.clone().map(|row| row.energy_mwh));
            let outlays = capex.iter().filter(|row| row.month.year() == year);
            let spent = |kind: Capex| {
                total(
                    outlays
                        .clone()
                        .filter(|row| row.kind == kind)
                        .map(|row| row.amount),
                )
            };
            let energy_gwh = thousandth(mwh);
            Year {
                year,
                energy_gwh,
                share_of_national: national_twh.map(|twh| thousandth(energy_gwh) / twh),
                electricity_cost: total(months.clone().filter_map(|row| row.electricity_cost)),
                co2_kt: thousandth(total(months.clone().filter_map(|row| row.co2_t))),
                capex_chips: spent(Capex::Chips),
                capex_buildings: spent(Capex::Building),
                partial: (year == first && scenario.start.month() != 1)
                    || (year == last && scenario.end().month() != 12),
            }
        })
        .collect()
}

/// The sum of `values`, 0 (not -0) when there are none.
fn total(values: impl Iterator<Item = f64>) -> f64 {
    values.fold(0.0, |sum, x| sum + x)
}
