//! Reads the raw structs ([`super::raw`]) out of a merged tree, reporting *every* type error,
//! unknown key and missing key — not just the first — each at its key or value and in a
//! scenario author's words (`pue` must be a number, found the text "1.3").
//!
//! Values the syntax pass already reported (see [`super::syntax`]) are *poisoned*: they read as
//! absent and are not reported again.

mod range_hints;
mod uncertain;

use std::ops::Range;

use super::format::{
    ALLOCATION_CHIP, ALLOCATION_COUNT, ALLOCATION_RECIPIENT, CAP_FROM, CAP_PER_MONTH, CHIP_COOLING,
    CHIP_IT_KW, CHIP_NAME, CHIP_TDP_W, DELIVERY_COUNT, DELIVERY_MONTH, FACTOR_DESCRIPTION,
    FACTOR_NAME, FACTOR_VALUE, GRID_FROM, GRID_MW, Key, OBSERVED_CHIPS, OBSERVED_METRIC,
    OBSERVED_MONTH, OBSERVED_RECIPIENTS, OBSERVED_SOURCE, OBSERVED_TOLERANCE, OBSERVED_VALUE,
    PHASE_IT_MW, PHASE_ONLINE, RAMP_MONTHS, RAMP_START, RECIPIENT_NAME, RECIPIENT_PRIORITY,
    REGION_DELAY, REGION_NAME, SCENARIO_COMMISSIONING, SCENARIO_DESCRIPTION, SCENARIO_END,
    SCENARIO_NAME, SCENARIO_SERVER_OVERHEAD, SCENARIO_START, SITE_COMMISSIONING, SITE_COOLING,
    SITE_DELAY, SITE_INSTALL_PER_MONTH, SITE_NAME, SITE_PUE, SITE_RECIPIENTS, SITE_REGION,
    TARGET_BY, TARGET_CHIPS, TARGET_METRIC, TARGET_NAME, TARGET_PRECISION, TARGET_RECIPIENTS,
    TARGET_VALUE, TFLOPS_FIGURE, Table as Format, keys_of,
};
use super::raw::{
    Num, RawAllocation, RawCapStep, RawChip, RawDeliveries, RawDelivery, RawFactor, RawFile,
    RawGridStep, RawMeta, RawObserved, RawPhase, RawRamp, RawRecipient, RawRegion, RawSite,
    RawSupply, RawTarget, RawTflops, S,
};
use super::source::SourceMap;
use super::tree::{Entry, Item, Value};
use crate::error::{Diagnostic, did_you_mean};
use crate::units::{Cooling, Metric, Observed, Precision};

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
const COOLING_CHOICES: [(&str, Cooling); 2] = [("air", Cooling::Air), ("liquid", Cooling::Liquid)];
const METRIC_CHOICES: [(&str, Metric); 2] = [
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
        let t = self.table(item, "[scenario]".into(), &keys_of(Format::Scenario))?;
        Some(RawMeta {
            name: self.text(&t, &SCENARIO_NAME),
            description: self.text(&t, &SCENARIO_DESCRIPTION),
            start: self.month(&t, &SCENARIO_START),
            end: self.month(&t, &SCENARIO_END),
            commissioning_months: self.uncertain_whole(&t, &SCENARIO_COMMISSIONING),
            server_overhead: self.uncertain_number(&t, &SCENARIO_SERVER_OVERHEAD),
            numbers: self.numbers(&t, Format::Scenario),
        })
    }

    fn chip(&mut self, t: &Table) -> RawChip {
        RawChip {
            name: self.text(t, &CHIP_NAME),
            tdp_w: self.uncertain_number(t, &CHIP_TDP_W),
            numbers: self.numbers(t, Format::Chip),
            it_kw: self.uncertain_number(t, &CHIP_IT_KW),
            cooling: self.choice(t, &CHIP_COOLING, &COOLING_CHOICES),
            cooling_given: t.get("cooling").is_some(),
            tflops: t.get("tflops").and_then(|item| {
                let names = Precision::ALL.map(Precision::as_str);
                let table = self.table(item, "`tflops`".into(), &names)?;
                let figures = Precision::ALL.map(|p| {
                    self.uncertain_number(
                        &table,
                        &Key {
                            name: p.as_str(),
                            ..TFLOPS_FIGURE
                        },
                    )
                });
                Some(S {
                    value: RawTflops(figures),
                    span: item.span.clone(),
                })
            }),
        }
    }

    fn allocation(&mut self, t: &Table) -> RawAllocation {
        RawAllocation {
            recipient: self.text(t, &ALLOCATION_RECIPIENT),
            chip: self.text(t, &ALLOCATION_CHIP),
            count: self.uncertain_whole(t, &ALLOCATION_COUNT),
            numbers: self.numbers(t, Format::Allocation),
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
                let ramp = self.table(item, "`deliveries`".into(), &keys_of(Format::Ramp))?;
                RawDeliveries::Ramp(Box::new(RawRamp {
                    start: self.uncertain_month(&ramp, &RAMP_START),
                    months: self.uncertain_whole(&ramp, &RAMP_MONTHS),
                }))
            }
            Value::Array(entries) => RawDeliveries::Schedule(
                entries
                    .iter()
                    .filter_map(|entry| {
                        let e =
                            self.table(entry, "this delivery".into(), &keys_of(Format::Delivery))?;
                        Some(S {
                            value: RawDelivery {
                                month: self.uncertain_month(&e, &DELIVERY_MONTH),
                                count: self.whole(&e, &DELIVERY_COUNT),
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
            name: self.text(t, &SITE_NAME),
            region: self.text(t, &SITE_REGION),
            recipients: self.names(t, &SITE_RECIPIENTS),
            pue: self.uncertain_number(t, &SITE_PUE),
            cooling: self.choice(t, &SITE_COOLING, &COOLING_CHOICES),
            install_per_month: self.uncertain_whole(t, &SITE_INSTALL_PER_MONTH),
            commissioning_months: self.uncertain_whole(t, &SITE_COMMISSIONING),
            delay_months: self.uncertain_whole(t, &SITE_DELAY),
            numbers: self.numbers(t, Format::Site),
            phases: match t.get("phases") {
                None => {
                    self.missing(t, "phases");
                    Vec::new()
                }
                Some(_) => self
                    .steps(t, "phases", &keys_of(Format::Phase), |r, p| RawPhase {
                        online: r.uncertain_month(p, &PHASE_ONLINE),
                        it_mw: r.uncertain_number(p, &PHASE_IT_MW),
                    })
                    .unwrap_or_default(),
            },
        }
    }

    fn target(&mut self, t: &Table) -> RawTarget {
        let precisions = Precision::ALL.map(|p| (p.as_str(), p));
        RawTarget {
            name: self.text(t, &TARGET_NAME),
            metric: self.choice(t, &TARGET_METRIC, &METRIC_CHOICES),
            precision: self.choice(t, &TARGET_PRECISION, &precisions),
            precision_given: t.get("precision").is_some(),
            numbers: self.numbers(t, Format::Target),
            value: self.number(t, &TARGET_VALUE),
            by: self.month(t, &TARGET_BY),
            recipients: self.names(t, &TARGET_RECIPIENTS),
            chips: self.names(t, &TARGET_CHIPS),
        }
    }

    /// The declared numbers of `table` ([`super::format::numbers_of`]), each read as a number
    /// that may be uncertain.
    fn numbers(&mut self, t: &Table, table: Format) -> Vec<Option<S<Num>>> {
        super::format::numbers_of(table)
            .map(|key| self.uncertain_number(t, key))
            .collect()
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
        key: &Key,
        convert: impl FnOnce(&'t Value) -> Result<T, String>,
    ) -> Option<S<T>> {
        let Some(item) = t.get(key.name) else {
            if key.required {
                let name = key.name;
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

    fn text(&mut self, t: &Table, key: &Key) -> Option<S<String>> {
        self.value(t, key, |value| match value {
            Value::String(s) => Ok(s.clone()),
            other => Err(format!(
                "`{}` must be text in quotes, found {}",
                key.name,
                found(other)
            )),
        })
    }

    fn number(&mut self, t: &Table, key: &Key) -> Option<S<f64>> {
        self.value(t, key, |value| match value {
            v if uncertain::looks_uncertain(v) => Err(uncertain::not_uncertain(key.name)),
            Value::Float(x) => Ok(*x),
            // TOML integers are i64; every one a scenario can use is exact in f64.
            Value::Integer(i) => Ok(*i as f64),
            Value::String(s) if s.trim().parse::<f64>().is_ok() => Err(format!(
                "`{}` must be a number, found the text \"{s}\" (write it without quotes)",
                key.name
            )),
            other => Err(format!(
                "`{}` must be a number, found {}",
                key.name,
                found(other)
            )),
        })
    }

    fn whole(&mut self, t: &Table, key: &Key) -> Option<S<i64>> {
        self.value(t, key, |value| match value {
            v if uncertain::looks_uncertain(v) => Err(uncertain::not_uncertain(key.name)),
            Value::Integer(i) => Ok(*i),
            Value::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => Err(format!(
                "`{}` must be a whole number, found the number {} (write {})",
                key.name,
                float(*x),
                *x as i64
            )),
            Value::String(s) if s.trim().parse::<i64>().is_ok() => Err(format!(
                "`{}` must be a whole number, found the text \"{s}\" (write it without quotes)",
                key.name
            )),
            other => Err(format!(
                "`{}` must be a whole number, found {}",
                key.name,
                found(other)
            )),
        })
    }

    fn month(&mut self, t: &Table, key: &Key) -> Option<S<String>> {
        self.value(t, key, |value| match value {
            v if uncertain::looks_uncertain(v) => Err(uncertain::not_uncertain(key.name)),
            Value::String(s) => Ok(s.clone()),
            Value::Datetime(d) => Err(format!(
                "`{}`: months are quoted strings — write \"{}\" (found the date {d} without quotes)",
                key.name,
                d.get(..7).unwrap_or("2026-01")
            )),
            other => Err(format!(
                "`{}` must be a month in quotes, like \"2026-01\", found {}",
                key.name,
                found(other)
            )),
        })
    }

    fn choice<T: Copy>(
        &mut self,
        t: &Table,
        key: &Key,
        options: &[(&'static str, T)],
    ) -> Option<S<T>> {
        let names: Vec<&str> = options.iter().map(|(name, _)| *name).collect();
        self.value(t, key, |value| match value {
            Value::String(s) => options
                .iter()
                .find(|(name, _)| name == s)
                .map(|&(_, v)| v)
                .ok_or_else(|| {
                    let mut message = format!("unknown value `{s}` for `{}`", key.name);
                    if let Some(close) = did_you_mean(s, names.iter().copied()) {
                        message.push_str(&format!(" — did you mean `{close}`?"));
                    }
                    message.push_str(&format!(" (expected one of: {})", names.join(", ")));
                    message
                }),
            other => Err(format!(
                "`{}` must be one of {} in quotes, found {}",
                key.name,
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
    fn names(&mut self, t: &Table<'_>, key: &Key) -> Option<Vec<S<String>>> {
        let list = self.value(t, key, |value| match value {
            Value::Array(items) => Ok(items),
            other => Err(format!(
                "`{}` must be a list of names, like [\"A\", \"B\"], found {}",
                key.name,
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
                                "each of `{}` must be a name in quotes, found {}",
                                key.name,
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
