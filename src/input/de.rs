//! Reads the raw structs out of a (possibly merged) [`Item`] tree, as toml would read them
//! out of text: `Spanned` fields get the tree's spans, and every error carries the span of the
//! key or value it is about.

use std::fmt;
use std::ops::Range;

use serde::de::value::{BorrowedStrDeserializer, StrDeserializer};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;

use super::tree::{Entry, Item, Value};

/// A deserialization error and, once known, where it happened.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    /// serde's message.
    pub message: String,
    /// Global span of the key or value concerned.
    pub span: Option<Range<usize>>,
}

impl Error {
    /// Adds `span` unless a more precise one is already known.
    fn at(mut self, span: &Range<usize>) -> Self {
        if self.span.is_none() {
            self.span = Some(span.clone());
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error {
            message: message.to_string(),
            span: None,
        }
    }
}

/// Deserializes from one tree node.
#[derive(Clone, Copy)]
pub struct ItemDeserializer<'a>(pub &'a Item);

impl<'de> IntoDeserializer<'de, Error> for ItemDeserializer<'de> {
    type Deserializer = Self;
    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> de::Deserializer<'de> for ItemDeserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let item = self.0;
        let result = match &item.value {
            Value::Table(entries) => visitor.visit_map(Table { entries, next: 0 }),
            Value::Array(items) => visitor.visit_seq(Array {
                items: items.iter(),
            }),
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Integer(i) => visitor.visit_i64(*i),
            Value::Float(x) => visitor.visit_f64(*x),
            Value::Boolean(b) => visitor.visit_bool(*b),
            Value::Datetime(d) => visitor.visit_borrowed_str(d),
        };
        result.map_err(|e| e.at(&item.span))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if serde_spanned::de::is_spanned(name) {
            let span = self.0.span.clone();
            return visitor.visit_map(serde_spanned::de::SpannedDeserializer::new(self, span));
        }
        let _ = fields;
        self.deserialize_any(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        // TOML has no null: a present key is always `Some`.
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let item = self.0;
        match &item.value {
            // Unit variants are written as strings ("air", "pflops").
            Value::String(s) => StrDeserializer::<Error>::new(s)
                .deserialize_enum(name, variants, visitor)
                .map_err(|e| e.at(&item.span)),
            _ => self.deserialize_any(visitor),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

struct Table<'a> {
    entries: &'a [Entry],
    next: usize,
}

impl<'de> MapAccess<'de> for Table<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.get(self.next) else {
            return Ok(None);
        };
        // Keys carry their own span so "unknown key" points at the key.
        seed.deserialize(SpannedKey(entry)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let entry = &self.entries[self.next];
        self.next += 1;
        seed.deserialize(ItemDeserializer(&entry.item))
            .map_err(|e| e.at(&entry.item.span))
    }
}

/// A key: a string, or a `Spanned<String>` with the key's span.
struct SpannedKey<'a>(&'a Entry);

impl<'de> de::Deserializer<'de> for SpannedKey<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        BorrowedStrDeserializer::<Error>::new(&self.0.key)
            .deserialize_any(visitor)
            .map_err(|e| e.at(&self.0.key_span))
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if serde_spanned::de::is_spanned(name) {
            let span = self.0.key_span.clone();
            let key: &'de str = &self.0.key;
            return visitor.visit_map(serde_spanned::de::SpannedDeserializer::<&str, Error>::new(
                key, span,
            ));
        }
        self.deserialize_any(visitor)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum ignored_any
    }
}

struct Array<'a> {
    items: std::slice::Iter<'a, Item>,
}

impl<'de> SeqAccess<'de> for Array<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            Some(item) => seed
                .deserialize(ItemDeserializer(item))
                .map(Some)
                .map_err(|e| e.at(&item.span)),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}
