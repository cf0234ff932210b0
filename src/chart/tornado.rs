//! A tornado chart for one target: for each of the inputs that move it most, a bar from the
//! mid-value result to the target's value at its deadline with the input at its P10, and one
//! to the value with the input at its P90; the largest swing on top.

use crate::lang::{fill, text};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::{CellAxis, ValueAxis};
use super::legend::{Entry, Swatch};
use super::style::{AXIS_SIZE, FONT, INK, MISSED, TICK_SIZE};
use super::{Legend, text};
use crate::analysis::tornado::{Bar, ranked};
use crate::analysis::trial::TargetTrial;
use crate::model::{Scenario, Target};
use crate::present::format::{key_value_text, quantity};
use crate::present::labels::input_label;
use crate::uncertain::Uncertainty;
use crate::uncertain::keys::Kind;
use crate::units::Metric;

/// Bars drawn at most.
pub const SHOWN: usize = 15;
const LOW: RGBColor = RGBColor(0x4E, 0x79, 0xA7);
const HIGH: RGBColor = RGBColor(0xF2, 0x8E, 0x2B);
/// Room for the inputs' names left of the bars, px.
const NAMES: u32 = 300;

/// What a tornado chart reads.
#[derive(Clone, Copy)]
pub struct TornadoInput<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// Its uncertain inputs.
    pub uncertainty: &'a Uncertainty,
    /// Every input's two runs.
    pub bars: &'a [Bar],
    /// The mid-value case, per target.
    pub mid: &'a [TargetTrial],
    /// The target charted.
    pub target: usize,
}

impl TornadoInput<'_> {
    /// File stem: `tornado_<target number>`.
    pub fn name(&self) -> String {
        format!("tornado_{}", self.target + 1)
    }

    /// Title.
    pub fn title(&self) -> String {
        fill(
            "tornado.title",
            &[
                ("name", &self.scenario.name),
                ("target", &self.scenario.targets[self.target].name),
            ],
        )
    }
}

/// The tornado's plot: values across, one row per input.
type BarChart<'a, DB> = ChartContext<'a, DB, Cartesian2d<ValueAxis, CellAxis>>;

/// The value axis: every bar's end, the mid-value case and the goal, with room beside the
/// ends for the input values written there.
fn value_axis(bars: &[&Bar], k: usize, mid: f64, target: &Target) -> ValueAxis {
    let values = bars
        .iter()
        .flat_map(|b| {
            [
                b.runs[0][k].value_at_deadline,
                b.runs[1][k].value_at_deadline,
            ]
        })
        .chain([mid, target.value]);
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    // About 64 px each side of a plot some 500 px wide.
    let pad = ((hi - lo) * 0.16).max(hi.abs() * 0.01).max(1e-9);
    ValueAxis::between(lo - pad, hi + pad, 8, target.metric == Metric::ChipsOnline)
}

/// The chart's axes: values on x (described by `desc`), one row per name on y, the first at
/// the top.
fn axes<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    x: &ValueAxis,
    names: &[String],
    desc: &str,
) -> Result<BarChart<'a, DB>, DrawingAreaErrorKind<DB::ErrorType>> {
    let rows = names.len().max(1);
    let y_label = |v: &f64| {
        let row = rows.saturating_sub(1 + v.floor() as usize);
        names.get(row).cloned().unwrap_or_default()
    };
    let x_label = |v: &f64| x.label(*v);
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(48)
        .y_label_area_size(NAMES)
        .build_cartesian_2d(x.clone(), CellAxis::cells(rows))?;
    chart
        .configure_mesh()
        .max_light_lines(0)
        .bold_line_style(RGBColor(0xEE, 0xEE, 0xEE))
        .axis_style(INK)
        .label_style((FONT, TICK_SIZE).into_font().color(&INK))
        .x_label_formatter(&x_label)
        .y_label_formatter(&y_label)
        .x_labels(10)
        .y_labels(rows)
        .x_desc(desc)
        .axis_desc_style((FONT, AXIS_SIZE).into_font().color(&INK))
        .draw()?;
    Ok(chart)
}

/// `message` in the middle of `area`, wrapped to at most three lines.
fn centred_message<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    message: &str,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let width = f64::from(area.dim_in_pixel().0) - 80.0;
    let style = TextStyle::from((FONT, AXIS_SIZE).into_font())
        .color(&INK)
        .pos(Pos::new(HPos::Center, VPos::Center));
    let (w, h) = area.dim_in_pixel();
    let lines = text::wrap(message, AXIS_SIZE, width, 3);
    for (i, line) in lines.iter().enumerate() {
        let y = h as i32 / 2 + (i as i32 - lines.len() as i32 / 2) * 26;
        area.draw(&Text::new(line.as_str(), (w as i32 / 2, y), style.clone()))?;
    }
    Ok(())
}

/// One input's two bars at row height `y`, from the mid-value case's value `mid` of target
/// `k`, each with the input's value written beside its end.
fn draw_bar<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Cartesian2d<ValueAxis, CellAxis>>,
    bar: &Bar,
    y: f64,
    (k, mid): (usize, f64),
    kind: Kind,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let small = |h: HPos| {
        TextStyle::from((FONT, TICK_SIZE - 2).into_font())
            .color(&INK)
            .pos(Pos::new(h, VPos::Center))
    };
    // The longer bar first, so a shorter one on the same side stays visible on top.
    let mut ends = [(0, LOW), (1, HIGH)];
    ends.sort_by(|a, b| {
        let len = |i: usize| (bar.runs[i][k].value_at_deadline - mid).abs();
        len(b.0).total_cmp(&len(a.0))
    });
    for (i, color) in ends {
        let end = bar.runs[i][k].value_at_deadline;
        plot.draw(&Rectangle::new(
            [(mid, y + 0.22), (end, y + 0.78)],
            color.filled(),
        ))?;
        if end == mid {
            continue;
        }
        let (dx, h) = if end > mid {
            (4, HPos::Left)
        } else {
            (-4, HPos::Right)
        };
        let shown = key_value_text(kind, kind.finish(bar.values[i]), 2);
        // On a white ground, so the goal's line never runs through the digits.
        let w = text::width(&shown, TICK_SIZE - 2).ceil() as i32 + 2;
        let (x0, x1) = if end > mid {
            (dx - 1, dx + w)
        } else {
            (dx - w, dx + 1)
        };
        plot.draw(
            &(EmptyElement::at((end, y + 0.5))
                + Rectangle::new([(x0, -8), (x1, 8)], WHITE.filled())
                + Text::new(shown, (dx, 0), small(h))),
        )?;
    }
    Ok(())
}

/// Draws the chart and returns its legend.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: TornadoInput,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let (scenario, k) = (input.scenario, input.target);
    let target = &scenario.targets[k];
    // Inputs that do not move the value are left out (the CSV lists them).
    let bars: Vec<&Bar> = ranked(input.bars, input.uncertainty, k)
        .into_iter()
        .filter(|bar| bar.swing(k) > 0.0)
        .take(SHOWN)
        .collect();
    let mid = input.mid[k].value_at_deadline;
    let value = |x: f64| match target.metric {
        Metric::ChipsOnline => quantity(x, 0),
        Metric::Pflops => quantity(x, 2),
    };
    let note = fill("tornado.note", &[("month", &target.by.to_string())]);
    if bars.is_empty() {
        let message = fill(
            "tornado.nothing",
            &[("month", &target.by.to_string()), ("value", &value(mid))],
        );
        centred_message(area, &message)?;
        return Ok(Legend {
            entries: Vec::new(),
            note: Some(note),
        });
    }
    let (x, rows) = (value_axis(&bars, k, mid, target), bars.len().max(1));
    let names: Vec<String> = bars
        .iter()
        .map(|b| {
            let label = input_label(&input.uncertainty.inputs[b.input], scenario);
            text::shorten(&label, TICK_SIZE, f64::from(NAMES) - 16.0)
        })
        .collect();
    let unit = match (target.metric, target.precision) {
        (Metric::Pflops, Some(p)) => fill("tornado.pflops", &[("precision", p.as_str())]),
        _ => text("mc.axis").into(),
    };
    let desc = fill(
        "tornado.axis",
        &[("unit", &unit), ("month", &target.by.to_string())],
    );
    let chart = axes(area, &x, &names, &desc)?;
    let plot = chart.plotting_area();
    // The goal first, so the values written beside the bars stay readable over it.
    let top = rows as f64;
    let mut y = 0.0;
    while y < top {
        let y1 = (y + 0.15).min(top);
        plot.draw(&PathElement::new(
            vec![(target.value, y), (target.value, y1)],
            MISSED.stroke_width(2),
        ))?;
        y += 0.3;
    }
    for (row, bar) in bars.iter().enumerate() {
        let kind = input.uncertainty.inputs[bar.input].kind();
        draw_bar(plot, bar, (rows - 1 - row) as f64, (k, mid), kind)?;
    }
    plot.draw(&PathElement::new(
        vec![(mid, 0.0), (mid, top)],
        INK.stroke_width(2),
    ))?;
    Ok(Legend {
        entries: vec![
            Entry::new(Swatch::Area(LOW), text("tornado.p10")),
            Entry::new(Swatch::Area(HIGH), text("tornado.p90")),
            Entry::new(
                Swatch::Line(INK, false),
                fill("tornado.mid", &[("value", &value(mid))]),
            ),
            Entry::new(
                Swatch::Line(MISSED, true),
                fill("tornado.goal", &[("value", &value(target.value))]),
            ),
        ],
        note: Some(note),
    })
}
