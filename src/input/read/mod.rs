//! Reads the raw structs ([`super::raw`]) out of a merged tree, reporting *every* type error,
//! unknown key and missing key — not just the first — each at its key or value and in a
//! scenario author's words (`pue` must be a number, found the text "1.3").
//!
//! Values the syntax pass already reported (see [`super::syntax`]) are *poisoned*: they read as
//! absent and are not reported again.

mod range_hints;
mod tables;
mod uncertain;
mod values;

use values::found;

use std::ops::Range;

use crate::lang::fill;

use super::format::{
    CAP_FROM, CAP_PER_MONTH, FACTOR_DESCRIPTION, FACTOR_NAME, FACTOR_VALUE, GRID_FROM, GRID_MW,
    OBSERVED_CHIPS, OBSERVED_METRIC, OBSERVED_MONTH, OBSERVED_RECIPIENTS, OBSERVED_SOURCE,
    OBSERVED_TOLERANCE, OBSERVED_VALUE, RECIPIENT_NAME, RECIPIENT_PRIORITY, REGION_DELAY,
    REGION_NAME, Table as Format, keys_of,
};
use super::raw::{
    RawCapStep, RawFactor, RawFile, RawGridStep, RawObserved, RawRecipient, RawRegion, RawSupply, S,
};
use super::source::SourceMap;
use super::tree::{Entry, Item, Value};
use crate::error::{Diagnostic, did_you_mean};
use crate::units::{Cooling, Metric, Observed};

/// One table being read: its entries and how messages name it ("[[site]] `Gak Sejong`").
struct Table<'t> {
    item: &'t Item,
    entries: &'t [Entry],
    context: String,
    /// Keys that an unknown key was taken to be a misspelling of: their "did you mean" already
    /// says what is missing.
    suggested: Vec<&'static str>,
}

impl<'t> Table<'t> {
    fn get(&self, key: &str) -> Option<&'t Item> {
        self.entries.iter().find(|e| e.key == key).map(|e| &e.item)
    }
}

/// Collects problems while reading.
struct Reader<'a> {
    sources: &'a SourceMap,
    /// Spans the syntax pass already reported, sorted by start.
    poisoned: &'a [Range<usize>],
    problems: Vec<Diagnostic>,
}

const OBSERVED_CHOICES: [(&str, Observed); 3] = [
    ("delivered", Observed::Delivered),
    ("installed", Observed::Installed),
    ("online", Observed::Online),
];
/// The keys of an uncertain value written as a table.
const FORM: [&str; 10] = [
    "p5",
    "p95",
    "shape",
    "min",
    "likely",
    "max",
    "choose",
    "factor",
    "reference",
    "lead_months",
];
const CHOICE: [&str; 2] = ["value", "weight"];
pub(super) const COOLING_CHOICES: [(&str, Cooling); 2] =
    [("air", Cooling::Air), ("liquid", Cooling::Liquid)];
pub(super) const METRIC_CHOICES: [(&str, Metric); 2] = [
    ("chips_online", Metric::ChipsOnline),
    ("pflops", Metric::Pflops),
];

/// Reads `root` (the merged document) into raw structs, with every problem found on the way.
pub fn read(
    root: &Item,
    sources: &SourceMap,
    poisoned: &[Range<usize>],
) -> (RawFile, Vec<Diagnostic>) {
    let mut r = Reader {
        sources,
        poisoned,
        problems: Vec::new(),
    };
    let raw = r.file(root);
    (raw, r.problems)
}

impl Reader<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.problems.push(self.sources.diagnostic(span, message));
    }

    fn is_poisoned(&self, span: &Range<usize>) -> bool {
        self.poisoned
            .binary_search_by_key(&span.start, |poisoned| poisoned.start)
            .is_ok_and(|i| &self.poisoned[i] == span)
    }

    fn file(&mut self, root: &Item) -> RawFile {
        let Some(top) = self.table(root, "the scenario file".into(), &keys_of(Format::Top)) else {
            return RawFile::default();
        };
        let scenario = if let Some(item) = top.get("scenario") {
            self.meta(item)
        } else {
            let file = &self.sources.files()[0].path;
            self.problems.push(Diagnostic::whole_file(
                file,
                "missing table [scenario] (with `name`, `start` and `end`)",
            ));
            None
        };
        RawFile {
            scenario,
            chip: self.elements(&top, "chip", &keys_of(Format::Chip), Self::chip),
            recipient: self.elements(&top, "recipient", &keys_of(Format::Recipient), |r, t| {
                RawRecipient {
                    name: r.text(t, &RECIPIENT_NAME),
                    priority: r.whole(t, &RECIPIENT_PRIORITY),
                }
            }),
            allocation: self.elements(
                &top,
                "allocation",
                &keys_of(Format::Allocation),
                Self::allocation,
            ),
            supply: top.get("supply").and_then(|item| {
                let t = self.table(item, "[supply]".into(), &keys_of(Format::Supply))?;
                if t.get("cap").is_none() {
                    self.missing(&t, "cap");
                }
                let cap = self.steps(&t, "cap", &keys_of(Format::CapStep), |r, s| RawCapStep {
                    from: r.uncertain_month(s, &CAP_FROM),
                    per_month: r.uncertain_whole(s, &CAP_PER_MONTH),
                });
                Some(S {
                    value: RawSupply {
                        cap: cap.unwrap_or_default(),
                    },
                    span: item.span.clone(),
                })
            }),
            region: self.elements(&top, "region", &keys_of(Format::Region), |r, t| RawRegion {
                name: r.text(t, &REGION_NAME),
                grid: r.steps(t, "grid", &keys_of(Format::GridStep), |r, s| RawGridStep {
                    from: r.uncertain_month(s, &GRID_FROM),
                    mw: r.uncertain_number(s, &GRID_MW),
                }),
                delay_months: r.uncertain_whole(t, &REGION_DELAY),
                numbers: r.numbers(t, Format::Region),
            }),
            site: self.elements(&top, "site", &keys_of(Format::Site), Self::site),
            target: self.elements(&top, "target", &keys_of(Format::Target), Self::target),
            factor: self.elements(&top, "factor", &keys_of(Format::Factor), |r, t| RawFactor {
                name: r.text(t, &FACTOR_NAME),
                value: r.uncertain_number(t, &FACTOR_VALUE),
                description: r.text(t, &FACTOR_DESCRIPTION),
            }),
            observed: self.elements(&top, "observed", &keys_of(Format::Observed), |r, t| {
                RawObserved {
                    month: r.month(t, &OBSERVED_MONTH),
                    metric: r.choice(t, &OBSERVED_METRIC, &OBSERVED_CHOICES),
                    value: r.number(t, &OBSERVED_VALUE),
                    recipients: r.names(t, &OBSERVED_RECIPIENTS),
                    chips: r.names(t, &OBSERVED_CHIPS),
                    tolerance: r.number(t, &OBSERVED_TOLERANCE),
                    source: r.text(t, &OBSERVED_SOURCE),
                }
            }),
            economics: top.get("economics").and_then(|item| self.economics(item)),
        }
    }

    /// A top-level array of tables (`[[site]]` …), each element read by `read`.
    fn elements<T>(
        &mut self,
        top: &Table,
        kind: &'static str,
        keys: &[&'static str],
        mut read: impl FnMut(&mut Self, &Table) -> T,
    ) -> Vec<S<T>> {
        let Some(item) = top.get(kind) else {
            return Vec::new();
        };
        let Value::Array(elements) = &item.value else {
            if !self.is_poisoned(&item.span) {
                self.error(
                    item.span.clone(),
                    format!(
                        "`{kind}` must be a list of tables: write [[{kind}]], found {}",
                        found(&item.value)
                    ),
                );
            }
            return Vec::new();
        };
        elements
            .iter()
            .filter_map(|element| {
                let name = element
                    .get("name")
                    .filter(|name| !self.is_poisoned(&name.span))
                    .and_then(Item::as_str);
                let context = match name {
                    Some(name) => format!("[[{kind}]] `{name}`"),
                    None => format!("[[{kind}]]"),
                };
                let t = self.table(element, context, keys)?;
                Some(S {
                    value: read(self, &t),
                    span: element.span.clone(),
                })
            })
            .collect()
    }

    /// A list of inline tables under `key` (`phases`, `grid`, `cap`), each read by `read`;
    /// `None` when the key is absent.
    fn steps<T>(
        &mut self,
        t: &Table,
        key: &'static str,
        keys: &[&'static str],
        mut read: impl FnMut(&mut Self, &Table) -> T,
    ) -> Option<Vec<S<T>>> {
        let item = t.get(key)?;
        if self.is_poisoned(&item.span) {
            return None;
        }
        let Value::Array(steps) = &item.value else {
            self.error(
                item.span.clone(),
                format!("`{key}` must be a list, found {}", found(&item.value)),
            );
            return None;
        };
        Some(
            steps
                .iter()
                .filter_map(|step| {
                    let table = self.table(step, format!("this `{key}` entry"), keys)?;
                    Some(S {
                        value: read(self, &table),
                        span: step.span.clone(),
                    })
                })
                .collect(),
        )
    }

    /// `item` as a table whose keys are all among `keys`; every unknown key is reported.
    fn table<'t>(
        &mut self,
        item: &'t Item,
        context: String,
        keys: &[&'static str],
    ) -> Option<Table<'t>> {
        if self.is_poisoned(&item.span) {
            return None;
        }
        let Value::Table(entries) = &item.value else {
            self.error(
                item.span.clone(),
                format!("{context} must be a table, found {}", found(&item.value)),
            );
            return None;
        };
        let mut suggested = Vec::new();
        for entry in entries {
            if !keys.contains(&entry.key.as_str()) {
                let close = did_you_mean(&entry.key, keys.iter().copied());
                suggested.extend(close);
                let message = unknown_key(&entry.key, keys, close);
                self.error(entry.key_span.clone(), message);
            }
        }
        Some(Table {
            item,
            entries,
            context,
            suggested,
        })
    }

    fn missing(&mut self, t: &Table, key: &str) {
        if t.suggested.contains(&key) {
            return;
        }
        let message = fill("problem.missing", &[("key", key), ("context", &t.context)]);
        if t.item.span.is_empty() {
            // The file's root table has no place of its own.
            let file = &self.sources.files()[0].path;
            self.problems.push(Diagnostic::whole_file(file, message));
        } else {
            self.error(t.item.span.clone(), message);
        }
    }
}

/// "unknown key `pue_` — did you mean `pue`? (expected one of: …)"; `remove` outside a
/// what-if file gets its own explanation.
fn unknown_key(key: &str, known: &[&str], close: Option<&str>) -> String {
    if key == super::merge::REMOVE {
        return "`remove` is allowed only in a file that `extends` another".into();
    }
    let mean = close.map_or(String::new(), |close| {
        fill("problem.did_you_mean", &[("close", close)])
    });
    fill(
        "problem.unknown_key",
        &[("key", key), ("mean", &mean), ("known", &known.join(", "))],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_names_kind_and_value() {
        assert_eq!(found(&Value::String("1.3".into())), "the text \"1.3\"");
        assert_eq!(found(&Value::Float(3.0)), "the number 3.0");
        assert_eq!(found(&Value::Integer(-2)), "the whole number -2");
        assert_eq!(
            found(&Value::Datetime("2026-01-01".into())),
            "the date 2026-01-01"
        );
        assert_eq!(found(&Value::Array(vec![])), "a list");
        assert!(found(&Value::String("x".repeat(50))).ends_with("…\""));
    }
}
