//! Scenarios that are valid but cannot work as written: warned about on stderr (the run goes
//! on), each at the element it concerns. Checked only on a scenario with no problems, where the
//! raw elements and the model's line up one to one.

use super::checker::Checker;
use crate::input::raw::RawFile;
use crate::lang::fill;
use crate::model::{Allocation, Scenario, Site};
use crate::units::YearMonth;
use crate::units::{Kw, fit};

pub(super) fn warn(c: &mut Checker, scenario: &Scenario, raw: &RawFile) {
    let end = scenario.end();
    for (allocation, raw) in scenario.allocations.iter().zip(&raw.allocation) {
        let recipient = &scenario.recipients[allocation.recipient].name;
        let chip = &scenario.chips[allocation.chip];
        if allocation.count > 0 {
            let accepting: Vec<&Site> = scenario
                .sites
                .iter()
                .filter(|s| s.accepts(allocation.recipient, chip.cooling))
                .collect();
            if accepting.is_empty() {
                c.warn(
                    raw.span(),
                    fill(
                        "warn.no_site",
                        &[
                            ("recipient", recipient),
                            ("chip", &chip.name),
                            ("cooling", chip.cooling.as_str()),
                        ],
                    ),
                );
            } else if !accepting
                .iter()
                .any(|site| has_room(scenario, site, allocation))
            {
                let id = match accepting.len() {
                    1 => "warn.no_room_one",
                    _ => "warn.no_room_many",
                };
                let (n, end) = (accepting.len().to_string(), end.to_string());
                let values = [
                    ("recipient", recipient.as_str()),
                    ("chip", chip.name.as_str()),
                    ("n", n.as_str()),
                    ("end", end.as_str()),
                ];
                c.warn(raw.span(), fill(id, &values));
            }
        }
        let late: u64 = allocation
            .requests
            .iter()
            .filter(|&&(month, _)| month > end)
            .map(|&(_, n)| n)
            .sum();
        if late > 0
            && let Some(deliveries) = &raw.get_ref().deliveries
        {
            c.warn(
                deliveries.span(),
                fill(
                    "warn.after_end",
                    &[
                        ("n", &crate::numbers::thousands(late)),
                        ("end", &end.to_string()),
                    ],
                ),
            );
        }
    }
    unused(c, scenario, raw);
}

/// Recipients with no allocation, regions with no site, targets with no chip in scope.
fn unused(c: &mut Checker, scenario: &Scenario, raw: &RawFile) {
    for (r, (recipient, raw)) in scenario.recipients.iter().zip(&raw.recipient).enumerate() {
        if !scenario.allocations.iter().any(|a| a.recipient == r) {
            c.warn(
                name_span(raw.span(), &raw.get_ref().name),
                fill("warn.no_allocation", &[("name", &recipient.name)]),
            );
        }
    }
    for (r, (region, raw)) in scenario.regions.iter().zip(&raw.region).enumerate() {
        if !scenario.sites.iter().any(|s| s.region == Some(r)) {
            c.warn(
                name_span(raw.span(), &raw.get_ref().name),
                fill("warn.no_site_in_region", &[("name", &region.name)]),
            );
        }
    }
    for (target, raw) in scenario.targets.iter().zip(&raw.target) {
        let in_scope = scenario
            .allocations
            .iter()
            .any(|a| a.count > 0 && target.covers(a));
        if !in_scope && target.value > 0.0 {
            c.warn(raw.span(), fill("warn.no_scope", &[("name", &target.name)]));
        }
    }
}

/// Whether `site` ever has IT power, and its region grid, for one chip of `allocation` within
/// the horizon (capacity only; what other allocations take is not considered).
fn has_room(scenario: &Scenario, site: &Site, allocation: &Allocation) -> bool {
    let end = scenario.end();
    let shifted = |month: YearMonth, delay: i32| {
        i64::from(month.index()) + i64::from(delay) <= i64::from(end.index())
    };
    let it_kw: f64 = site
        .phases
        .iter()
        .filter(|&&(online, _)| shifted(online, site.delay_months))
        .map(|&(_, mw)| mw.kw().0)
        .sum();
    let grid_kw = site.region.and_then(|r| {
        let region = &scenario.regions[r];
        region.grid_mw.as_ref().map(|steps| {
            steps
                .iter()
                .filter(|step| shifted(step.from, region.delay_months))
                .map(|step| step.value.kw().0)
                .fold(0.0, f64::max)
        })
    });
    let Kw(per_chip) = allocation.it_kw;
    fit(it_kw, per_chip) > 0 && grid_kw.is_none_or(|kw| fit(kw, per_chip * site.pue) > 0)
}

/// Where to point at an element: its name, or the element when it has none.
fn name_span(
    element: std::ops::Range<usize>,
    name: &Option<crate::input::raw::S<String>>,
) -> std::ops::Range<usize> {
    name.as_ref().map_or(element, crate::input::raw::S::span)
}
