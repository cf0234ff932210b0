//! `[economics]` (docs/methods.md: Energy and money): its numbers against their declared ranges, its
//! price and carbon steps in date order, and a rate for every price given in US dollars.

use super::checker::Checker;
use crate::input::format::{CHIP_PRICE, CHIP_PRICE_USD, ECONOMICS_USD_RATE, Table};
use crate::input::raw::{RawEconomics, RawPriceStep, S, declared};
use crate::model::{Chip, Economics, PriceStep};

/// The default label of every amount.
const CURRENCY: &str = "won";

/// `[economics]` checked; `chips` are the scenario's, `allocated` the ones its allocations
/// use (whose prices it converts).
pub(super) fn economics(
    c: &mut Checker,
    raw: &S<RawEconomics>,
    chips: &[Chip],
    allocated: &[usize],
) -> Economics {
    let e = raw.get_ref();
    let numbers = c.numbers(&e.numbers, Table::Economics);
    let rate_given = declared(&e.numbers, &ECONOMICS_USD_RATE).is_some();
    let in_dollars = allocated.iter().map(|&i| &chips[i]).find(|chip| {
        chip.numbers.value(&CHIP_PRICE).is_none() && chip.numbers.value(&CHIP_PRICE_USD).is_some()
    });
    if !rate_given && let Some(chip) = in_dollars {
        c.error(
            raw.span(),
            crate::lang::fill("problem.usd_rate", &[("chip", &chip.name)]),
        );
    }
    Economics {
        currency: e
            .currency
            .as_ref()
            .map_or_else(|| CURRENCY.to_string(), |c| c.value.clone()),
        numbers,
        electricity: steps(c, &e.electricity, Table::ElectricityStep),
        carbon: steps(c, &e.carbon, Table::CarbonStep),
    }
}

/// A list of steps, their months rising (each out of order is reported).
fn steps(c: &mut Checker, raw: &[S<RawPriceStep>], table: Table) -> Vec<PriceStep> {
    let months = c.steps(raw, |s| s.from.clone());
    raw.iter()
        .zip(months)
        .filter_map(|(step, from)| {
            Some(PriceStep {
                from: from?,
                numbers: c.numbers(&step.get_ref().numbers, table),
            })
        })
        .collect()
}
