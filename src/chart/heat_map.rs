//! The sweep chart over two keys: a heat map of one target, each cell coloured by how early or
//! late it is achieved (or by P(met) over samples) and labelled where the label fits.

use crate::lang::{fill, text};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::axis::CellAxis;
use super::legend::{Entry, Swatch};
use super::style::{AXIS_SIZE, FONT, INK, TICK_SIZE};
use super::sweep::{SweepInput, axis_words};
use super::{Legend, text};
use crate::analysis::sweep::Dimension;
use crate::analysis::trial::TargetTrial;
use crate::model::Scenario;
use crate::present::format::key_value_text;

/// The colour classes of a heat-map cell run once, from met well ahead to never (their labels
/// as message ids).
const CLASSES: [(RGBColor, &str); 5] = [
    (RGBColor(0x1B, 0x7A, 0x3A), "heat.ahead"),
    (RGBColor(0x8F, 0xCB, 0x8B), "heat.close"),
    (RGBColor(0xF6, 0xB2, 0x6B), "heat.late"),
    (RGBColor(0xD7, 0x30, 0x27), "heat.very_late"),
    (RGBColor(0x55, 0x55, 0x55), "heat.never"),
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

/// One cell with its lower-left corner at `(x0, y0)`: `fill`, and `text` on it where it fits
/// a cell of `(width, height)` px, in white on a dark fill.
fn draw_cell<DB: DrawingBackend>(
    plot: &DrawingArea<DB, Cartesian2d<CellAxis, CellAxis>>,
    (x0, y0): (f64, f64),
    fill: RGBColor,
    text: String,
    (width, height): (f64, f64),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    plot.draw(&Rectangle::new(
        [(x0, y0), (x0 + 1.0, y0 + 1.0)],
        fill.filled(),
    ))?;
    plot.draw(&Rectangle::new(
        [(x0, y0), (x0 + 1.0, y0 + 1.0)],
        WHITE.stroke_width(1),
    ))?;
    if text::width(&text, TICK_SIZE - 2) + 6.0 <= width && height >= 16.0 {
        let dark = (u32::from(fill.0) * 299 + u32::from(fill.1) * 587 + u32::from(fill.2) * 114)
            / 1000
            < 128;
        let ink = if dark { WHITE } else { INK };
        let style = TextStyle::from((FONT, TICK_SIZE - 2).into_font())
            .color(&ink)
            .pos(Pos::new(HPos::Center, VPos::Center));
        plot.draw(&Text::new(text, (x0 + 0.5, y0 + 0.5), style))?;
    }
    Ok(())
}

/// The legend: shades of P(met) over samples, or the classes of one run each.
fn legend_entries(samples: bool) -> Vec<Entry> {
    if samples {
        [
            (1.0, "heat.every"),
            (0.75, "heat.p75"),
            (0.5, "heat.p50"),
            (0.25, "heat.p25"),
            (0.0, "heat.no"),
        ]
        .into_iter()
        .map(|(p, label)| Entry::new(Swatch::Area(shade(p)), text(label)))
        .collect()
    } else {
        CLASSES
            .into_iter()
            .map(|(color, label)| Entry::new(Swatch::Area(color), text(label)))
            .collect()
    }
}

/// The label of cell `v` of a dimension, on every `n`-th cell only.
fn every_nth(d: &Dimension, n: usize, v: f64) -> String {
    let i = v.floor() as usize;
    if !i.is_multiple_of(n) {
        return String::new();
    }
    let i = i.min(d.values.len().saturating_sub(1));
    key_value_text(d.variable.kind, d.values.get(i).copied().unwrap_or(0.0), 3)
}

/// The widest of a dimension's value labels, in px.
fn widest(d: &Dimension) -> f64 {
    d.values
        .iter()
        .map(|v| text::width(&key_value_text(d.variable.kind, *v, 3), TICK_SIZE))
        .fold(0.0, f64::max)
}

/// Draws the heat map and returns its legend.
pub(super) fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: SweepInput,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let scenario = input.scenario;
    let (across, up) = (&input.dimensions[0], &input.dimensions[1]);
    let (nx, ny) = (across.values.len(), up.values.len());
    // Label every n-th cell so that labels never overlap.
    let plot_width = f64::from(area.dim_in_pixel().0) - 120.0;
    let every_x = ((widest(across) + 12.0) * nx as f64 / plot_width)
        .ceil()
        .max(1.0) as usize;
    let every_y = ((f64::from(TICK_SIZE) + 8.0) * ny as f64 / 560.0)
        .ceil()
        .max(1.0) as usize;
    let x_label = |v: &f64| every_nth(across, every_x, *v);
    let y_label = |v: &f64| every_nth(up, every_y, *v);
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
                crate::present::format::month_or_never(trial.achieved_month(scenario)),
            ),
        };
        draw_cell(
            plot,
            (i as f64, j as f64),
            fill,
            text,
            (cell_width, cell_height),
        )?;
    }
    let name = scenario.targets.get(target).map_or("", |t| t.name.as_str());
    Ok(Legend {
        entries: legend_entries(input.samples),
        note: Some(fill("heat.note", &[("name", name)])),
    })
}

/// A probability short enough for a heat-map cell, rounded as everywhere else: "all" and "none"
/// only when every sample agrees, "> 99.9%" and "< 0.1%" rather than a false certainty.
fn cell_probability(p: f64) -> String {
    if p >= 1.0 {
        text("heat.all").into()
    } else if p <= 0.0 {
        text("heat.none").into()
    } else {
        crate::present::format::probability(p, 0)
    }
}
