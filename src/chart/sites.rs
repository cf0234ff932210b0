//! Small multiples: for each site, its IT capacity (step line) and the IT power of the chips
//! installed there (filled), in MW, over the same months.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::{MonthAxis, mesh, steps};
use super::legend::{Entry, Swatch};
use super::style::{FONT, INK};
use super::{Input, Legend};

/// Most sites drawn; the legend says how many were left out.
const MAX_PANELS: usize = 24;
const USED: RGBColor = RGBColor(0x4E, 0x79, 0xA7);

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: Input,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let (scenario, sim) = (input.scenario, input.sim);
    let entries = vec![
        Entry::new(Swatch::Line(INK, false), "IT capacity (MW)"),
        Entry::new(Swatch::Area(USED), "IT used (MW)"),
    ];
    let shown = scenario.sites.len().min(MAX_PANELS);
    if shown == 0 {
        let style = TextStyle::from((FONT, 20).into_font()).color(&INK);
        area.draw(&Text::new("This scenario has no sites.", (40, 40), style))?;
        return Ok(Legend {
            entries,
            note: None,
        });
    }
    let cols = ((shown as f64 * 1.4).sqrt().ceil() as usize).clamp(1, shown);
    let rows = shown.div_ceil(cols);
    let panels = area.margin(8, 8, 8, 8).split_evenly((rows, cols));
    let (start, months) = (scenario.start, sim.months);

    for (s, panel) in panels.iter().enumerate().take(shown) {
        let capacity: Vec<f64> = (0..months)
            .map(|t| sim.site_capacity_it_kw[sim.at(s, t)] / 1000.0)
            .collect();
        let used: Vec<f64> = (0..months)
            .map(|t| sim.site_it_kw[sim.at(s, t)] / 1000.0)
            .collect();
        let peak = capacity.iter().chain(&used).copied().fold(0.0, f64::max);
        let y_max = if peak > 0.0 { peak * 1.1 } else { 1.0 };
        let mut chart = ChartBuilder::on(panel)
            .caption(&scenario.sites[s].name, (FONT, 13).into_font().color(&INK))
            .margin(4)
            .x_label_area_size(20)
            .y_label_area_size(44)
            .build_cartesian_2d(MonthAxis::new(start, months, 3), 0.0..y_max)?;
        mesh(&mut chart, (start, months), 11, 4, None)?;
        chart.draw_series(AreaSeries::new(
            used.iter().enumerate().map(|(t, &v)| (t as f64, v)),
            0.0,
            USED.mix(0.75).filled(),
        ))?;
        chart.draw_series(LineSeries::new(steps(&capacity), INK.stroke_width(2)))?;
    }
    let note = (scenario.sites.len() > shown)
        .then(|| format!("Showing {shown} of {} sites", scenario.sites.len()));
    Ok(Legend { entries, note })
}
