//! Reading the keys that may hold an uncertain value: a plain value, a string `"A to B"`, or a
//! table in one of the forms (`{ p5, p95, shape }`, `{ min, likely, max }`, `{ min, max }`,
//! `{ choose = [...] }`, `{ factor = "NAME" }`, `{ reference = "CLASS" }`). Only the shape is checked here; what the
//! bounds mean (order, sign, months) is checked by `crate::uncertain`.

use std::ops::Range;

use super::{CHOICE, FORM, Reader, Table, found};
use crate::input::format::Key;
use crate::input::raw::{Form, Month, Num, S, Value, Whole};
use crate::input::tree::{Item, Value as Toml};

/// How a bound of a range is read: as a number, or as month text.
pub(super) trait Bound: Sized + Clone {
    /// What a bound must be, for messages.
    const EXPECTED: &'static str;
    fn read(value: &Toml) -> Option<Self>;
    /// A bound from one side of `"A to B"`.
    fn parse(text: &str) -> Option<Self>;
    /// Whether `text` reads as a valid bound (a number; a month "YYYY-MM").
    fn well_formed(text: &str) -> bool;
    /// The bound as a TOML value: `1.2`, `"2027-01"`.
    fn literal(&self) -> String;
}

impl Bound for f64 {
    const EXPECTED: &'static str = "a number";
    fn read(value: &Toml) -> Option<f64> {
        match value {
            Toml::Float(x) => Some(*x),
            Toml::Integer(i) => Some(*i as f64),
            _ => None,
        }
    }
    fn parse(text: &str) -> Option<f64> {
        text.replace('_', "").parse().ok()
    }
    fn well_formed(text: &str) -> bool {
        Self::parse(text).is_some()
    }
    fn literal(&self) -> String {
        self.to_string()
    }
}

impl Bound for String {
    const EXPECTED: &'static str = "a month in quotes, like \"2027-01\"";
    fn read(value: &Toml) -> Option<String> {
        match value {
            Toml::String(s) => Some(s.clone()),
            _ => None,
        }
    }
    fn parse(text: &str) -> Option<String> {
        Some(text.to_string())
    }
    fn well_formed(text: &str) -> bool {
        crate::units::YearMonth::parse(text).is_some()
    }
    fn literal(&self) -> String {
        format!("\"{self}\"")
    }
}

/// Whether `value` is written like an uncertain value (a table, or text with " to ").
pub(super) fn looks_uncertain(value: &Toml) -> bool {
    match value {
        Toml::String(s) => s.contains(" to "),
        Toml::Table(entries) => entries.iter().any(|e| FORM.contains(&e.key.as_str())),
        _ => false,
    }
}

/// The message for an uncertain value in a key that takes only a plain one.
pub(super) fn not_uncertain(key: &str) -> String {
    format!(
        "`{key}` cannot be uncertain: write one value here (ranges go only in the keys docs/scenario-format.md lists under \"Uncertain values\")"
    )
}

impl Reader<'_> {
    /// A number that may be uncertain.
    pub(super) fn uncertain_number(&mut self, t: &Table, key: &Key) -> Option<S<Num>> {
        let item = self.present(t, key)?;
        match &item.value {
            Toml::Float(_) | Toml::Integer(_) => self.number(t, key).map(|s| wrap(s, Value::Fixed)),
            _ if self.misspelt_range::<f64>(item, key.name) => None,
            _ if looks_uncertain(&item.value) => self.form(item, key.name),
            _ => self.number(t, key).map(|s| wrap(s, Value::Fixed)),
        }
    }

    /// A whole number that may be uncertain.
    pub(super) fn uncertain_whole(&mut self, t: &Table, key: &Key) -> Option<S<Whole>> {
        let item = self.present(t, key)?;
        if self.misspelt_range::<f64>(item, key.name) {
            return None;
        }
        if looks_uncertain(&item.value) {
            return self.form(item, key.name);
        }
        self.whole(t, key).map(|s| wrap(s, Value::Fixed))
    }

    /// A month that may be uncertain.
    pub(super) fn uncertain_month(&mut self, t: &Table, key: &Key) -> Option<S<Month>> {
        let item = self.present(t, key)?;
        if self.misspelt_range::<String>(item, key.name) {
            return None;
        }
        if looks_uncertain(&item.value) {
            return self.form(item, key.name);
        }
        self.month(t, key).map(|s| wrap(s, Value::Fixed))
    }

    /// Reports a range written in a form gpuplan does not read — `"1.2 - 1.4"`, `"40 ~ 50"`,
    /// `{ low = 1.2, high = 1.4 }`, a number with thousands separators — with the form that
    /// says it (docs/scenario-format.md: Uncertain values). Whether it did.
    fn misspelt_range<B: Bound + std::fmt::Display>(&mut self, item: &Item, key: &str) -> bool {
        let hint = super::range_hints::hint::<B>(&item.value, key);
        match hint {
            Some(message) => {
                self.error(item.span.clone(), message);
                true
            }
            None => false,
        }
    }

    /// The item under `key` unless absent (a required one is reported) or poisoned.
    fn present<'t>(&mut self, t: &Table<'t>, key: &Key) -> Option<&'t Item> {
        let Some(item) = t.get(key.name) else {
            if key.required {
                let name = key.name;
                self.missing(t, name);
            }
            return None;
        };
        (!self.is_poisoned(&item.span)).then_some(item)
    }

    /// An uncertain value written as `"A to B"` or as a table.
    fn form<T, B: Bound>(&mut self, item: &Item, key: &str) -> Option<S<Value<T, B>>> {
        let form = match &item.value {
            Toml::String(text) => self.interval_text(item, text, key)?,
            _ => self.form_table(item, key)?,
        };
        Some(S {
            value: Value::Uncertain(form),
            span: item.span.clone(),
        })
    }

    /// `"A to B"`: the two bounds, each with its own span where the text allows it.
    fn interval_text<B: Bound>(&mut self, item: &Item, text: &str, key: &str) -> Option<Form<B>> {
        let (a, b) = text.split_once(" to ")?;
        // Spans inside the literal, when it is written plainly between two quotes.
        let plain = item.span.len() == text.len() + 2;
        let inner = |offset: usize, part: &str| -> Range<usize> {
            if plain {
                let start = item.span.start + 1 + offset + (part.len() - part.trim_start().len());
                start..start + part.trim().len()
            } else {
                item.span.clone()
            }
        };
        let (span_a, span_b) = (inner(0, a), inner(a.len() + 4, b));
        let (lo, hi) = (B::parse(a.trim()), B::parse(b.trim()));
        let (Some(lo), Some(hi)) = (lo, hi) else {
            let plain = (
                super::range_hints::unseparated(a.trim()),
                super::range_hints::unseparated(b.trim()),
            );
            let message = if let (Some(a), Some(b)) = plain {
                format!("`{key}`: numbers take no thousands separators: write \"{a} to {b}\"")
            } else {
                format!(
                    "`{key}`: \"A to B\" needs two bounds, each {}; found \"{text}\"",
                    B::EXPECTED
                )
            };
            self.error(item.span.clone(), message);
            return None;
        };
        Some(Form::Interval {
            p5: S {
                value: lo,
                span: span_a,
            },
            p95: S {
                value: hi,
                span: span_b,
            },
            shape: None,
        })
    }

    /// An uncertain value written as a table: which form is told by its keys.
    fn form_table<B: Bound>(&mut self, item: &Item, key: &str) -> Option<Form<B>> {
        let context = format!("the range of `{key}`");
        let t = self.table(item, context, &FORM)?;
        let has = |k: &str| t.get(k).is_some();
        // The keys of each form; a range uses one form's keys only.
        let groups: [(&str, &[&str]); 6] = [
            ("factor", &["factor"]),
            ("reference", &["reference", "lead_months"]),
            ("choose", &["choose"]),
            ("p5", &["p5", "p95", "shape"]),
            ("min", &["min", "max"]),
            ("likely", &["min", "likely", "max"]),
        ];
        let present: Vec<&str> = FORM.iter().copied().filter(|k| has(k)).collect();
        let Some(&(form, _)) = groups
            .iter()
            .find(|(_, keys)| present.iter().all(|k| keys.contains(k)) && !present.is_empty())
        else {
            let message = if present.is_empty() {
                format!(
                    "`{key}`: a range is \"A to B\", {{ p5, p95 }}, {{ min, likely, max }}, {{ min, max }}, {{ choose = [...] }}, {{ factor = \"NAME\" }} or {{ reference = \"CLASS\" }}"
                )
            } else {
                format!(
                    "`{key}`: a range is one of {{ p5, p95 }}, {{ min, likely, max }}, {{ min, max }}, {{ choose = [...] }}, {{ factor = \"NAME\" }} or {{ reference = \"CLASS\" }}, not a mix (found {})",
                    present.join(", ")
                )
            };
            self.error(item.span.clone(), message);
            return None;
        };
        let bound = |r: &mut Self, name: &'static str| r.bound::<B>(&t, name, key);
        Some(match form {
            "factor" => Form::Factor(self.text(&t, &Key::form("factor", true))?),
            "reference" => {
                let lead_months = self.number(&t, &Key::form("lead_months", false));
                Form::Reference {
                    class: self.text(&t, &Key::form("reference", true))?,
                    lead_months,
                }
            }
            "choose" => Form::Choose(self.choices(&t, key)?),
            "p5" => {
                let shape = self.text(&t, &Key::form("shape", false));
                let (p5, p95) = (bound(self, "p5"), bound(self, "p95"));
                Form::Interval {
                    p5: p5?,
                    p95: p95?,
                    shape,
                }
            }
            "likely" => {
                let (min, likely, max) = (
                    bound(self, "min"),
                    bound(self, "likely"),
                    bound(self, "max"),
                );
                Form::Pert {
                    min: min?,
                    likely: likely?,
                    max: max?,
                }
            }
            _ => {
                let (min, max) = (bound(self, "min"), bound(self, "max"));
                Form::Uniform {
                    min: min?,
                    max: max?,
                }
            }
        })
    }

    /// One bound of a range table.
    fn bound<B: Bound>(&mut self, t: &Table, name: &'static str, key: &str) -> Option<S<B>> {
        let Some(item) = t.get(name) else {
            self.missing(t, name);
            return None;
        };
        if self.is_poisoned(&item.span) {
            return None;
        }
        if let Some(value) = B::read(&item.value) {
            Some(S {
                value,
                span: item.span.clone(),
            })
        } else {
            self.error(
                item.span.clone(),
                format!(
                    "`{name}` in the range of `{key}` must be {}, found {}",
                    B::EXPECTED,
                    found(&item.value)
                ),
            );
            None
        }
    }

    /// `choose = [ { value = X, weight = W }, ... ]`.
    fn choices<B: Bound>(&mut self, t: &Table, key: &str) -> Option<Vec<(S<B>, S<f64>)>> {
        let list = t.get("choose")?;
        let Toml::Array(items) = &list.value else {
            self.error(
                list.span.clone(),
                format!(
                    "`choose` in the range of `{key}` must be a list of {{ value, weight }}, found {}",
                    found(&list.value)
                ),
            );
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut complete = true;
        for choice in items {
            let Some(c) = self.table(choice, "this choice".into(), &CHOICE) else {
                complete = false;
                continue;
            };
            let value = self.bound::<B>(&c, "value", key);
            let weight = self.number(&c, &Key::form("weight", true));
            match (value, weight) {
                (Some(v), Some(w)) => out.push((v, w)),
                _ => complete = false,
            }
        }
        complete.then_some(out)
    }
}

fn wrap<T, B>(plain: S<T>, fixed: impl FnOnce(T) -> Value<T, B>) -> S<Value<T, B>> {
    S {
        value: fixed(plain.value),
        span: plain.span,
    }
}
