//! Charts of a run (PNG and SVG): chips online, PFLOPS, power against the grid, chips waiting,
//! and each site's capacity. One module per chart; each draws on any plotters backend.
//!
//! Everything is rendered in memory with the embedded font, so output is byte-identical for the
//! same input and no system font or image library is involved.

mod axis;
pub mod backtest;
mod bands;
mod capex;
mod compact;
pub use compact::legible_width;
pub mod compare;
mod credit;
mod embed;
mod energy;
mod frame;
mod heat_map;
pub mod legend;
mod lines;
pub mod mc;
mod online;
mod pflops;
mod power;
mod raster;
mod sites;
pub mod style;
pub mod subset;
pub mod sweep;
mod text;
pub mod tornado;
mod waiting;
pub mod woff;

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::analysis::Report;
use crate::model::Scenario;
use crate::sim::Simulation;
use legend::Entry;
use style::{FONT, HEIGHT, LEGEND_WIDTH, TITLE_SIZE, WIDTH};

/// Why a chart could not be drawn: the file, and the drawing library's or encoder's reason.
#[derive(Debug, thiserror::Error)]
#[error("cannot draw {file}")]
pub struct ChartError {
    /// The file that was being drawn.
    pub file: String,
    /// What failed.
    #[source]
    pub source: DrawError,
}

/// A drawing library's or image encoder's error.
pub type DrawError = Box<dyn std::error::Error + Send + Sync>;

/// What the renderers return: named files, or the first chart that could not be drawn.
pub type Result<T, E = ChartError> = std::result::Result<T, E>;

/// Which files to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// PNG only.
    Png,
    /// SVG only.
    Svg,
    /// Both PNG and SVG.
    Both,
    /// SVG to sit inside a page that provides the font (`NanumGothic`, the report's
    /// `@font-face`), so carrying none of its own.
    SvgInPage,
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
    /// Energy drawn by recipient with its cost (with `[economics]` only).
    Energy,
    /// Capital spent so far by kind (with `[economics]` only).
    Capex,
}

impl Chart {
    /// Every chart.
    pub const ALL: [Chart; 7] = [
        Chart::Online,
        Chart::Pflops,
        Chart::Power,
        Chart::Waiting,
        Chart::Sites,
        Chart::Energy,
        Chart::Capex,
    ];

    /// Whether the chart is drawn for `input`: the energy and capex charts need `[economics]`.
    pub fn applies(self, input: Input) -> bool {
        !matches!(self, Chart::Energy | Chart::Capex) || input.report.economics.is_some()
    }

    /// File stem.
    pub fn name(self) -> &'static str {
        match self {
            Chart::Online => "online",
            Chart::Pflops => "pflops",
            Chart::Power => "power",
            Chart::Waiting => "waiting",
            Chart::Sites => "sites",
            Chart::Energy => "energy",
            Chart::Capex => "capex",
        }
    }

    /// What the chart shows of `input`, after the scenario name in its title (in the current
    /// language).
    pub fn title(self, input: Input) -> &'static str {
        let regions = &input.scenario.regions;
        crate::lang::text(match self {
            Chart::Online => "chart.online",
            Chart::Pflops => "chart.pflops",
            Chart::Power if regions.iter().any(|r| r.grid_mw.is_some()) => "chart.power_grid",
            Chart::Power if !regions.is_empty() => "chart.power_regions",
            Chart::Power => "chart.power",
            Chart::Waiting => "chart.waiting",
            Chart::Sites => "chart.sites",
            Chart::Energy => "chart.energy",
            Chart::Capex => "chart.capex",
        })
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

impl<'a> From<&'a crate::analysis::Outcome> for Input<'a> {
    fn from(outcome: &'a crate::analysis::Outcome) -> Self {
        Input {
            scenario: &outcome.scenario,
            sim: &outcome.sim,
            report: &outcome.report,
        }
    }
}

/// What a chart function hands back for the legend panel.
pub struct Legend {
    /// Rows.
    pub entries: Vec<Entry>,
    /// A line under them (e.g. "showing 24 of 40 sites").
    pub note: Option<String>,
}

/// A picture to draw: one scenario's chart, or an overlay of several cases.
#[derive(Clone, Copy)]
enum Figure<'a> {
    Single(Chart, Input<'a>),
    Overlay(compare::Overlay, compare::Comparison<'a>),
    Mc(mc::McChart, mc::McInput<'a>),
    Sweep(sweep::SweepInput<'a>),
    Tornado(tornado::TornadoInput<'a>),
    Backtest(&'a [crate::analysis::backtest::ClassBacktest<'a>]),
}

impl Figure<'_> {
    /// The credit line at its foot.
    fn credit(self) -> String {
        match self {
            Figure::Single(_, input) => credit::of_scenario(input.scenario, 0),
            Figure::Overlay(_, comparison) => comparison
                .cases
                .first()
                .map_or_else(credit::projection, |baseline| {
                    credit::of_scenario(baseline.input.scenario, comparison.cases.len() - 1)
                }),
            Figure::Mc(_, input) => credit::of_scenario(input.mid.scenario, 0),
            Figure::Sweep(input) => credit::of_scenario(input.scenario, 0),
            Figure::Tornado(input) => credit::of_scenario(input.scenario, 0),
            Figure::Backtest(_) => credit::of_reference_classes(),
        }
    }

    fn name(self) -> String {
        match self {
            Figure::Single(chart, _) => chart.name().into(),
            Figure::Overlay(overlay, _) => overlay.name().into(),
            Figure::Mc(chart, _) => chart.name().into(),
            Figure::Sweep(_) => "sweep".into(),
            Figure::Tornado(input) => input.name(),
            Figure::Backtest(_) => "backtest_coverage".into(),
        }
    }
}

/// Renders every chart in `format`: (file name, bytes), in [`Chart::ALL`] order, PNG before SVG.
pub fn render(input: Input, format: Format) -> Result<Vec<(String, Vec<u8>)>> {
    files(
        Chart::ALL
            .iter()
            .filter(|chart| chart.applies(input))
            .map(|&chart| Figure::Single(chart, input)),
        format,
    )
}

/// Renders the overlay charts of a comparison (the first case is the baseline).
pub fn render_compare(
    comparison: compare::Comparison,
    format: Format,
) -> Result<Vec<(String, Vec<u8>)>> {
    files(
        compare::Overlay::all(comparison)
            .into_iter()
            .map(|overlay| Figure::Overlay(overlay, comparison)),
        format,
    )
}

/// Renders the Monte Carlo charts: the fans of chips online and facility power, and the
/// probability of each target by month.
pub fn render_mc(input: mc::McInput, format: Format) -> Result<Vec<(String, Vec<u8>)>> {
    files(
        mc::McChart::ALL
            .iter()
            .map(|&chart| Figure::Mc(chart, input)),
        format,
    )
}

/// Renders a tornado chart for each target in `targets`.
pub fn render_tornado(
    input: tornado::TornadoInput,
    targets: &[usize],
    format: Format,
) -> Result<Vec<(String, Vec<u8>)>> {
    files(
        targets
            .iter()
            .map(|&target| Figure::Tornado(tornado::TornadoInput { target, ..input })),
        format,
    )
}

/// Renders the backtest's calibration chart.
pub fn render_backtest<'a>(
    backtests: &'a [crate::analysis::backtest::ClassBacktest<'a>],
    format: Format,
) -> Result<Vec<(String, Vec<u8>)>> {
    files(std::iter::once(Figure::Backtest(backtests)), format)
}

/// Renders the chart of a sweep.
pub fn render_sweep(input: sweep::SweepInput, format: Format) -> Result<Vec<(String, Vec<u8>)>> {
    files(std::iter::once(Figure::Sweep(input)), format)
}

fn files<'a>(
    figures: impl Iterator<Item = Figure<'a>>,
    format: Format,
) -> Result<Vec<(String, Vec<u8>)>> {
    style::register_fonts();
    let mut files = Vec::new();
    for figure in figures {
        let name = figure.name();
        if matches!(format, Format::Png | Format::Both) {
            files.push((
                format!("{name}.png"),
                png(figure).map_err(|source| ChartError {
                    file: format!("{name}.png"),
                    source,
                })?,
            ));
        }
        if format != Format::Png {
            files.push((
                format!("{name}.svg"),
                svg(figure, format != Format::SvgInPage)
                    .map_err(|source| ChartError {
                        file: format!("{name}.svg"),
                        source,
                    })?
                    .into_bytes(),
            ));
        }
    }
    Ok(files)
}

/// One figure as PNG bytes.
fn png(figure: Figure) -> Result<Vec<u8>, DrawError> {
    style::register_fonts();
    let mut rgb = vec![0u8; WIDTH as usize * HEIGHT as usize * 3];
    {
        let backend = raster::RasterFix::new(
            BitMapBackend::with_buffer(&mut rgb, (WIDTH, HEIGHT)),
            style::FONT_BYTES,
        )?;
        let root = backend.into_drawing_area();
        draw(figure, &root)?;
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

/// One figure as SVG text, carrying the font its text needs when it is to stand `alone`.
fn svg(figure: Figure, alone: bool) -> Result<String, DrawError> {
    style::register_fonts();
    let mut text = String::new();
    {
        let root = SVGBackend::with_string(&mut text, (WIDTH, HEIGHT)).into_drawing_area();
        draw(figure, &root)?;
        root.present()?;
    }
    // plotters escapes markup; characters XML cannot hold at all (control characters) or
    // that would reorder the text are replaced, should any get past validation. The file then
    // carries the font its text needs.
    let text = compact::compact(&crate::console::printable(&text));
    Ok(if alone { embed::with_font(&text) } else { text })
}

fn draw<DB: DrawingBackend>(
    figure: Figure,
    root: &DrawingArea<DB, Shift>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    root.fill(&WHITE)?;
    let title = match figure {
        Figure::Single(chart, input) => crate::lang::fill(
            "chart.title",
            &[("name", &input.scenario.name), ("what", chart.title(input))],
        ),
        Figure::Overlay(overlay, comparison) => overlay.title(comparison),
        Figure::Mc(chart, input) => chart.title(input),
        Figure::Sweep(input) => input.title(),
        Figure::Tornado(input) => input.title(),
        Figure::Backtest(_) => crate::lang::text("backtest.title").into(),
    };
    // Shortened with "…" rather than clipped by the picture's edges.
    let title = text::shorten(&title, TITLE_SIZE, f64::from(WIDTH) - 24.0);
    let body = root.titled(&title, (FONT, TITLE_SIZE).into_font().color(&style::INK))?;
    let (body, foot) = body.split_vertically(body.dim_in_pixel().1 - credit::HEIGHT);
    credit::draw(&foot, &figure.credit())?;
    let (plot, legend_area) = body.split_horizontally(WIDTH - LEGEND_WIDTH);
    let legend = match figure {
        Figure::Single(Chart::Online, input) => online::draw(&plot, input)?,
        Figure::Single(Chart::Pflops, input) => pflops::draw(&plot, input)?,
        Figure::Single(Chart::Power, input) => power::draw(&plot, input)?,
        Figure::Single(Chart::Waiting, input) => waiting::draw(&plot, input)?,
        Figure::Single(Chart::Sites, input) => sites::draw(&plot, input)?,
        Figure::Single(Chart::Energy, input) => energy::draw(&plot, input)?,
        Figure::Single(Chart::Capex, input) => capex::draw(&plot, input)?,
        Figure::Overlay(overlay, comparison) => compare::draw(overlay, &plot, comparison)?,
        Figure::Mc(chart, input) => mc::draw(chart, &plot, input)?,
        Figure::Sweep(input) => sweep::draw(&plot, input)?,
        Figure::Tornado(input) => tornado::draw(&plot, input)?,
        Figure::Backtest(backtests) => backtest::draw(&plot, backtests)?,
    };
    legend::draw(&legend_area, &legend.entries, legend.note.as_deref())
}
