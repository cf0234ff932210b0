//! Two corrections to plotters' bitmap rasterizing, as a wrapper around the bitmap backend:
//! - text: plotters' `ab_glyph` path places each glyph at the pen position without its left side
//!   bearing, leaving uneven gaps inside words ("Hyun dai"); here each glyph sits at its true
//!   position with kerning applied;
//! - thick lines: plotters turns a thick path into one polygon whose rounding makes line ends
//!   dip by a pixel or two (a flat series looks as if it fell in its last month); here each
//!   segment is its own quad with round joins.
//!
//! Every other call passes through unchanged. (SVG keeps text as `<text>` and lines as paths.)

use ab_glyph::{Font, FontRef, ScaleFont, point};
use plotters_backend::text_anchor::{HPos, VPos};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingBackend, DrawingErrorKind,
};

/// A bitmap backend whose text is drawn with the embedded face.
pub struct RasterFix<B> {
    inner: B,
    font: FontRef<'static>,
}

impl<B: DrawingBackend> RasterFix<B> {
    /// Wraps `inner`, drawing text with `font` (the bytes of a TrueType face).
    pub fn new(inner: B, font: &'static [u8]) -> Result<Self, ab_glyph::InvalidFont> {
        Ok(RasterFix {
            inner,
            font: FontRef::try_from_slice(font)?,
        })
    }
}

/// The path's points without repeats and without the points inside straight runs, so a run is
/// drawn as one quad: joins between collinear quads leave notches where polygon fill rounds.
fn straightened(path: impl IntoIterator<Item = BackendCoord>) -> Vec<BackendCoord> {
    let mut points: Vec<BackendCoord> = Vec::new();
    for p in path {
        if points.last() == Some(&p) {
            continue;
        }
        if let [.., a, b] = points[..] {
            let (d1, d2) = ((b.0 - a.0, b.1 - a.1), (p.0 - b.0, p.1 - b.1));
            let collinear = i64::from(d1.0) * i64::from(d2.1) == i64::from(d1.1) * i64::from(d2.0);
            let onward = i64::from(d1.0) * i64::from(d2.0) + i64::from(d1.1) * i64::from(d2.1) > 0;
            if collinear && onward {
                points.pop();
            }
        }
        points.push(p);
    }
    points
}

impl<B: DrawingBackend> DrawingBackend for RasterFix<B> {
    type ErrorType = B::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.inner.get_size()
    }
    fn ensure_prepared(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.ensure_prepared()
    }
    fn present(&mut self) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.present()
    }
    fn draw_pixel(
        &mut self,
        point: BackendCoord,
        color: BackendColor,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_pixel(point, color)
    }
    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_line(from, to, style)
    }
    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_rect(upper_left, bottom_right, style, fill)
    }
    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let width = style.stroke_width();
        if width <= 1 || style.color().alpha == 0.0 {
            return self.inner.draw_path(path, style);
        }
        let color = style.color();
        let half = f64::from(width) / 2.0;
        let points = straightened(path);
        let mut previous: Option<(f64, f64)> = None;
        for pair in points.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let (dx, dy) = (f64::from(b.0 - a.0), f64::from(b.1 - a.1));
            let length = dx.hypot(dy);
            if length == 0.0 {
                continue;
            }
            let (nx, ny) = (-dy / length * half, dx / length * half);
            let corner = |p: BackendCoord, sign: f64| {
                (
                    (f64::from(p.0) + sign * nx).round() as i32,
                    (f64::from(p.1) + sign * ny).round() as i32,
                )
            };
            self.inner.fill_polygon(
                [
                    corner(a, 1.0),
                    corner(b, 1.0),
                    corner(b, -1.0),
                    corner(a, -1.0),
                ],
                &color,
            )?;
            // A join where the line turns: square where a step line turns a right angle
            // (a crisp corner), round elsewhere.
            if let Some((px, py)) = previous {
                let square =
                    (px == 0.0 && dx != 0.0 && dy == 0.0) || (py == 0.0 && dy != 0.0 && dx == 0.0);
                if square {
                    // The pixels both quads cover across the line: [round(a − w/2), round(a + w/2)).
                    let span = |c: i32| {
                        let c = f64::from(c);
                        ((c - half).round() as i32, (c + half).round() as i32 - 1)
                    };
                    let ((x0, x1), (y0, y1)) = (span(a.0), span(a.1));
                    self.inner.draw_rect((x0, y0), (x1, y1), &color, true)?;
                } else {
                    self.inner
                        .draw_circle(a, (half - 0.5).max(1.0) as u32, &color, true)?;
                }
            }
            previous = Some((dx, dy));
        }
        Ok(())
    }
    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.draw_circle(center, radius, style, fill)
    }
    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.fill_polygon(vert, style)
    }
    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        self.inner.blit_bitmap(pos, size, src)
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), DrawingErrorKind<Self::ErrorType>> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        let size = style.size() as f32;
        let scaled = self.font.as_scaled(size);
        // The box plotters lays text out in: advance width by size / 1.24 high.
        let (width, height) = (
            super::text::width(text, style.size() as u32) as f32,
            size / 1.24,
        );
        let dx = match style.anchor().h_pos {
            HPos::Left => 0.0,
            HPos::Center => -width / 2.0,
            HPos::Right => -width,
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => 0.0,
            VPos::Center => -height / 2.0,
            VPos::Bottom => -height,
        };
        // Baseline placed so ascender to descender fills the layout box.
        let baseline = height * scaled.ascent() / (scaled.ascent() - scaled.descent());
        let transform = style.transform();
        let (w, h) = self.inner.get_size();
        let mut pen = 0.0;
        let mut previous = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = previous {
                pen += scaled.kern(p, id);
            }
            previous = Some(id);
            let glyph = id.with_scale_and_position(size, point(pen + dx, baseline + dy));
            pen += scaled.h_advance(id);
            let Some(outline) = self.font.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            let mut pixels = Vec::new();
            outline.draw(|x, y, coverage| {
                pixels.push((
                    bounds.min.x as i32 + x as i32,
                    bounds.min.y as i32 + y as i32,
                    coverage,
                ));
            });
            for (x, y, coverage) in pixels {
                let (x, y) = transform.transform(x, y);
                let (x, y) = (pos.0 + x, pos.1 + y);
                if coverage > 0.0 && x >= 0 && y >= 0 && (x as u32) < w && (y as u32) < h {
                    self.inner.draw_pixel(
                        (x, y),
                        BackendColor {
                            alpha: color.alpha * f64::from(coverage.min(1.0)),
                            rgb: color.rgb,
                        },
                    )?;
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn straight_runs_collapse_to_their_ends() {
        let path = [
            (0, 5),
            (10, 5),
            (10, 5),
            (20, 5),
            (30, 5),
            (30, 9),
            (30, 12),
            (20, 12),
        ];
        assert_eq!(straightened(path), [(0, 5), (30, 5), (30, 12), (20, 12)]);
        // A path that doubles back keeps its turning point.
        assert_eq!(
            straightened([(0, 0), (5, 0), (2, 0)]),
            [(0, 0), (5, 0), (2, 0)]
        );
    }
}
