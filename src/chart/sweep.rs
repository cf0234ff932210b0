//! The chart of a sweep. Over one key: a line per target of the month it is achieved (each
//! target's deadline dashed in its colour; a point under its line is met), or of P(met) over
//! samples. Over two keys: a heat map of the first target, each cell coloured by how early or
//! late it is achieved (or by P(met)) and labelled where the label fits.

use plotters::coord::Shift;
use plotters::coord::ranged1d::{DefaultFormatting, Ranged};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::{CellAxis, MonthAxis, ValueAxis};
use super::legend::{Entry, Swatch};
use super::style::{
    AXIS_SIZE, FONT, INK, TICK_SIZE, darker, month_label, month_ticks, series_color,
};
use super::{Legend, text};
use crate::analysis::sweep::{Dimension, Point};
use crate::analysis::trial::TargetTrial;
use crate::export::format::key_value_text;
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
            (false, false) => format!("{name}: when each target is achieved"),
            (false, true) => format!("{name}: P(met) of each target"),
            (true, false) => format!("{name}: when {first} is achieved"),
            (true, true) => format!("{name}: P(met) of {first}"),
        }
    }
}

/// Draws the sweep chart and returns its legend.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: SweepInput,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    if input.dimensions.len() >= 2 {
        heat_map(area, input)
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

fn lines<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: SweepInput,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let scenario = input.scenario;
    let dimension = &input.dimensions[0];
    let (x, months_from) = key_axis(dimension);
    let x_label = |v: &f64| match months_from {
        Some((first, n)) => month_label(first, n, v - x.range().start),
        None => x.label(*v),
    };
    let months = scenario.months;
    let never = months as f64;
    let mut entries = Vec::new();
    if input.samples {
        let y = ValueAxis::percent();
        let y_label = |v: &f64| y.label(*v);
        let mut chart = ChartBuilder::on(area)
            .margin(12)
            .x_label_area_size(48)
            .y_label_area_size(84)
            .build_cartesian_2d(x.clone(), y.clone())?;
        mesh(
            &mut chart,
            &x_label,
            &y_label,
            &axis_words(scenario, dimension),
            "Share of samples that meet the target",
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
        return Ok(Legend {
            entries,
            note: None,
        });
    }
    // The month each target is achieved; "never" one row above the horizon's end.
    let y = MonthAxis::new(scenario.start, months + 1, 12);
    let y_label = |v: &f64| {
        if *v >= never - 0.5 {
            "never".to_string()
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
        &x_label,
        &y_label,
        &axis_words(scenario, dimension),
        "Month the target is achieved",
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
            format!("its deadline, {}", target.by),
        ));
    }
    // Deadlines as dashed lines, drawn over the data so a line running along one stays
    // visible; targets sharing a deadline take turns along one line, so none hides another.
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
    Ok(Legend {
        entries,
        note: Some(
            "A point on or under its deadline is met; \"never\": not achieved within the horizon"
                .into(),
        ),
    })
}

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

/// The colour classes of a heat-map cell run once, from met well ahead to never.
const CLASSES: [(RGBColor, &str); 5] = [
    (
        RGBColor(0x1B, 0x7A, 0x3A),
        "met, 12 or more months before its deadline",
    ),
    (
        RGBColor(0x8F, 0xCB, 0x8B),
        "met, less than 12 months before",
    ),
    (
        RGBColor(0xF6, 0xB2, 0x6B),
        "missed, achieved up to 6 months late",
    ),
    (
        RGBColor(0xD7, 0x30, 0x27),
        "missed, achieved more than 6 months late",
    ),
    (
        RGBColor(0x55, 0x55, 0x55),
        "never achieved within the horizon",
    ),
];

fn class(scenario: &Scenario, k: usize, trial: &TargetTrial) -> usize {
    let by = scenario.index_of(scenario.targets[k].by);
    match trial.achieved {
        None => 4,
        Some(t) => {
            let early = by - t as i64;
            if trial.met && early >= 12 {
                0
            } else if trial.met {
                1
            } else if early >= -6 {
                2
            } else {
                3
            }
        }
    }
}

/// P(met) as a colour from pale to deep blue.
fn shade(p: f64) -> RGBColor {
    let (light, deep) = ((0xEE, 0xF3, 0xFA), (0x08, 0x30, 0x6B));
    let mix = |a: u8, b: u8| {
        (f64::from(a) + (f64::from(b) - f64::from(a)) * p.clamp(0.0, 1.0)).round() as u8
    };
    RGBColor(
        mix(light.0, deep.0),
        mix(light.1, deep.1),
        mix(light.2, deep.2),
    )
}

fn heat_map<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: SweepInput,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let scenario = input.scenario;
    let (across, up) = (&input.dimensions[0], &input.dimensions[1]);
    let (nx, ny) = (across.values.len(), up.values.len());
    let label_of = |d: &Dimension, v: &f64| {
        let i = (v.floor() as usize).min(d.values.len().saturating_sub(1));
        key_value_text(d.variable.kind, d.values.get(i).copied().unwrap_or(0.0), 3)
    };
    // Label every n-th cell so that labels never overlap.
    let widest = |d: &Dimension| {
        d.values
            .iter()
            .map(|v| text::width(&key_value_text(d.variable.kind, *v, 3), TICK_SIZE))
            .fold(0.0, f64::max)
    };
    let plot_width = f64::from(area.dim_in_pixel().0) - 120.0;
    let every_x = ((widest(across) + 12.0) * nx as f64 / plot_width)
        .ceil()
        .max(1.0) as usize;
    let every_y = ((f64::from(TICK_SIZE) + 8.0) * ny as f64 / 560.0)
        .ceil()
        .max(1.0) as usize;
    let x_label = |v: &f64| {
        if (v.floor() as usize).is_multiple_of(every_x) {
            label_of(across, v)
        } else {
            String::new()
        }
    };
    let y_label = |v: &f64| {
        if (v.floor() as usize).is_multiple_of(every_y) {
            label_of(up, v)
        } else {
            String::new()
        }
    };
    let y_width = (widest(up) + 40.0).max(60.0) as u32;
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(48)
        .y_label_area_size(y_width)
        .build_cartesian_2d(CellAxis::cells(nx), CellAxis::cells(ny))?;
    chart
        .configure_mesh()
        .disable_mesh()
        .axis_style(INK)
        .label_style((FONT, TICK_SIZE).into_font().color(&INK))
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .x_labels(nx)
        .y_labels(ny)
        .x_desc(text::shorten(
            &axis_words(scenario, across),
            AXIS_SIZE,
            760.0,
        ))
        .y_desc(text::shorten(&axis_words(scenario, up), AXIS_SIZE, 560.0))
        .axis_desc_style((FONT, AXIS_SIZE).into_font().color(&INK))
        .draw()?;
    let target = input.target;
    let plot = chart.plotting_area();
    let (px, py) = plot.dim_in_pixel();
    let cell_width = f64::from(px) / nx as f64;
    let cell_height = f64::from(py) / ny as f64;
    for (n, point) in input.points.iter().enumerate() {
        let (i, j) = (n / ny, n % ny);
        let Some(trial) = point.targets.get(target) else {
            continue;
        };
        let (fill, text) = match trial.p_met {
            Some(p) => (shade(p), cell_probability(p)),
            None => (
                CLASSES[class(scenario, target, trial)].0,
                trial
                    .achieved_month(scenario)
                    .map_or_else(|| "never".to_string(), |m| m.to_string()),
            ),
        };
        let (x0, y0) = (i as f64, j as f64);
        plot.draw(&Rectangle::new(
            [(x0, y0), (x0 + 1.0, y0 + 1.0)],
            fill.filled(),
        ))?;
        plot.draw(&Rectangle::new(
            [(x0, y0), (x0 + 1.0, y0 + 1.0)],
            WHITE.stroke_width(1),
        ))?;
        if text::width(&text, TICK_SIZE - 2) + 6.0 <= cell_width && cell_height >= 16.0 {
            let dark =
                (u32::from(fill.0) * 299 + u32::from(fill.1) * 587 + u32::from(fill.2) * 114)
                    / 1000
                    < 128;
            let ink = if dark { WHITE } else { INK };
            let style = TextStyle::from((FONT, TICK_SIZE - 2).into_font())
                .color(&ink)
                .pos(Pos::new(HPos::Center, VPos::Center));
            plot.draw(&Text::new(text, (x0 + 0.5, y0 + 0.5), style))?;
        }
    }
    let name = scenario.targets.get(target).map_or("", |t| t.name.as_str());
    let mut entries = Vec::new();
    if input.samples {
        for (p, label) in [
            (1.0, "met in every sample"),
            (0.75, "P(met) 75%"),
            (0.5, "P(met) 50%"),
            (0.25, "P(met) 25%"),
            (0.0, "met in no sample"),
        ] {
            entries.push(Entry::new(Swatch::Area(shade(p)), label));
        }
    } else {
        for (color, label) in CLASSES {
            entries.push(Entry::new(Swatch::Area(color), label));
        }
    }
    Ok(Legend {
        entries,
        note: Some(format!("Each cell: `{name}` at that pair of values")),
    })
}

/// A probability short enough for a heat-map cell, rounded as everywhere else: "all" and "none"
/// only when every sample agrees, "> 99.9%" and "< 0.1%" rather than a false certainty.
fn cell_probability(p: f64) -> String {
    if p >= 1.0 {
        "all".into()
    } else if p <= 0.0 {
        "none".into()
    } else {
        crate::export::format::probability(p, 0)
    }
}

/// A varied key named on an axis in words with its unit, as the tornado names it: "Capital
/// area: second grid step, MW".
fn axis_words(scenario: &Scenario, dimension: &Dimension) -> String {
    crate::export::labels::slot_label(dimension.variable.slot, scenario)
}
