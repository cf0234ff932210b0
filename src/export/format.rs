//! Number and field formatting shared by the exporters, so every file spells values the same way.

use crate::uncertain::keys::Kind;
use crate::units::YearMonth;

/// A decimal with six places (MW to the watt, PFLOPS to the GFLOPS); never `-0.000000`.
pub fn decimal(x: f64) -> String {
    if x == 0.0 {
        "0.000000".to_string()
    } else {
        format!("{x:.6}")
    }
}

/// A key's value as the files write it: a month, a whole number or a decimal.
pub fn key_value(kind: Kind, x: f64) -> String {
    match kind {
        Kind::Month => {
            YearMonth::from_index(x.floor() as i64).map_or(String::new(), |m| m.to_string())
        }
        Kind::Whole => format!("{}", x.round() as i64),
        Kind::Number => decimal(x),
    }
}

/// A key's value for people: a month, a whole number with separators, or a number with no
/// more decimals than it needs (at most `decimals`).
pub fn key_value_text(kind: Kind, x: f64, decimals: usize) -> String {
    match kind {
        Kind::Month => key_value(kind, x),
        Kind::Whole => quantity(x.round(), 0),
        Kind::Number => {
            let text = quantity(x, decimals);
            if text.contains('.') {
                text.trim_end_matches('0').trim_end_matches('.').to_string()
            } else {
                text
            }
        }
    }
}

/// A CSV field, quoted when it holds a comma, quote or line break.
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

pub use crate::numbers::thousands;

/// A non-negative quantity for people: thousands separators and `decimals` places.
pub fn quantity(x: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, x.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let whole = whole
        .parse::<u64>()
        .map_or_else(|_| whole.to_string(), thousands);
    let sign = if x < 0.0 && text.bytes().any(|b| matches!(b, b'1'..=b'9')) {
        "-"
    } else {
        ""
    };
    if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(decimal(-0.0), "0.000000");
        assert_eq!(decimal(1.5), "1.500000");
        assert_eq!(csv_field("Gak, Sejong"), "\"Gak, Sejong\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(100), "100");
        assert_eq!(quantity(1234.567, 1), "1,234.6");
        assert_eq!(quantity(15.0, 0), "15");
    }
}
