//! Facility MW drawn per region (solid) against that region's grid capacity (dashed step line),
//! and the total over all sites (black).

use plotters::coord::Shift;
use plotters::prelude::*;

use super::frame::{horizon, steps, time_chart};
use super::legend::{Entry, Swatch};
use super::style::{INK, series_color};
use super::{Input, Legend};

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: Input,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let (scenario, sim) = (input.scenario, input.sim);
    let mw = |kw: f64| kw / 1000.0;
    let series = |values: &[f64], r: usize| {
        (0..sim.months)
            .map(|t| mw(values[sim.at(r, t)]))
            .collect::<Vec<f64>>()
    };
    let drawn: Vec<Vec<f64>> = (0..scenario.regions.len())
        .map(|r| series(&sim.region_facility_kw, r))
        .collect();
    let grids: Vec<Vec<f64>> = (0..scenario.regions.len())
        .map(|r| series(&sim.region_grid_kw, r))
        .collect();
    let total: Vec<f64> = sim.facility_kw.iter().map(|&kw| mw(kw)).collect();

    // Scale to what is drawn; a grid far above it (or unlimited) runs off the top rather than
    // flattening every other line.
    let peak = total.iter().copied().fold(0.0, f64::max);
    let finite_grid = grids
        .iter()
        .flatten()
        .copied()
        .filter(|g| g.is_finite())
        .fold(0.0, f64::max);
    let y_max = if peak > 0.0 {
        finite_grid.min(peak * 2.5).max(peak)
    } else {
        finite_grid
    };

    let mut chart = time_chart(area, horizon(input), y_max, "Facility power (MW)")?;
    let mut entries = Vec::new();
    for (r, region) in scenario.regions.iter().enumerate() {
        let color = series_color(r);
        if grids[r].iter().any(|g| g.is_finite()) {
            // Capped just above the plot, so an unlimited-looking grid runs off the top.
            let capped: Vec<f64> = grids[r].iter().map(|g| g.min(y_max * 1.08)).collect();
            chart.draw_series(DashedLineSeries::new(
                steps(&capped),
                8,
                5,
                color.stroke_width(2),
            ))?;
            entries.push(Entry::new(
                Swatch::Line(color, true),
                format!("{} grid", region.name),
            ));
        }
        let points: Vec<(f64, f64)> = drawn[r]
            .iter()
            .enumerate()
            .map(|(t, &v)| (t as f64, v))
            .collect();
        chart.draw_series(LineSeries::new(points, color.stroke_width(3)))?;
        entries.push(Entry::new(
            Swatch::Line(color, false),
            format!("{} drawn", region.name),
        ));
    }
    let points: Vec<(f64, f64)> = total
        .iter()
        .enumerate()
        .map(|(t, &v)| (t as f64, v))
        .collect();
    chart.draw_series(LineSeries::new(points, INK.stroke_width(3)))?;
    entries.push(Entry::new(Swatch::Line(INK, false), "Total, all sites"));
    Ok(Legend {
        entries,
        note: Some("Dashed: grid capacity".into()),
    })
}
