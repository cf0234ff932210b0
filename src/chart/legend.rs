//! The legend panel drawn beside (never over) the plot: one row per series or target, labels
//! wrapped to the panel's width, and a note under them.

use plotters::coord::{CoordTranslate, Shift};
use plotters::prelude::*;

use super::style::{FONT, INK, LEGEND_SIZE, LEGEND_WIDTH, MET, MISSED};
use super::text;

/// How a legend row shows its series.
#[derive(Debug, Clone)]
pub enum Swatch {
    /// A filled block (stacked areas).
    Area(RGBColor),
    /// A line; dashed when `true`.
    Line(RGBColor, bool),
    /// A target marker; met when `true`.
    Target(bool),
    /// An observation's marker.
    Observed,
}

/// One legend row.
#[derive(Debug, Clone)]
pub struct Entry {
    /// What to draw.
    pub swatch: Swatch,
    /// Text beside it.
    pub label: String,
}

impl Entry {
    /// A row.
    pub fn new(swatch: Swatch, label: impl Into<String>) -> Entry {
        Entry {
            swatch,
            label: label.into(),
        }
    }
}

const ROW: i32 = 24;
const LINE: i32 = 17;
const MAX_LINES: usize = 3;
/// Where labels start, and the room they have before the picture's right edge.
const TEXT_X: i32 = 44;
const TEXT_WIDTH: f64 = (LEGEND_WIDTH as i32 - TEXT_X - 24) as f64;

/// Draws `entries` top to bottom in `area`, with an optional note under them. Rows that would
/// run off the bottom are summed up in a last row ("… and 3 more").
pub fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[Entry],
    note: Option<&str>,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let text_style = TextStyle::from((FONT, LEGEND_SIZE).into_font()).color(&INK);
    let note_lines = note.map_or(Vec::new(), |note| {
        text::wrap(
            note,
            LEGEND_SIZE,
            TEXT_WIDTH + f64::from(TEXT_X - 8),
            MAX_LINES,
        )
    });
    // Room for the rows: the panel less the note and one row for "… and N more".
    let bottom = area.dim_in_pixel().1 as i32 - LINE * note_lines.len() as i32 - 2 * ROW;
    let mut y = 40;
    for (i, entry) in entries.iter().enumerate() {
        let lines = text::wrap(&entry.label, LEGEND_SIZE, TEXT_WIDTH, MAX_LINES);
        if y + LINE * lines.len() as i32 > bottom && i + 1 < entries.len() {
            let n = (entries.len() - i).to_string();
            let more = crate::lang::fill("legend.more", &[("n", &n)]);
            area.draw(&Text::new(more, (TEXT_X, y + 1), text_style.clone()))?;
            y += ROW;
            break;
        }
        swatch(area, &entry.swatch, y)?;
        for (k, line) in lines.iter().enumerate() {
            area.draw(&Text::new(
                line.as_str(),
                (TEXT_X, y + 1 + LINE * k as i32),
                text_style.clone(),
            ))?;
        }
        y += ROW + LINE * (lines.len() as i32 - 1);
    }
    for line in note_lines {
        area.draw(&Text::new(line, (8, y + 8), text_style.clone()))?;
        y += LINE;
    }
    Ok(())
}

fn swatch<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    swatch: &Swatch,
    y: i32,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (x0, x1, mid) = (8, 36, y + 8);
    match *swatch {
        Swatch::Area(color) => area.draw(&Rectangle::new([(x0, y), (x1, y + 16)], color.filled())),
        Swatch::Line(color, true) => {
            for x in (x0..x1).step_by(10) {
                area.draw(&PathElement::new(
                    vec![(x, mid), ((x + 6).min(x1), mid)],
                    color.stroke_width(3),
                ))?;
            }
            Ok(())
        }
        Swatch::Line(color, false) => area.draw(&PathElement::new(
            vec![(x0, mid), (x1, mid)],
            color.stroke_width(3),
        )),
        Swatch::Target(met) => marker(area, (22, mid), 0, met),
        Swatch::Observed => observed_marker(area, (22, mid)),
    }
}

/// Radius of a target marker, px.
const MARKER_RADIUS: i32 = 9;

/// A target marker at `at`, shifted `dx` px: a white disc ringed in ink — it stands out on any
/// band or line — holding a green tick when the target is met and a red cross when missed.
pub fn marker<DB: DrawingBackend, CT: CoordTranslate>(
    area: &DrawingArea<DB, CT>,
    at: CT::From,
    dx: i32,
    met: bool,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>>
where
    CT::From: Clone,
{
    let r = MARKER_RADIUS;
    let place = || EmptyElement::at(at.clone());
    area.draw(&(place() + Circle::new((dx, 0), r as u32, WHITE.filled())))?;
    area.draw(&(place() + Circle::new((dx, 0), r as u32, INK.stroke_width(2))))?;
    if met {
        let tick = vec![(dx - 5, 0), (dx - 1, 4), (dx + 5, -4)];
        area.draw(&(place() + PathElement::new(tick, MET.stroke_width(3))))
    } else {
        let stroke = MISSED.stroke_width(3);
        area.draw(&(place() + PathElement::new(vec![(dx - 4, -4), (dx + 4, 4)], stroke)))?;
        area.draw(&(place() + PathElement::new(vec![(dx - 4, 4), (dx + 4, -4)], stroke)))
    }
}

/// Half the width of an observation's marker, px.
const DIAMOND: i32 = 7;

/// An observation's marker at `at`: a diamond, white inside and ringed in ink, unlike the
/// round target markers.
pub fn observed_marker<DB: DrawingBackend, CT: CoordTranslate>(
    area: &DrawingArea<DB, CT>,
    at: CT::From,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>>
where
    CT::From: Clone,
{
    let d = DIAMOND;
    let corners = vec![(0, -d), (d, 0), (0, d), (-d, 0)];
    let place = || EmptyElement::at(at.clone());
    area.draw(&(place() + Polygon::new(corners.clone(), WHITE.filled())))?;
    let mut ring = corners;
    ring.push((0, -d));
    area.draw(&(place() + PathElement::new(ring, INK.stroke_width(2))))
}
