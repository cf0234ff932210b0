//! Chips delivered but waiting for a place, stacked by recipient: where the delay is.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::{horizon, stacked, time_chart};
use super::legend::{Entry, Swatch};
use super::style::recipient_color;
use super::{Input, Legend};
use crate::analysis::series::per_recipient;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: Input,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let (scenario, sim) = (input.scenario, input.sim);
    let layers: Vec<(RGBColor, Vec<f64>)> = per_recipient(scenario, sim, &sim.waiting)
        .into_iter()
        .enumerate()
        .map(|(r, s)| {
            (
                recipient_color(r),
                s.into_iter().map(|v| v as f64).collect(),
            )
        })
        .collect();
    let peak = (0..sim.months)
        .map(|t| layers.iter().map(|(_, s)| s[t]).sum::<f64>())
        .fold(0.0, f64::max);
    let mut chart = time_chart(area, horizon(input), peak, "Chips waiting")?;
    stacked(&mut chart, &layers)?;
    let entries = input
        .report
        .recipients
        .iter()
        .enumerate()
        .map(|(r, summary)| {
            let label = format!(
                "{} ({} chip-months)",
                summary.name,
                crate::export::format::thousands(summary.chip_months_waiting)
            );
            Entry::new(Swatch::Area(recipient_color(r)), label)
        })
        .collect();
    Ok(Legend {
        entries,
        note: Some("Delivered, not yet installed".into()),
    })
}
