//! `[[observed]]`: counts of chips that have been seen, each inside the horizon, with known
//! recipients and chips, a non-negative value and tolerance, and a source.

use super::checker::Checker;
use super::{Horizon, Known};
use crate::input::raw::{RawObserved, S};
use crate::model::Observation;
use crate::units::{Observed, YearMonth};

/// Relative tolerance where an observation gives none.
pub const DEFAULT_TOLERANCE: f64 = crate::input::format::OBSERVED_TOLERANCE.default_value();

pub(super) fn observations(
    c: &mut Checker,
    raw: &[S<RawObserved>],
    known: &Known,
) -> Vec<Observation> {
    let mut out = Vec::with_capacity(raw.len());
    for spanned in raw {
        let o = spanned.get_ref();
        let month = c.month(o.month.as_ref());
        if let (Some(month), Some(Horizon { start, end }), Some(span)) =
            (month, known.horizon, o.month.as_ref().map(S::span))
            && (month < start || month > end)
        {
            c.error(span, super::targets::outside("month", month, start, end));
        }
        let value = c.number(o.value.as_ref(), "value", 0.0, false);
        let tolerance = match &o.tolerance {
            Some(t) => c.number(Some(t), "tolerance", 0.0, false),
            None => Some(DEFAULT_TOLERANCE),
        };
        if let Some(source) = &o.source
            && source.value.trim().is_empty()
        {
            c.error(source.span(), crate::lang::text("problem.source"));
        }
        out.push(Observation {
            month: month
                .or(known.horizon.map(|h| h.start))
                .unwrap_or(YearMonth::new(2000, 1).expect("a valid constant month")),
            metric: o.metric.as_ref().map_or(Observed::Online, |m| m.value),
            value: value.unwrap_or(0.0),
            recipients: c.resolve_all(o.recipients.as_ref(), "recipient", &known.recipients),
            chips: c.resolve_all(o.chips.as_ref(), "chip", &known.chip_names),
            tolerance: tolerance.unwrap_or(DEFAULT_TOLERANCE),
            source: o
                .source
                .as_ref()
                .map(|s| s.value.clone())
                .unwrap_or_default(),
        });
    }
    out
}
