//! The look shared by every chart: size, the embedded font, colours, and month ticks that read
//! as dates.

use std::sync::Once;

use plotters::style::{FontStyle, RGBColor, register_font};

use crate::units::YearMonth;

/// Width of every chart, px.
pub const WIDTH: u32 = 1200;
/// Height of every chart, px.
pub const HEIGHT: u32 = 700;
/// Width of the legend panel at the right of a chart, px; the plot never extends into it.
pub const LEGEND_WIDTH: u32 = 320;
/// The one embedded face: `NanumGothic` (SIL OFL 1.1, licence in `fonts/OFL.txt`), which covers
/// Latin and Hangul, so Korean names render as text rather than boxes. The name is also the SVG
/// `font-family`, so it lists fallbacks for viewers that lack `NanumGothic`.
pub const FONT: &str = "NanumGothic, Noto Sans KR, Malgun Gothic, sans-serif";
/// The face's bytes.
pub static FONT_BYTES: &[u8] = include_bytes!("fonts/NanumGothic.ttf");

/// Title font size, px.
pub const TITLE_SIZE: u32 = 26;
/// Axis-description font size, px.
pub const AXIS_SIZE: u32 = 18;
/// Tick-label font size, px.
pub const TICK_SIZE: u32 = 14;
/// Legend font size, px.
pub const LEGEND_SIZE: u32 = 14;

/// Registers the embedded font with plotters once per process.
pub fn register_fonts() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The font is compiled in and known to parse; a failure would only show as missing text.
        let _ = register_font(FONT, FontStyle::Normal, FONT_BYTES);
    });
}

/// Recipients with a colour of their own; with more, the rest share [`OTHERS`] (see
/// [`super::bands`]).
pub const RECIPIENT_COLORS: usize = 20;

/// Colour of recipient `r` (file order), the same in every chart. Twenty colours at least 19
/// apart in CIELAB (ΔE*ab), none close to the greys of chips installing and waiting or to white.
pub fn recipient_color(r: usize) -> RGBColor {
    const PALETTE: [RGBColor; RECIPIENT_COLORS] = [
        RGBColor(0x4E, 0x79, 0xA7),
        RGBColor(0xF2, 0x8E, 0x2B),
        RGBColor(0xE1, 0x57, 0x59),
        RGBColor(0x76, 0xB7, 0xB2),
        RGBColor(0x59, 0xA1, 0x4F),
        RGBColor(0xED, 0xC9, 0x48),
        RGBColor(0xB0, 0x7A, 0xA1),
        RGBColor(0xFF, 0x9D, 0xA7),
        RGBColor(0x9C, 0x75, 0x5F),
        RGBColor(0x2F, 0x4B, 0x7C),
        RGBColor(0x99, 0x00, 0x88),
        RGBColor(0x66, 0x66, 0x00),
        RGBColor(0x00, 0x66, 0x44),
        RGBColor(0xAA, 0xAA, 0xFF),
        RGBColor(0x44, 0xBB, 0xFF),
        RGBColor(0xAA, 0x22, 0x00),
        RGBColor(0xFF, 0x99, 0xFF),
        RGBColor(0xAA, 0x11, 0x44),
        RGBColor(0xAA, 0x88, 0x22),
        RGBColor(0xBB, 0xCC, 0x99),
    ];
    PALETTE[r % PALETTE.len()]
}

/// The band of recipients past the first nineteen when there are more than twenty.
pub const OTHERS: RGBColor = RGBColor(0x50, 0x50, 0x50);

/// Colour of region or series `i` where recipients are not involved (regions, precisions).
pub fn series_color(i: usize) -> RGBColor {
    const PALETTE: [RGBColor; 8] = [
        RGBColor(0x1B, 0x9E, 0x77),
        RGBColor(0xD9, 0x5F, 0x02),
        RGBColor(0x75, 0x70, 0xB3),
        RGBColor(0xE7, 0x29, 0x8A),
        RGBColor(0x66, 0xA6, 0x1E),
        RGBColor(0xE6, 0xAB, 0x02),
        RGBColor(0xA6, 0x76, 0x1D),
        RGBColor(0x66, 0x66, 0x66),
    ];
    PALETTE[i % PALETTE.len()]
}

/// A darker shade of `color` (two thirds of each channel), for a line drawn over its namesake.
pub fn darker(color: RGBColor) -> RGBColor {
    let shade = |c: u8| (u16::from(c) * 2 / 3) as u8;
    RGBColor(shade(color.0), shade(color.1), shade(color.2))
}

/// Chips installed but still commissioning.
pub const INSTALLING: RGBColor = RGBColor(0xC8, 0xC8, 0xC8);
/// Chips delivered but waiting for a place.
pub const WAITING: RGBColor = RGBColor(0x8C, 0x8C, 0x8C);
/// The tick of a met target's marker.
pub const MET: RGBColor = RGBColor(0x2E, 0x8B, 0x3A);
/// The cross of a missed target's marker.
pub const MISSED: RGBColor = RGBColor(0xC6, 0x28, 0x28);
/// Axis and text colour.
pub const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);

/// Month indices to label on a time axis: quarters for short horizons, Januaries (every
/// few years if needed) for long ones, at most about 12 labels.
pub fn month_ticks(start: YearMonth, months: usize) -> Vec<f64> {
    let (step, aligned): (usize, fn(YearMonth) -> bool) = if months <= 36 {
        (3, |m| m.month() % 3 == 1)
    } else {
        let years = months.div_ceil(12);
        (12 * years.div_ceil(12).max(1), |m| m.month() == 1)
    };
    let first = (0..months.min(12))
        .find(|&t| aligned(start.plus(t)))
        .unwrap_or(0);
    let mut ticks: Vec<f64> = (first..months).step_by(step).map(|t| t as f64).collect();
    if ticks.is_empty() {
        ticks.push(0.0);
    }
    ticks
}

/// Label of month index `x` on a time axis: "2027" for Januaries of long horizons, else "2027-04".
pub fn month_label(start: YearMonth, months: usize, x: f64) -> String {
    let month = start.plus(x.round().max(0.0) as usize);
    if months > 36 && month.month() == 1 {
        month.year().to_string()
    } else {
        month.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CIELAB (D65) of an sRGB colour.
    fn lab(c: RGBColor) -> [f64; 3] {
        let linear = |v: u8| {
            let v = f64::from(v) / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let (r, g, b) = (linear(c.0), linear(c.1), linear(c.2));
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| {
            if t > 0.008_856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        [
            116.0 * f(y) - 16.0,
            500.0 * (f(x) - f(y)),
            200.0 * (f(y) - f(z)),
        ]
    }

    fn distance(a: RGBColor, b: RGBColor) -> f64 {
        let (a, b) = (lab(a), lab(b));
        ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
    }

    /// Twenty recipients, twenty colours a reader can tell apart (ΔE*ab of at least 18, where
    /// about 2 is just noticeable), and none close to the greys or white they sit beside.
    #[test]
    fn recipient_colours_are_distinct() {
        let colours: Vec<RGBColor> = (0..RECIPIENT_COLORS).map(recipient_color).collect();
        for (i, &a) in colours.iter().enumerate() {
            for &b in &colours[i + 1..] {
                assert!(distance(a, b) >= 18.0, "{a:?} and {b:?} are too close");
            }
            for other in [INSTALLING, WAITING, OTHERS, RGBColor(255, 255, 255)] {
                assert!(
                    distance(a, other) >= 18.0,
                    "{a:?} is too close to {other:?}"
                );
            }
        }
        assert!(distance(OTHERS, WAITING) >= 18.0 && distance(OTHERS, INSTALLING) >= 18.0);
    }

    #[test]
    fn ticks_fall_on_quarters_or_januaries() {
        let start = YearMonth::parse("2026-02").unwrap();
        assert_eq!(month_ticks(start, 12), [2.0, 5.0, 8.0, 11.0]);
        assert_eq!(month_label(start, 12, 2.0), "2026-04");
        let long = month_ticks(start, 84);
        assert_eq!(long[0], 11.0);
        assert_eq!(month_label(start, 84, 11.0), "2027");
        assert!(month_ticks(start, 1200).len() <= 12);
        assert_eq!(month_ticks(start, 1), [0.0]);
    }
}
