//! Smaller SVG for the same picture. plotters writes every dash of a dashed line, every grid
//! line and every segment as an element of its own, each repeating its style; a report carries
//! a dozen such charts. Here runs of opaque strokes of one style become one `<path>` (each
//! former element a subpath), the default `opacity="1"` is dropped, repeated points of a
//! polygon are written once, so are the points of a straight run of a polygon or a line,
//! font sizes are kept to two decimals, and the font family every text shares is said once,
//! on the `<svg>` element, whose text inherits it.

use std::fmt::Write;

/// `svg` (as plotters writes it: one element a line, a text's content on the lines between its
/// tags) compacted.
pub fn compact(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() / 2);
    let family = format!(" font-family=\"{}\"", super::style::FONT);
    // The stroke (colour, width) of the path being gathered, and its path data.
    let mut run: Option<(String, String)> = None;
    for line in svg.lines() {
        let mut line = line.replace(" opacity=\"1\"", "");
        if line.starts_with("<svg ") {
            line.insert_str("<svg".len(), &family);
        } else if line.starts_with("<text ") {
            line = line.replacen(&family, "", 1);
        }
        match stroke_of(&line) {
            Some((style, subpath)) => {
                match &mut run {
                    Some((current, d)) if *current == style => {
                        d.push(' ');
                        d.push_str(&subpath);
                    }
                    _ => {
                        flush(&mut out, run.take());
                        run = Some((style, subpath));
                    }
                }
                continue;
            }
            None => flush(&mut out, run.take()),
        }
        if line.starts_with("<polygon ") {
            out.push_str(&without_needless_points(&line));
        } else if line.starts_with("<text ") {
            out.push_str(&shorter_font_size(&line));
        } else {
            out.push_str(&line);
        }
        out.push('\n');
    }
    flush(&mut out, run);
    out
}

/// Writes a gathered run of strokes as one path.
fn flush(out: &mut String, run: Option<(String, String)>) {
    if let Some((style, d)) = run {
        let _ = writeln!(out, "<path fill=\"none\" {style} d=\"{d}\"/>");
    }
}

/// An opaque `<line>` or unfilled `<polyline>`: its stroke attributes and its subpath.
fn stroke_of(line: &str) -> Option<(String, String)> {
    let attributes = attributes(line)?;
    let get = |name: &str| attributes.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    let style = format!(
        "stroke=\"{}\" stroke-width=\"{}\"",
        get("stroke")?,
        get("stroke-width")?
    );
    let allowed: &[&str] = if line.starts_with("<line ") {
        &["stroke", "stroke-width", "x1", "y1", "x2", "y2"]
    } else if line.starts_with("<polyline ") && get("fill") == Some("none") {
        &["fill", "stroke", "stroke-width", "points"]
    } else {
        return None;
    };
    // Anything else (an opacity below 1, a dash) keeps the element as it is.
    if attributes.iter().any(|(n, _)| !allowed.contains(n)) {
        return None;
    }
    let subpath = if line.starts_with("<line ") {
        format!(
            "M{},{} {},{}",
            get("x1")?,
            get("y1")?,
            get("x2")?,
            get("y2")?
        )
    } else {
        format!("M{}", fewer_points(get("points")?))
    };
    Some((style, subpath))
}

/// The attributes of a one-line, self-closing element, in order; `None` for anything else.
fn attributes(line: &str) -> Option<Vec<(&str, &str)>> {
    let inner = line.strip_suffix("/>")?;
    let mut rest = &inner[inner.find(' ')?..];
    let mut out = Vec::new();
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return Some(out);
        }
        let eq = rest.find("=\"")?;
        let value_end = rest[eq + 2..].find('"')? + eq + 2;
        out.push((&rest[..eq], &rest[eq + 2..value_end]));
        rest = &rest[value_end + 1..];
    }
}

/// A polygon with the points that change nothing left out: one that repeats the point before
/// it, one in the middle of a straight run (the same shape).
fn without_needless_points(line: &str) -> String {
    let Some(start) = line.find(" points=\"").map(|i| i + " points=\"".len()) else {
        return line.to_string();
    };
    let Some(len) = line[start..].find('"') else {
        return line.to_string();
    };
    format!(
        "{}{}{}",
        &line[..start],
        fewer_points(&line[start..start + len]),
        &line[start + len..]
    )
}

/// `points` ("x,y x,y …") without a point that repeats the one before it, nor one that lies
/// on the straight segment between its neighbours, going on in the same direction (so the
/// line drawn, and the area filled, are the same). The first and last points stay.
fn fewer_points(points: &str) -> String {
    let mut kept: Vec<(&str, [f64; 2])> = Vec::new();
    for text in points.split_whitespace() {
        let Some(point) = parse(text) else {
            // Not a plain point: left as written.
            return points.trim().to_string();
        };
        if kept.last().is_some_and(|(_, last)| *last == point) {
            continue;
        }
        if let [.., (_, a), (_, b)] = kept[..]
            && straight_on(a, b, point)
        {
            kept.pop();
        }
        kept.push((text, point));
    }
    let texts: Vec<&str> = kept.iter().map(|(text, _)| *text).collect();
    texts.join(" ")
}

/// "x,y" as numbers.
fn parse(text: &str) -> Option<[f64; 2]> {
    let (x, y) = text.split_once(',')?;
    Some([x.parse().ok()?, y.parse().ok()?])
}

/// Whether `b` lies on the segment from `a` to `c`, strictly between them: the three are on
/// one line (exactly, as the integer pixels plotters writes are) and the way on is the same.
fn straight_on(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> bool {
    let (ab, bc) = ([b[0] - a[0], b[1] - a[1]], [c[0] - b[0], c[1] - b[1]]);
    ab[0] * bc[1] - ab[1] * bc[0] == 0.0 && ab[0] * bc[0] + ab[1] * bc[1] > 0.0
}

/// A text's `font-size` to two decimals (a hundredth of a pixel).
fn shorter_font_size(line: &str) -> String {
    let key = " font-size=\"";
    let Some(start) = line.find(key).map(|i| i + key.len()) else {
        return line.to_string();
    };
    let Some(len) = line[start..].find('"') else {
        return line.to_string();
    };
    match line[start..start + len].parse::<f64>() {
        Ok(size) => format!(
            "{}{}{}",
            &line[..start],
            crate::numbers::short((size * 100.0).round() / 100.0),
            &line[start + len..]
        ),
        Err(_) => line.to_string(),
    }
}

/// The least width, px, at which every text of `svg` (a chart of [`super::style::WIDTH`]) is
/// drawn at `px` or more: below it, a page lets the chart scroll in its frame instead.
pub fn legible_width(svg: &str, px: f64) -> u32 {
    let key = " font-size=\"";
    let smallest = svg
        .match_indices(key)
        .filter_map(|(at, _)| {
            let value = &svg[at + key.len()..];
            value[..value.find('"')?].parse::<f64>().ok()
        })
        .fold(f64::INFINITY, f64::min);
    if smallest.is_finite() && smallest > 0.0 {
        (f64::from(super::style::WIDTH) * px / smallest).ceil() as u32
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_one_stroke_become_one_path_and_nothing_else_changes() {
        let svg = "<svg width=\"10\" height=\"10\">\n\
<rect x=\"0\" y=\"0\" width=\"10\" height=\"10\" opacity=\"1\" fill=\"#FFFFFF\" stroke=\"none\"/>\n\
<line opacity=\"1\" stroke=\"#DDD\" stroke-width=\"1\" x1=\"1\" y1=\"2\" x2=\"3\" y2=\"2\"/>\n\
<polyline fill=\"none\" opacity=\"1\" stroke=\"#DDD\" stroke-width=\"1\" points=\"1,5 2,5 3,5 3,6 3,5 \"/>\n\
<polyline fill=\"none\" opacity=\"0.5\" stroke=\"#DDD\" stroke-width=\"1\" points=\"1,7 2,7 \"/>\n\
<polyline fill=\"none\" opacity=\"1\" stroke=\"#F00\" stroke-width=\"2\" points=\"0,0 1,1 \"/>\n\
<polygon opacity=\"0.75\" fill=\"#4E79A7\" points=\"1,1 2,1 2,1 2,1 3,1 3,4 3,6 1,1\"/>\n\
<text x=\"1\" y=\"1\" font-family=\"NanumGothic, Noto Sans KR, Malgun Gothic, sans-serif\" font-size=\"20.967741935483872\" opacity=\"1\" fill=\"#222\">\n\
a &amp; b\n\
</text>\n\
</svg>\n";
        let expected = "<svg font-family=\"NanumGothic, Noto Sans KR, Malgun Gothic, sans-serif\" width=\"10\" height=\"10\">\n\
<rect x=\"0\" y=\"0\" width=\"10\" height=\"10\" fill=\"#FFFFFF\" stroke=\"none\"/>\n\
<path fill=\"none\" stroke=\"#DDD\" stroke-width=\"1\" d=\"M1,2 3,2 M1,5 3,5 3,6 3,5\"/>\n\
<polyline fill=\"none\" opacity=\"0.5\" stroke=\"#DDD\" stroke-width=\"1\" points=\"1,7 2,7 \"/>\n\
<path fill=\"none\" stroke=\"#F00\" stroke-width=\"2\" d=\"M0,0 1,1\"/>\n\
<polygon opacity=\"0.75\" fill=\"#4E79A7\" points=\"1,1 3,1 3,6 1,1\"/>\n\
<text x=\"1\" y=\"1\" font-size=\"20.97\" fill=\"#222\">\n\
a &amp; b\n\
</text>\n\
</svg>\n";
        assert_eq!(compact(svg), expected);
        // 20.97 px at 1,200 wide is 10 px at 573 wide.
        assert_eq!(legible_width(expected, 10.0), 573);
        assert_eq!(legible_width("<svg></svg>", 10.0), 0);
    }
}
