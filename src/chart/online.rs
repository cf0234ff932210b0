//! Chips online by recipient (stacked), with chips installing and waiting stacked on top, so the
//! top edge is chips delivered; `chips_online` targets as markers at their deadlines, and each
//! observation as a diamond at its month and count.

use crate::lang::{fill, text};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::ValueAxis;
use super::bands::bands;
use super::frame::{horizon, observed_markers, stack_top, stacked, target_markers, time_chart};
use super::legend::{Entry, Swatch};
use super::style::{INSTALLING, WAITING};
use super::{Input, Legend};
use crate::analysis::series::per_recipient;
use crate::units::Metric;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: Input,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let (scenario, sim) = (input.scenario, input.sim);
    let total = |values: &[u64]| -> Vec<f64> {
        per_recipient(scenario, sim, values).iter().fold(
            vec![0.0; sim.months],
            |mut sum, series| {
                for (s, &v) in sum.iter_mut().zip(series) {
                    *s += v as f64;
                }
                sum
            },
        )
    };
    let online = bands(scenario, &per_recipient(scenario, sim, &sim.online));
    let mut layers: Vec<(RGBColor, Vec<f64>)> = online
        .iter()
        .map(|band| (band.color, band.values.clone()))
        .collect();
    let mut entries: Vec<Entry> = online
        .iter()
        .map(|band| {
            let mut label = fill("online.recipient", &[("name", &band.name)]);
            if band.values.iter().all(|&v| v == 0.0) {
                label = format!("{label} {}", text("online.none"));
            }
            Entry::new(Swatch::Area(band.color), label)
        })
        .collect();
    // Installing and waiting appear only when there is some of each.
    for (color, values, label) in [
        (
            INSTALLING,
            total(&sim.installing),
            text("online.installing"),
        ),
        (WAITING, total(&sim.waiting), text("online.waiting")),
    ] {
        if values.iter().any(|&v| v > 0.0) {
            layers.push((color, values));
            entries.push(Entry::new(Swatch::Area(color), label));
        }
    }

    let targets: Vec<_> = input
        .report
        .targets
        .iter()
        .filter(|t| t.metric == Metric::ChipsOnline)
        .collect();
    let delivered_peak = stack_top(&layers);
    let y_max = targets
        .iter()
        .map(|t| t.value)
        .chain(input.report.observed.iter().map(|o| o.observed))
        .fold(delivered_peak, f64::max);

    let mut chart = time_chart(
        area,
        horizon(input),
        &ValueAxis::new(y_max, 8, true),
        text("online.axis"),
        text("online.empty"),
    )?;
    stacked(&mut chart, &layers)?;
    entries.extend(target_markers(&mut chart, input, targets.into_iter())?);
    entries.extend(observed_markers(&mut chart, input)?);
    Ok(Legend {
        entries,
        note: (delivered_peak > 0.0).then(|| text("online.note").into()),
    })
}
