//! `summary.json`: the [`Report`] as JSON, floats rounded to six decimals so files stay readable
//! and byte-stable.

use serde_json::Value;

use crate::analysis::Report;

/// The report as pretty-printed JSON with a trailing newline.
pub fn summary(report: &Report) -> String {
    // Serialising plain structs of numbers, strings and options cannot fail.
    let mut value = serde_json::to_value(report).unwrap_or(Value::Null);
    round_floats(&mut value);
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}

fn round_floats(value: &mut Value) {
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(x) = n.as_f64().map(|x| (x * 1e6).round() / 1e6)
                && let Some(rounded) = serde_json::Number::from_f64(x)
            {
                *n = rounded;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(round_floats),
        Value::Object(map) => map.values_mut().for_each(round_floats),
        _ => {}
    }
}
