//! Overlay charts for `gpuplan compare`: one line per case for chips online, PFLOPS and facility
//! MW, on the union of the cases' horizons.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::time_chart;
use super::legend::{Entry, Swatch};
use super::style::series_color;
use super::{Input, Legend};
use crate::analysis::series;
use crate::units::{Metric, Precision, YearMonth};

/// One case in a comparison.
#[derive(Clone, Copy)]
pub struct Case<'a> {
    /// Short label (the file stem).
    pub label: &'a str,
    /// The case's scenario, simulation and report.
    pub input: Input<'a>,
}

/// The overlay charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Chips online, all recipients.
    Online,
    /// PFLOPS online at the baseline's target precision (bf16 if none).
    Pflops,
    /// Facility MW, all sites.
    Power,
}

impl Overlay {
    /// Every overlay.
    pub const ALL: [Overlay; 3] = [Overlay::Online, Overlay::Pflops, Overlay::Power];

    /// File stem.
    pub fn name(self) -> &'static str {
        match self {
            Overlay::Online => "compare_online",
            Overlay::Pflops => "compare_pflops",
            Overlay::Power => "compare_power",
        }
    }

    /// Title.
    pub fn title(self, cases: &[Case]) -> String {
        match self {
            Overlay::Online => "Compare: chips online".into(),
            Overlay::Pflops => format!("Compare: PFLOPS online at {}", precision(cases).as_str()),
            Overlay::Power => "Compare: facility power, all sites".into(),
        }
    }
}

/// The baseline's first `pflops` target precision, else bf16.
fn precision(cases: &[Case]) -> Precision {
    cases
        .first()
        .and_then(|c| {
            c.input
                .scenario
                .targets
                .iter()
                .find(|t| t.metric == Metric::Pflops)
                .and_then(|t| t.precision)
        })
        .unwrap_or(Precision::Bf16)
}

/// Draws `overlay` for `cases` and returns its legend.
pub fn draw<DB: DrawingBackend>(
    overlay: Overlay,
    area: &DrawingArea<DB, Shift>,
    cases: &[Case],
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let first = cases
        .iter()
        .map(|c| c.input.scenario.start)
        .min()
        .unwrap_or(YearMonth::new(2026, 1).expect("a valid constant month"));
    let last = cases
        .iter()
        .map(|c| c.input.scenario.end())
        .max()
        .unwrap_or(first);
    let months = usize::try_from(last.months_since(first) + 1).unwrap_or(1);
    let precision = precision(cases);
    let lines: Vec<(f64, Vec<f64>)> = cases
        .iter()
        .map(|case| {
            let (scenario, sim) = (case.input.scenario, case.input.sim);
            let values: Vec<f64> = match overlay {
                Overlay::Online => (0..sim.months)
                    .map(|t| {
                        (0..scenario.allocations.len())
                            .map(|a| sim.online[sim.at(a, t)] as f64)
                            .sum()
                    })
                    .collect(),
                Overlay::Pflops => series::pflops(scenario, sim, precision),
                Overlay::Power => sim.facility_kw.iter().map(|kw| kw / 1000.0).collect(),
            };
            (scenario.start.months_since(first) as f64, values)
        })
        .collect();
    let y_max = lines
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .fold(0.0, f64::max);
    let y_desc = match overlay {
        Overlay::Online => "Chips online".to_string(),
        Overlay::Pflops => format!("PFLOPS at {} (dense peak)", precision.as_str()),
        Overlay::Power => "Facility power (MW)".to_string(),
    };
    let mut chart = time_chart(area, (first, months), y_max, &y_desc)?;
    let mut entries = Vec::new();
    for (i, ((offset, values), case)) in lines.iter().zip(cases).enumerate() {
        let color = series_color(i);
        let points: Vec<(f64, f64)> = values
            .iter()
            .enumerate()
            .map(|(t, &v)| (offset + t as f64, v))
            .collect();
        // The baseline is drawn thicker so the cases read as departures from it.
        chart.draw_series(LineSeries::new(
            points,
            color.stroke_width(if i == 0 { 4 } else { 2 }),
        ))?;
        let role = if i == 0 { " (baseline)" } else { "" };
        entries.push(Entry::new(
            Swatch::Line(color, false),
            format!("{}{role}", case.label),
        ));
    }
    Ok(Legend {
        entries,
        note: None,
    })
}
