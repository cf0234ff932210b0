//! Overlay charts for `gpuplan compare`: one line per case for chips online (all recipients, or
//! one recipient's), PFLOPS and facility MW, on the union of the cases' horizons. Cases whose
//! lines are identical are drawn once and named together.

use crate::lang::{fill, text};
use crate::units::{KW_PER_MW, kw_to_mw};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::ValueAxis;
use super::frame::time_chart;
use super::lines::{self, Line};
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

/// The cases compared, and the recipient whose chips get an overlay of their own (if any).
#[derive(Clone, Copy)]
pub struct Comparison<'a> {
    /// The cases, the baseline first.
    pub cases: &'a [Case<'a>],
    /// `compare --recipient NAME`.
    pub recipient: Option<&'a str>,
}

/// The overlay charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Chips online, all recipients.
    Online,
    /// Chips online of the recipient named by `--recipient`.
    Recipient,
    /// PFLOPS online at the baseline's target precision (bf16 if none).
    Pflops,
    /// Facility MW, all sites.
    Power,
}

impl Overlay {
    /// The overlays of a comparison, in the order they are written.
    pub fn all(comparison: Comparison) -> Vec<Overlay> {
        let mut all = vec![Overlay::Online];
        if comparison.recipient.is_some() {
            all.push(Overlay::Recipient);
        }
        all.extend([Overlay::Pflops, Overlay::Power]);
        all
    }

    /// File stem.
    pub fn name(self) -> &'static str {
        match self {
            Overlay::Online => "compare_online",
            Overlay::Recipient => "compare_recipient",
            Overlay::Pflops => "compare_pflops",
            Overlay::Power => "compare_power",
        }
    }

    /// Title.
    pub fn title(self, comparison: Comparison) -> String {
        match self {
            Overlay::Online => text("compare.online").into(),
            Overlay::Recipient => fill(
                "compare.recipient",
                &[("name", comparison.recipient.unwrap_or_default())],
            ),
            Overlay::Pflops => fill(
                "compare.pflops",
                &[("precision", precision(comparison.cases).as_str())],
            ),
            Overlay::Power => text("compare.power").into(),
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

/// The overlay's monthly values for one case; `None` when the case has no such recipient.
fn values(
    overlay: Overlay,
    input: Input,
    recipient: Option<&str>,
    p: Precision,
) -> Option<Vec<f64>> {
    let (scenario, sim) = (input.scenario, input.sim);
    let online = |allocations: &[usize]| -> Vec<f64> {
        (0..sim.months)
            .map(|t| {
                allocations
                    .iter()
                    .map(|&a| sim.online[sim.at(a, t)] as f64)
                    .sum()
            })
            .collect()
    };
    Some(match overlay {
        Overlay::Online => online(&(0..scenario.allocations.len()).collect::<Vec<_>>()),
        Overlay::Recipient => {
            let r = scenario
                .recipients
                .iter()
                .position(|x| Some(x.name.as_str()) == recipient)?;
            online(&crate::analysis::figures::allocations_of(scenario, r))
        }
        Overlay::Pflops => series::pflops(scenario, sim, p),
        Overlay::Power => sim.facility_kw.iter().map(|&kw| kw_to_mw(kw)).collect(),
    })
}

/// Draws `overlay` for the comparison and returns its legend.
pub fn draw<DB: DrawingBackend>(
    overlay: Overlay,
    area: &DrawingArea<DB, Shift>,
    comparison: Comparison,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let cases = comparison.cases;
    let first = cases
        .iter()
        .map(|c| c.input.scenario.start)
        .min()
        .unwrap_or(YearMonth::JANUARY_2026);
    let last = cases
        .iter()
        .map(|c| c.input.scenario.end())
        .max()
        .unwrap_or(first);
    let months = usize::try_from(last.months_since(first) + 1).unwrap_or(1);
    let precision = precision(cases);
    let mut lines = Vec::new();
    let mut absent = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        match values(overlay, case.input, comparison.recipient, precision) {
            Some(values) => lines.push(Line {
                values,
                offset: usize::try_from(case.input.scenario.start.months_since(first)).unwrap_or(0),
                color: series_color(i),
                // The baseline is drawn thicker so the cases read as departures from it.
                width: if i == 0 { 4 } else { 2 },
                dashed: false,
                steps: false,
                label: if i == 0 {
                    fill("compare.baseline", &[("label", case.label)])
                } else {
                    case.label.to_string()
                },
            }),
            None => absent.push(case.label),
        }
    }
    let mut y_max = lines
        .iter()
        .flat_map(|line| line.values.iter().copied())
        .fold(0.0, f64::max);
    // Power under 1 MW reads in kW, as in a scenario's own power chart.
    let in_kw = overlay == Overlay::Power && y_max > 0.0 && y_max < 1.0;
    if in_kw {
        y_max *= KW_PER_MW;
        for line in &mut lines {
            line.values.iter_mut().for_each(|v| *v *= KW_PER_MW);
        }
    }
    let (y_desc, whole, empty) = match overlay {
        Overlay::Online | Overlay::Recipient => (
            text("compare.axis_chips").to_string(),
            true,
            text("compare.empty_chips"),
        ),
        Overlay::Pflops => (
            fill("compare.axis_pflops", &[("precision", precision.as_str())]),
            false,
            text("compare.empty_chips"),
        ),
        Overlay::Power => (
            fill("power.axis", &[("unit", if in_kw { "kW" } else { "MW" })]),
            false,
            text("compare.empty_power"),
        ),
    };
    let mut chart = time_chart(
        area,
        (first, months),
        &ValueAxis::new(y_max, 8, whole),
        &y_desc,
        empty,
    )?;
    let entries = lines::draw(&mut chart, lines)?;
    let note =
        (!absent.is_empty()).then(|| fill("compare.absent", &[("cases", &absent.join(", "))]));
    Ok(Legend { entries, note })
}
