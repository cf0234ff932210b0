//! `[[chip]]` tables over the built-in catalog, and each allocated chip's IT power.

use super::checker::Checker;
use crate::catalog::CATALOG;
use crate::input::format::{CHIP_PRICE_USD, Numbers, Table};
use crate::input::raw::{RawChip, S, fixed};
use crate::model::Chip;
use crate::units::{Cooling, Tflops};
/// The catalog with the file's `[[chip]]` tables applied: a known name overrides the keys it
/// gives, a new name adds a chip.
pub(super) fn chips(c: &mut Checker, raw: &[S<RawChip>]) -> Vec<Chip> {
    let mut chips: Vec<Chip> = CATALOG
        .iter()
        .map(|entry| Chip {
            name: entry.name.to_string(),
            tdp_w: entry.tdp_w,
            it_kw: entry.it_kw,
            cooling: entry.cooling,
            tflops: entry.tflops_table(),
            numbers: catalog_numbers(entry),
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    for spanned in raw {
        let chip = spanned.get_ref();
        c.unique(chip.name.as_ref(), "chip", &mut seen);
        let Some(name) = &chip.name else { continue };
        let tdp_w = c.number(fixed(&chip.tdp_w).as_ref(), "tdp_w", 0.0, true);
        let it_kw = c.number(fixed(&chip.it_kw).as_ref(), "it_kw", 0.0, true);
        let tflops = chip.tflops.as_ref().map(|table| {
            let mut figures = Tflops::default();
            for (precision, value) in table.get_ref().entries() {
                let value = value.and_then(S::fixed);
                figures.0[precision.index()] =
                    c.number(value.as_ref(), precision.as_str(), 0.0, false);
            }
            figures
        });
        let cooling = chip.cooling.as_ref().map(|v| *v.get_ref());
        if let Some(existing) = chips.iter_mut().find(|known| known.name == name.value) {
            if chip.tdp_w.is_some() {
                existing.tdp_w = tdp_w;
            }
            if chip.it_kw.is_some() {
                existing.it_kw = it_kw;
            }
            existing.cooling = cooling.unwrap_or(existing.cooling);
            existing.tflops = tflops.unwrap_or(existing.tflops);
            // Declared numbers the file gives override the catalog's (a price, say).
            let given = c.numbers(&chip.numbers, Table::Chip);
            for (i, value) in given.0.into_iter().enumerate() {
                if chip.numbers.get(i).is_some_and(Option::is_some) {
                    existing.numbers.0[i] = value;
                }
            }
        } else {
            if !chip.cooling_given {
                c.error(
                    spanned.span(),
                    crate::lang::fill("problem.cooling", &[("chip", &name.value)]),
                );
            }
            chips.push(Chip {
                name: name.value.clone(),
                tdp_w,
                it_kw,
                cooling: cooling.unwrap_or(Cooling::Air),
                tflops: tflops.unwrap_or_default(),
                numbers: c.numbers(&chip.numbers, Table::Chip),
            });
        }
    }
    chips
}

/// IT kW per chip: the chip's `it_kw`, else `tdp_w / 1000 * server_overhead`.
pub(super) fn it_kw(
    c: &mut Checker,
    chip: &Chip,
    reference: &S<String>,
    overhead: Option<f64>,
) -> Option<f64> {
    let derived = match (chip.it_kw, chip.tdp_w) {
        (Some(kw), _) => Some(kw),
        (None, Some(w)) => overhead.map(|o| crate::units::w_to_kw(w) * o),
        (None, None) => {
            c.error(
                reference.span(),
                format!("chip `{}` has no power figure: add a [[chip]] named `{}` with `tdp_w` or `it_kw`", chip.name, chip.name),
            );
            return None;
        }
    };
    match derived {
        Some(kw) if kw > 0.0 && kw.is_finite() => Some(kw),
        Some(kw) => {
            c.error(
                reference.span(),
                format!(
                    "chip `{}` has an IT power of {kw} kW; `it_kw` must be > 0",
                    chip.name
                ),
            );
            None
        }
        None => None,
    }
}

/// A built-in chip's declared numbers: their defaults, and its price where the catalog has one.
fn catalog_numbers(entry: &crate::catalog::CatalogChip) -> Numbers {
    let mut numbers = Numbers::defaults(Table::Chip);
    if let Some(price) = entry.price_usd {
        numbers.set(&CHIP_PRICE_USD, price);
    }
    numbers
}
