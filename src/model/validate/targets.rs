//! `[[target]]` tables: metric, precision, efficiency, deadline and scope.

use super::checker::Checker;
use super::{Horizon, Known};
use crate::input::format::{TARGET_EFFICIENCY, Table};
use crate::input::raw::{RawTarget, S, declared};
use crate::model::{Allocation, Target};
use crate::units::{Metric, YearMonth};

/// Reports the chips in `target`'s scope that have no TFLOPS figure at its `precision`.
fn check_figures(
    c: &mut Checker,
    span: std::ops::Range<usize>,
    target: &Target,
    precision: crate::units::Precision,
    known: &Known,
    allocations: &[Allocation],
) {
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
            crate::lang::fill(
                "problem.scope_figure",
                &[
                    ("chips", &lacking.join("`, `")),
                    ("precision", precision.as_str()),
                ],
            ),
        );
    }
}

/// "`by` 2040-01 lies outside the horizon 2026-01 to 2032-12", said of `key`.
pub(super) fn outside(
    key: &str,
    month: crate::units::YearMonth,
    start: crate::units::YearMonth,
    end: crate::units::YearMonth,
) -> String {
    crate::lang::fill(
        "problem.outside",
        &[
            ("key", key),
            ("month", &month.to_string()),
            ("start", &start.to_string()),
            ("end", &end.to_string()),
        ],
    )
}

/// Targets in file order (docs/methods.md: Simulation rules, 6).
pub(super) fn targets(
    c: &mut Checker,
    raw: &[S<RawTarget>],
    known: &Known,
    allocations: &[Allocation],
) -> Vec<Target> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for spanned in raw {
        let t = spanned.get_ref();
        c.unique(t.name.as_ref(), "target", &mut seen);
        let metric = t.metric.as_ref().map(|m| m.value);
        let by = c.month(t.by.as_ref());
        if let (Some(by), Some(Horizon { start, end }), Some(span)) =
            (by, known.horizon, t.by.as_ref().map(S::span))
            && (by < start || by > end)
        {
            c.error(span, outside("by", by, start, end));
        }
        let value = c.number(t.value.as_ref(), "value", 0.0, false);
        let precision = t.precision.as_ref().map(|p| *p.get_ref());
        match metric {
            Some(Metric::Pflops) if !t.precision_given => {
                if let Some(m) = &t.metric {
                    c.error(m.span(), crate::lang::text("problem.precision_needed"));
                }
            }
            Some(Metric::ChipsOnline) => {
                if let Some(p) = &t.precision {
                    let only = crate::lang::fill("problem.pflops_only", &[("key", "precision")]);
                    c.error(p.span(), only);
                }
                if let Some(e) = declared(&t.numbers, &TARGET_EFFICIENCY) {
                    let only = crate::lang::fill("problem.pflops_only", &[("key", "efficiency")]);
                    c.error(e.span(), only);
                }
                if let (Some(v), Some(span)) = (value, t.value.as_ref().map(S::span))
                    && v.fract() != 0.0
                {
                    c.error(
                        span,
                        crate::lang::fill(
                            "problem.chips_whole",
                            &[("got", &crate::numbers::short(v))],
                        ),
                    );
                }
            }
            _ => {}
        }
        let target = Target {
            name: t.name.as_ref().map(|n| n.value.clone()).unwrap_or_default(),
            metric: metric.unwrap_or(Metric::ChipsOnline),
            precision,
            value: value.unwrap_or(0.0),
            by: by
                .or(known.horizon.map(|h| h.start))
                .unwrap_or(YearMonth::JANUARY_2026),
            recipients: c.resolve_all(t.recipients.as_ref(), "recipient", &known.recipients),
            chips: c.resolve_all(t.chips.as_ref(), "chip", &known.chip_names),
            numbers: c.numbers(&t.numbers, Table::Target),
        };
        if let (Some(precision), Some(span)) = (precision, t.precision.as_ref().map(S::span)) {
            check_figures(c, span, &target, precision, known, allocations);
        }
        out.push(target);
    }
    out
}
