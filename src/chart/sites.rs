//! Small multiples: for each site, its IT capacity (step line) and the IT power of the chips
//! installed there (filled), over the same months; in MW, or kW for a site under 1 MW.

use crate::lang::text;
use crate::units::{KW_PER_MW, kw_to_mw};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::{MonthAxis, ValueAxis};
use super::frame::{mesh, steps};
use super::legend::{Entry, Swatch};
use super::style::{FONT, INK};
use super::text::shorten;
use super::{Input, Legend};

/// Most sites drawn; the legend says how many were left out.
const MAX_PANELS: usize = 24;
const USED: RGBColor = RGBColor(0x4E, 0x79, 0xA7);
const CAPTION_SIZE: u32 = 13;

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: Input,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let (scenario, sim) = (input.scenario, input.sim);
    let entries = vec![
        Entry::new(Swatch::Line(INK, false), text("sites.capacity")),
        Entry::new(Swatch::Area(USED), text("sites.used")),
    ];
    let shown = scenario.sites.len().min(MAX_PANELS);
    if shown == 0 {
        let style = TextStyle::from((FONT, 20).into_font()).color(&INK);
        area.draw(&Text::new(text("sites.empty"), (40, 40), style))?;
        return Ok(Legend {
            entries,
            note: None,
        });
    }
    let cols = ((shown as f64 * 1.4).sqrt().ceil() as usize).clamp(1, shown);
    let rows = shown.div_ceil(cols);
    let panels = area.margin(8, 8, 8, 8).split_evenly((rows, cols));
    let (start, months) = (scenario.start, sim.months);

    let mw = |s: usize, values: &[f64]| -> Vec<f64> {
        (0..months)
            .map(|t| kw_to_mw(values[sim.at(s, t)]))
            .collect()
    };
    // A site under 1 MW is drawn in kW; its caption says so only when the panels differ.
    let in_kw: Vec<bool> = (0..shown)
        .map(|s| {
            let peak = mw(s, &sim.site_capacity_it_kw)
                .into_iter()
                .chain(mw(s, &sim.site_it_kw))
                .fold(0.0, f64::max);
            peak > 0.0 && peak < 1.0
        })
        .collect();
    let mixed = in_kw.iter().any(|&k| k) && !in_kw.iter().all(|&k| k);
    for (s, panel) in panels.iter().enumerate().take(shown) {
        let scale = if in_kw[s] { KW_PER_MW } else { 1.0 };
        let scaled =
            |values: &[f64]| -> Vec<f64> { mw(s, values).iter().map(|v| v * scale).collect() };
        let (capacity, used) = (scaled(&sim.site_capacity_it_kw), scaled(&sim.site_it_kw));
        let peak = capacity.iter().chain(&used).copied().fold(0.0, f64::max);
        let axis = ValueAxis::new(peak, 4, false);
        let unit = if mixed && in_kw[s] { " (kW)" } else { "" };
        let width = f64::from(panel.dim_in_pixel().0) - 8.0;
        let name = &scenario.sites[s].name;
        let caption = format!(
            "{}{unit}",
            shorten(
                name,
                CAPTION_SIZE,
                width - super::text::width(unit, CAPTION_SIZE)
            )
        );
        let mut chart = ChartBuilder::on(panel)
            .caption(caption, (FONT, CAPTION_SIZE).into_font().color(&INK))
            .margin(4)
            .x_label_area_size(20)
            .y_label_area_size(44)
            .build_cartesian_2d(MonthAxis::new(start, months, 3), axis.clone())?;
        mesh(&mut chart, (start, months), 11, &axis, None)?;
        // Both as steps, so IT used never seems to rise before the capacity it sits in.
        chart.draw_series(AreaSeries::new(steps(&used), 0.0, USED.mix(0.75).filled()))?;
        chart.draw_series(LineSeries::new(steps(&capacity), INK.stroke_width(2)))?;
    }
    let mut note = match (in_kw.iter().all(|&k| k), mixed) {
        (true, _) => text("sites.kw").to_string(),
        (false, true) => text("sites.mw_kw").to_string(),
        (false, false) => text("sites.mw").to_string(),
    };
    if scenario.sites.len() > shown {
        note.push_str(&format!(
            ". Showing {shown} of {} sites",
            scenario.sites.len()
        ));
    }
    Ok(Legend {
        entries,
        note: Some(note),
    })
}
