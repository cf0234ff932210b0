//! Number and field formatting shared by the exporters, so every file spells values the same way.

use crate::uncertain::keys::Kind;
use crate::units::YearMonth;

/// A month as the tables write it, or "never" (in the current language).
pub fn month_or_never(month: Option<YearMonth>) -> String {
    month.map_or_else(
        || crate::lang::text("run.never").to_string(),
        |m| m.to_string(),
    )
}

/// A decimal with six places (MW to the watt, PFLOPS to the GFLOPS); never `-0.000000`.
pub fn decimal(x: f64) -> String {
    if x == 0.0 {
        "0.000000".to_string()
    } else {
        format!("{x:.6}")
    }
}

/// A share of `samples` samples as a probability for people — the same in the terminal, the
/// charts and the report: one decimal, never rounded to a certainty it is not ("> 99.9%",
/// "< 0.1%" rather than 100.0% or 0.0%), and "all N samples" or "none of N samples" only when
/// every sample agrees.
pub fn probability(p: f64, samples: u64) -> String {
    let n = thousands(samples);
    if p >= 1.0 {
        crate::lang::fill("probability.all", &[("n", &n)])
    } else if p <= 0.0 {
        crate::lang::fill("probability.none", &[("n", &n)])
    } else if p * 100.0 >= 99.95 {
        "> 99.9%".into()
    } else if p * 100.0 < 0.05 {
        "< 0.1%".into()
    } else {
        format!("{:.1}%", p * 100.0)
    }
}

/// [`probability`] with its 95% interval (± 1.96 standard errors): "93.2% ± 0.5%". Where one
/// decimal cannot show it ("> 99.9%", "< 0.1%") the count says it instead: "> 99.9% (all but 1
/// of 10,000)", "< 0.1% (3 of 10,000)".
pub fn probability_interval(p: f64, stderr: f64, samples: u64) -> String {
    let shown = probability(p, samples);
    if p <= 0.0 || p >= 1.0 {
        return shown;
    }
    let met = (p * samples as f64).round() as u64;
    if p * 100.0 >= 99.95 {
        return format!(
            "{shown} (all but {} of {})",
            thousands(samples - met.min(samples)),
            thousands(samples)
        );
    }
    if p * 100.0 < 0.05 {
        return format!("{shown} ({} of {})", thousands(met), thousands(samples));
    }
    match 1.96 * stderr * 100.0 {
        half if half < 0.05 => format!("{shown} ± < 0.1%"),
        half => format!("{shown} ± {half:.1}%"),
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

/// A scale that keeps an axis of money short: (divisor, word) for amounts up to `peak` —
/// trillions, billions, millions, or ones.
pub fn money_scale(peak: f64) -> (f64, &'static str) {
    if crate::lang::current() == crate::lang::Lang::Ko {
        // Korean counts money in 억 (10⁸) and 조 (10¹²).
        return match peak.abs() {
            x if x >= 1e12 => (1e12, "조"),
            x if x >= 1e8 => (1e8, "억"),
            _ => (1.0, ""),
        };
    }
    match peak.abs() {
        x if x >= 1e12 => (1e12, "trillion"),
        x if x >= 1e9 => (1e9, "billion"),
        x if x >= 1e6 => (1e6, "million"),
        _ => (1.0, ""),
    }
}

/// An amount of money for people: "628.0 billion", "1.46 trillion", "35,000"; "0" for none.
pub fn amount(x: f64) -> String {
    let size = x.abs();
    if crate::lang::current() == crate::lang::Lang::Ko {
        return if size >= 1e12 {
            format!("{:.2}조", x / 1e12)
        } else if size >= 1e8 {
            format!("{}억", quantity(x / 1e8, 0))
        } else {
            quantity(x, 0)
        };
    }
    if size >= 1e12 {
        format!("{:.2} trillion", x / 1e12)
    } else if size >= 1e9 {
        format!("{:.1} billion", x / 1e9)
    } else if size >= 1e6 {
        format!("{:.1} million", x / 1e6)
    } else {
        quantity(x, 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probabilities_never_round_to_a_certainty_they_are_not() {
        assert_eq!(probability(0.999, 10_000), "99.9%");
        assert_eq!(probability(0.9996, 10_000), "> 99.9%");
        assert_eq!(probability(1.0, 2_008), "all 2,008 samples");
        assert_eq!(probability(0.045, 10_000), "4.5%");
        assert_eq!(probability(0.0004, 10_000), "< 0.1%");
        assert_eq!(probability(0.0, 500), "none of 500 samples");
        assert_eq!(probability_interval(1.0, 0.0, 100), "all 100 samples");
        assert_eq!(probability_interval(0.5, 0.005, 10_000), "50.0% ± 1.0%");
        assert_eq!(
            probability_interval(0.9999, 1e-4, 10_000),
            "> 99.9% (all but 1 of 10,000)"
        );
        assert_eq!(
            probability_interval(0.0003, 1e-4, 10_000),
            "< 0.1% (3 of 10,000)"
        );
    }

    #[test]
    fn formats() {
        assert_eq!(decimal(-0.0), "0.000000");
        assert_eq!(decimal(1.5), "1.500000");
        assert_eq!(csv_field("Gak, Sejong"), "\"Gak, Sejong\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(100), "100");
        assert_eq!(quantity(1234.567, 1), "1,234.6");
        assert_eq!(quantity(15.0, 0), "15");
        assert_eq!(amount(6.28e11), "628.0 billion");
        assert_eq!(amount(1.4628e12), "1.46 trillion");
        assert_eq!(amount(35_000.0), "35,000");
    }
}
