//! Limits that keep a run's memory and time bounded, each reported at the element that
//! passes it rather than found out by the system killing the process. They are far above any
//! national programme (Korea's scenario has 8 sites and 8 allocations) and stated in the
//! reliability guide (docs/reliability.md: Limits and safety).

use super::checker::Checker;
use crate::input::raw::{RawDeliveries, RawFile, S};
use crate::numbers;

/// The most elements of one kind (sites, allocations, regions, recipients, chips, targets,
/// observations, factors).
pub const MAX_ELEMENTS: usize = 100_000;

/// The most entries of one kind of list, over the whole scenario: site phases, delivery
/// schedule entries, grid steps.
pub const MAX_ENTRIES: usize = 100_000;

/// The most rows one output table may have (months × allocations in `timeline.csv`, months ×
/// sites in `sites.csv`).
pub const MAX_ROWS: usize = 10_000_000;

/// Reports every kind of element or list entry past its limit, at the first one past it.
pub(super) fn check(c: &mut Checker, raw: &RawFile) {
    elements(c, &raw.chip, "[[chip]]");
    elements(c, &raw.recipient, "[[recipient]]");
    elements(c, &raw.allocation, "[[allocation]]");
    elements(c, &raw.region, "[[region]]");
    elements(c, &raw.site, "[[site]]");
    elements(c, &raw.target, "[[target]]");
    elements(c, &raw.factor, "[[factor]]");
    elements(c, &raw.observed, "[[observed]]");
    entries(
        c,
        raw.site.iter().flat_map(|s| &s.value.phases),
        "site phases",
    );
    let schedules = raw
        .allocation
        .iter()
        .flat_map(|a| match &a.value.deliveries {
            Some(S {
                value: RawDeliveries::Schedule(list),
                ..
            }) => list.as_slice(),
            _ => &[],
        });
    entries(c, schedules, "delivery schedule entries");
    let grids = raw
        .region
        .iter()
        .flat_map(|r| r.value.grid.as_deref().unwrap_or_default());
    entries(c, grids, "grid steps");
}

fn elements<T>(c: &mut Checker, list: &[S<T>], kind: &str) {
    if let Some(first) = list.get(MAX_ELEMENTS) {
        c.error(
            first.span(),
            format!(
                "the scenario has {} {kind} elements; at most {} are allowed",
                thousands(list.len()),
                thousands(MAX_ELEMENTS)
            ),
        );
    }
}

fn entries<'a, T: 'a>(c: &mut Checker, list: impl Iterator<Item = &'a S<T>>, kind: &str) {
    let mut count = 0;
    let mut first_past = None;
    for entry in list {
        count += 1;
        if count == MAX_ENTRIES + 1 {
            first_past = Some(entry.span());
        }
    }
    if let Some(span) = first_past {
        c.error(
            span,
            format!(
                "the scenario has {} {kind}; at most {} are allowed",
                thousands(count),
                thousands(MAX_ENTRIES)
            ),
        );
    }
}

/// Reports an output table that would pass [`MAX_ROWS`] over `months`, at `end`.
pub(super) fn rows(c: &mut Checker, end: std::ops::Range<usize>, months: usize, raw: &RawFile) {
    for (per_month, what, file) in [
        (raw.allocation.len(), "allocations", "timeline.csv"),
        (raw.site.len(), "sites", "sites.csv"),
    ] {
        let rows = months.saturating_mul(per_month);
        if rows > MAX_ROWS {
            c.error(
                end.clone(),
                format!(
                    "{months} months × {per_month} {what} would make {file} {} rows; at most {} \
                     are allowed — shorten the horizon",
                    thousands(rows),
                    thousands(MAX_ROWS)
                ),
            );
        }
    }
}

fn thousands(n: usize) -> String {
    numbers::thousands(n as u64)
}
