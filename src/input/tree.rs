//! A TOML document as a tree whose every key and value remembers its span: what `extends`
//! merges, what `show` prints and `diff` compares, and what the raw structs are read from.

use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use toml::Spanned;

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

/// Parses TOML text into a tree with spans local to `text`.
pub fn parse(text: &str) -> Result<Item, toml::de::Error> {
    let root: Spanned<Node> = toml::from_str(text)?;
    let span = root.span();
    Ok(Item {
        value: root.into_inner().0,
        span,
    })
}

/// What toml deserializes at each level; spans come from the `Spanned` around it.
struct Node(Value);

/// The key toml uses to hand a datetime to `deserialize_any`.
const DATETIME_KEY: &str = "$__toml_private_datetime";

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a TOML value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(Node(Value::Boolean(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(Node(Value::Integer(v)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
                i64::try_from(v)
                    .map(|v| Node(Value::Integer(v)))
                    .map_err(|_| E::custom(format!("integer {v} is too large")))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
                Ok(Node(Value::Float(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node(Value::String(v.to_string())))
            }
            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(Node(Value::String(v)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Spanned<Node>>()? {
                    let span = item.span();
                    items.push(Item {
                        value: item.into_inner().0,
                        span,
                    });
                }
                Ok(Node(Value::Array(items)))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(key) = map.next_key::<Spanned<String>>()? {
                    if key.get_ref() == DATETIME_KEY {
                        let text: String = map.next_value()?;
                        return Ok(Node(Value::Datetime(text)));
                    }
                    let value = map.next_value::<Spanned<Node>>()?;
                    let key_span = key.span();
                    let span = value.span();
                    entries.push(Entry {
                        key: key.into_inner(),
                        key_span,
                        item: Item {
                            value: value.into_inner().0,
                            span,
                        },
                    });
                }
                Ok(Node(Value::Table(entries)))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
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
