//! Charts of a run (PNG and SVG): chips online, PFLOPS, power against the grid, chips waiting,
//! and each site's capacity. One module per chart; each draws on any plotters backend.
//!
//! Everything is rendered in memory with the embedded font, so output is byte-identical for the
//! same input and no system font or image library is involved.

mod frame;
pub mod legend;
mod online;
mod pflops;
mod power;
mod raster;
mod sites;
pub mod style;
mod waiting;

use anyhow::{Context, Result};
use plotters::coord::Shift;
use plotters::prelude::*;

use crate::analysis::Report;
use crate::model::Scenario;
use crate::sim::Simulation;
use legend::Entry;
use style::{FONT, HEIGHT, LEGEND_WIDTH, TITLE_SIZE, WIDTH};

/// Which files to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// PNG only.
    Png,
    /// SVG only.
    Svg,
    /// Both PNG and SVG.
    Both,
}

/// The charts, in the order they are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    /// Chips online by recipient, stacked, with installing and waiting on top; chip targets.
    Online,
    /// PFLOPS online at each precision a target uses; PFLOPS targets.
    Pflops,
    /// Facility MW per region against its grid, and the total.
    Power,
    /// Chips delivered but waiting for a place, by recipient.
    Waiting,
    /// Each site's IT capacity and IT used.
    Sites,
}

impl Chart {
    /// Every chart.
    pub const ALL: [Chart; 5] = [
        Chart::Online,
        Chart::Pflops,
        Chart::Power,
        Chart::Waiting,
        Chart::Sites,
    ];

    /// File stem.
    pub fn name(self) -> &'static str {
        match self {
            Chart::Online => "online",
            Chart::Pflops => "pflops",
            Chart::Power => "power",
            Chart::Waiting => "waiting",
            Chart::Sites => "sites",
        }
    }

    /// What the chart shows, after the scenario name in its title.
    pub fn title(self) -> &'static str {
        match self {
            Chart::Online => "chips online by recipient",
            Chart::Pflops => "PFLOPS online",
            Chart::Power => "facility power by region against the grid",
            Chart::Waiting => "chips delivered but waiting for a place",
            Chart::Sites => "IT capacity and IT used by site",
        }
    }
}

/// What every chart reads.
#[derive(Clone, Copy)]
pub struct Input<'a> {
    /// The scenario.
    pub scenario: &'a Scenario,
    /// Its simulation.
    pub sim: &'a Simulation,
    /// Its report (targets).
    pub report: &'a Report,
}

/// What a chart function hands back for the legend panel.
pub struct Legend {
    /// Rows.
    pub entries: Vec<Entry>,
    /// A line under them (e.g. "showing 24 of 40 sites").
    pub note: Option<String>,
}

/// Renders every chart in `format`: (file name, bytes), in [`Chart::ALL`] order, PNG before SVG.
pub fn render(input: Input, format: Format) -> Result<Vec<(String, Vec<u8>)>> {
    style::register_fonts();
    let mut files = Vec::new();
    for chart in Chart::ALL {
        if format != Format::Svg {
            files.push((
                format!("{}.png", chart.name()),
                png(chart, input).with_context(|| format!("cannot draw {}.png", chart.name()))?,
            ));
        }
        if format != Format::Png {
            files.push((
                format!("{}.svg", chart.name()),
                svg(chart, input)
                    .with_context(|| format!("cannot draw {}.svg", chart.name()))?
                    .into_bytes(),
            ));
        }
    }
    Ok(files)
}

/// One chart as PNG bytes.
pub fn png(chart: Chart, input: Input) -> Result<Vec<u8>> {
    style::register_fonts();
    let mut rgb = vec![0u8; WIDTH as usize * HEIGHT as usize * 3];
    {
        let backend = raster::RasterFix::new(
            BitMapBackend::with_buffer(&mut rgb, (WIDTH, HEIGHT)),
            style::FONT_BYTES,
        )?;
        let root = backend.into_drawing_area();
        draw(chart, &root, input)?;
        root.present()?;
    }
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, WIDTH, HEIGHT);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&rgb)?;
    writer.finish()?;
    Ok(bytes)
}

/// One chart as SVG text.
pub fn svg(chart: Chart, input: Input) -> Result<String> {
    style::register_fonts();
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, (WIDTH, HEIGHT)).into_drawing_area();
        draw(chart, &root, input)?;
        root.present()?;
    }
    Ok(text)
}

fn draw<DB: DrawingBackend>(
    chart: Chart,
    root: &DrawingArea<DB, Shift>,
    input: Input,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let title = format!("{}: {}", input.scenario.name, chart.title());
    let body = root.titled(&title, (FONT, TITLE_SIZE).into_font().color(&style::INK))?;
    let (plot, legend_area) = body.split_horizontally(WIDTH - LEGEND_WIDTH);
    let legend = match chart {
        Chart::Online => online::draw(&plot, input)?,
        Chart::Pflops => pflops::draw(&plot, input)?,
        Chart::Power => power::draw(&plot, input)?,
        Chart::Waiting => waiting::draw(&plot, input)?,
        Chart::Sites => sites::draw(&plot, input)?,
    };
    legend::draw(&legend_area, &legend.entries, legend.note.as_deref())
}
