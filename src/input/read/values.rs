//! The values of single keys, each read as the type its declaration gives: text, a number, a
//! whole number, a month, one of a few words, a list of names — with the message for a value of
//! the wrong kind in a scenario author's words.

use super::{Reader, S, Table, uncertain};
use crate::error::did_you_mean;
use crate::input::format::Key;
use crate::input::tree::Value;
use crate::lang::fill;

/// What is wrong with a value as written, in its author's words (reported at the value).
pub(super) struct Wrong(pub(super) String);

impl Reader<'_> {
    /// The value under `key`, converted by `convert`, or `None` (with the problem reported:
    /// missing, or the message `convert` gives for a value of the wrong kind).
    pub(super) fn value<'t, T>(
        &mut self,
        t: &Table<'t>,
        key: &Key,
        convert: impl FnOnce(&'t Value) -> Result<T, Wrong>,
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
            Err(Wrong(message)) => {
                self.error(item.span.clone(), message);
                None
            }
        }
    }

    pub(super) fn text(&mut self, t: &Table, key: &Key) -> Option<S<String>> {
        self.value(t, key, |value| match value {
            Value::String(s) => Ok(s.clone()),
            other => Err(Wrong(fill(
                "problem.text",
                &[("key", key.name), ("found", &found(other))],
            ))),
        })
    }

    pub(super) fn number(&mut self, t: &Table, key: &Key) -> Option<S<f64>> {
        self.value(t, key, |value| match value {
            v if uncertain::looks_uncertain(v) => Err(Wrong(uncertain::not_uncertain(key.name))),
            Value::Float(x) => Ok(*x),
            // TOML integers are i64; every one a scenario can use is exact in f64.
            Value::Integer(i) => Ok(*i as f64),
            Value::String(s) if s.trim().parse::<f64>().is_ok() => Err(Wrong(fill(
                "problem.number_quoted",
                &[("key", key.name), ("text", s)],
            ))),
            other => Err(Wrong(fill(
                "problem.number",
                &[("key", key.name), ("found", &found(other))],
            ))),
        })
    }

    pub(super) fn whole(&mut self, t: &Table, key: &Key) -> Option<S<i64>> {
        self.value(t, key, |value| match value {
            v if uncertain::looks_uncertain(v) => Err(Wrong(uncertain::not_uncertain(key.name))),
            Value::Integer(i) => Ok(*i),
            Value::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => Err(Wrong(fill(
                "problem.whole_float",
                &[
                    ("key", key.name),
                    ("number", &float(*x)),
                    ("whole", &(*x as i64).to_string()),
                ],
            ))),
            Value::String(s) if s.trim().parse::<i64>().is_ok() => Err(Wrong(fill(
                "problem.whole_quoted",
                &[("key", key.name), ("text", s)],
            ))),
            other => Err(Wrong(fill(
                "problem.whole",
                &[("key", key.name), ("found", &found(other))],
            ))),
        })
    }

    pub(super) fn month(&mut self, t: &Table, key: &Key) -> Option<S<String>> {
        self.value(t, key, |value| match value {
            v if uncertain::looks_uncertain(v) => Err(Wrong(uncertain::not_uncertain(key.name))),
            Value::String(s) => Ok(s.clone()),
            Value::Datetime(d) => Err(Wrong(format!(
                "`{}`: months are quoted strings — write \"{}\" (found the date {d} without quotes)",
                key.name,
                d.get(..7).unwrap_or("2026-01")
            ))),
            other => Err(Wrong(format!(
                "`{}` must be a month in quotes, like \"2026-01\", found {}",
                key.name,
                found(other)
            ))),
        })
    }

    pub(super) fn choice<T: Copy>(
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
                    Wrong(message)
                }),
            other => Err(Wrong(format!(
                "`{}` must be one of {} in quotes, found {}",
                key.name,
                names
                    .iter()
                    .map(|n| format!("\"{n}\""))
                    .collect::<Vec<_>>()
                    .join(", "),
                found(other)
            ))),
        })
    }

    /// A list of names (`recipients`, `chips`); each must be text.
    pub(super) fn names(&mut self, t: &Table<'_>, key: &Key) -> Option<Vec<S<String>>> {
        let list = self.value(t, key, |value| match value {
            Value::Array(items) => Ok(items),
            other => Err(Wrong(format!(
                "`{}` must be a list of names, like [\"A\", \"B\"], found {}",
                key.name,
                found(other)
            ))),
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

/// A value's kind and, for scalars, the value itself: `the text "1.3"`, `the number 1.5`.
pub(super) fn found(value: &Value) -> String {
    match value {
        Value::String(s) => {
            let shown: String = s.chars().take(40).collect();
            let more = if s.chars().count() > 40 { "…" } else { "" };
            fill("found.text", &[("text", &format!("{shown}{more}"))])
        }
        Value::Integer(i) => fill("found.whole", &[("n", &i.to_string())]),
        Value::Float(x) => fill("found.number", &[("n", &float(*x))]),
        Value::Boolean(b) => format!("`{b}`"),
        Value::Datetime(d) if d.contains(':') && !d.contains('-') => {
            fill("found.time", &[("d", d)])
        }
        Value::Datetime(d) => fill("found.date", &[("d", d)]),
        Value::Array(_) => fill("found.list", &[]),
        Value::Table(_) => fill("found.table", &[]),
    }
}

/// A float as TOML writes it ("3.0", "1.5", "inf").
fn float(x: f64) -> String {
    toml::Value::Float(x).to_string()
}
