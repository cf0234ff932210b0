//! PFLOPS online over time at each precision a target uses (bf16 when none does): a solid line
//! for all chips at dense peak, a dashed line for each target's own scope and efficiency, and the
//! target as a marker at its deadline.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::{horizon, target_markers, time_chart};
use super::legend::{Entry, Swatch};
use super::style::series_color;
use super::{Input, Legend};
use crate::analysis::{series, value_at};
use crate::units::{Metric, Precision};

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: Input,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let (scenario, sim) = (input.scenario, input.sim);
    let targets: Vec<usize> = (0..scenario.targets.len())
        .filter(|&i| scenario.targets[i].metric == Metric::Pflops)
        .collect();
    let mut precisions: Vec<Precision> = Vec::new();
    for &i in &targets {
        if let Some(p) = scenario.targets[i].precision
            && !precisions.contains(&p)
        {
            precisions.push(p);
        }
    }
    if precisions.is_empty() {
        precisions.push(Precision::Bf16);
    }
    let color = |p: Precision| series_color(precisions.iter().position(|&q| q == p).unwrap_or(0));

    let totals: Vec<Vec<f64>> = precisions
        .iter()
        .map(|&p| series::pflops(scenario, sim, p))
        .collect();
    let own: Vec<Vec<f64>> = targets
        .iter()
        .map(|&i| {
            (0..sim.months)
                .map(|t| value_at(scenario, sim, &scenario.targets[i], t))
                .collect()
        })
        .collect();
    let y_max = totals
        .iter()
        .chain(&own)
        .flatten()
        .copied()
        .chain(targets.iter().map(|&i| scenario.targets[i].value))
        .fold(0.0, f64::max);

    let names: Vec<&str> = precisions.iter().map(|p| p.as_str()).collect();
    let int8 = if precisions.contains(&Precision::Int8) {
        "; int8 in POPS"
    } else {
        ""
    };
    let mut chart = time_chart(
        area,
        horizon(input),
        y_max,
        &format!("PFLOPS at {} (dense peak{int8})", names.join(", ")),
    )?;
    let points = |values: &[f64]| {
        values
            .iter()
            .enumerate()
            .map(|(t, &v)| (t as f64, v))
            .collect::<Vec<_>>()
    };

    let mut entries = Vec::new();
    for (&precision, values) in precisions.iter().zip(&totals) {
        chart.draw_series(LineSeries::new(
            points(values),
            color(precision).stroke_width(3),
        ))?;
        entries.push(Entry::new(
            Swatch::Line(color(precision), false),
            format!("All chips, {} peak", precision.as_str()),
        ));
    }
    for (k, (&i, values)) in targets.iter().zip(&own).enumerate() {
        let target = &scenario.targets[i];
        // Each target's own line gets its own colour, after the precisions' colours.
        let c = series_color(precisions.len() + k);
        chart.draw_series(DashedLineSeries::new(
            points(values),
            10,
            6,
            c.stroke_width(2),
        ))?;
        let scope = if target.efficiency == 1.0 {
            String::new()
        } else {
            format!(" x {}", target.efficiency)
        };
        entries.push(Entry::new(
            Swatch::Line(c, true),
            format!("{}{scope}", target.name),
        ));
    }
    let outcomes = targets.iter().map(|&i| &input.report.targets[i]);
    entries.extend(target_markers(&mut chart, input, outcomes)?);
    Ok(Legend {
        entries,
        note: None,
    })
}
