//! The frame shared by the time-series charts: month axis with date labels, a value axis with
//! one number format and a unit, light grid lines; step lines, stacked areas, target markers and
//! the note an empty chart shows instead of a meaningless axis.

use crate::lang::{fill, text};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::Input;
use super::axis::{MonthAxis, ValueAxis};
use super::legend;
use super::style::{self, AXIS_SIZE, FONT, INK, TICK_SIZE};
use crate::analysis::TargetOutcome;
use crate::units::YearMonth;

/// A chart with months on x (index from `start`) and a value on y.
pub type TimeChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<MonthAxis, ValueAxis>>;

/// Builds the axes for `months` months from `start` and the value axis `y`, described by
/// `y_desc`. An axis with no ticks (nothing to show) gets `empty` written across the plot.
pub fn time_chart<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    (start, months): (YearMonth, usize),
    y: &ValueAxis,
    y_desc: &str,
    empty: &str,
) -> Result<TimeChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(48)
        .y_label_area_size(84)
        .build_cartesian_2d(MonthAxis::new(start, months, 12), y.clone())?;
    mesh(&mut chart, (start, months), TICK_SIZE, y, Some(y_desc))?;
    if y.is_empty() {
        use plotters::style::text_anchor::{HPos, Pos, VPos};
        let plot = chart.plotting_area();
        let width = f64::from(plot.dim_in_pixel().0) - 20.0;
        let style = TextStyle::from((FONT, AXIS_SIZE).into_font())
            .color(&INK)
            .pos(Pos::new(HPos::Center, VPos::Center));
        let middle = ((months as f64 - 1.0).max(1.0) / 2.0, y.top() / 2.0);
        let message = super::text::shorten(empty, AXIS_SIZE, width);
        plot.draw(&(EmptyElement::at(middle) + Text::new(message, (0, 0), style)))?;
    }
    Ok(chart)
}

/// Draws grid lines, axes and labels: dates on x, the axis' own numbers on y, at `tick_size`
/// px; with `y_desc`, the axis descriptions too.
pub fn mesh<DB: DrawingBackend>(
    chart: &mut TimeChart<DB>,
    (start, months): (YearMonth, usize),
    tick_size: u32,
    y: &ValueAxis,
    y_desc: Option<&str>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let x_label = |x: &f64| style::month_label(start, months, *x);
    let y_label = |v: &f64| y.label(*v);
    let mut mesh = chart.configure_mesh();
    mesh.max_light_lines(0)
        .bold_line_style(RGBColor(0xDD, 0xDD, 0xDD))
        .axis_style(INK)
        .label_style((FONT, tick_size).into_font().color(&INK))
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .x_labels(12)
        .y_labels(20);
    if let Some(y_desc) = y_desc {
        mesh.x_desc(text("axis.month"))
            .y_desc(y_desc)
            .axis_desc_style((FONT, AXIS_SIZE).into_font().color(&INK));
    }
    mesh.draw()
}

/// A monthly series as a step line: each month's value holds until the next month starts.
pub fn steps(values: &[f64]) -> Vec<(f64, f64)> {
    let last = values.len().max(2) - 1;
    values
        .iter()
        .enumerate()
        .flat_map(|(t, &v)| [(t as f64, v), ((t + 1).min(last) as f64, v)])
        .collect()
}

/// A monthly series as points joined month to month.
pub fn points(values: &[f64]) -> Vec<(f64, f64)> {
    values
        .iter()
        .enumerate()
        .map(|(t, &v)| (t as f64, v))
        .collect()
}

/// The horizon of one scenario's charts.
pub fn horizon(input: Input) -> (YearMonth, usize) {
    (input.scenario.start, input.sim.months)
}

/// The highest top edge of stacked `layers` in any month.
pub fn stack_top(layers: &[(RGBColor, Vec<f64>)]) -> f64 {
    let months = layers.first().map_or(0, |(_, values)| values.len());
    (0..months)
        .map(|t| layers.iter().map(|(_, values)| values[t]).sum::<f64>())
        .fold(0.0, f64::max)
}

/// Draws stacked areas: `layers` bottom to top, each (colour, monthly values).
pub fn stacked<DB: DrawingBackend>(
    chart: &mut TimeChart<DB>,
    layers: &[(RGBColor, Vec<f64>)],
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let months = layers.first().map_or(0, |(_, values)| values.len());
    // Draw cumulative totals top layer first, each filled down to zero, so lower layers overlay them.
    let mut cumulative: Vec<Vec<f64>> = Vec::with_capacity(layers.len());
    let mut running = vec![0.0; months];
    for (_, values) in layers {
        for (total, value) in running.iter_mut().zip(values) {
            *total += value;
        }
        cumulative.push(running.clone());
    }
    for ((color, _), totals) in layers.iter().zip(&cumulative).rev() {
        chart.draw_series(AreaSeries::new(points(totals), 0.0, color.filled()))?;
    }
    Ok(())
}

/// Horizontal distance between the centres of markers that would otherwise coincide, px.
const MARKER_SPACING: i32 = 20;

/// Draws a marker for each target at its deadline and value — side by side where several share
/// one point — and returns their legend rows.
pub fn target_markers<'t, DB: DrawingBackend>(
    chart: &mut TimeChart<DB>,
    input: Input,
    targets: impl Iterator<Item = &'t TargetOutcome>,
) -> Result<Vec<legend::Entry>, DrawingAreaErrorKind<DB::ErrorType>> {
    let targets: Vec<&TargetOutcome> = targets.collect();
    let at = |t: &TargetOutcome| (input.scenario.index_of(t.by) as f64, t.value);
    let mut rows = Vec::new();
    for (i, target) in targets.iter().enumerate() {
        let here = at(target);
        let sharing: Vec<usize> = (0..targets.len())
            .filter(|&j| at(targets[j]) == here)
            .collect();
        let rank = sharing.iter().position(|&j| j == i).unwrap_or(0) as i32;
        let dx = rank * MARKER_SPACING - (sharing.len() as i32 - 1) * MARKER_SPACING / 2;
        legend::marker(chart.plotting_area(), here, dx, target.met)?;
        let verdict = if target.met {
            "target.met"
        } else {
            "target.missed"
        };
        rows.push(legend::Entry::new(
            legend::Swatch::Target(target.met),
            fill(verdict, &[("name", &target.name)]),
        ));
    }
    Ok(rows)
}

/// Draws each observation of the scenario at its month and value and returns their legend
/// rows ("Observed online, Government: 4,224 (2026-03)").
pub fn observed_markers<DB: DrawingBackend>(
    chart: &mut TimeChart<DB>,
    input: Input,
) -> Result<Vec<legend::Entry>, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut rows = Vec::new();
    for o in &input.report.observed {
        let t = input.scenario.index_of(o.month) as f64;
        legend::observed_marker(chart.plotting_area(), (t, o.observed))?;
        rows.push(legend::Entry::new(
            legend::Swatch::Observed,
            fill(
                "observed.legend",
                &[
                    ("metric", text(&format!("observed.{}", o.metric.as_str()))),
                    ("who", &o.scope),
                    ("value", &crate::present::format::quantity(o.observed, 0)),
                    ("month", &o.month.to_string()),
                ],
            ),
        ));
    }
    Ok(rows)
}
