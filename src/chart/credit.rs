//! The credit line at the foot of every chart: whose scenario it is, that it is a projection
//! and by which gpuplan, and the month its data run to (the newest observation, else the
//! scenario's start) — so a chart cropped out of a page or a report keeps its source.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::style::{FONT, WIDTH};
use super::text;
use crate::lang::{fill, text};
use crate::model::Scenario;

/// Height of the strip the line sits in, px.
pub const HEIGHT: u32 = 20;
/// Its font size, px.
const SIZE: u32 = 12;
/// Its colour: legible, quieter than the chart.
const GREY: RGBColor = RGBColor(0x6A, 0x6A, 0x6A);

/// The credit of a chart of `scenario`; `more` other cases drawn beside it (a comparison).
pub fn of_scenario(scenario: &Scenario, more: usize) -> String {
    let as_of = match scenario.observations.iter().map(|o| o.month).max() {
        Some(month) => fill("credit.observation", &[("month", &month.to_string())]),
        None => fill("credit.start", &[("month", &scenario.start.to_string())]),
    };
    let name = match more {
        0 => scenario.name.clone(),
        1 => fill("credit.more_one", &[("name", &scenario.name)]),
        _ => fill(
            "credit.more",
            &[("name", &scenario.name), ("n", &more.to_string())],
        ),
    };
    format!("{name} · {} · {as_of}", projection())
}

/// The credit of a chart of the reference classes shipped with gpuplan.
pub fn of_reference_classes() -> String {
    format!("{} · {}", text("credit.classes"), projection())
}

/// "projection — gpuplan VERSION".
pub fn projection() -> String {
    fill(
        "credit.projection",
        &[("version", env!("CARGO_PKG_VERSION"))],
    )
}

/// Draws `line` in `strip`, left-aligned, shortened with "…" to the chart's width.
pub fn draw<DB: DrawingBackend>(
    strip: &DrawingArea<DB, Shift>,
    line: &str,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let line = text::shorten(line, SIZE, f64::from(WIDTH) - 24.0);
    let style = (FONT, SIZE).into_font().color(&GREY);
    strip.draw(&Text::new(line, (12, 2), style))
}
