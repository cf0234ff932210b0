//! `[[target]]` tables: metric, precision, deadline and scope.

use super::checker::Checker;
use super::{Horizon, Known};
use crate::input::raw::{RawTarget, S};
use crate::model::{Allocation, Target};
use crate::units::Metric;

/// Targets in file order (SPEC §3.3).
pub(super) fn targets(
    c: &mut Checker,
    raw: &[S<RawTarget>],
    known: &Known,
    allocations: &[Allocation],
) -> Vec<Target> {
    let Horizon { start, end } = known.horizon;
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for spanned in raw {
        let t = spanned.get_ref();
        c.unique(&t.name, "target", &mut seen);
        let metric = *t.metric.get_ref();
        let by = c.month(&t.by);
        if let Some(by) = by
            && (by < start || by > end)
        {
            c.error(
                t.by.span(),
                format!("`by` {by} lies outside the horizon {start} to {end}"),
            );
        }
        let value = c.number(&t.value, "value", 0.0, false);
        let efficiency = t
            .efficiency
            .as_ref()
            .and_then(|e| c.number(e, "efficiency", 0.0, true))
            .unwrap_or(1.0);
        let precision = t.precision.as_ref().map(|p| *p.get_ref());
        match metric {
            Metric::Pflops if precision.is_none() => {
                c.error(t.metric.span(), "a `pflops` target needs `precision` (fp64, fp32, tf32, bf16, fp16, fp8, fp4 or int8)")
            }
            Metric::ChipsOnline => {
                if let Some(p) = &t.precision {
                    c.error(p.span(), "`precision` applies only to `pflops` targets");
                }
                if let Some(e) = &t.efficiency {
                    c.error(e.span(), "`efficiency` applies only to `pflops` targets");
                }
                if let Some(v) = value
                    && v.fract() != 0.0
                {
                    c.error(t.value.span(), format!("a `chips_online` value must be a whole number of chips (got {v})"));
                }
            }
            Metric::Pflops => {}
        }
        let target = Target {
            name: t.name.get_ref().clone(),
            metric,
            precision,
            efficiency,
            value: value.unwrap_or(0.0),
            by: by.unwrap_or(start),
            recipients: c.resolve_all(t.recipients.as_ref(), "recipient", &known.recipients),
            chips: c.resolve_all(t.chips.as_ref(), "chip", &known.chip_names),
        };
        if let (Some(precision), Some(span)) = (precision, t.precision.as_ref().map(S::span)) {
            let in_scope = allocations
                .iter()
                .filter(|a| target.covers(a))
                .map(|a| a.chip);
            let mut lacking: Vec<&str> = in_scope
                .chain(target.chips.iter().flatten().copied())
                .filter(|&i| known.chips[i].tflops.get(precision).is_none())
                .map(|i| known.chips[i].name.as_str())
                .collect();
            lacking.sort_unstable();
            lacking.dedup();
            if !lacking.is_empty() {
                c.error(
                    span,
                    format!(
                        "chip `{}` in this target's scope has no {} figure",
                        lacking.join("`, `"),
                        precision.as_str()
                    ),
                );
            }
        }
        out.push(target);
    }
    out
}
