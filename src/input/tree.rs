//! A TOML document as a tree whose every key and value remembers its span: what `extends`
//! merges, what `show` prints and `diff` compares, and what the raw structs are read from.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A value and its span (global offsets, see [`super::source::SourceMap`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The value.
    pub value: Value,
    /// Where it was written.
    pub span: Range<usize>,
}

/// A TOML value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A table, keys in file order.
    Table(Vec<Entry>),
    /// An array.
    Array(Vec<Item>),
    /// A string.
    String(String),
    /// An integer.
    Integer(i64),
    /// A float.
    Float(f64),
    /// A boolean.
    Boolean(bool),
    /// A date or time, as written.
    Datetime(String),
}

/// A key of a table with its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// Where the key was written.
    pub key_span: Range<usize>,
    /// The value.
    pub item: Item,
}

impl Item {
    /// The table's entries, if this is a table.
    pub fn entries(&self) -> Option<&Vec<Entry>> {
        match &self.value {
            Value::Table(entries) => Some(entries),
            _ => None,
        }
    }

    /// The value of `key`, if this is a table that has it.
    pub fn get(&self, key: &str) -> Option<&Item> {
        self.entries()?
            .iter()
            .find(|e| e.key == key)
            .map(|e| &e.item)
    }

    /// The string value, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Whether this is an uncertain value written as a table (`{ min, max }`, `{ p5, p95 }`, …):
    /// one value, which `extends` replaces and `diff` compares whole.
    pub fn is_range(&self) -> bool {
        self.entries().is_some_and(|entries| {
            entries.iter().any(|e| {
                ["p5", "p95", "min", "likely", "max", "choose", "factor"].contains(&e.key.as_str())
            })
        })
    }

    /// Replaces the value of the item written at `span` (and returns whether one was found).
    pub fn replace(&mut self, span: &Range<usize>, value: &Value) -> bool {
        if &self.span == span {
            self.value = value.clone();
            return true;
        }
        match &mut self.value {
            Value::Table(entries) => entries.iter_mut().any(|e| e.item.replace(span, value)),
            Value::Array(items) => items.iter_mut().any(|i| i.replace(span, value)),
            _ => false,
        }
    }

    /// Moves every span by `base` (a file's place in the shared offset space).
    pub fn shift(&mut self, base: usize) {
        self.span = self.span.start + base..self.span.end + base;
        match &mut self.value {
            Value::Table(entries) => {
                for entry in entries {
                    entry.key_span = entry.key_span.start + base..entry.key_span.end + base;
                    entry.item.shift(base);
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|item| item.shift(base)),
            _ => {}
        }
    }
}

/// Parses TOML text into a tree with spans local to `text` (all or nothing; the recovering
/// pass that reports every bad value is [`super::syntax::parse`]).
pub fn parse(text: &str) -> Result<Item, toml::de::Error> {
    let document = DeTable::parse(text)?;
    let mut odd = Vec::new();
    let item = from_document(document, &mut odd);
    match odd.first() {
        None => Ok(item),
        Some(span) => Err(<toml::de::Error as serde::de::Error>::custom(format!(
            "`{}` is not a value a scenario has",
            &text[span.clone()]
        ))),
    }
}

/// The tree of a parsed document. The spans of values no scenario has — integers too large
/// for an `i64` (read as 0) and dates or times (kept as written) — are added to `odd`.
pub fn from_document(document: Spanned<DeTable<'_>>, odd: &mut Vec<Range<usize>>) -> Item {
    let span = document.span();
    let value = table(document.into_inner(), odd);
    Item { value, span }
}

/// A parsed table's entries, keys in file order.
fn table(table: DeTable<'_>, odd: &mut Vec<Range<usize>>) -> Value {
    Value::Table(
        table
            .into_iter()
            .map(|(key, value)| Entry {
                key_span: key.span(),
                key: key.into_inner().into_owned(),
                item: item(value, odd),
            })
            .collect(),
    )
}

/// One parsed value with its span.
fn item(value: Spanned<DeValue<'_>>, odd: &mut Vec<Range<usize>>) -> Item {
    let span = value.span();
    let value = match value.into_inner() {
        DeValue::String(s) => Value::String(s.into_owned()),
        DeValue::Integer(i) => Value::Integer(
            i64::from_str_radix(i.as_str(), i.radix()).unwrap_or_else(|_| {
                odd.push(span.clone());
                0
            }),
        ),
        // The parser accepts only TOML floats, which `f64`'s parser reads (`inf`, `nan` too).
        DeValue::Float(x) => Value::Float(x.as_str().parse().unwrap_or(f64::NAN)),
        DeValue::Boolean(b) => Value::Boolean(b),
        DeValue::Datetime(d) => {
            odd.push(span.clone());
            Value::Datetime(d.to_string())
        }
        DeValue::Array(items) => {
            Value::Array(items.into_iter().map(|value| item(value, odd)).collect())
        }
        DeValue::Table(entries) => table(entries, odd),
    };
    Item { value, span }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_keys_values_order_and_spans() {
        let text = "[scenario]\nname = \"x\"\n[[site]]\nname = \"A\"\nphases = [{ online = \"2026-01\", it_mw = 1.5 }]\n";
        let root = parse(text).unwrap();
        let keys: Vec<&str> = root
            .entries()
            .unwrap()
            .iter()
            .map(|e| e.key.as_str())
            .collect();
        assert_eq!(keys, ["scenario", "site"]);
        let name = root.get("scenario").unwrap().get("name").unwrap();
        assert_eq!(&text[name.span.clone()], "\"x\"");
        let Value::Array(sites) = &root.get("site").unwrap().value else {
            panic!("array")
        };
        let phase = match &sites[0].get("phases").unwrap().value {
            Value::Array(p) => p[0].clone(),
            _ => panic!("array"),
        };
        assert_eq!(phase.get("it_mw").unwrap().value, Value::Float(1.5));
        let entry = &sites[0].entries().unwrap()[1];
        assert_eq!(&text[entry.key_span.clone()], "phases");
    }
}
