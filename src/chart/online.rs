//! Chips online by recipient (stacked), with chips installing and waiting stacked on top, so the
//! top edge is chips delivered; `chips_online` targets as markers at their deadlines.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::{horizon, stacked, target_markers, time_chart};
use super::legend::{Entry, Swatch};
use super::style::{INSTALLING, WAITING, recipient_color};
use super::{Input, Legend};
use crate::analysis::series::per_recipient;
use crate::units::Metric;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: Input,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let (scenario, sim) = (input.scenario, input.sim);
    let as_f64 = |series: Vec<u64>| series.into_iter().map(|v| v as f64).collect::<Vec<f64>>();
    let total = |per: Vec<Vec<u64>>| {
        (0..sim.months)
            .map(|t| per.iter().map(|r| r[t] as f64).sum())
            .collect::<Vec<f64>>()
    };

    let mut layers: Vec<(RGBColor, Vec<f64>)> = per_recipient(scenario, sim, &sim.online)
        .into_iter()
        .enumerate()
        .map(|(r, s)| (recipient_color(r), as_f64(s)))
        .collect();
    layers.push((
        INSTALLING,
        total(per_recipient(scenario, sim, &sim.installing)),
    ));
    layers.push((WAITING, total(per_recipient(scenario, sim, &sim.waiting))));

    let targets: Vec<_> = input
        .report
        .targets
        .iter()
        .filter(|t| t.metric == Metric::ChipsOnline)
        .collect();
    let delivered_peak = (0..sim.months)
        .map(|t| layers.iter().map(|(_, s)| s[t]).sum::<f64>())
        .fold(0.0, f64::max);
    let y_max = targets
        .iter()
        .map(|t| t.value)
        .fold(delivered_peak, f64::max);

    let mut chart = time_chart(area, horizon(input), y_max, "Chips")?;
    stacked(&mut chart, &layers)?;
    let mut entries: Vec<Entry> = scenario
        .recipients
        .iter()
        .enumerate()
        .map(|(r, recipient)| {
            Entry::new(
                Swatch::Area(recipient_color(r)),
                format!("{} online", recipient.name),
            )
        })
        .collect();
    entries.push(Entry::new(
        Swatch::Area(INSTALLING),
        "Installing (all recipients)",
    ));
    entries.push(Entry::new(
        Swatch::Area(WAITING),
        "Waiting for a place (all)",
    ));
    entries.extend(target_markers(&mut chart, input, targets.into_iter())?);
    Ok(Legend {
        entries,
        note: Some("Top edge = chips delivered".into()),
    })
}
