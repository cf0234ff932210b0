//! PFLOPS online over time at each precision a target uses (bf16 when none does): a solid line
//! for all chips at dense peak, a dashed line for each target's own scope and efficiency, and the
//! target as a marker at its deadline. Lines that coincide are drawn once, named together.

use crate::input::format::TARGET_EFFICIENCY;
use crate::lang::{fill, text};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::ValueAxis;
use super::frame::{horizon, target_markers, time_chart};
use super::lines::{self, Line};
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

    let mut lines: Vec<Line> = precisions
        .iter()
        .enumerate()
        .map(|(k, &precision)| Line {
            values: series::pflops(scenario, sim, precision),
            offset: 0,
            color: series_color(k),
            width: 3,
            dashed: false,
            steps: false,
            label: fill("pflops.all", &[("precision", precision.as_str())]),
        })
        .collect();
    for (k, &i) in targets.iter().enumerate() {
        let target = &scenario.targets[i];
        let efficiency = target.numbers.get(&TARGET_EFFICIENCY);
        let efficiency = if efficiency == 1.0 {
            String::new()
        } else {
            format!(" (× {efficiency})")
        };
        lines.push(Line {
            values: (0..sim.months)
                .map(|t| value_at(scenario, sim, target, t))
                .collect(),
            offset: 0,
            // Each target's own line gets its own colour, after the precisions' colours.
            color: series_color(precisions.len() + k),
            width: 2,
            dashed: true,
            steps: false,
            label: format!("{}{efficiency}", target.name),
        });
    }
    let y_max = lines
        .iter()
        .flat_map(|line| line.values.iter().copied())
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
        &ValueAxis::new(y_max, 8, false),
        &fill(
            "pflops.axis",
            &[("precisions", &names.join(", ")), ("int8", int8)],
        ),
        text("pflops.empty"),
    )?;
    let mut entries = lines::draw(&mut chart, lines)?;
    let outcomes = targets.iter().map(|&i| &input.report.targets[i]);
    entries.extend(target_markers(&mut chart, input, outcomes)?);
    Ok(Legend {
        entries,
        note: (!targets.is_empty()).then(|| text("pflops.note").into()),
    })
}
