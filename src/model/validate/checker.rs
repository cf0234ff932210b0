//! Field-level checks shared by every section: months, counts, numbers, names and references,
//! each reporting at the value's own span. A `None` field was absent or already reported by the
//! reader, so the checks skip it silently.

use crate::lang::fill;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use super::{MAX_SHIFT_MONTHS, MAX_VALUE};
use crate::error::{Diagnostic, ScenarioError, did_you_mean};
use crate::input::format::{self, Key, Numbers, Table};
use crate::input::merge::Removal;
use crate::input::raw::{Num, S, fixed};
use crate::input::source::SourceMap;
use crate::units::YearMonth;

/// The names of one kind of element, in file order, found by hashing (a scenario may name
/// tens of thousands of sites).
pub(super) struct Names {
    list: Vec<String>,
    index: HashMap<String, usize>,
}

/// Above this many names, an unknown one gets no did-you-mean: comparing it with every name
/// would make validation quadratic.
const MAX_SUGGESTION_CANDIDATES: usize = 1000;

impl Names {
    pub(super) fn new(list: Vec<String>) -> Names {
        let mut index = HashMap::with_capacity(list.len());
        for (i, name) in list.iter().enumerate() {
            index.entry(name.clone()).or_insert(i);
        }
        Names { list, index }
    }

    /// The first element named `name`.
    pub(super) fn find(&self, name: &str) -> Option<usize> {
        self.index.get(name).copied()
    }

    /// The name closest to `name`, if one is a likely typo of it.
    fn closest(&self, name: &str) -> Option<&str> {
        if self.list.len() > MAX_SUGGESTION_CANDIDATES {
            return None;
        }
        did_you_mean(name, self.list.iter().map(String::as_str))
    }
}

/// Collects problems and warnings against the scenario's files.
pub(super) struct Checker<'a> {
    sources: &'a SourceMap,
    problems: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// Elements a what-if removed, and the places that still refer to each.
    removed: &'a [Removal],
    dangling: Vec<Vec<Range<usize>>>,
}

impl<'a> Checker<'a> {
    /// A checker that starts from the problems found before validation (syntax, merge, types).
    pub(super) fn new(
        sources: &'a SourceMap,
        problems: Vec<Diagnostic>,
        removed: &'a [Removal],
    ) -> Self {
        Checker {
            sources,
            problems,
            warnings: Vec::new(),
            removed,
            dangling: vec![Vec::new(); removed.len()],
        }
    }

    /// The warnings if nothing is wrong; else every problem, in file order.
    pub(super) fn finish(mut self) -> Result<Vec<Diagnostic>, ScenarioError> {
        for (removal, places) in self.removed.iter().zip(&self.dangling) {
            if places.is_empty() {
                continue;
            }
            let at: Vec<String> = places
                .iter()
                .take(3)
                .map(|span| location(&self.sources.diagnostic(span.clone(), "")))
                .collect();
            let more = if places.len() > 3 {
                format!(" and {} more", places.len() - 3)
            } else {
                String::new()
            };
            let message = format!(
                "`remove = true` drops {} `{}`, which is still named at {}{more}: remove or change those too, or keep the {}",
                removal.kind,
                removal.id,
                at.join(", "),
                removal.kind
            );
            self.problems
                .push(self.sources.diagnostic(removal.span.clone(), message));
        }
        if self.problems.is_empty() {
            let mut warnings = self.sources.error(self.warnings).diagnostics;
            warnings.dedup();
            Ok(warnings)
        } else {
            Err(self.sources.error(self.problems))
        }
    }

    pub(super) fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.problems.push(self.sources.diagnostic(span, message));
    }

    pub(super) fn warn(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.warnings.push(self.sources.diagnostic(span, message));
    }

    /// Whether any problem has been found so far.
    pub(super) fn has_problems(&self) -> bool {
        !self.problems.is_empty()
    }

    pub(super) fn month(&mut self, value: Option<&S<String>>) -> Option<YearMonth> {
        let value = value?;
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
    pub(super) fn count(&mut self, value: Option<&S<i64>>, key: &str) -> Option<u64> {
        let value = value?;
        let n = *value.get_ref();
        if n < 0 {
            self.error(
                value.span(),
                fill("problem.negative", &[("key", key), ("got", &n.to_string())]),
            );
            return None;
        }
        Some(n.unsigned_abs())
    }

    /// A delay in months, later or (negative) earlier: within ±[`MAX_SHIFT_MONTHS`].
    pub(super) fn delay(&mut self, value: Option<&S<i64>>, key: &str) -> i32 {
        let Some(value) = value else { return 0 };
        let n = *value.get_ref();
        if !(-MAX_SHIFT_MONTHS..=MAX_SHIFT_MONTHS).contains(&n) {
            self.error(
                value.span(),
                fill(
                    "problem.delay",
                    &[
                        ("key", key),
                        ("max", &MAX_SHIFT_MONTHS.to_string()),
                        ("got", &n.to_string()),
                    ],
                ),
            );
            return 0;
        }
        i32::try_from(n).unwrap_or(0)
    }

    /// A month count >= 0 for commissioning.
    pub(super) fn shift(&mut self, value: Option<&S<i64>>, key: &str, default: u32) -> u32 {
        let Some(value) = value else { return default };
        let n = *value.get_ref();
        if !(0..=MAX_SHIFT_MONTHS).contains(&n) {
            self.error(
                value.span(),
                fill(
                    "problem.shift",
                    &[
                        ("key", key),
                        ("max", &MAX_SHIFT_MONTHS.to_string()),
                        ("got", &n.to_string()),
                    ],
                ),
            );
            return default;
        }
        u32::try_from(n).unwrap_or(default)
    }

    /// The declared numbers of `table` as `raw` holds them (fixed by now), each checked
    /// against its declared range, or its default (if any) when absent or unusable.
    pub(super) fn numbers(&mut self, raw: &[Option<S<Num>>], table: Table) -> Numbers {
        let keys = format::numbers_of(table);
        Numbers(
            keys.enumerate()
                .map(|(i, key)| {
                    let Some(value) = raw.get(i).and_then(fixed) else {
                        return key.default;
                    };
                    self.declared(&value, key).or(key.default)
                })
                .collect(),
        )
    }

    /// `value` of `key` if its declared range allows it; else reported.
    fn declared(&mut self, value: &S<f64>, key: &Key) -> Option<f64> {
        let x = value.value;
        let above = if key.lo_open { x > key.lo } else { x >= key.lo };
        if x.is_finite() && above && x <= key.hi {
            return Some(x);
        }
        let short = crate::numbers::short;
        let message = if key.meaning.is_empty() {
            fill(
                "problem.allowed",
                &[
                    ("key", key.name),
                    ("allowed", &key.allowed()),
                    ("got", &short(x)),
                ],
            )
        } else {
            let meaning = match crate::lang::text(&format!("meaning.{}", key.name)) {
                "" => key.meaning,
                said => said,
            };
            fill(
                "problem.allowed_meaning",
                &[
                    ("key", key.name),
                    ("meaning", meaning),
                    ("allowed", &key.allowed()),
                    ("got", &short(x)),
                ],
            )
        };
        self.error(value.span(), message);
        None
    }

    /// A finite number in `[min, MAX_VALUE]`; `strict` excludes `min` itself.
    pub(super) fn number(
        &mut self,
        value: Option<&S<f64>>,
        key: &str,
        min: f64,
        strict: bool,
    ) -> Option<f64> {
        let value = value?;
        let x = *value.get_ref();
        let short = crate::numbers::short;
        let problem = if !x.is_finite() {
            Some("problem.finite")
        } else if strict && x <= min {
            Some("problem.above")
        } else if x < min {
            Some(if min == 0.0 {
                "problem.negative"
            } else {
                "problem.at_least"
            })
        } else if x > MAX_VALUE {
            Some("problem.at_most")
        } else {
            None
        };
        match problem {
            Some(id) => {
                let (lo, hi) = (short(min), format!("{MAX_VALUE:e}"));
                let got = short(x);
                let values = [("key", key), ("lo", &lo), ("hi", &hi), ("got", &got)];
                self.error(value.span(), fill(id, &values));
                None
            }
            None => Some(x),
        }
    }

    /// Checks that `name` is a valid name ([`crate::names`]) not among `seen`, then records it.
    pub(super) fn unique(
        &mut self,
        name: Option<&S<String>>,
        kind: &str,
        seen: &mut HashSet<String>,
    ) {
        let Some(name) = name else { return };
        if let Some(problem) = crate::names::problem(name.get_ref(), kind) {
            self.error(name.span(), problem);
        } else if !seen.insert(name.get_ref().clone()) {
            self.error(
                name.span(),
                fill(
                    "problem.duplicate_name",
                    &[("kind", kind), ("name", name.get_ref())],
                ),
            );
        }
    }

    /// Resolves a reference to a name in `names`. A name a what-if removed is charged to its
    /// `remove = true`, where the fix belongs.
    pub(super) fn resolve(
        &mut self,
        name: Option<&S<String>>,
        kind: &str,
        names: &Names,
    ) -> Option<usize> {
        let name = name?;
        let found = names.find(name.get_ref());
        if found.is_some() {
            return found;
        }
        if let Some(r) = self
            .removed
            .iter()
            .position(|r| r.kind == kind && &r.id == name.get_ref())
        {
            self.dangling[r].push(name.span());
            return None;
        }
        let hint = if let Some(close) = names.closest(name.get_ref()) {
            fill("problem.did_you_mean", &[("close", close)])
        } else if names.list.is_empty() {
            fill("problem.no_table", &[("kind", kind)])
        } else {
            String::new()
        };
        let message = fill(
            "problem.unknown_name",
            &[("kind", kind), ("name", name.get_ref()), ("hint", &hint)],
        );
        self.error(name.span(), message);
        None
    }

    pub(super) fn resolve_all(
        &mut self,
        list: Option<&Vec<S<String>>>,
        kind: &str,
        names: &Names,
    ) -> Option<Vec<usize>> {
        list.map(|list| {
            list.iter()
                .filter_map(|name| self.resolve(Some(name), kind, names))
                .collect()
        })
    }

    /// Steps of a step function, which must be in strictly increasing date order.
    pub(super) fn steps<T>(
        &mut self,
        steps: &[S<T>],
        from: impl Fn(&T) -> Option<S<String>>,
    ) -> Vec<Option<YearMonth>> {
        let months: Vec<Option<YearMonth>> = steps
            .iter()
            .map(|s| self.month(from(s.get_ref()).as_ref()))
            .collect();
        let mut last: Option<YearMonth> = None;
        for (step, month) in steps.iter().zip(&months) {
            if let (Some(a), Some(b)) = (last, *month)
                && b <= a
                && let Some(span) = from(step.get_ref()).map(|s| s.span)
            {
                self.error(
                    span,
                    fill(
                        "problem.date_order",
                        &[("a", &a.to_string()), ("b", &b.to_string())],
                    ),
                );
            }
            last = month.or(last);
        }
        months
    }
}

/// "<file:line:col>" of a diagnostic.
fn location(d: &Diagnostic) -> String {
    match d.line {
        Some(line) => format!("{}:{line}:{}", d.file.display(), d.column),
        None => d.file.display().to_string(),
    }
}
