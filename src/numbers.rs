//! How numbers are written for people, shared by the messages of every stage (errors,
//! warnings, Monte Carlo errors) and the exporters, so a count reads the same everywhere.

/// A number in a message, as short as it can be read: as written for ordinary sizes ("1.25",
/// "300"), in exponent form for the very large and the very small ("1e308", "5e-324") rather
/// than hundreds of digits, and "0" for -0.
pub fn short(x: f64) -> String {
    if x == 0.0 {
        return "0".into();
    }
    if !x.is_finite() {
        return format!("{x}");
    }
    let size = x.abs();
    if (1e-6..1e12).contains(&size) {
        format!("{x}")
    } else {
        format!("{x:e}")
    }
}

/// An integer with thousands separators: 1234567 → "1,234,567".
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_numbers_stay_short() {
        assert_eq!(short(1.25), "1.25");
        assert_eq!(short(300.0), "300");
        assert_eq!(short(1e12), "1e12");
        assert_eq!(short(999_999_999_999.0), "999999999999");
        assert_eq!(short(1e308), "1e308");
        assert_eq!(short(-1e308), "-1e308");
        assert_eq!(short(5e-324), "5e-324");
        assert_eq!(short(-0.0), "0");
        assert_eq!(short(f64::INFINITY), "inf");
    }
}
