//! Field-level checks shared by every section: months, counts, numbers, names and references,
//! each reporting at the value's own span.

use std::ops::Range;

use super::{MAX_SHIFT_MONTHS, MAX_VALUE};
use crate::error::{Diagnostic, ScenarioError, did_you_mean};
use crate::input::raw::S;
use crate::input::source::SourceMap;
use crate::units::YearMonth;

/// Collects diagnostics against the scenario's files.
pub(super) struct Checker<'a> {
    sources: &'a SourceMap,
    problems: Vec<Diagnostic>,
}

impl<'a> Checker<'a> {
    pub(super) fn new(sources: &'a SourceMap) -> Self {
        Checker {
            sources,
            problems: Vec::new(),
        }
    }

    /// Every problem found, in file order, or `Ok` if there were none.
    pub(super) fn finish(mut self) -> Result<(), ScenarioError> {
        if self.problems.is_empty() {
            return Ok(());
        }
        // File order: the files as read (a what-if before its base), then line and column.
        let files = self.sources.files();
        self.problems.sort_by_key(|d| {
            (
                files.iter().position(|f| f.path == d.file),
                d.line,
                d.column,
            )
        });
        Err(ScenarioError {
            diagnostics: self.problems,
        })
    }

    pub(super) fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.problems.push(self.sources.diagnostic(span, message));
    }

    pub(super) fn month(&mut self, value: &S<String>) -> Option<YearMonth> {
        let month = YearMonth::parse(value.get_ref());
        if month.is_none() {
            self.error(
                value.span(),
                format!(
                    "malformed month `{}`: expected \"YYYY-MM\" with a month from 01 to 12",
                    value.get_ref()
                ),
            );
        }
        month
    }

    /// A whole number >= 0.
    pub(super) fn count(&mut self, value: &S<i64>, key: &str) -> Option<u64> {
        let n = *value.get_ref();
        if n < 0 {
            self.error(
                value.span(),
                format!("`{key}` must not be negative (got {n})"),
            );
            return None;
        }
        Some(n.unsigned_abs())
    }

    /// A month count >= 0 for delays and commissioning.
    pub(super) fn shift(&mut self, value: Option<&S<i64>>, key: &str, default: u32) -> u32 {
        let Some(value) = value else { return default };
        let n = *value.get_ref();
        if !(0..=MAX_SHIFT_MONTHS).contains(&n) {
            self.error(
                value.span(),
                format!("`{key}` must be from 0 to {MAX_SHIFT_MONTHS} months (got {n})"),
            );
            return default;
        }
        u32::try_from(n).unwrap_or(default)
    }

    /// A finite number in `[min, MAX_VALUE]`; `strict` excludes `min` itself.
    pub(super) fn number(
        &mut self,
        value: &S<f64>,
        key: &str,
        min: f64,
        strict: bool,
    ) -> Option<f64> {
        let x = *value.get_ref();
        let problem = if !x.is_finite() {
            Some("must be a finite number".to_string())
        } else if strict && x <= min {
            Some(format!("must be greater than {min}"))
        } else if x < min {
            Some(if min == 0.0 {
                "must not be negative".to_string()
            } else {
                format!("must be at least {min}")
            })
        } else if x > MAX_VALUE {
            Some(format!("must be at most {MAX_VALUE:e}"))
        } else {
            None
        };
        match problem {
            Some(problem) => {
                self.error(value.span(), format!("`{key}` {problem} (got {x})"));
                None
            }
            None => Some(x),
        }
    }

    /// Checks that `name` is non-empty and not among `seen`, then records it.
    pub(super) fn unique(&mut self, name: &S<String>, kind: &str, seen: &mut Vec<String>) {
        if name.get_ref().trim().is_empty() {
            self.error(name.span(), format!("{kind} name must not be empty"));
        } else if seen.contains(name.get_ref()) {
            self.error(
                name.span(),
                format!("duplicate {kind} name `{}`", name.get_ref()),
            );
        }
        seen.push(name.get_ref().clone());
    }

    /// Resolves a reference to a name in `names`.
    pub(super) fn resolve(
        &mut self,
        name: &S<String>,
        kind: &str,
        names: &[String],
    ) -> Option<usize> {
        let found = names.iter().position(|n| n == name.get_ref());
        if found.is_none() {
            let mut message = format!("unknown {kind} `{}`", name.get_ref());
            if let Some(close) = did_you_mean(name.get_ref(), names.iter().map(String::as_str)) {
                message.push_str(&format!(" — did you mean `{close}`?"));
            } else if names.is_empty() {
                message.push_str(&format!(" (the scenario has no [[{kind}]])"));
            }
            self.error(name.span(), message);
        }
        found
    }

    pub(super) fn resolve_all(
        &mut self,
        list: Option<&Vec<S<String>>>,
        kind: &str,
        names: &[String],
    ) -> Option<Vec<usize>> {
        list.map(|list| {
            list.iter()
                .filter_map(|name| self.resolve(name, kind, names))
                .collect()
        })
    }

    /// Steps of a step function, which must be in strictly increasing date order.
    pub(super) fn steps<T>(
        &mut self,
        steps: &[S<T>],
        from: impl Fn(&T) -> &S<String>,
    ) -> Vec<Option<YearMonth>> {
        let months: Vec<Option<YearMonth>> = steps
            .iter()
            .map(|s| self.month(from(s.get_ref())))
            .collect();
        for (i, pair) in months.windows(2).enumerate() {
            if let [Some(a), Some(b)] = pair
                && b <= a
            {
                self.error(
                    from(steps[i + 1].get_ref()).span(),
                    format!("steps must be in date order: {b} is not after {a}"),
                );
            }
        }
        months
    }
}
