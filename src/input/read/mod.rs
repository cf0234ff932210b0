//! Reads the raw structs ([`super::raw`]) out of a merged tree, reporting *every* type error,
//! unknown key and missing key — not just the first — each at its key or value and in a
//! scenario author's words (`pue` must be a number, found the text "1.3").
//!
//! Values the syntax pass already reported (see [`super::syntax`]) are *poisoned*: they read as
//! absent and are not reported again.

mod range_hints;
mod uncertain;

use std::ops::Range;

use super::raw::{
    RawAllocation, RawCapStep, RawChip, RawDeliveries, RawDelivery, RawFactor, RawFile,
    RawGridStep, RawMeta, RawObserved, RawPhase, RawRamp, RawRecipient, RawRegion, RawSite,
    RawSupply, RawTarget, RawTflops, S,
};
use super::source::SourceMap;
use super::tree::{Entry, Item, Value};
use crate::error::{Diagnostic, did_you_mean};
use crate::units::{Cooling, Metric, Observed, Precision};

/// A key a table may hold, and whether it must.
#[derive(Debug, Clone, Copy)]
enum Key {
    Required(&'static str),
    Optional(&'static str),
}
use Key::{Optional, Required};

impl Key {
    fn name(self) -> &'static str {
        match self {
            Required(name) | Optional(name) => name,
        }
    }
}

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

/// The top-level keys of a scenario file.
pub(super) const TOP: [&str; 10] = [
    "scenario",
    "chip",
    "recipient",
    "allocation",
    "supply",
    "region",
    "site",
    "target",
    "factor",
    "observed",
];
const OBSERVED: [&str; 7] = [
    "month",
    "metric",
    "value",
    "recipients",
    "chips",
    "tolerance",
    "source",
];
const OBSERVED_METRIC: [(&str, Observed); 3] = [
    ("delivered", Observed::Delivered),
    ("installed", Observed::Installed),
    ("online", Observed::Online),
];
const FACTOR: [&str; 3] = ["name", "value", "description"];
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
const SCENARIO: [&str; 6] = [
    "name",
    "description",
    "start",
    "end",
    "commissioning_months",
    "server_overhead",
];
const CHIP: [&str; 5] = ["name", "tdp_w", "it_kw", "cooling", "tflops"];
const RECIPIENT: [&str; 2] = ["name", "priority"];
const ALLOCATION: [&str; 4] = ["recipient", "chip", "count", "deliveries"];
const RAMP: [&str; 2] = ["start", "months"];
const DELIVERY: [&str; 2] = ["month", "count"];
const SUPPLY: [&str; 1] = ["cap"];
const CAP_STEP: [&str; 2] = ["from", "per_month"];
const REGION: [&str; 3] = ["name", "grid", "delay_months"];
const GRID_STEP: [&str; 2] = ["from", "mw"];
const SITE: [&str; 9] = [
    "name",
    "region",
    "recipients",
    "pue",
    "cooling",
    "install_per_month",
    "commissioning_months",
    "delay_months",
    "phases",
];
const PHASE: [&str; 2] = ["online", "it_mw"];
const TARGET: [&str; 8] = [
    "name",
    "metric",
    "precision",
    "efficiency",
    "value",
    "by",
    "recipients",
    "chips",
];
const COOLING: [(&str, Cooling); 2] = [("air", Cooling::Air), ("liquid", Cooling::Liquid)];
const METRIC: [(&str, Metric); 2] = [
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
        let Some(top) = self.table(root, "the scenario file".into(), &TOP) else {
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
            chip: self.elements(&top, "chip", &CHIP, Self::chip),
            recipient: self.elements(&top, "recipient", &RECIPIENT, |r, t| RawRecipient {
                name: r.text(t, Required("name")),
                priority: r.whole(t, Optional("priority")),
            }),
            allocation: self.elements(&top, "allocation", &ALLOCATION, Self::allocation),
            supply: top.get("supply").and_then(|item| {
                let t = self.table(item, "[supply]".into(), &SUPPLY)?;
                if t.get("cap").is_none() {
                    self.missing(&t, "cap");
                }
                let cap = self.steps(&t, "cap", &CAP_STEP, |r, s| RawCapStep {
                    from: r.uncertain_month(s, Required("from")),
                    per_month: r.uncertain_whole(s, Required("per_month")),
                });
                Some(S {
                    value: RawSupply {
                        cap: cap.unwrap_or_default(),
                    },
                    span: item.span.clone(),
                })
            }),
            region: self.elements(&top, "region", &REGION, |r, t| RawRegion {
                name: r.text(t, Required("name")),
                grid: r.steps(t, "grid", &GRID_STEP, |r, s| RawGridStep {
                    from: r.uncertain_month(s, Required("from")),
                    mw: r.uncertain_number(s, Required("mw")),
                }),
                delay_months: r.uncertain_whole(t, Optional("delay_months")),
            }),
            site: self.elements(&top, "site", &SITE, Self::site),
            target: self.elements(&top, "target", &TARGET, Self::target),
            factor: self.elements(&top, "factor", &FACTOR, |r, t| RawFactor {
                name: r.text(t, Required("name")),
                value: r.uncertain_number(t, Required("value")),
                description: r.text(t, Optional("description")),
            }),
            observed: self.elements(&top, "observed", &OBSERVED, |r, t| RawObserved {
                month: r.month(t, Required("month")),
                metric: r.choice(t, Required("metric"), &OBSERVED_METRIC),
                value: r.number(t, Required("value")),
                recipients: r.names(t, "recipients"),
                chips: r.names(t, "chips"),
                tolerance: r.number(t, Optional("tolerance")),
                source: r.text(t, Required("source")),
            }),
        }
    }

    fn meta(&mut self, item: &Item) -> Option<RawMeta> {
        if matches!(item.value, Value::Array(_)) {
            self.error(
                item.span.clone(),
                "`scenario` must be one table: write [scenario], not [[scenario]]",
            );
            return None;
        }
        let t = self.table(item, "[scenario]".into(), &SCENARIO)?;
        Some(RawMeta {
            name: self.text(&t, Required("name")),
            description: self.text(&t, Optional("description")),
            start: self.month(&t, Required("start")),
            end: self.month(&t, Required("end")),
            commissioning_months: self.uncertain_whole(&t, Optional("commissioning_months")),
            server_overhead: self.uncertain_number(&t, Optional("server_overhead")),
        })
    }

    fn chip(&mut self, t: &Table) -> RawChip {
        RawChip {
            name: self.text(t, Required("name")),
            tdp_w: self.uncertain_number(t, Optional("tdp_w")),
            it_kw: self.uncertain_number(t, Optional("it_kw")),
            cooling: self.choice(t, Optional("cooling"), &COOLING),
            cooling_given: t.get("cooling").is_some(),
            tflops: t.get("tflops").and_then(|item| {
                let names = Precision::ALL.map(Precision::as_str);
                let table = self.table(item, "`tflops`".into(), &names)?;
                let figures =
                    Precision::ALL.map(|p| self.uncertain_number(&table, Optional(p.as_str())));
                Some(S {
                    value: RawTflops(figures),
                    span: item.span.clone(),
                })
            }),
        }
    }

    fn allocation(&mut self, t: &Table) -> RawAllocation {
        RawAllocation {
            recipient: self.text(t, Required("recipient")),
            chip: self.text(t, Required("chip")),
            count: self.uncertain_whole(t, Required("count")),
            deliveries: self.deliveries(t),
        }
    }

    fn deliveries(&mut self, t: &Table) -> Option<S<RawDeliveries>> {
        let Some(item) = t.get("deliveries") else {
            self.missing(t, "deliveries");
            return None;
        };
        if self.is_poisoned(&item.span) {
            return None;
        }
        let value = match &item.value {
            Value::Table(_) => {
                let ramp = self.table(item, "`deliveries`".into(), &RAMP)?;
                RawDeliveries::Ramp(Box::new(RawRamp {
                    start: self.uncertain_month(&ramp, Required("start")),
                    months: self.uncertain_whole(&ramp, Required("months")),
                }))
            }
            Value::Array(entries) => RawDeliveries::Schedule(
                entries
                    .iter()
                    .filter_map(|entry| {
                        let e = self.table(entry, "this delivery".into(), &DELIVERY)?;
                        Some(S {
                            value: RawDelivery {
                                month: self.uncertain_month(&e, Required("month")),
                                count: self.whole(&e, Required("count")),
                            },
                            span: entry.span.clone(),
                        })
                    })
                    .collect(),
            ),
            other => {
                self.error(
                    item.span.clone(),
                    format!(
                        "`deliveries` must be a ramp {{ start = \"YYYY-MM\", months = N }} or a list of {{ month = \"YYYY-MM\", count = N }}, found {}",
                        found(other)
                    ),
                );
                return None;
            }
        };
        Some(S {
            value,
            span: item.span.clone(),
        })
    }

    fn site(&mut self, t: &Table) -> RawSite {
        RawSite {
            name: self.text(t, Required("name")),
            region: self.text(t, Optional("region")),
            recipients: self.names(t, "recipients"),
            pue: self.uncertain_number(t, Required("pue")),
            cooling: self.choice(t, Required("cooling"), &COOLING),
            install_per_month: self.uncertain_whole(t, Optional("install_per_month")),
            commissioning_months: self.uncertain_whole(t, Optional("commissioning_months")),
            delay_months: self.uncertain_whole(t, Optional("delay_months")),
            phases: match t.get("phases") {
                None => {
                    self.missing(t, "phases");
                    Vec::new()
                }
                Some(_) => self
                    .steps(t, "phases", &PHASE, |r, p| RawPhase {
                        online: r.uncertain_month(p, Required("online")),
                        it_mw: r.uncertain_number(p, Required("it_mw")),
                    })
                    .unwrap_or_default(),
            },
        }
    }

    fn target(&mut self, t: &Table) -> RawTarget {
        let precisions = Precision::ALL.map(|p| (p.as_str(), p));
        RawTarget {
            name: self.text(t, Required("name")),
            metric: self.choice(t, Required("metric"), &METRIC),
            precision: self.choice(t, Optional("precision"), &precisions),
            precision_given: t.get("precision").is_some(),
            efficiency: self.uncertain_number(t, Optional("efficiency")),
            value: self.number(t, Required("value")),
            by: self.month(t, Required("by")),
            recipients: self.names(t, "recipients"),
            chips: self.names(t, "chips"),
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
        let message = format!("missing key `{key}` in {}", t.context);
        if t.item.span.is_empty() {
            // The file's root table has no place of its own.
            let file = &self.sources.files()[0].path;
            self.problems.push(Diagnostic::whole_file(file, message));
        } else {
            self.error(t.item.span.clone(), message);
        }
    }

    /// The value under `key`, converted by `convert`, or `None` (with the problem reported:
    /// missing, or the message `convert` gives for a value of the wrong kind).
    fn value<'t, T>(
        &mut self,
        t: &Table<'t>,
        key: Key,
        convert: impl FnOnce(&'t Value) -> Result<T, String>,
    ) -> Option<S<T>> {
        let Some(item) = t.get(key.name()) else {
            if let Required(name) = key {
                self.missing(t, name);
            }
            return None;
        };
        if self.is_poisoned(&item.span) {
            return None;
        }
        match convert(&item.value) {
            Ok(value) => Some(S {
                value,
                span: item.span.clone(),
            }),
            Err(message) => {
                self.error(item.span.clone(), message);
                None
            }
        }
    }

    fn text(&mut self, t: &Table, key: Key) -> Option<S<String>> {
        self.value(t, key, |value| match value {
            Value::String(s) => Ok(s.clone()),
            other => Err(format!(
                "`{}` must be text in quotes, found {}",
                key.name(),
                found(other)
            )),
        })
    }

    fn number(&mut self, t: &Table, key: Key) -> Option<S<f64>> {
        self.value(t, key, |value| match value {
            v if uncertain::looks_uncertain(v) => Err(uncertain::not_uncertain(key.name())),
            Value::Float(x) => Ok(*x),
            // TOML integers are i64; every one a scenario can use is exact in f64.
            Value::Integer(i) => Ok(*i as f64),
            Value::String(s) if s.trim().parse::<f64>().is_ok() => Err(format!(
                "`{}` must be a number, found the text \"{s}\" (write it without quotes)",
                key.name()
            )),
            other => Err(format!(
                "`{}` must be a number, found {}",
                key.name(),
                found(other)
            )),
        })
    }

    fn whole(&mut self, t: &Table, key: Key) -> Option<S<i64>> {
        self.value(t, key, |value| match value {
            v if uncertain::looks_uncertain(v) => Err(uncertain::not_uncertain(key.name())),
            Value::Integer(i) => Ok(*i),
            Value::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => Err(format!(
                "`{}` must be a whole number, found the number {} (write {})",
                key.name(),
                float(*x),
                *x as i64
            )),
            Value::String(s) if s.trim().parse::<i64>().is_ok() => Err(format!(
                "`{}` must be a whole number, found the text \"{s}\" (write it without quotes)",
                key.name()
            )),
            other => Err(format!(
                "`{}` must be a whole number, found {}",
                key.name(),
                found(other)
            )),
        })
    }

    fn month(&mut self, t: &Table, key: Key) -> Option<S<String>> {
        self.value(t, key, |value| match value {
            v if uncertain::looks_uncertain(v) => Err(uncertain::not_uncertain(key.name())),
            Value::String(s) => Ok(s.clone()),
            Value::Datetime(d) => Err(format!(
                "`{}`: months are quoted strings — write \"{}\" (found the date {d} without quotes)",
                key.name(),
                d.get(..7).unwrap_or("2026-01")
            )),
            other => Err(format!(
                "`{}` must be a month in quotes, like \"2026-01\", found {}",
                key.name(),
                found(other)
            )),
        })
    }

    fn choice<T: Copy>(
        &mut self,
        t: &Table,
        key: Key,
        options: &[(&'static str, T)],
    ) -> Option<S<T>> {
        let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
        self.value(t, key, |value| match value {
            Value::String(s) => options
                .iter()
                .find(|(name, _)| name == s)
                .map(|&(_, v)| v)
                .ok_or_else(|| {
                    let mut message = format!("unknown value `{s}` for `{}`", key.name());
                    if let Some(close) = did_you_mean(s, names.iter().copied()) {
                        message.push_str(&format!(" — did you mean `{close}`?"));
                    }
                    message.push_str(&format!(" (expected one of: {})", names.join(", ")));
                    message
                }),
            other => Err(format!(
                "`{}` must be one of {} in quotes, found {}",
                key.name(),
                names
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", "),
                found(other)
            )),
        })
    }

    /// A list of names (`recipients`, `chips`); each must be text.
    fn names(&mut self, t: &Table<'_>, key: &'static str) -> Option<Vec<S<String>>> {
        let list = self.value(t, Optional(key), |value| match value {
            Value::Array(items) => Ok(items),
            other => Err(format!(
                "`{key}` must be a list of names, like [\"A\", \"B\"], found {}",
                found(other)
            )),
        })?;
        Some(
            list.value
                .iter()
                .filter_map(|item| match &item.value {
                    _ if self.is_poisoned(&item.span) => None,
                    Value::String(s) => Some(S {
                        value: s.clone(),
                        span: item.span.clone(),
                    }),
                    other => {
                        self.error(
                            item.span.clone(),
                            format!(
                                "each of `{key}` must be a name in quotes, found {}",
                                found(other)
                            ),
                        );
                        None
                    }
                })
                .collect(),
        )
    }
}

/// "unknown key `pue_` — did you mean `pue`? (expected one of: …)"; `remove` outside a
/// what-if file gets its own explanation.
fn unknown_key(key: &str, known: &[&str], close: Option<&str>) -> String {
    if key == super::merge::REMOVE {
        return "`remove` is allowed only in a file that `extends` another".into();
    }
    let mut message = format!("unknown key `{key}`");
    if let Some(close) = close {
        message.push_str(&format!(" — did you mean `{close}`?"));
    }
    message.push_str(&format!(" (expected one of: {})", known.join(", ")));
    message
}

/// A value's kind and, for scalars, the value itself: `the text "1.3"`, `the number 1.5`.
fn found(value: &Value) -> String {
    match value {
        Value::String(s) => {
            let shown: String = s.chars().take(40).collect();
            let more = if s.chars().count() > 40 { "…" } else { "" };
            format!("the text \"{shown}{more}\"")
        }
        Value::Integer(i) => format!("the whole number {i}"),
        Value::Float(x) => format!("the number {}", float(*x)),
        Value::Boolean(b) => format!("`{b}`"),
        Value::Datetime(d) if d.contains(':') && !d.contains('-') => format!("the time {d}"),
        Value::Datetime(d) => format!("the date {d}"),
        Value::Array(_) => "a list".into(),
        Value::Table(_) => "a table".into(),
    }
}

/// A float as TOML writes it ("3.0", "1.5", "inf").
fn float(x: f64) -> String {
    toml::Value::Float(x).to_string()
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
