//! The look shared by every chart: size, the embedded font, colours, and axis labels that read
//! as dates and round numbers.

use std::sync::Once;

use plotters::style::{FontStyle, RGBColor, register_font};

use crate::units::YearMonth;

/// Width of every chart, px.
pub const WIDTH: u32 = 1200;
/// Height of every chart, px.
pub const HEIGHT: u32 = 700;
/// Width of the legend panel at the right of a chart, px; the plot never extends into it.
pub const LEGEND_WIDTH: u32 = 320;
/// The one embedded face: NanumGothic (SIL OFL 1.1, licence in `fonts/OFL.txt`), which covers
/// Latin and Hangul, so Korean names render as text rather than boxes. The name is also the SVG
/// `font-family`, so it lists fallbacks for viewers that lack NanumGothic.
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

/// Colour of recipient `r` (file order), the same in every chart.
pub fn recipient_color(r: usize) -> RGBColor {
    const PALETTE: [RGBColor; 10] = [
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
    ];
    PALETTE[r % PALETTE.len()]
}

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

/// Chips installed but still commissioning.
pub const INSTALLING: RGBColor = RGBColor(0xC8, 0xC8, 0xC8);
/// Chips delivered but waiting for a place.
pub const WAITING: RGBColor = RGBColor(0x8C, 0x8C, 0x8C);
/// Marker of a met target.
pub const MET: RGBColor = RGBColor(0x2E, 0x8B, 0x3A);
/// Marker of a missed target.
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

/// A number for an axis: "850", "12,500", "250k", "1.2M".
pub fn short_number(v: f64) -> String {
    let a = v.abs();
    let trimmed = |text: String| {
        if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            text
        }
    };
    if a >= 1e6 {
        format!("{}M", trimmed(format!("{:.2}", v / 1e6)))
    } else if a >= 1e4 {
        format!("{}k", trimmed(format!("{:.1}", v / 1e3)))
    } else if a >= 1e3 {
        crate::export::format::quantity(v, 0)
    } else {
        trimmed(format!("{v:.2}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short() {
        assert_eq!(short_number(850.0), "850");
        assert_eq!(short_number(12_500.0), "12.5k");
        assert_eq!(short_number(2_500.0), "2,500");
        assert_eq!(short_number(250_000.0), "250k");
        assert_eq!(short_number(1_200_000.0), "1.2M");
        assert_eq!(short_number(0.25), "0.25");
        assert_eq!(short_number(0.0), "0");
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
