//! The chart of a sweep. Over one key: a line per target of the month it is achieved (each
//! target's deadline dashed in a darker shade of its colour, drawn over the data; a point under
//! its deadline is met), or of P(met) over samples. Over two keys: a heat map
//! ([`super::heat_map`]).

use crate::lang::{fill, text};
use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, Ranged};
use plotters::prelude::*;

use super::axis::{MonthAxis, ValueAxis};
use super::legend::{Entry, Swatch};
use super::style::{
    AXIS_SIZE, FONT, INK, TICK_SIZE, darker, month_label, month_ticks, series_color,
};
use super::{Legend, text};
use crate::analysis::sweep::{Dimension, Point};
use crate::model::Scenario;
use crate::uncertain::keys::Kind;
use crate::units::YearMonth;

/// What the sweep chart reads.
#[derive(Clone, Copy)]
pub struct SweepInput<'a> {
    /// The scenario swept.
    pub scenario: &'a Scenario,
    /// The keys varied (one or two).
    pub dimensions: &'a [Dimension<'a>],
    /// Every point of the grid, the first key varying slowest.
    pub points: &'a [Point],
    /// Whether each point ran over samples (P(met)) rather than once.
    pub samples: bool,
    /// The target of the heat map.
    pub target: usize,
}

impl SweepInput<'_> {
    /// The chart's title (the keys are on the axes).
    pub fn title(&self) -> String {
        let name = &self.scenario.name;
        let first = self
            .scenario
            .targets
            .get(self.target)
            .map_or("", |t| t.name.as_str());
        match (self.dimensions.len() >= 2, self.samples) {
            (false, false) => fill("sweep.when_each", &[("name", name)]),
            (false, true) => fill("sweep.p_each", &[("name", name)]),
            (true, false) => fill("sweep.when", &[("name", name), ("target", first)]),
            (true, true) => fill("sweep.p", &[("name", name), ("target", first)]),
        }
    }
}

/// Draws the sweep chart and returns its legend.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: SweepInput,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    if input.dimensions.len() >= 2 {
        super::heat_map::draw(area, input)
    } else {
        lines(area, input)
    }
}

/// The x axis of a key's values: months on a date axis, numbers on round ticks.
fn key_axis(dimension: &Dimension) -> (ValueAxis, Option<(YearMonth, usize)>) {
    let lo = dimension.values.first().copied().unwrap_or(0.0);
    let hi = dimension.values.last().copied().unwrap_or(1.0);
    let (lo, hi) = (lo.min(hi), lo.max(hi));
    match dimension.variable.kind {
        Kind::Month => {
            let n = (hi - lo) as usize + 1;
            match YearMonth::from_index(lo as i64) {
                Some(first) => {
                    let ticks = month_ticks(first, n).iter().map(|t| lo + t).collect();
                    (
                        ValueAxis::ticked(lo, hi.max(lo + 1.0), ticks),
                        Some((first, n)),
                    )
                }
                None => (ValueAxis::between(lo, hi.max(lo + 1.0), 8, true), None),
            }
        }
        Kind::Whole => (ValueAxis::between(lo, hi.max(lo + 1.0), 8, true), None),
        Kind::Number => (ValueAxis::between(lo, hi.max(lo + 1e-9), 8, false), None),
    }
}

/// The sweep of one key: P(met) over samples, or the month achieved.
fn lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: SweepInput,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let dimension = &input.dimensions[0];
    let (x, months_from) = key_axis(dimension);
    let x_label = |v: &f64| match months_from {
        Some((first, n)) => month_label(first, n, v - x.range().start),
        None => x.label(*v),
    };
    if input.samples {
        return p_met_lines(area, input, &x, &x_label);
    }
    month_lines(area, input, &x, &x_label)
}

/// The share of samples that meet each target, against the key's value.
fn p_met_lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: SweepInput,
    x: &ValueAxis,
    x_label: &dyn Fn(&f64) -> String,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let scenario = input.scenario;
    let dimension = &input.dimensions[0];
    let mut entries = Vec::new();
    let y = ValueAxis::percent();
    let y_label = |v: &f64| y.label(*v);
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(48)
        .y_label_area_size(84)
        .build_cartesian_2d(x.clone(), y.clone())?;
    mesh(
        &mut chart,
        x_label,
        &y_label,
        &axis_words(scenario, dimension),
        text("sweep.share_axis"),
    )?;
    for (k, target) in scenario.targets.iter().enumerate() {
        let color = series_color(k);
        let series: Vec<(f64, f64)> = input
            .points
            .iter()
            .map(|p| (p.values[0], p.targets[k].p_met.unwrap_or(0.0)))
            .collect();
        draw_series(&mut chart, &series, color)?;
        entries.push(Entry::new(Swatch::Line(color, false), target.name.clone()));
    }
    Ok(Legend {
        entries,
        note: None,
    })
}

/// The month each target is achieved against the key's value, with the deadlines.
fn month_lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: SweepInput,
    x: &ValueAxis,
    x_label: &dyn Fn(&f64) -> String,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let scenario = input.scenario;
    let dimension = &input.dimensions[0];
    let months = scenario.months;
    let never = months as f64;
    let mut entries = Vec::new();
    // The month each target is achieved; "never" one row above the horizon's end.
    let y = MonthAxis::new(scenario.start, months + 1, 12);
    let y_label = |v: &f64| {
        if *v >= never - 0.5 {
            text("run.never").to_string()
        } else {
            month_label(scenario.start, months, *v)
        }
    };
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(48)
        .y_label_area_size(84)
        .build_cartesian_2d(x.clone(), y)?;
    mesh(
        &mut chart,
        x_label,
        &y_label,
        &axis_words(scenario, dimension),
        text("sweep.month_axis"),
    )?;
    let (lo, hi) = (x.range().start, x.range().end);
    let plot = chart.plotting_area();
    plot.draw(&PathElement::new(
        vec![(lo, never - 0.5), (hi, never - 0.5)],
        RGBColor(0xBB, 0xBB, 0xBB).stroke_width(1),
    ))?;
    for (k, target) in scenario.targets.iter().enumerate() {
        let color = series_color(k);
        let series: Vec<(f64, f64)> = input
            .points
            .iter()
            .map(|p| {
                (
                    p.values[0],
                    p.targets[k].achieved.map_or(never, |t| t as f64),
                )
            })
            .collect();
        draw_series(&mut chart, &series, color)?;
        entries.push(Entry::new(Swatch::Line(color, false), target.name.clone()));
        entries.push(Entry::new(
            Swatch::Line(darker(color), true),
            fill("sweep.deadline", &[("month", &target.by.to_string())]),
        ));
    }
    deadlines(&mut chart, scenario, (lo, hi))?;
    Ok(Legend {
        entries,
        note: Some(text("sweep.note").into()),
    })
}

/// Deadlines as dashed lines across `(lo, hi)`, drawn over the data so a line running along
/// one stays visible; targets sharing a deadline take turns along one line, so none hides
/// another.
fn deadlines<DB: DrawingBackend>(
    chart: &mut ChartContext<DB, Cartesian2d<ValueAxis, MonthAxis>>,
    scenario: &Scenario,
    (lo, hi): (f64, f64),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    for (k, target) in scenario.targets.iter().enumerate() {
        let sharing: Vec<usize> = (0..scenario.targets.len())
            .filter(|&j| scenario.targets[j].by == target.by)
            .collect();
        if sharing[0] != k {
            continue;
        }
        let by = scenario.index_of(target.by) as f64;
        let dashes = (0..).map(|i| (i, lo + (hi - lo) * f64::from(i) / 60.0));
        for (i, x0) in dashes.take_while(|&(_, v)| v < hi) {
            let x1 = (x0 + (hi - lo) / 120.0).min(hi);
            let color = darker(series_color(sharing[i as usize % sharing.len()]));
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(x0, by), (x1, by)],
                color.stroke_width(2),
            )))?;
        }
    }
    Ok(())
}

/// Grid, axes and their descriptions.
fn mesh<DB: DrawingBackend, X, Y>(
    chart: &mut ChartContext<DB, Cartesian2d<X, Y>>,
    x_label: &dyn Fn(&f64) -> String,
    y_label: &dyn Fn(&f64) -> String,
    x_desc: &str,
    y_desc: &str,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>>
where
    X: Ranged<ValueType = f64, FormatOption = DefaultFormatting>,
    Y: Ranged<ValueType = f64, FormatOption = DefaultFormatting>,
{
    chart
        .configure_mesh()
        .max_light_lines(0)
        .bold_line_style(RGBColor(0xDD, 0xDD, 0xDD))
        .axis_style(INK)
        .label_style((FONT, TICK_SIZE).into_font().color(&INK))
        .x_label_formatter(x_label)
        .y_label_formatter(y_label)
        .x_labels(12)
        .y_labels(20)
        .x_desc(text::shorten(x_desc, AXIS_SIZE, 760.0))
        .y_desc(y_desc)
        .axis_desc_style((FONT, AXIS_SIZE).into_font().color(&INK))
        .draw()
}

fn draw_series<DB: DrawingBackend, X, Y>(
    chart: &mut ChartContext<DB, Cartesian2d<X, Y>>,
    series: &[(f64, f64)],
    color: RGBColor,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>>
where
    X: plotters::coord::ranged1d::Ranged<ValueType = f64>,
    Y: plotters::coord::ranged1d::Ranged<ValueType = f64>,
{
    chart.draw_series(LineSeries::new(
        series.iter().copied(),
        color.stroke_width(3),
    ))?;
    chart.draw_series(
        series
            .iter()
            .map(|&(x, y)| Circle::new((x, y), 4, color.filled())),
    )?;
    Ok(())
}

/// A varied key named on an axis in words with its unit, as the tornado names it: "Capital
/// area: second grid step, MW".
pub(super) fn axis_words(scenario: &Scenario, dimension: &Dimension) -> String {
    crate::present::labels::slot_label(dimension.variable.slot, scenario)
}
