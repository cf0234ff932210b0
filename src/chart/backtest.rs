//! The backtest's calibration chart: for each reference class with enough settled cases, the
//! share of held-out slips inside the forecasts' central intervals (10% to 90% wide) against
//! that nominal share, in both forms. On the diagonal a form is calibrated; below it its
//! intervals are too narrow (outcomes fall outside more often than they say), above too wide.

use crate::lang::{fill, text};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::Legend;
use super::axis::ValueAxis;
use super::legend::{Entry, Swatch};
use super::style::{FONT, INK, TICK_SIZE};
use super::text::shorten;
use crate::analysis::backtest::{ClassBacktest, Form, MIN_CASES, Score};

const ABSOLUTE: RGBColor = RGBColor(0x4E, 0x79, 0xA7);
const LEAD_SCALED: RGBColor = RGBColor(0xE1, 0x57, 0x59);
const DIAGONAL: RGBColor = RGBColor(0x99, 0x99, 0x99);
const CAPTION_SIZE: u32 = 15;
/// The nominal shares drawn: central intervals 10% to 90% wide.
const NOMINAL: [f64; 9] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/// The settled scores of `form` in `backtest`.
fn settled<'s, 'a>(backtest: &'s ClassBacktest<'a>, form: Form) -> Vec<&'s Score<'a>> {
    backtest
        .scores
        .iter()
        .filter(|s| s.form == form && !s.case.provisional)
        .collect()
}

/// The classes drawn: those with at least [`MIN_CASES`] settled cases scored absolute.
pub fn drawn<'s, 'a>(backtests: &'s [ClassBacktest<'a>]) -> Vec<&'s ClassBacktest<'a>> {
    backtests
        .iter()
        .filter(|b| settled(b, Form::Absolute).len() >= MIN_CASES)
        .collect()
}

/// (nominal, observed) coverage of `scores`.
fn coverage(scores: &[&Score]) -> Vec<(f64, f64)> {
    NOMINAL
        .iter()
        .map(|&nominal| {
            let inside = scores.iter().filter(|s| s.covered(nominal)).count();
            (nominal, inside as f64 / scores.len() as f64)
        })
        .collect()
}

/// A class's settled cases, and how many of them have a lead.
fn counts(settled: usize, with_lead: usize) -> String {
    if with_lead == 0 {
        fill("backtest.absolute_only", &[("n", &settled.to_string())])
    } else {
        let (n, lead) = (settled.to_string(), with_lead.to_string());
        fill("backtest.with_lead", &[("n", &n), ("lead", &lead)])
    }
}

/// Draws a panel per class drawn and returns the legend.
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    backtests: &[ClassBacktest],
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let entries = vec![
        Entry::new(Swatch::Line(ABSOLUTE, false), text("backtest.absolute")),
        Entry::new(
            Swatch::Line(LEAD_SCALED, false),
            text("backtest.lead_scaled"),
        ),
        Entry::new(Swatch::Line(DIAGONAL, true), text("backtest.calibrated")),
    ];
    let note = Some(fill("backtest.note", &[("min", &MIN_CASES.to_string())]));
    let classes = drawn(backtests);
    if classes.is_empty() {
        let style = TextStyle::from((FONT, 20).into_font()).color(&INK);
        area.draw(&Text::new(
            fill("backtest.none", &[("min", &MIN_CASES.to_string())]),
            (40, 40),
            style,
        ))?;
        return Ok(Legend { entries, note });
    }
    let cols = if classes.len() == 1 { 1 } else { 2 };
    let rows = classes.len().div_ceil(cols);
    let panels = area.margin(8, 8, 8, 8).split_evenly((rows, cols));
    for (backtest, panel) in classes.iter().zip(panels.iter()) {
        let absolute = settled(backtest, Form::Absolute);
        let scaled = settled(backtest, Form::LeadScaled);
        let counts = counts(absolute.len(), scaled.len());
        let width = f64::from(panel.dim_in_pixel().0) - 8.0;
        let caption = shorten(
            &format!("{} ({counts})", backtest.class),
            CAPTION_SIZE,
            width,
        );
        let percent = ValueAxis::percent();
        let mut chart = ChartBuilder::on(panel)
            .caption(caption, (FONT, CAPTION_SIZE).into_font().color(&INK))
            .margin(6)
            .x_label_area_size(40)
            .y_label_area_size(52)
            .build_cartesian_2d(percent.clone(), percent.clone())?;
        chart
            .configure_mesh()
            .max_light_lines(0)
            .bold_line_style(RGBColor(0xEE, 0xEE, 0xEE))
            .axis_style(INK)
            .label_style((FONT, TICK_SIZE).into_font().color(&INK))
            .x_label_formatter(&|v| percent.label(*v))
            .y_label_formatter(&|v| percent.label(*v))
            .x_labels(6)
            .y_labels(6)
            .x_desc(text("backtest.x"))
            .y_desc(text("backtest.y"))
            .axis_desc_style((FONT, TICK_SIZE).into_font().color(&INK))
            .draw()?;
        chart.draw_series(DashedLineSeries::new(
            [(0.0, 0.0), (1.0, 1.0)],
            6,
            4,
            DIAGONAL.stroke_width(2),
        ))?;
        for (scores, color) in [(absolute, ABSOLUTE), (scaled, LEAD_SCALED)] {
            if scores.is_empty() {
                continue;
            }
            let points = coverage(&scores);
            chart.draw_series(LineSeries::new(points.clone(), color.stroke_width(3)))?;
            chart.draw_series(points.iter().map(|&p| Circle::new(p, 4, color.filled())))?;
        }
    }
    Ok(Legend { entries, note })
}
