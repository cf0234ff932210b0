//! Raw file → [`Scenario`]: resolves names, applies defaults and enforces every rule of the scenario format (docs/scenario-format.md: Scenario format).
//!
//! Problems are collected rather than returned at the first one, so a user fixes a file in one
//! pass. Each is reported at the value it came from. Sections are checked in dependency order:
//! horizon, chips, recipients, regions, sites, allocations, supply, targets, observations.

mod allocations;
mod checker;
mod chips;
mod economics;
pub mod limits;
mod observed;
mod targets;
mod warnings;

use std::collections::HashSet;

use super::{Chip, Recipient, Region, Scenario, Site, Step};
use crate::error::{Diagnostic, ScenarioError};
use crate::input::format::{self, Table};
use crate::input::merge::Removal;
use crate::input::raw::{
    RawCapStep, RawFile, RawGridStep, RawMeta, RawRecipient, RawRegion, RawSite, RawSupply, S,
    fixed,
};
use crate::input::source::SourceMap;
use crate::units::{Cooling, Mw, YearMonth};
use checker::{Checker, Names};

pub use crate::input::limits::{MAX_MONTHS, MAX_SHIFT_MONTHS, MAX_TOTAL_CHIPS, MAX_VALUE};
/// `server_overhead` when absent, as declared.
const DEFAULT_SERVER_OVERHEAD: f64 = format::SCENARIO_SERVER_OVERHEAD.default_value();
/// A recipient's `priority` when absent, as declared.
const DEFAULT_PRIORITY: i64 = format::RECIPIENT_PRIORITY.default_value() as i64;

/// The simulated months, first and last.
#[derive(Debug, Clone, Copy)]
struct Horizon {
    start: YearMonth,
    end: YearMonth,
}

/// What later sections resolve references against.
struct Known {
    /// `None` when `start` or `end` is invalid: checks against the horizon are then skipped
    /// rather than reported against a made-up one.
    horizon: Option<Horizon>,
    chips: Vec<Chip>,
    chip_names: Names,
    recipients: Names,
}

/// The supply cap's steps, in date order.
fn supply_cap(c: &mut Checker, supply: &S<RawSupply>) -> Vec<Step<u64>> {
    let cap = &supply.get_ref().cap;
    let froms = c.steps(cap, |s: &RawCapStep| fixed(&s.from));
    cap.iter()
        .zip(froms)
        .filter_map(|(s, from)| {
            Some(Step {
                from: from?,
                value: c.count(fixed(&s.get_ref().per_month).as_ref(), "per_month")?,
            })
        })
        .collect()
}

/// Validates a read file into a [`Scenario`], reporting `earlier` problems (syntax, merge,
/// types) together with its own. `Ok` carries the scenario's warnings.
pub fn validate(
    sources: &SourceMap,
    mut raw: RawFile,
    earlier: Vec<Diagnostic>,
    removed: &[Removal],
) -> Result<(Scenario, Vec<Diagnostic>), ScenarioError> {
    let mut c = Checker::new(sources, earlier, removed);
    let meta = raw.scenario.take().unwrap_or_default();
    if let Some(name) = &meta.name
        && let Some(problem) = crate::names::problem(&name.value, "scenario")
    {
        c.error(name.span(), problem);
    }
    let horizon = horizon(&mut c, &meta);
    limits::check(&mut c, &raw);
    if let (Some(h), Some(end)) = (&horizon, &meta.end) {
        let months = h.end.months_since(h.start) as usize + 1;
        limits::rows(&mut c, end.span(), months, &raw);
    }
    let commissioning = c.shift(
        fixed(&meta.commissioning_months).as_ref(),
        "commissioning_months",
        0,
    );
    let overhead = match fixed(&meta.server_overhead) {
        Some(v) => c.number(Some(&v), "server_overhead", 0.0, true),
        None => Some(DEFAULT_SERVER_OVERHEAD),
    };

    let chips = chips::chips(&mut c, &raw.chip);
    let recipients = recipients(&mut c, &raw.recipient);
    let regions = regions(&mut c, &raw.region);
    let known = Known {
        horizon,
        chip_names: Names::new(chips.iter().map(|chip| chip.name.clone()).collect()),
        chips,
        recipients: Names::new(recipients.iter().map(|r| r.name.clone()).collect()),
    };
    let region_names = Names::new(regions.iter().map(|r| r.name.clone()).collect());
    let sites = sites(
        &mut c,
        &raw.site,
        &known.recipients,
        &region_names,
        commissioning,
    );
    let allocations = allocations::allocations(&mut c, &raw.allocation, &known, overhead);
    let supply = raw.supply.as_ref().map(|supply| supply_cap(&mut c, supply));
    let targets = targets::targets(&mut c, &raw.target, &known, &allocations);
    let observations = observed::observations(&mut c, &raw.observed, &known);
    let allocated: Vec<usize> = allocations.iter().map(|a| a.chip).collect();
    let economics = raw
        .economics
        .as_ref()
        .map(|e| economics::economics(&mut c, e, &known.chips, &allocated));
    let (start, months) = match horizon {
        Some(Horizon { start, end }) => (start, end.months_since(start) as usize + 1),
        // Only reached with problems reported: the scenario is rejected below.
        None => (YearMonth::JANUARY_2026, 1),
    };
    let mut scenario = Scenario {
        name: meta.name.map(|n| n.value).unwrap_or_default(),
        description: meta.description.map(|d| d.value),
        start,
        months,
        commissioning_months: commissioning,
        server_overhead: overhead.unwrap_or(DEFAULT_SERVER_OVERHEAD),
        chips: known.chips,
        recipients,
        allocations,
        supply,
        regions,
        sites,
        targets,
        observations,
        economics,
        numbers: c.numbers(&meta.numbers, Table::Scenario),
    };
    if !c.has_problems() {
        scenario.derive();
        warnings::warn(&mut c, &scenario, &raw);
    }
    // With no problems the scenario was derived before its warnings were checked.
    let warnings = c.finish()?;
    Ok((scenario, warnings))
}

/// The horizon, or `None` (reported) when `start` or `end` is missing or invalid.
fn horizon(c: &mut Checker, meta: &RawMeta) -> Option<Horizon> {
    let start = c.month(meta.start.as_ref());
    let end = c.month(meta.end.as_ref());
    let (start, end, end_span) = (start?, end?, meta.end.as_ref()?.span());
    let span = end.months_since(start) + 1;
    if span < 1 {
        let (end_text, start_text) = (end.to_string(), start.to_string());
        let message = crate::lang::fill(
            "problem.end_before",
            &[("end", &end_text), ("start", &start_text)],
        );
        c.error(end_span, message);
        None
    } else if span > MAX_MONTHS as i64 {
        c.error(
            end_span,
            crate::lang::fill(
                "problem.horizon",
                &[
                    ("span", &span.to_string()),
                    ("max", &MAX_MONTHS.to_string()),
                ],
            ),
        );
        None
    } else {
        Some(Horizon { start, end })
    }
}

fn recipients(c: &mut Checker, raw: &[S<RawRecipient>]) -> Vec<Recipient> {
    let mut seen = HashSet::new();
    raw.iter()
        .map(|r| {
            let r = r.get_ref();
            c.unique(r.name.as_ref(), "recipient", &mut seen);
            let priority = c
                .count(r.priority.as_ref(), "priority")
                .map_or(DEFAULT_PRIORITY, |p| i64::try_from(p).unwrap_or(i64::MAX));
            Recipient {
                name: name(&r.name),
                priority,
            }
        })
        .collect()
}

fn regions(c: &mut Checker, raw: &[S<RawRegion>]) -> Vec<Region> {
    let mut seen = HashSet::new();
    raw.iter()
        .map(|r| {
            let r = r.get_ref();
            c.unique(r.name.as_ref(), "region", &mut seen);
            let grid_mw = r.grid.as_ref().map(|grid| {
                let froms = c.steps(grid, |g: &RawGridStep| fixed(&g.from));
                grid.iter()
                    .zip(froms)
                    .filter_map(|(g, from)| {
                        Some(Step {
                            from: from?,
                            value: Mw(c.number(
                                fixed(&g.get_ref().mw).as_ref(),
                                "mw",
                                0.0,
                                false,
                            )?),
                        })
                    })
                    .collect()
            });
            let delay_months = c.delay(fixed(&r.delay_months).as_ref(), "delay_months");
            Region {
                name: name(&r.name),
                grid_mw,
                delay_months,
                numbers: c.numbers(&r.numbers, Table::Region),
            }
        })
        .collect()
}

fn sites(
    c: &mut Checker,
    raw: &[S<RawSite>],
    recipients: &Names,
    regions: &Names,
    commissioning: u32,
) -> Vec<Site> {
    let mut seen = HashSet::new();
    raw.iter()
        .map(|s| {
            let s = s.get_ref();
            c.unique(s.name.as_ref(), "site", &mut seen);
            let phases = s
                .phases
                .iter()
                .filter_map(|p| {
                    let p = p.get_ref();
                    let online = c.month(fixed(&p.online).as_ref());
                    let mw = c.number(fixed(&p.it_mw).as_ref(), "it_mw", 0.0, false);
                    Some((online?, Mw(mw?)))
                })
                .collect();
            Site {
                name: name(&s.name),
                region: c.resolve(s.region.as_ref(), "region", regions),
                // An empty list means "open to every recipient", like an absent one.
                recipients: c
                    .resolve_all(s.recipients.as_ref(), "recipient", recipients)
                    .filter(|r| !r.is_empty()),
                pue: c
                    .number(fixed(&s.pue).as_ref(), "pue", 1.0, false)
                    .unwrap_or(1.0),
                cooling: s.cooling.as_ref().map_or(Cooling::Air, |c| c.value),
                install_per_month: c
                    .count(fixed(&s.install_per_month).as_ref(), "install_per_month"),
                commissioning_override: fixed(&s.commissioning_months).map(|_| {
                    c.shift(
                        fixed(&s.commissioning_months).as_ref(),
                        "commissioning_months",
                        commissioning,
                    )
                }),
                // Derived with the scenario once it is valid.
                commissioning_months: commissioning,
                delay_months: c.delay(fixed(&s.delay_months).as_ref(), "delay_months"),
                phases,
                numbers: c.numbers(&s.numbers, Table::Site),
            }
        })
        .collect()
}

/// A name as given; empty where it was missing (already reported).
fn name(name: &Option<S<String>>) -> String {
    name.as_ref().map(|n| n.value.clone()).unwrap_or_default()
}
