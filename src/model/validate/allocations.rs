//! `[[allocation]]` tables: references, counts and the requested delivery schedule (docs/methods.md: Simulation rules, 1).

use crate::input::format::Table;
use crate::units::Kw;
use std::ops::Range;

use super::checker::Checker;
use super::chips::it_kw;
use super::{Horizon, Known, MAX_TOTAL_CHIPS};
use crate::input::raw::{RawAllocation, RawDeliveries, S, fixed};
use crate::model::{Allocation, Deliveries};
use crate::units::YearMonth;

/// Allocations in file order; an allocation with any problem is left out (and reported).
pub(super) fn allocations(
    c: &mut Checker,
    raw: &[S<RawAllocation>],
    known: &Known,
    overhead: Option<f64>,
) -> Vec<Allocation> {
    let mut total: u64 = 0;
    let mut pairs = std::collections::HashSet::new();
    let mut out = Vec::new();
    for spanned in raw {
        let a = spanned.get_ref();
        let recipient = c.resolve(a.recipient.as_ref(), "recipient", &known.recipients);
        let chip = c.resolve(a.chip.as_ref(), "chip", &known.chip_names);
        if let (Some(r), Some(chip_name)) = (&a.recipient, &a.chip)
            && !pairs.insert((r.value.clone(), chip_name.value.clone()))
        {
            c.error(
                chip_name.span(),
                crate::lang::fill(
                    "problem.duplicate_allocation",
                    &[("chip", &chip_name.value), ("recipient", &r.value)],
                ),
            );
        }
        let count = c.count(fixed(&a.count).as_ref(), "count");
        if let (Some(n), Some(span)) = (count, a.count.as_ref().map(S::span)) {
            let before = total;
            total = total.saturating_add(n);
            // Reported once, where the running total first passes the limit.
            if total > MAX_TOTAL_CHIPS && before <= MAX_TOTAL_CHIPS {
                c.error(
                    span,
                    crate::lang::fill(
                        "problem.too_many_chips",
                        &[("max", &MAX_TOTAL_CHIPS.to_string())],
                    ),
                );
            }
        }
        let it_kw = match (chip, &a.chip) {
            (Some(i), Some(reference)) => it_kw(c, &known.chips[i], reference, overhead),
            _ => None,
        };
        let deliveries = a
            .deliveries
            .as_ref()
            .and_then(|d| deliveries(c, d, count, known.horizon));
        if let (Some(recipient), Some(chip), Some(count), Some(it_kw), Some(deliveries)) =
            (recipient, chip, count, it_kw, deliveries)
        {
            out.push(Allocation {
                recipient,
                chip,
                count,
                deliveries,
                it_kw: Kw(it_kw),
                numbers: c.numbers(&a.numbers, Table::Allocation),
                // Derived with the scenario once it is valid.
                requests: Vec::new(),
            });
        }
    }
    out
}

/// The allocation's deliveries as written, checked: months not before `start` (when the
/// horizon is valid), a ramp of at least one month, a schedule adding up to `count`.
fn deliveries(
    c: &mut Checker,
    raw: &S<RawDeliveries>,
    count: Option<u64>,
    horizon: Option<Horizon>,
) -> Option<Deliveries> {
    let before_start = |c: &mut Checker, month: YearMonth, span: Range<usize>| {
        if let Some(Horizon { start, .. }) = horizon
            && month < start
        {
            c.error(
                span,
                crate::lang::fill(
                    "problem.deliveries_before",
                    &[("month", &month.to_string()), ("start", &start.to_string())],
                ),
            );
        }
    };
    match raw.get_ref() {
        RawDeliveries::Ramp(ramp) => {
            let first = c.month(fixed(&ramp.start).as_ref());
            let months = fixed(&ramp.months).map(|m| (m.value, m.span));
            if let Some((months, span)) = &months
                && *months < 1
            {
                c.error(
                    span.clone(),
                    crate::lang::fill(
                        "problem.at_least",
                        &[("key", "months"), ("lo", "1"), ("got", &months.to_string())],
                    ),
                );
            }
            let first = first?;
            if let Some(span) = ramp.start.as_ref().map(S::span) {
                before_start(c, first, span);
            }
            let months = u64::try_from(months?.0).ok().filter(|&m| m >= 1)?;
            Some(Deliveries::Ramp {
                start: first,
                months,
            })
        }
        RawDeliveries::Schedule(list) => {
            let mut sum: u128 = 0;
            let mut out = Vec::with_capacity(list.len());
            for entry in list {
                let entry = entry.get_ref();
                let month = c.month(fixed(&entry.month).as_ref());
                let n = c.count(entry.count.as_ref(), "count");
                if let (Some(month), Some(span)) = (month, entry.month.as_ref().map(S::span)) {
                    before_start(c, month, span);
                }
                if let (Some(month), Some(n)) = (month, n) {
                    sum += u128::from(n);
                    out.push((month, n));
                }
            }
            if let Some(count) = count
                && out.len() == list.len()
                && sum != u128::from(count)
            {
                c.error(
                    raw.span(),
                    crate::lang::fill(
                        "problem.deliveries_sum",
                        &[("sum", &sum.to_string()), ("count", &count.to_string())],
                    ),
                );
            }
            Some(Deliveries::Schedule(out))
        }
    }
}
