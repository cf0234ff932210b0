//! The scenario format as a JSON Schema (draft-07), for TOML editors (taplo, Even Better TOML)
//! to complete and check keys as one types: `gpuplan schema` prints it, and the copy shipped as
//! `scenarios/gpuplan.schema.json` is checked equal to it by a test.
//!
//! It describes every key, and every uncertain-value form where a key takes one (README:
//! Uncertain values). Only the keys that identify an element are required in it — a what-if
//! file that `extends` another gives just those and what it changes — so the full rules
//! (required keys, references, date order) remain `gpuplan check`'s.

use serde_json::{Map, Value, json};

use crate::units::Precision;

/// The schema, pretty-printed, with a final newline.
pub fn text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// The schema as a JSON value.
pub fn schema() -> Value {
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "gpuplan scenario",
        "description": "A gpuplan scenario: allocations of AI chips, supply, sites, grid regions, targets and observations. `gpuplan check` applies every rule; this schema helps editors complete and check keys.",
        "type": "object",
        "additionalProperties": false,
        "properties": {
            "extends": text_key("A what-if file: the path of the scenario this one changes, relative to this file."),
            "scenario": object("The scenario's name and horizon.", &[], &[
                ("name", name("Shown on every table and chart.")),
                ("description", text_key("What the scenario assumes.")),
                ("start", month("First simulated month.")),
                ("end", month("Last simulated month, inclusive; at most 1,200 months after start.")),
                ("commissioning_months", whole("Months from install to online (default 0).")),
                ("server_overhead", number("IT kW per chip = tdp_w / 1000 × this, for chips with no it_kw (default 1.82).")),
            ]),
            "chip": list("A new chip, or an override of a built-in one by name (`gpuplan chips`).", &["name"], &[
                ("name", name("The chip's name.")),
                ("tdp_w", number("Board power, W.")),
                ("it_kw", number("All-in IT power per chip (server, network share), kW.")),
                ("cooling", cooling()),
                ("tflops", tflops()),
            ]),
            "recipient": list("Who receives chips.", &["name"], &[
                ("name", name("The recipient's name.")),
                ("priority", json!({"type": "integer", "minimum": 0, "description": "Lower is served first (default 100); ties keep file order."})),
            ]),
            "allocation": list("Chips of one model for one recipient.", &["recipient", "chip"], &[
                ("recipient", text_key("A [[recipient]] name.")),
                ("chip", text_key("A chip name: built-in or a [[chip]].")),
                ("count", whole("Chips allocated.")),
                ("deliveries", deliveries()),
            ]),
            "supply": object("A cap on total deliveries per month.", &[], &[
                ("cap", steps("Deliveries per month from each month on.", "per_month", whole("Chips per month, all recipients together."))),
            ]),
            "region": list("A power region: the grid its sites share.", &["name"], &[
                ("name", name("The region's name.")),
                ("grid", steps("Facility MW from each month on; no grid = unlimited.", "mw", number("Facility MW."))),
                ("delay_months", delay("Shifts every grid step later; negative = earlier.")),
            ]),
            "site": list("A data center.", &["name"], &[
                ("name", name("The site's name.")),
                ("region", text_key("A [[region]] name; none = never grid-limited.")),
                ("recipients", names("The recipients it takes; absent or empty = everyone.")),
                ("pue", number("Facility power / IT power, at least 1.")),
                ("cooling", cooling()),
                ("install_per_month", whole("Chips installed per month; absent = unlimited.")),
                ("commissioning_months", whole("Overrides the scenario's commissioning_months here.")),
                ("delay_months", delay("Shifts every phase later; negative = earlier.")),
                ("phases", json!({
                    "type": "array",
                    "description": "IT MW added at each date.",
                    "items": object("A phase.", &[], &[
                        ("online", uncertain_month("When the phase comes online.")),
                        ("it_mw", number("IT MW it adds.")),
                    ]),
                })),
            ]),
            "target": list("A goal to check.", &["name"], &[
                ("name", name("The target's name.")),
                ("metric", json!({"enum": ["chips_online", "pflops"], "description": "What is counted."})),
                ("value", json!({"type": "number", "minimum": 0, "description": "Chips (a whole number) or PFLOPS."})),
                ("by", month("The deadline, inside the horizon.")),
                ("recipients", names("Only these recipients' chips; absent = all.")),
                ("chips", names("Only these chips; absent = all.")),
                ("precision", precision()),
                ("efficiency", number("pflops only: sustained / peak, in (0, 1] (default 1).")),
            ]),
            "factor": list("A shared uncertain value: one draw per sample for every key that names it.", &["name"], &[
                ("name", name("Named by { factor = \"NAME\" } in a key.")),
                ("description", text_key("What the factor stands for.")),
                ("value", delay("The factor's value: a number or a range.")),
            ]),
            "observed": list("What has been seen, to check the model against.", &[], &[
                ("month", month("The month observed, inside the horizon.")),
                ("metric", json!({"enum": ["delivered", "installed", "online"], "description": "As in timeline.csv (installed = installing + online)."})),
                ("value", json!({"type": "number", "minimum": 0, "description": "Chips."})),
                ("recipients", names("Only these recipients' chips; absent = all.")),
                ("chips", names("Only these chips; absent = all.")),
                ("tolerance", json!({"type": "number", "minimum": 0, "description": "The model agrees within value × (1 ± tolerance) (default 0.1)."})),
                ("source", text_key("Where the figure comes from (required).")),
            ]),
        },
        "definitions": definitions(),
    })
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

fn cooling() -> Value {
    json!({"enum": ["air", "liquid"], "description": "A liquid chip needs a liquid site; an air chip fits either."})
}

fn precision() -> Value {
    let all: Vec<&str> = Precision::ALL.iter().map(|p| p.as_str()).collect();
    json!({"enum": all, "description": "pflops only: the precision counted."})
}

fn tflops() -> Value {
    let figures: Map<String, Value> = Precision::ALL
        .iter()
        .map(|p| {
            (
                p.as_str().to_string(),
                number("Dense peak TFLOPS (TOPS for int8)."),
            )
        })
        .collect();
    json!({
        "type": "object",
        "additionalProperties": false,
        "description": "Dense peak per precision; an override replaces the whole table.",
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

fn steps(description: &str, key: &str, value: Value) -> Value {
    json!({
        "type": "array",
        "description": description,
        "items": object("A step.", &[], &[("from", uncertain_month("From this month on.")), (key, value)]),
    })
}

fn deliveries() -> Value {
    json!({
        "description": "An even ramp { start, months }, or a list of { month, count } adding up to count.",
        "oneOf": [
            object("An even ramp.", &[], &[
                ("start", uncertain_month("First month of deliveries.")),
                ("months", whole("Months the ramp lasts.")),
            ]),
            {
                "type": "array",
                "items": object("A delivery.", &[], &[
                    ("month", uncertain_month("The month.")),
                    ("count", json!({"type": "integer", "minimum": 0, "description": "Chips delivered."})),
                ]),
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
