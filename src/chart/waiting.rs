//! Chips delivered but waiting for a place, stacked by recipient: where the delay is.

use crate::lang::text;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::ValueAxis;
use super::bands::bands;
use super::frame::{horizon, stack_top, stacked, time_chart};
use super::legend::{Entry, Swatch};
use super::{Input, Legend};
use crate::analysis::series::per_recipient;
use crate::present::format::thousands;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: Input,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let (scenario, sim) = (input.scenario, input.sim);
    let bands = bands(scenario, &per_recipient(scenario, sim, &sim.waiting));
    let layers: Vec<(RGBColor, Vec<f64>)> = bands
        .iter()
        .map(|band| (band.color, band.values.clone()))
        .collect();
    let peak = stack_top(&layers);
    let mut chart = time_chart(
        area,
        horizon(input),
        &ValueAxis::new(peak, 8, true),
        text("waiting.axis"),
        text("waiting.empty"),
    )?;
    stacked(&mut chart, &layers)?;
    let entries = bands
        .iter()
        .map(|band| {
            let chip_months: u64 = band
                .recipients
                .iter()
                .map(|&r| input.report.recipients[r].chip_months_waiting)
                .sum();
            let label = crate::lang::fill(
                "waiting.recipient",
                &[("name", &band.name), ("n", &thousands(chip_months))],
            );
            Entry::new(Swatch::Area(band.color), label)
        })
        .collect();
    Ok(Legend {
        entries,
        note: (peak > 0.0).then(|| text("waiting.note").into()),
    })
}
