//! `[[allocation]]` tables: references, counts and the requested delivery schedule (SPEC §3.1).

use std::ops::Range;

use super::checker::Checker;
use super::chips::it_kw;
use super::{Horizon, Known, MAX_TOTAL_CHIPS};
use crate::input::raw::{RawAllocation, RawDeliveries, S};
use crate::model::Allocation;
use crate::units::YearMonth;

/// Allocations in file order; an allocation with any problem is left out (and reported).
pub(super) fn allocations(
    c: &mut Checker,
    raw: &[S<RawAllocation>],
    known: &Known,
    overhead: Option<f64>,
) -> Vec<Allocation> {
    let mut total: u64 = 0;
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut out = Vec::new();
    for spanned in raw {
        let a = spanned.get_ref();
        let recipient = c.resolve(&a.recipient, "recipient", &known.recipients);
        let chip = c.resolve(&a.chip, "chip", &known.chip_names);
        let pair = (a.recipient.get_ref().clone(), a.chip.get_ref().clone());
        if pairs.contains(&pair) {
            c.error(a.chip.span(), format!("duplicate allocation of `{}` to `{}`: give one allocation per recipient and chip", pair.1, pair.0));
        }
        pairs.push(pair);
        let count = c.count(&a.count, "count");
        if let Some(n) = count {
            total = total.saturating_add(n);
            if total > MAX_TOTAL_CHIPS {
                c.error(
                    a.count.span(),
                    format!("the allocations add up to more than {MAX_TOTAL_CHIPS} chips"),
                );
            }
        }
        let it_kw = chip.and_then(|i| it_kw(c, &known.chips[i], &a.chip, overhead));
        let requests = requests(c, &a.deliveries, count, known.horizon);
        if let (Some(recipient), Some(chip), Some(count), Some(it_kw), Some(requests)) =
            (recipient, chip, count, it_kw, requests)
        {
            out.push(Allocation {
                recipient,
                chip,
                count,
                it_kw,
                requests,
            });
        }
    }
    out
}

/// The allocation's requested deliveries; ramps are cut at the horizon's end (later months never arrive).
fn requests(
    c: &mut Checker,
    raw: &S<RawDeliveries>,
    count: Option<u64>,
    Horizon { start, end }: Horizon,
) -> Option<Vec<(YearMonth, u64)>> {
    let before_start = |c: &mut Checker, month: YearMonth, span: Range<usize>| {
        if month < start {
            c.error(
                span,
                format!("deliveries in {month}, before the scenario `start` {start}"),
            );
        }
    };
    match raw.get_ref() {
        RawDeliveries::Ramp(ramp) => {
            let first = c.month(&ramp.start);
            let months = *ramp.months.get_ref();
            if months < 1 {
                c.error(
                    ramp.months.span(),
                    format!("`months` must be at least 1 (got {months})"),
                );
            }
            let first = first?;
            before_start(c, first, ramp.start.span());
            let (count, months) = (count?, u64::try_from(months).ok().filter(|&m| m >= 1)?);
            let (base, rem) = (count / months, count % months);
            let inside = u64::try_from(end.months_since(first) + 1)
                .unwrap_or(0)
                .min(months);
            Some(
                (0..inside)
                    .map(|i| (first.plus(i as usize), base + u64::from(i < rem)))
                    .collect(),
            )
        }
        RawDeliveries::Schedule(list) => {
            let mut sum: u128 = 0;
            let mut out = Vec::with_capacity(list.len());
            for entry in list {
                let entry = entry.get_ref();
                let month = c.month(&entry.month);
                let n = c.count(&entry.count, "count");
                if let Some(month) = month {
                    before_start(c, month, entry.month.span());
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
                    format!("the deliveries add up to {sum} but `count` is {count}"),
                );
            }
            Some(out)
        }
    }
}
