//! Every key that may hold an uncertain value, visited in file order with its path (as
//! `diff` names it), the place its value goes ([`Slot`]) and the values it allows ([`Domain`]).
//!
//! A delivery month may not fall before `start`, and a step's `from` must fall after the
//! fixed step before it and before the fixed step after it: for an uncertain month those limits
//! are part of its domain, so its draws are truncated to them rather than made invalid.

use super::dist::Domain;
use super::slot::Slot;
use crate::catalog::CATALOG;
use crate::input::format::{self, Table, Type};
use crate::input::raw::{
    Month, Num, RawAllocation, RawDeliveries, RawFile, RawRegion, RawSite, S, Whole, fixed,
};
use crate::units::{Precision, YearMonth};

/// How a key's draws are finished: kept, rounded to whole numbers, or floored to months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A number, as drawn.
    Number,
    /// A whole number: the draw rounded, halves away from zero.
    Whole,
    /// A month: the draw on the month axis, floored to its month.
    Month,
}

impl Kind {
    /// `x` as this kind of key holds it.
    pub fn finish(self, x: f64) -> f64 {
        match self {
            Kind::Number => x,
            Kind::Whole => x.round(),
            // Months on the axis are positive (1000-01 is 12,000), so truncation floors.
            Kind::Month => (x as i64) as f64,
        }
    }
}

/// A key being visited.
#[derive(Debug, Clone)]
pub struct Key {
    /// Its path, e.g. `site "LG U+ Paju".phases[0].online`.
    pub path: String,
    /// Where its value goes.
    pub slot: Slot,
    /// The values it allows, on the scale it is drawn on (months: the month axis).
    pub domain: Domain,
    /// How its draws are finished.
    pub kind: Kind,
    /// For a step's `from`: its position in the list (0 = first), so that the steps' months
    /// can be checked to rise.
    pub step: Option<usize>,
    /// Why this key cannot be uncertain here, if it cannot.
    pub fixed_only: Option<&'static str>,
}

/// What is done at each key.
pub trait Visit {
    /// A number key.
    fn num(&mut self, field: &mut Option<S<Num>>, key: Key);
    /// A whole-number key.
    fn whole(&mut self, field: &mut Option<S<Whole>>, key: Key);
    /// A month key.
    fn month(&mut self, field: &mut Option<S<Month>>, key: Key);
}

/// The month axis a month key can be drawn on: `YYYY-MM` from 1000-01 through 9999-12.
fn month_axis() -> (f64, f64) {
    let first = YearMonth::new(1000, 1).map_or(12_000.0, |m| f64::from(m.index()));
    let last = YearMonth::new(9999, 12).map_or(119_999.0, |m| f64::from(m.index()));
    (first, last + 1.0)
}

/// A domain of months `[from, until)` on the month axis.
fn months(from: f64, until: f64) -> Domain {
    Domain::closed(from, until - 1e-9)
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
}

fn name_of(name: &Option<S<String>>) -> String {
    quoted(name.as_ref().map_or("", |n| n.value.as_str()))
}

fn fixed_month(field: &Option<S<Month>>) -> Option<f64> {
    let month = fixed(field)?;
    YearMonth::parse(&month.value).map(|m| f64::from(m.index()))
}

/// The values a number key allows, as declared.
pub fn declared_domain(key: &format::Key) -> Domain {
    Domain {
        lo: key.lo,
        lo_open: key.lo_open,
        hi: key.hi,
    }
}

/// How a key's draws are finished, as declared.
pub fn declared_kind(key: &format::Key) -> Kind {
    match key.ty {
        Type::Whole => Kind::Whole,
        Type::Month => Kind::Month,
        _ => Kind::Number,
    }
}

/// A number key at `path` going to `slot`, with its declared domain and kind.
fn number_key(path: String, slot: Slot) -> Key {
    let declaration = slot.key();
    key(
        path,
        slot,
        declared_domain(declaration),
        declared_kind(declaration),
    )
}

/// Visits every key of `raw` that may be uncertain, in file order.
pub fn walk(raw: &mut RawFile, v: &mut impl Visit) {
    let axis = month_axis();
    let start = raw
        .scenario
        .as_ref()
        .and_then(|m| m.start.as_ref())
        .and_then(|s| YearMonth::parse(&s.value))
        .map_or(axis.0, |m| f64::from(m.index()));
    if let Some(meta) = raw.scenario.as_mut() {
        let at = |k: &str| format!("scenario.{k}");
        v.whole(
            &mut meta.commissioning_months,
            number_key(at("commissioning_months"), Slot::Commissioning),
        );
        v.num(
            &mut meta.server_overhead,
            number_key(at("server_overhead"), Slot::ServerOverhead),
        );
        numbers(v, &mut meta.numbers, Table::Scenario, 0, &at);
    }
    chips(raw, v);
    let after_start = months(start, axis.1);
    for (a, allocation) in raw.allocation.iter_mut().enumerate() {
        allocation_keys(v, &mut allocation.value, a, after_start);
    }
    if let Some(supply) = raw.supply.as_mut() {
        let cap = &mut supply.value.cap;
        let froms: Vec<Option<f64>> = cap.iter().map(|s| fixed_month(&s.value.from)).collect();
        for (k, step) in cap.iter_mut().enumerate() {
            let at = |key: &str| format!("supply.cap[{k}].{key}");
            let slot = (at("from"), Slot::CapFrom(k));
            step_from(v, &mut step.value.from, slot, &froms, k, axis);
            v.whole(
                &mut step.value.per_month,
                number_key(at("per_month"), Slot::CapPerMonth(k)),
            );
        }
    }
    for (r, region) in raw.region.iter_mut().enumerate() {
        region_keys(v, &mut region.value, r, axis);
    }
    for (s, site) in raw.site.iter_mut().enumerate() {
        site_keys(v, &mut site.value, s, axis);
    }
    for (t, target) in raw.target.iter_mut().enumerate() {
        let target = &mut target.value;
        let name = name_of(&target.name);
        let at = |k: &str| format!("target {name}.{k}");
        numbers(v, &mut target.numbers, Table::Target, t, &at);
    }
    if let Some(economics) = raw.economics.as_mut() {
        let economics = &mut economics.value;
        let at = |k: &str| format!("economics.{k}");
        numbers(v, &mut economics.numbers, Table::Economics, 0, &at);
        for (list, table, steps) in [
            (
                "electricity",
                Table::ElectricityStep,
                &mut economics.electricity,
            ),
            ("carbon", Table::CarbonStep, &mut economics.carbon),
        ] {
            for (k, step) in steps.iter_mut().enumerate() {
                let at = |key: &str| format!("economics.{list}[{k}].{key}");
                numbers(v, &mut step.value.numbers, table, k, &at);
            }
        }
    }
}

/// Visits the declared numbers of element `element` of `table`, whose paths `at` makes.
fn numbers(
    v: &mut impl Visit,
    values: &mut [Option<S<Num>>],
    table: Table,
    element: usize,
    at: &dyn Fn(&str) -> String,
) {
    for (declaration, value) in format::numbers_of(table).zip(values.iter_mut()) {
        let index = format::KEYS
            .iter()
            .position(|k| k.table == table && k.name == declaration.name)
            .unwrap_or(0);
        let slot = Slot::Declared(index, element);
        v.num(value, number_key(at(declaration.name), slot));
    }
}

/// The chips' keys: TDP, IT power and TFLOPS, by the chip's place among the scenario's chips
/// (the built-in catalog's first, then new ones in file order).
fn chips(raw: &mut RawFile, v: &mut impl Visit) {
    let mut chip_names: Vec<String> = CATALOG.iter().map(|c| c.name.to_string()).collect();
    for chip in &mut raw.chip {
        let chip = &mut chip.value;
        let name = chip
            .name
            .as_ref()
            .map_or(String::new(), |n| n.value.clone());
        let c = chip_names
            .iter()
            .position(|n| *n == name)
            .unwrap_or_else(|| {
                chip_names.push(name.clone());
                chip_names.len() - 1
            });
        let at = |k: &str| format!("chip {}.{k}", quoted(&name));
        v.num(&mut chip.tdp_w, number_key(at("tdp_w"), Slot::TdpW(c)));
        v.num(&mut chip.it_kw, number_key(at("it_kw"), Slot::ItKw(c)));
        if let Some(tflops) = chip.tflops.as_mut() {
            for precision in Precision::ALL {
                v.num(
                    &mut tflops.value.0[precision.index()],
                    number_key(
                        at(&format!("tflops.{}", precision.as_str())),
                        Slot::Tflops(c, precision),
                    ),
                );
            }
        }
        numbers(v, &mut chip.numbers, Table::Chip, c, &at);
    }
}

/// An allocation's keys: its count (ranged only with a ramp) and its delivery months, which
/// may not fall before `start` (`after_start`).
fn allocation_keys(
    v: &mut impl Visit,
    allocation: &mut RawAllocation,
    a: usize,
    after_start: Domain,
) {
    let pair = quoted(&format!(
        "{}/{}",
        allocation
            .recipient
            .as_ref()
            .map_or("", |r| r.value.as_str()),
        allocation.chip.as_ref().map_or("", |c| c.value.as_str())
    ));
    let at = |k: &str| format!("allocation {pair}.{k}");
    let schedule = matches!(
        allocation.deliveries.as_ref().map(|d| &d.value),
        Some(RawDeliveries::Schedule(_))
    );
    v.whole(
        &mut allocation.count,
        Key {
            fixed_only: schedule.then_some(
                "`count` can be uncertain only with a ramp: explicit deliveries must add up to it",
            ),
            ..number_key(at("count"), Slot::Count(a))
        },
    );
    match allocation.deliveries.as_mut().map(|d| &mut d.value) {
        Some(RawDeliveries::Ramp(ramp)) => {
            v.month(
                &mut ramp.start,
                key(
                    at("deliveries.start"),
                    Slot::RampStart(a),
                    after_start,
                    Kind::Month,
                ),
            );
            v.whole(
                &mut ramp.months,
                number_key(at("deliveries.months"), Slot::RampMonths(a)),
            );
        }
        Some(RawDeliveries::Schedule(list)) => {
            for (k, entry) in list.iter_mut().enumerate() {
                v.month(
                    &mut entry.value.month,
                    key(
                        at(&format!("deliveries[{k}].month")),
                        Slot::DeliveryMonth(a, k),
                        after_start,
                        Kind::Month,
                    ),
                );
            }
        }
        None => {}
    }
    numbers(v, &mut allocation.numbers, Table::Allocation, a, &at);
}

/// A region's keys: its grid steps and its delay.
fn region_keys(v: &mut impl Visit, region: &mut RawRegion, r: usize, axis: (f64, f64)) {
    let name = name_of(&region.name);
    if let Some(grid) = region.grid.as_mut() {
        let froms: Vec<Option<f64>> = grid.iter().map(|s| fixed_month(&s.value.from)).collect();
        for (k, step) in grid.iter_mut().enumerate() {
            let at = |key: &str| format!("region {name}.grid[{k}].{key}");
            let slot = (at("from"), Slot::GridFrom(r, k));
            step_from(v, &mut step.value.from, slot, &froms, k, axis);
            v.num(&mut step.value.mw, number_key(at("mw"), Slot::GridMw(r, k)));
        }
    }
    let at = |k: &str| format!("region {name}.{k}");
    v.whole(
        &mut region.delay_months,
        number_key(at("delay_months"), Slot::RegionDelay(r)),
    );
    numbers(v, &mut region.numbers, Table::Region, r, &at);
}

/// A site's keys: PUE, install rate, commissioning, delay and its phases.
fn site_keys(v: &mut impl Visit, site: &mut RawSite, s: usize, axis: (f64, f64)) {
    let name = name_of(&site.name);
    let at = |k: &str| format!("site {name}.{k}");
    v.num(&mut site.pue, number_key(at("pue"), Slot::Pue(s)));
    v.whole(
        &mut site.install_per_month,
        number_key(at("install_per_month"), Slot::InstallRate(s)),
    );
    v.whole(
        &mut site.commissioning_months,
        number_key(at("commissioning_months"), Slot::SiteCommissioning(s)),
    );
    v.whole(
        &mut site.delay_months,
        number_key(at("delay_months"), Slot::SiteDelay(s)),
    );
    for (k, phase) in site.phases.iter_mut().enumerate() {
        v.month(
            &mut phase.value.online,
            key(
                at(&format!("phases[{k}].online")),
                Slot::PhaseOnline(s, k),
                months(axis.0, axis.1),
                Kind::Month,
            ),
        );
        v.num(
            &mut phase.value.it_mw,
            number_key(at(&format!("phases[{k}].it_mw")), Slot::PhaseItMw(s, k)),
        );
    }
    numbers(v, &mut site.numbers, Table::Site, s, &at);
}

/// A key that may hold a range anywhere it is written.
fn key(path: String, slot: Slot, domain: Domain, kind: Kind) -> Key {
    Key {
        path,
        slot,
        domain,
        kind,
        step: None,
        fixed_only: None,
    }
}

/// Visits the `from` month of step `k` of a list (supply cap or grid) whose fixed months are
/// `froms`: it may fall only between its fixed neighbours.
fn step_from(
    v: &mut impl Visit,
    from: &mut Option<S<Month>>,
    (path, slot): (String, Slot),
    froms: &[Option<f64>],
    k: usize,
    axis: (f64, f64),
) {
    let domain = between(froms, k, axis);
    v.month(
        from,
        Key {
            step: Some(k),
            ..key(path, slot, domain, Kind::Month)
        },
    );
}

/// The months step `k` of a list may fall in: after the nearest fixed step before it and
/// before the nearest fixed step after it.
fn between(froms: &[Option<f64>], k: usize, (first, end): (f64, f64)) -> Domain {
    let after = froms[..k]
        .iter()
        .rev()
        .find_map(|m| *m)
        .map_or(first, |m| m + 1.0);
    let before = froms[k + 1..].iter().find_map(|m| *m).unwrap_or(end);
    months(after, before)
}
