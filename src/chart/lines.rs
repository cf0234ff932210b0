//! Line series with their legend rows, drawn so that none hides another: series with identical
//! values are drawn once and share one legend row that names them all ("A = B").

use plotters::prelude::*;

use super::frame::{TimeChart, points, steps};
use super::legend::{Entry, Swatch};

/// A monthly series to draw as a line.
pub struct Line {
    /// Monthly values (index 0 at the chart's first month, plus `offset`).
    pub values: Vec<f64>,
    /// Months from the chart's first month to the series' first.
    pub offset: usize,
    /// Colour.
    pub color: RGBColor,
    /// Stroke width, px.
    pub width: u32,
    /// Dashed (capacities, targets' own scopes) or solid.
    pub dashed: bool,
    /// Drawn as a step function (each month's value holds until the next) rather than month to
    /// month.
    pub steps: bool,
    /// Legend text.
    pub label: String,
}

/// Draws `lines` in order — those identical to an earlier one (same values, same months) only
/// once — and returns one legend row per line drawn.
pub fn draw<DB: DrawingBackend>(
    chart: &mut TimeChart<DB>,
    lines: Vec<Line>,
) -> Result<Vec<Entry>, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut groups: Vec<(Line, Vec<String>)> = Vec::new();
    for line in lines {
        if let Some((_, labels)) = groups
            .iter_mut()
            .find(|(first, _)| first.values == line.values && first.offset == line.offset)
        {
            labels.push(line.label);
        } else {
            let label = line.label.clone();
            groups.push((line, vec![label]));
        }
    }
    let mut entries = Vec::with_capacity(groups.len());
    for (line, labels) in groups {
        let shifted = |points: Vec<(f64, f64)>| -> Vec<(f64, f64)> {
            points
                .into_iter()
                .map(|(x, y)| (x + line.offset as f64, y))
                .collect()
        };
        let path = shifted(if line.steps {
            steps(&line.values)
        } else {
            points(&line.values)
        });
        let style = line.color.stroke_width(line.width);
        if line.dashed {
            chart.draw_series(DashedLineSeries::new(path, 8, 6, style))?;
        } else {
            chart.draw_series(LineSeries::new(path, style))?;
        }
        entries.push(Entry::new(
            Swatch::Line(line.color, line.dashed),
            labels.join(" = "),
        ));
    }
    Ok(entries)
}
