//! The scenario format as a JSON Schema (draft-07), for TOML editors (taplo, Even Better TOML)
//! to complete and check keys as one types: `gpuplan schema` prints it, and the copy shipped as
//! `scenarios/gpuplan.schema.json` is checked equal to it by a test.
//!
//! It describes every key, and every uncertain-value form where a key takes one (docs/scenario-format.md:
//! Uncertain values). Only the keys that identify an element are required in it — a what-if
//! file that `extends` another gives just those and what it changes — so the full rules
//! (required keys, references, date order) remain `gpuplan check`'s.

use serde_json::{Map, Value, json};

use super::format::{self, Key, Table, Type, Uncertain};

/// The schema, pretty-printed, with a final newline.
pub fn text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema as a JSON value, built from the format's declaration ([`format`]).
pub fn schema() -> Value {
    let mut properties = Map::new();
    properties.insert(
        "extends".into(),
        text_key(
            "A what-if file: the path of the scenario this one changes, relative to this file.",
        ),
    );
    for top in &format::TOP {
        properties.insert(top.name.into(), top_key(top));
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "gpuplan scenario",
        "description": "A gpuplan scenario: allocations of AI chips, supply, sites, grid regions, targets and observations. `gpuplan check` applies every rule; this schema helps editors complete and check keys.",
        "type": "object",
        "additionalProperties": false,
        "properties": properties,
        "definitions": definitions(),
    })
}

/// A top-level key: a table (`[scenario]`, `[supply]`) or a list of elements.
fn top_key(top: &Key) -> Value {
    match top.ty {
        Type::Table(table) => object(top.doc, &[], &keys(table)),
        Type::List(table) => list(top.doc, identity(table), &keys(table)),
        _ => text_key(top.doc),
    }
}

/// The keys that identify an element: all a what-if file must give of it.
fn identity(table: Table) -> &'static [&'static str] {
    match table {
        Table::Allocation => &["recipient", "chip"],
        Table::Observed => &[],
        _ => &["name"],
    }
}

/// The schema of each key of `table`, in order.
fn keys(table: Table) -> Vec<(&'static str, Value)> {
    format::KEYS
        .iter()
        .filter(|key| key.table == table)
        .map(|key| (key.name, key_schema(key)))
        .collect()
}

/// One key's schema, from its declaration.
fn key_schema(key: &Key) -> Value {
    let doc = key.doc;
    match (key.ty, key.uncertain) {
        (Type::Name, _) => name(doc),
        (Type::Text, _) => text_key(doc),
        (Type::Names, _) => names(doc),
        (Type::Month, Uncertain::No) => month(doc),
        (Type::Month, _) => uncertain_month(doc),
        (Type::Number | Type::Whole, Uncertain::Delay) => delay(doc),
        (Type::Number, Uncertain::Yes) => number(doc),
        (Type::Whole, Uncertain::Yes) => whole(doc),
        (Type::Number, Uncertain::No) => {
            json!({"type": "number", "minimum": minimum(key.lo), "description": doc})
        }
        (Type::Whole, Uncertain::No) => {
            json!({"type": "integer", "minimum": minimum(key.lo), "description": doc})
        }
        (Type::Choice(words), _) => json!({"enum": words, "description": doc}),
        (Type::Table(Table::Tflops), _) => tflops(doc),
        (Type::Table(table), _) => object(doc, &[], &keys(table)),
        (Type::List(table), _) => json!({
            "type": "array",
            "description": doc,
            "items": object(entry_doc(table), &[], &keys(table)),
        }),
        (Type::Deliveries, _) => deliveries(doc),
    }
}

/// A least value as JSON writes it: `0`, not `0.0`, for a whole one.
fn minimum(lo: f64) -> Value {
    if lo.fract() == 0.0 && lo.abs() < 1e15 {
        json!(lo as i64)
    } else {
        json!(lo)
    }
}

/// How the schema describes one entry of a list of inline tables.
fn entry_doc(table: Table) -> &'static str {
    match table {
        Table::Phase => "A phase.",
        _ => "A step.",
    }
}

fn text_key(description: &str) -> Value {
    json!({"type": "string", "description": description})
}

fn name(description: &str) -> Value {
    json!({
        "type": "string",
        "minLength": 1,
        "maxLength": crate::names::MAX_CHARS,
        "pattern": r"^[^\s=+\-@]",
        "description": description,
    })
}

fn names(description: &str) -> Value {
    json!({"type": "array", "items": {"type": "string"}, "description": description})
}

fn month(description: &str) -> Value {
    json!({"$ref": "#/definitions/month", "description": description})
}

fn uncertain_month(description: &str) -> Value {
    json!({"$ref": "#/definitions/uncertain_month", "description": description})
}

fn number(description: &str) -> Value {
    json!({"$ref": "#/definitions/uncertain_number", "description": description})
}

fn whole(description: &str) -> Value {
    json!({"$ref": "#/definitions/uncertain_whole", "description": description})
}

fn delay(description: &str) -> Value {
    json!({"$ref": "#/definitions/delay", "description": description})
}

/// A chip's `tflops`: a figure for each precision.
fn tflops(description: &str) -> Value {
    let figures: Map<String, Value> = format::PRECISIONS
        .iter()
        .map(|p| ((*p).to_string(), number(format::TFLOPS_FIGURE.doc)))
        .collect();
    json!({
        "type": "object",
        "additionalProperties": false,
        "description": description,
        "properties": figures,
    })
}

/// A table of `keys`, `required` among them.
fn object(description: &str, required: &[&str], keys: &[(&str, Value)]) -> Value {
    let properties: Map<String, Value> = keys
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    json!({
        "type": "object",
        "description": description,
        "additionalProperties": false,
        "required": required,
        "properties": properties,
    })
}

/// A list of elements, each a table of `keys`, or `remove = true` (in a what-if file, with the
/// keys that identify the element).
fn list(description: &str, required: &[&str], keys: &[(&str, Value)]) -> Value {
    let mut keys = keys.to_vec();
    keys.push((
        crate::input::merge::REMOVE,
        json!({"const": true, "description": "In a what-if file: drop this element of the base scenario."}),
    ));
    json!({"type": "array", "description": description, "items": object(description, required, &keys)})
}

/// An allocation's `deliveries`: a ramp, or a list of deliveries.
fn deliveries(description: &str) -> Value {
    json!({
        "description": description,
        "oneOf": [
            object("An even ramp.", &[], &keys(Table::Ramp)),
            {
                "type": "array",
                "items": object("A delivery.", &[], &keys(Table::Delivery)),
            },
        ],
    })
}

/// The value forms: fixed values and every range form.
fn definitions() -> Value {
    let month_pattern = r"^[0-9]{4}-(0[1-9]|1[0-2])$";
    let number_text = r"-?[0-9][0-9_]*(\.[0-9_]+)?([eE][+-]?[0-9]+)?";
    let range_of_numbers = format!(r"^\s*{number_text}\s+to\s+{number_text}\s*$");
    let range_of_months = r"^\s*[0-9]{4}-[0-9]{2}\s+to\s+[0-9]{4}-[0-9]{2}\s*$";
    let forms = |bound: Value, text: Value, factor: bool, reference: bool| {
        let choice = json!({
            "type": "object", "additionalProperties": false, "required": ["value", "weight"],
            "properties": {"value": bound.clone(), "weight": {"type": "number", "exclusiveMinimum": 0}},
        });
        let table = |keys: &[&str], optional: &[(&str, Value)]| {
            let mut properties: Map<String, Value> = keys
                .iter()
                .map(|k| (k.to_string(), bound.clone()))
                .collect();
            properties.extend(optional.iter().map(|(k, v)| (k.to_string(), v.clone())));
            json!({"type": "object", "additionalProperties": false, "required": keys, "properties": properties})
        };
        let mut list = vec![
            text,
            table(
                &["p5", "p95"],
                &[("shape", json!({"enum": ["lognormal", "normal"]}))],
            ),
            table(&["min", "likely", "max"], &[]),
            table(&["min", "max"], &[]),
            json!({"type": "object", "additionalProperties": false, "required": ["choose"],
                   "properties": {"choose": {"type": "array", "minItems": 1, "items": choice}}}),
        ];
        if factor {
            list.push(json!({"type": "object", "additionalProperties": false, "required": ["factor"],
                             "properties": {"factor": {"type": "string", "description": "A [[factor]] name."}}}));
        }
        if reference {
            list.push(json!({"type": "object", "additionalProperties": false, "required": ["reference"],
                             "properties": {"reference": {"type": "string", "description": "A reference class (`gpuplan refclass`)."},
                                            "lead_months": {"type": "number", "exclusiveMinimum": 0, "maximum": 1200,
                                                            "description": "Scale the class's slips to a plan stated this many months before its date."}}}));
        }
        list
    };
    let number_range = json!({"type": "string", "pattern": range_of_numbers, "description": "\"A to B\": a 90% interval."});
    let with_fixed = |fixed: Value, forms: Vec<Value>| {
        let mut any = vec![fixed];
        any.extend(forms);
        json!({"anyOf": any})
    };
    json!({
        "month": {"type": "string", "pattern": month_pattern, "description": "\"YYYY-MM\"."},
        "uncertain_month": with_fixed(
            json!({"$ref": "#/definitions/month"}),
            forms(json!({"$ref": "#/definitions/month"}), json!({"type": "string", "pattern": range_of_months}), false, false),
        ),
        "uncertain_number": with_fixed(
            json!({"type": "number"}),
            forms(json!({"type": "number"}), number_range.clone(), true, false),
        ),
        "uncertain_whole": with_fixed(
            json!({"type": "integer"}),
            forms(json!({"type": "number"}), number_range.clone(), true, false),
        ),
        "delay": with_fixed(
            json!({"type": "number"}),
            forms(json!({"type": "number"}), number_range, true, true),
        ),
    })
}
