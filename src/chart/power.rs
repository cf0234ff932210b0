//! Facility power drawn per region (solid) against that region's grid capacity (dashed step
//! line, a darker shade, drawn on top so a region running at its limit shows both), and the
//! total over all sites (black). In kW when the scale is under 1 MW.

use crate::lang::{fill, text};
use crate::units::{KW_PER_MW, kw_to_mw};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::ValueAxis;
use super::frame::{horizon, time_chart};
use super::lines::{self, Line};
use super::style::{INK, darker, series_color};
use super::{Input, Legend};

/// The line of power drawn by sites with no region.
pub(super) const NO_REGION: RGBColor = RGBColor(0x88, 0x88, 0x88);

/// The power drawn by sites with no region (under no grid), in the chart's unit.
fn without_region(input: Input, scale: f64) -> Line {
    let (scenario, sim) = (input.scenario, input.sim);
    Line {
        values: (0..sim.months)
            .map(|t| {
                let regioned: f64 = (0..scenario.regions.len())
                    .map(|r| sim.region_facility_kw[sim.at(r, t)])
                    .sum();
                kw_to_mw(sim.facility_kw[t] - regioned).max(0.0) * scale
            })
            .collect(),
        offset: 0,
        color: NO_REGION,
        width: 3,
        dashed: false,
        steps: false,
        label: text("power.no_region").into(),
    }
}

/// A power axis: in MW, or in kW when everything drawn is under 1 MW.
pub(super) struct PowerAxis {
    /// Ticks and labels, in `unit`.
    pub axis: ValueAxis,
    /// Multiplier from MW to `unit`.
    pub scale: f64,
    /// "MW" or "kW".
    pub unit: &'static str,
}

impl PowerAxis {
    /// Scaled to `peak` MW drawn; a grid far above it (or unlimited) runs off the top rather
    /// than flattening every other line.
    pub fn new(peak: f64, grids: &[Vec<f64>]) -> PowerAxis {
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
        let (scale, unit) = if y_max < 1.0 {
            (KW_PER_MW, "kW")
        } else {
            (1.0, "MW")
        };
        PowerAxis {
            axis: ValueAxis::new(y_max * scale, 8, false),
            scale,
            unit,
        }
    }
}

pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: Input,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let (scenario, sim) = (input.scenario, input.sim);
    let series = |values: &[f64], r: usize| -> Vec<f64> {
        (0..sim.months)
            .map(|t| kw_to_mw(values[sim.at(r, t)]))
            .collect()
    };
    let total: Vec<f64> = sim.facility_kw.iter().map(|&kw| kw_to_mw(kw)).collect();
    let grids: Vec<Vec<f64>> = (0..scenario.regions.len())
        .map(|r| series(&sim.region_grid_kw, r))
        .collect();

    let peak = total.iter().copied().fold(0.0, f64::max);
    let PowerAxis { axis, scale, unit } = PowerAxis::new(peak, &grids);
    let cap = axis.top() / scale;

    let mut lines = Vec::new();
    let mut dashed = false;
    for (r, region) in scenario.regions.iter().enumerate() {
        let color = series_color(r);
        lines.push(Line {
            values: series(&sim.region_facility_kw, r)
                .iter()
                .map(|mw| mw * scale)
                .collect(),
            offset: 0,
            color,
            width: 3,
            dashed: false,
            steps: false,
            label: fill("power.drawn", &[("region", &region.name)]),
        });
        if grids[r].iter().any(|g| g.is_finite()) {
            dashed = true;
            lines.push(Line {
                // Capped just above the plot, so an unlimited-looking grid runs off the top.
                values: grids[r].iter().map(|g| g.min(cap) * scale).collect(),
                offset: 0,
                color: darker(color),
                width: 2,
                dashed: true,
                steps: true,
                label: fill("power.grid", &[("region", &region.name)]),
            });
        }
    }
    // Power from sites with no region is under no grid: it gets its own line, so the total
    // is not read against any region's grid.
    if scenario.sites.iter().any(|s| s.region.is_none()) {
        lines.push(without_region(input, scale));
    }
    lines.push(Line {
        values: total.iter().map(|mw| mw * scale).collect(),
        offset: 0,
        color: INK,
        width: 3,
        dashed: false,
        steps: false,
        label: text("power.total").into(),
    });

    let mut chart = time_chart(
        area,
        horizon(input),
        &axis,
        &fill("power.axis", &[("unit", unit)]),
        text("power.empty"),
    )?;
    let entries = lines::draw(&mut chart, lines)?;
    Ok(Legend {
        entries,
        note: dashed.then(|| text("power.note").into()),
    })
}
