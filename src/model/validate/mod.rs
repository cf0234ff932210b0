//! Raw file → [`Scenario`]: resolves names, applies defaults and enforces every rule of SPEC §2.
//!
//! Problems are collected rather than returned at the first one, so a user fixes a file in one
//! pass. Each is reported at the value it came from. Sections are checked in dependency order:
//! horizon, chips, recipients, regions, sites, allocations, supply, targets.

mod allocations;
mod checker;
mod chips;
mod targets;

use super::{Chip, Recipient, Region, Scenario, Site, Step};
use crate::error::ScenarioError;
use crate::input::raw::*;
use crate::input::source::SourceMap;
use crate::units::YearMonth;
use checker::Checker;

/// Longest horizon, in months.
pub const MAX_MONTHS: usize = 1200;
/// Most chips a scenario may allocate in total (keeps every count exact in f64 arithmetic).
pub const MAX_TOTAL_CHIPS: u64 = 1_000_000_000_000_000;
/// Largest power, PUE, TFLOPS or target figure accepted (1e12), far beyond any real plan.
pub const MAX_VALUE: f64 = 1e12;
/// Longest delay or commissioning time, in months.
const MAX_SHIFT_MONTHS: i64 = 12_000;
const DEFAULT_SERVER_OVERHEAD: f64 = 1.82;
const DEFAULT_PRIORITY: i64 = 100;

/// The simulated months, first and last.
#[derive(Debug, Clone, Copy)]
struct Horizon {
    start: YearMonth,
    end: YearMonth,
}

/// What later sections resolve references against.
struct Known {
    horizon: Horizon,
    chips: Vec<Chip>,
    chip_names: Vec<String>,
    recipients: Vec<String>,
}

/// Validates a parsed file into a [`Scenario`].
pub fn validate(sources: &SourceMap, raw: RawFile) -> Result<Scenario, ScenarioError> {
    let mut c = Checker::new(sources);
    let meta = raw.scenario.get_ref();
    let (start, months) = horizon(&mut c, meta);
    let commissioning = c.shift(
        meta.commissioning_months.as_ref(),
        "commissioning_months",
        0,
    );
    let overhead = meta
        .server_overhead
        .as_ref()
        .map_or(Some(DEFAULT_SERVER_OVERHEAD), |v| {
            c.number(v, "server_overhead", 0.0, true)
        });

    let chips = chips::chips(&mut c, &raw.chip);
    let recipients = recipients(&mut c, &raw.recipient);
    let regions = regions(&mut c, &raw.region);
    let known = Known {
        horizon: Horizon {
            start,
            end: start.plus(months - 1),
        },
        chip_names: chips.iter().map(|chip| chip.name.clone()).collect(),
        chips,
        recipients: recipients.iter().map(|r| r.name.clone()).collect(),
    };
    let region_names: Vec<String> = regions.iter().map(|r| r.name.clone()).collect();
    let sites = sites(
        &mut c,
        &raw.site,
        &known.recipients,
        &region_names,
        commissioning,
    );
    let allocations = allocations::allocations(&mut c, &raw.allocation, &known, overhead);
    let supply = raw.supply.as_ref().map(|supply| {
        let cap = &supply.get_ref().cap;
        let froms = c.steps(cap, |s: &RawCapStep| &s.from);
        cap.iter()
            .zip(froms)
            .filter_map(|(s, from)| {
                Some(Step {
                    from: from?,
                    value: c.count(&s.get_ref().per_month, "per_month")?,
                })
            })
            .collect()
    });
    let targets = targets::targets(&mut c, &raw.target, &known, &allocations);
    c.finish()?;

    Ok(Scenario {
        name: meta.name.get_ref().clone(),
        description: meta.description.clone(),
        start,
        months,
        chips: known.chips,
        recipients,
        allocations,
        supply,
        regions,
        sites,
        targets,
    })
}

/// `start` and the number of months; a placeholder one-month horizon when they are invalid
/// (the problem is reported, so the scenario is rejected anyway).
fn horizon(c: &mut Checker, meta: &RawMeta) -> (YearMonth, usize) {
    let start = c.month(&meta.start);
    let end = c.month(&meta.end);
    let mut months = 1;
    if let (Some(start), Some(end)) = (start, end) {
        let span = end.months_since(start) + 1;
        if span < 1 {
            c.error(
                meta.end.span(),
                format!("`end` {end} is before `start` {start}"),
            );
        } else if span > MAX_MONTHS as i64 {
            c.error(
                meta.end.span(),
                format!("the horizon is {span} months; at most {MAX_MONTHS} are allowed"),
            );
        } else {
            months = span as usize;
        }
    }
    let placeholder = YearMonth::new(2000, 1).expect("a valid constant month");
    (start.unwrap_or(placeholder), months)
}

fn recipients(c: &mut Checker, raw: &[S<RawRecipient>]) -> Vec<Recipient> {
    let mut seen = Vec::new();
    raw.iter()
        .map(|r| {
            let r = r.get_ref();
            c.unique(&r.name, "recipient", &mut seen);
            let priority = r
                .priority
                .as_ref()
                .and_then(|p| c.count(p, "priority"))
                .map_or(DEFAULT_PRIORITY, |p| p as i64);
            Recipient {
                name: r.name.get_ref().clone(),
                priority,
            }
        })
        .collect()
}

fn regions(c: &mut Checker, raw: &[S<RawRegion>]) -> Vec<Region> {
    let mut seen = Vec::new();
    raw.iter()
        .map(|r| {
            let r = r.get_ref();
            c.unique(&r.name, "region", &mut seen);
            let grid_mw = r.grid.as_ref().map(|grid| {
                let froms = c.steps(grid, |g: &RawGridStep| &g.from);
                grid.iter()
                    .zip(froms)
                    .filter_map(|(g, from)| {
                        Some(Step {
                            from: from?,
                            value: c.number(&g.get_ref().mw, "mw", 0.0, false)?,
                        })
                    })
                    .collect()
            });
            let delay_months = c.shift(r.delay_months.as_ref(), "delay_months", 0);
            Region {
                name: r.name.get_ref().clone(),
                grid_mw,
                delay_months,
            }
        })
        .collect()
}

fn sites(
    c: &mut Checker,
    raw: &[S<RawSite>],
    recipients: &[String],
    regions: &[String],
    commissioning: u32,
) -> Vec<Site> {
    let mut seen = Vec::new();
    raw.iter()
        .map(|s| {
            let s = s.get_ref();
            c.unique(&s.name, "site", &mut seen);
            let phases = s
                .phases
                .iter()
                .filter_map(|p| {
                    let p = p.get_ref();
                    let online = c.month(&p.online);
                    let mw = c.number(&p.it_mw, "it_mw", 0.0, false);
                    Some((online?, mw?))
                })
                .collect();
            Site {
                name: s.name.get_ref().clone(),
                region: s
                    .region
                    .as_ref()
                    .and_then(|r| c.resolve(r, "region", regions)),
                // An empty list means "open to every recipient", like an absent one.
                recipients: c
                    .resolve_all(s.recipients.as_ref(), "recipient", recipients)
                    .filter(|r| !r.is_empty()),
                pue: c.number(&s.pue, "pue", 1.0, false).unwrap_or(1.0),
                cooling: *s.cooling.get_ref(),
                install_per_month: s
                    .install_per_month
                    .as_ref()
                    .and_then(|n| c.count(n, "install_per_month")),
                commissioning_months: c.shift(
                    s.commissioning_months.as_ref(),
                    "commissioning_months",
                    commissioning,
                ),
                delay_months: c.shift(s.delay_months.as_ref(), "delay_months", 0),
                phases,
            }
        })
        .collect()
}
