//! The charts of `gpuplan mc --charts`: fans of chips online and of facility power (P5–P95 and
//! P25–P75 bands, the median, the mid-value case), and the probability that each target has
//! been achieved by each month.

use crate::lang::{fill, text};
use crate::units::kw_to_mw;
use plotters::coord::Shift;
use plotters::prelude::*;

use super::axis::ValueAxis;
use super::frame::{TimeChart, horizon, observed_markers, points, steps, time_chart};
use super::legend::{self, Entry, Swatch};
use super::power::{NO_REGION, PowerAxis};
use super::style::{INK, darker, series_color};
use super::{Input, Legend};
use crate::analysis::mc::stats::Band;
use crate::analysis::mc::{Mc, SCOPE_PREFIX, UNREGIONED_SERIES};
use crate::present::format::{probability, thousands};
use crate::units::Metric;

/// What the Monte Carlo charts read: the mid-value run and the samples.
#[derive(Clone, Copy)]
pub struct McInput<'a> {
    /// The mid-value case (each uncertain input at its median).
    pub mid: Input<'a>,
    /// The samples.
    pub mc: &'a Mc,
}

/// The Monte Carlo charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum McChart {
    /// Fan of chips online.
    Online,
    /// Fan of facility MW with the grids.
    Power,
    /// Probability each target has been achieved by each month.
    Targets,
}

impl McChart {
    /// Every chart.
    pub const ALL: [McChart; 3] = [McChart::Online, McChart::Power, McChart::Targets];

    /// File stem.
    pub fn name(self) -> &'static str {
        match self {
            McChart::Online => "mc_online",
            McChart::Power => "mc_power",
            McChart::Targets => "mc_targets",
        }
    }

    /// Title.
    pub fn title(self, input: McInput) -> String {
        let what = text(match self {
            McChart::Online => "mc.online",
            McChart::Power => "mc.power",
            McChart::Targets => "mc.targets",
        });
        fill(
            "chart.title",
            &[("name", &input.mid.scenario.name), ("what", what)],
        )
    }
}

const FAN: RGBColor = RGBColor(0x4E, 0x79, 0xA7);

/// Draws `chart` and returns its legend.
pub fn draw<DB: DrawingBackend>(
    chart: McChart,
    area: &DrawingArea<DB, Shift>,
    input: McInput,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let mut legend = match chart {
        McChart::Online => online(area, input)?,
        McChart::Power => power(area, input)?,
        McChart::Targets => targets(area, input)?,
    };
    // Which samples the bands and shares are over, under the legend (titles stay short).
    let samples = if input.mc.conditioned {
        fill(
            "mc.over_kept",
            &[
                ("kept", &thousands(input.mc.kept)),
                ("samples", &thousands(input.mc.samples)),
            ],
        )
    } else {
        fill("mc.over", &[("samples", &thousands(input.mc.samples))])
    };
    legend.note = Some(match legend.note {
        Some(note) => fill("mc.note", &[("samples", &samples), ("note", &note)]),
        None => samples,
    });
    Ok(legend)
}

/// The series named `name`'s bands.
fn series<'a>(input: McInput<'a>, name: &str) -> &'a [Band] {
    input
        .mc
        .bands
        .iter()
        .find(|s| s.name == name)
        .map_or(&[], |s| s.months.as_slice())
}

/// Draws the two bands and the median of `bands`, scaled by `scale`; returns their legend.
fn fan<DB: DrawingBackend>(
    chart: &mut TimeChart<DB>,
    bands: &[Band],
    scale: f64,
) -> Result<Vec<Entry>, DrawingAreaErrorKind<DB::ErrorType>> {
    for ((lo, hi), alpha) in [((0, 6), 0.22), ((2, 4), 0.45)] {
        let upper = bands
            .iter()
            .enumerate()
            .map(|(t, b)| (t as f64, b.percentiles[hi] * scale));
        let lower: Vec<(f64, f64)> = bands
            .iter()
            .enumerate()
            .map(|(t, b)| (t as f64, b.percentiles[lo] * scale))
            .collect();
        let polygon: Vec<(f64, f64)> = upper.chain(lower.into_iter().rev()).collect();
        chart.draw_series(std::iter::once(Polygon::new(
            polygon,
            FAN.mix(alpha).filled(),
        )))?;
    }
    let median: Vec<f64> = bands.iter().map(|b| b.percentiles[3] * scale).collect();
    chart.draw_series(LineSeries::new(points(&median), FAN.stroke_width(3)))?;
    Ok(vec![
        Entry::new(Swatch::Area(over_white(FAN, 0.22)), text("mc.fan")),
        Entry::new(Swatch::Area(over_white(FAN, 0.45)), "P25–P75"),
        Entry::new(Swatch::Line(FAN, false), text("mc.median")),
    ])
}

/// `color` at `alpha` over white, as one opaque colour (for legend swatches).
fn over_white(color: RGBColor, alpha: f64) -> RGBColor {
    let mix = |c: u8| (f64::from(c) * alpha + 255.0 * (1.0 - alpha)).round() as u8;
    RGBColor(mix(color.0), mix(color.1), mix(color.2))
}

/// "NAME: P(met) 4.1%" for a target's marker in the legend.
fn p_met_label(name: &str, p: f64, kept: u64) -> String {
    fill("mc.p_met", &[("name", name), ("p", &probability(p, kept))])
}

fn online<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: McInput,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let (scenario, sim) = (input.mid.scenario, input.mid.sim);
    let bands = series(input, "chips_online");
    let mid: Vec<f64> = (0..sim.months)
        .map(|t| {
            (0..scenario.allocations.len())
                .map(|a| sim.online[sim.at(a, t)] as f64)
                .sum()
        })
        .collect();
    let targets: Vec<usize> = (0..scenario.targets.len())
        .filter(|&k| scenario.targets[k].metric == Metric::ChipsOnline)
        .collect();
    // A target limited to some recipients or chips is marked against its own scope's band.
    let scope = |k: usize| {
        let name = format!("{SCOPE_PREFIX}{}", scenario.targets[k].name);
        input
            .mc
            .layout
            .scoped
            .contains(&k)
            .then(|| series(input, &name))
    };
    let y_max = bands
        .iter()
        .chain(targets.iter().filter_map(|&k| scope(k)).flatten())
        .map(|b| b.percentiles[6])
        .chain(mid.iter().copied())
        .chain(targets.iter().map(|&k| scenario.targets[k].value))
        .chain(input.mid.report.observed.iter().map(|o| o.observed))
        .fold(0.0, f64::max);
    let mut chart = time_chart(
        area,
        horizon(input.mid),
        &ValueAxis::new(y_max, 8, true),
        text("mc.axis"),
        text("mc.empty"),
    )?;
    let mut entries = fan(&mut chart, bands, 1.0)?;
    chart.draw_series(DashedLineSeries::new(
        points(&mid),
        8,
        6,
        INK.stroke_width(2),
    ))?;
    entries.push(Entry::new(Swatch::Line(INK, true), text("mc.mid")));
    for (n, &k) in targets.iter().enumerate() {
        if let Some(own) = scope(k) {
            let color = series_color(n);
            entries.push(scope_band(
                &mut chart,
                own,
                color,
                &scenario.targets[k].name,
            )?);
        }
    }
    for &k in &targets {
        let target = &scenario.targets[k];
        let p = input.mc.targets[k].p_met;
        let at = (scenario.index_of(target.by) as f64, target.value);
        legend::marker(chart.plotting_area(), at, 0, p >= 0.5)?;
        let label = p_met_label(&target.name, p, input.mc.kept);
        entries.push(Entry::new(Swatch::Target(p >= 0.5), label));
    }
    entries.extend(observed_markers(&mut chart, input.mid)?);
    let scoped = targets.iter().any(|&k| scope(k).is_some());
    let note = text(if scoped {
        "mc.marker_scoped"
    } else {
        "mc.marker"
    });
    Ok(Legend {
        entries,
        note: Some(note.into()),
    })
}

/// A band of the samples (P5–P95, translucent) with its median (solid), in `color`; its
/// legend row.
fn scope_band<DB: DrawingBackend>(
    chart: &mut TimeChart<DB>,
    bands: &[Band],
    color: RGBColor,
    name: &str,
) -> Result<Entry, DrawingAreaErrorKind<DB::ErrorType>> {
    let upper = bands
        .iter()
        .enumerate()
        .map(|(t, b)| (t as f64, b.percentiles[6]));
    let lower: Vec<(f64, f64)> = bands
        .iter()
        .enumerate()
        .map(|(t, b)| (t as f64, b.percentiles[0]))
        .collect();
    let polygon: Vec<(f64, f64)> = upper.chain(lower.into_iter().rev()).collect();
    chart.draw_series(std::iter::once(Polygon::new(
        polygon,
        color.mix(0.2).filled(),
    )))?;
    let median: Vec<f64> = bands.iter().map(|b| b.percentiles[3]).collect();
    chart.draw_series(LineSeries::new(points(&median), color.stroke_width(2)))?;
    Ok(Entry::new(
        Swatch::Line(color, false),
        fill("mc.scope", &[("name", name)]),
    ))
}

fn power<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: McInput,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let (scenario, sim) = (input.mid.scenario, input.mid.sim);
    let bands = series(input, "facility_mw");
    let peak = bands.iter().map(|b| b.percentiles[6]).fold(0.0, f64::max);
    let grids: Vec<Vec<f64>> = (0..scenario.regions.len())
        .map(|r| {
            (0..sim.months)
                .map(|t| kw_to_mw(sim.region_grid_kw[sim.at(r, t)]))
                .collect()
        })
        .collect();
    let PowerAxis { axis, scale, unit } = PowerAxis::new(peak, &grids);
    let cap = axis.top() / scale;
    let mut chart = time_chart(
        area,
        horizon(input.mid),
        &axis,
        &fill("power.axis", &[("unit", unit)]),
        text("mc.power_empty"),
    )?;
    let mut entries = fan(&mut chart, bands, scale)?;
    for entry in &mut entries {
        entry.label = fill("mc.all_sites", &[("label", &entry.label)]);
    }
    // Each region's draw (median, with its P5–P95) against that region's grid.
    for (r, region) in scenario.regions.iter().enumerate() {
        let color = series_color(r);
        let drawn = series(input, &format!("facility_mw:{}", region.name));
        let scaled: Vec<Band> = drawn
            .iter()
            .map(|b| Band {
                percentiles: b.percentiles.map(|x| x * scale),
                ..*b
            })
            .collect();
        let mut entry = scope_band(&mut chart, &scaled, color, &region.name)?;
        entry.label = fill("mc.drawn", &[("region", &region.name)]);
        entries.push(entry);
        if grids[r].iter().any(|g| g.is_finite()) {
            let color = darker(color);
            let values: Vec<f64> = grids[r].iter().map(|g| g.min(cap) * scale).collect();
            chart.draw_series(DashedLineSeries::new(
                steps(&values),
                8,
                6,
                color.stroke_width(2),
            ))?;
            entries.push(Entry::new(
                Swatch::Line(color, true),
                fill("mc.grid", &[("region", &region.name)]),
            ));
        }
    }
    if input.mc.layout.unregioned {
        let drawn = series(input, UNREGIONED_SERIES);
        let median: Vec<f64> = drawn.iter().map(|b| b.percentiles[3] * scale).collect();
        chart.draw_series(LineSeries::new(points(&median), NO_REGION.stroke_width(2)))?;
        entries.push(Entry::new(
            Swatch::Line(NO_REGION, false),
            text("mc.no_region"),
        ));
    }
    Ok(Legend {
        entries,
        note: Some(text("mc.power_note").into()),
    })
}

fn targets<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    input: McInput,
) -> Result<Legend, DrawingAreaErrorKind<DB::ErrorType>> {
    let scenario = input.mid.scenario;
    let any = !scenario.targets.is_empty();
    let mut chart = time_chart(
        area,
        horizon(input.mid),
        &if any {
            ValueAxis::percent()
        } else {
            ValueAxis::new(0.0, 10, false)
        },
        text("mc.share_axis"),
        text("mc.no_targets"),
    )?;
    let mut entries = Vec::new();
    for (k, target) in scenario.targets.iter().enumerate() {
        let color = series_color(k);
        let curve = &input.mc.targets[k].achieved_by_month;
        chart.draw_series(LineSeries::new(steps(curve), color.stroke_width(3)))?;
        let p = input.mc.targets[k].p_met;
        let at = (scenario.index_of(target.by) as f64, p);
        legend::marker(chart.plotting_area(), at, 0, p >= 0.5)?;
        entries.push(Entry::new(
            Swatch::Line(color, false),
            fill(
                "mc.target_by",
                &[
                    ("name", &target.name),
                    ("by", &target.by.to_string()),
                    ("p", &probability(p, input.mc.kept)),
                ],
            ),
        ));
    }
    Ok(Legend {
        entries,
        note: any.then(|| text("mc.deadline_note").into()),
    })
}
