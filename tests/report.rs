//! `gpuplan report` in a real browser (headless Chromium; `.ci/run` installs Debian's
//! `chromium` when it is missing). Without a browser these tests fail: they do not skip.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{browser, gpuplan, listing, repo, uncertain_report};

/// Headless Chromium on `page` with `args` (e.g. --dump-dom); its stdout.
fn chromium(page: &Path, args: &[&str], profile: &Path) -> String {
    let out = Command::new(browser())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("Chromium runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The pixels of a PNG screenshot: (width, height, RGB(A) bytes, bytes per pixel).
fn pixels(path: &Path) -> (u32, u32, Vec<u8>, usize) {
    let decoder = png::Decoder::new(std::io::BufReader::new(fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    let bpp = info.color_type.samples();
    (info.width, info.height, buf, bpp)
}

/// The pixels of a screenshot of `text` written to `dir/name` (a page or an SVG), in a window
/// of `size` ("width,height").
fn screenshot(dir: &Path, name: &str, text: &str, size: &str) -> Vec<u8> {
    let page = dir.join(name);
    fs::write(&page, text).unwrap();
    let png = dir.join(format!("{name}.png"));
    chromium(
        &page,
        &[
            &format!("--screenshot={}", png.display()),
            &format!("--window-size={size}"),
        ],
        &dir.join("profile"),
    );
    pixels(&png).2
}

/// The share of pixels that are not (near) white.
fn ink(path: &Path) -> f64 {
    let (_, _, buf, bpp) = pixels(path);
    let total = buf.len() / bpp;
    let dark = buf
        .chunks(bpp)
        .filter(|p| p[..3].iter().any(|&v| v < 200))
        .count();
    dark as f64 / total as f64
}

#[test]
fn the_report_is_one_offline_file_with_the_key_figures() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("korea.html");
    let html = uncertain_report(&page, "en");
    assert_eq!(
        listing(dir.path()),
        ["korea.html"],
        "one file, nothing else"
    );
    // Nothing to fetch: no scripts, links, images or remote fonts.
    for fetch in [
        "<script",
        "<link",
        "<img",
        "<iframe",
        "src=\"http",
        "url(http",
        "@import",
    ] {
        assert!(!html.contains(fetch), "the page would fetch: {fetch}");
    }
    assert!(html.contains("@font-face") && html.contains("url(data:font/woff;base64,"));
    // One font for the page and its charts, cut down to the characters used, and charts whose
    // runs of strokes are single paths, the font compressed (WOFF): under 300 KB (612 KB when
    // each chart carried a font).
    assert!(html.len() < 300_000, "{} bytes", html.len());
    let profile = dir.path().join("profile");
    let dom = chromium(&page, &["--dump-dom"], &profile);
    for figure in [
        "Korea 260k Blackwell",
        "260,000 chips allocated",
        "Government GB300 15k online by 2028",
        "The answer",
        "chance (",
        "that all 260,000 chips are online by December 2030; the middle estimate is",
        "What holds it back, and what would help",
        "One run: every uncertain input at its median",
        "How likely",
        "2,000 samples drawn",
        "How good is the outside view?",
        "Delays are drawn from the reference classes <code>national-ai-compute</code>, <code>ai-datacenter</code>",
        "national-ai-compute: the forms forecast about equally well",
        "ai-datacenter: the lead-scaled form forecasts better",
        "Against what was observed",
        "Energy and money (utilisation 0.72; electricity and carbon as in [economics]",
        "Capex over the horizon: chips",
        "Inputs and assumptions",
        "Run record",
    ] {
        assert!(dom.contains(figure), "the rendered page lacks {figure:?}");
    }
    answer_first_in_peoples_words(&dom);
    assert_eq!(
        dom.matches("<svg").count(),
        11,
        "seven run charts (energy and capex with [economics]), three Monte Carlo charts and the backtest's"
    );
    let shot = dir.path().join("korea.png");
    chromium(
        &page,
        &[
            &format!("--screenshot={}", shot.display()),
            "--window-size=1200,1600",
        ],
        &profile,
    );
    let share = ink(&shot);
    assert!(
        share > 0.02,
        "the screenshot is blank ({share:.4} of pixels inked)"
    );
}

/// The answer comes first, the details after; people's words, not the files' codes.
fn answer_first_in_peoples_words(dom: &str) {
    let at = |needle: &str| dom.find(needle).unwrap_or_else(|| panic!("no {needle:?}"));
    assert!(
        at("The answer") < at("What holds it back") && at("What holds it back") < at("One run:")
    );
    for code in [
        ">true<",
        ">false<",
        ">p met<",
        ">chips_online<",
        "achieved_p50",
    ] {
        assert!(!dom.contains(code), "the page shows {code:?}");
    }
    assert!(dom.contains(">Chance met<") && dom.contains("%</td>"));
}

/// Hangul in the page and in its inline SVG draws with the embedded font, not as boxes: a
/// machine without a Korean font draws 보고서 exactly as it draws three characters no font has,
/// so the two screenshots must differ.
#[test]
fn hangul_renders_without_a_korean_font_installed() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("hangul.html");
    gpuplan()
        .arg("report")
        .arg(repo("tests/data/hangul.toml"))
        .arg("--out")
        .arg(&report)
        .assert()
        .success();
    let html = fs::read_to_string(&report).unwrap();
    assert!(html.contains("한국 GPU 배치 시험"));
    // The report's own head (the embedded font) over a page of one large heading.
    let head = &html[..html.find("</head>").unwrap() + "</head>".len()];
    let heading = |text: &str| {
        format!("{head}<body><h1 style=\"font-size:96px;margin:0\">{text}</h1></body></html>")
    };
    let shot = |name: &str, text: &str| {
        screenshot(
            dir.path(),
            &format!("{name}.html"),
            &heading(text),
            "600,200",
        )
    };
    // 배치 and 시험 are in the scenario, so in the font; \u{E000}… are in no font.
    let hangul = shot("hangul", "배치 시험");
    let missing = shot("missing", "\u{E000}\u{E001} \u{E002}\u{E003}");
    assert!(
        hangul != missing,
        "Hangul drew as the boxes of missing glyphs"
    );
    // One font for the page and its charts: the charts' text names the page's face.
    assert_eq!(html.matches("@font-face").count(), 1, "one embedded font");
    // Each chart says the family once, on its <svg>, and its text inherits it.
    let charts = html.matches("<svg ").count();
    let naming = html.matches("<svg font-family=\"NanumGothic,").count();
    assert!(
        charts >= 5 && naming == charts,
        "the charts ask for the page's font"
    );
    // A Hangul string the page does not use is not in its font, so it falls back to another
    // face (here, with no Korean font installed, the boxes of missing glyphs): never blank.
    let outside = shot("outside", "햇볕 쬐는");
    let blank = shot("blank", "");
    assert!(outside != blank, "Hangul outside the font drew nothing");
}

/// A chart's SVG file alone — opened on this machine, which has no Korean font — draws its
/// Hangul: the same picture with the title's Hangul swapped for characters no font has (the
/// boxes of missing glyphs) looks different. Were the font not embedded, both would be boxes.
#[test]
fn standalone_svg_charts_render_hangul_without_a_korean_font() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("charts");
    gpuplan()
        .arg("chart")
        .arg(repo("tests/data/hangul.toml"))
        .args(["--format", "svg", "--out"])
        .arg(&out)
        .assert()
        .success();
    let svg = fs::read_to_string(out.join("online.svg")).unwrap();
    assert!(svg.contains("@font-face"), "the file carries its font");
    assert!(svg.contains("한국 GPU 배치 시험"), "the title is text");
    let shot =
        |name: &str, text: &str| screenshot(dir.path(), &format!("{name}.svg"), text, "1200,700");
    let hangul = shot("hangul", &svg);
    let boxes = shot(
        "boxes",
        &svg.replace(
            "한국 GPU 배치 시험",
            "\u{E000}\u{E001} GPU \u{E002}\u{E003} \u{E004}\u{E005}",
        ),
    );
    // (Compared with assert!, so a failure does not print millions of pixels.)
    assert!(
        hangul != boxes,
        "the chart's Hangul drew as the boxes of missing glyphs"
    );
}

/// Names from the scenario are escaped in the page: markup in a name is shown, not obeyed.
#[test]
fn names_are_escaped_and_the_default_goes_beside_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = dir.path().join("markup.toml");
    fs::copy(
        repo("tests/fuzz/regressions/scenario/markup-and-quotes-in-names.toml"),
        &scenario,
    )
    .unwrap();
    gpuplan()
        .current_dir(dir.path())
        .arg("report")
        .arg(&scenario)
        .assert()
        .success();
    let out = dir.path().join("out/markup");
    let files = listing(&out);
    assert!(
        files.contains(&"report.html".to_string()) && files.contains(&"timeline.csv".to_string())
    );
    let html = fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.contains("&lt;b&gt;&quot;Q&amp;A&quot;&lt;/b&gt;"));
    assert!(!html.contains("<b>\"Q&A\"</b>") && !html.contains("Grid; ]]> -->"));
    // It draws from no reference class: no backtest section.
    assert!(!html.contains("How good is the outside view?"));
}

/// The same scenario and seed give the same page, byte for byte, whatever the thread count.
#[test]
fn the_report_is_deterministic() {
    let dir = tempfile::tempdir().unwrap();
    let page = |threads: &str, name: &str| {
        let path = dir.path().join(name);
        gpuplan()
            .arg("report")
            .arg(repo("scenarios/korea-260k-uncertain.toml"))
            .args(["--samples", "1000", "--threads", threads, "--out"])
            .arg(&path)
            .assert()
            .success();
        fs::read(path).unwrap()
    };
    let one = page("1", "a.html");
    assert!(one == page("2", "b.html") && one == page("3", "c.html"));
}

/// On a 390 px phone nothing scrolls the page sideways: the page as rendered at that width
/// records `document.documentElement.scrollWidth`, which must not pass 390 — while each chart
/// keeps text of at least 10 px by scrolling inside its own frame.
#[test]
fn a_phone_never_scrolls_the_page_sideways_and_chart_text_stays_legible() {
    for lang in ["en", "ko"] {
        phone_width(lang);
    }
}

/// The page in `lang` measured in a 390 px frame.
fn phone_width(lang: &str) {
    let dir = tempfile::tempdir().unwrap();
    let html = uncertain_report(&dir.path().join("korea.html"), lang);
    // Chromium's window is never narrower than 500 px, so the page goes in a 390 px frame
    // (`srcdoc`, so the wrapper may read it), measured once its fonts have loaded and written
    // where --dump-dom shows it.
    let probe = "<script>const f = document.getElementById('f'); f.onload = () => {\
        const d = f.contentDocument; d.fonts.ready.then(() => {\
        const sizes = [...d.querySelectorAll('figure svg text')].map(t => {\
            const svg = t.ownerSVGElement;\
            return parseFloat(getComputedStyle(t).fontSize)\
                * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; });\
        const p = document.createElement('p'); p.id = 'probe';\
        p.textContent = d.documentElement.scrollWidth + ' ' + Math.min(...sizes).toFixed(2);\
        document.body.appendChild(p); }); };</script>";
    let frame = html.replace('&', "&amp;").replace('"', "&quot;");
    let measured = dir.path().join("measured.html");
    fs::write(
        &measured,
        format!("<!DOCTYPE html><html><body style=\"margin:0\"><iframe id=\"f\" style=\"width:390px;height:844px;border:0\" srcdoc=\"{frame}\"></iframe>{probe}</body></html>"),
    )
    .unwrap();
    let dom = chromium(
        &measured,
        &[
            "--dump-dom",
            "--window-size=600,900",
            "--virtual-time-budget=10000",
        ],
        &dir.path().join("profile"),
    );
    let at = dom.find("id=\"probe\">").expect("the probe ran") + "id=\"probe\">".len();
    let figures: Vec<f64> = dom[at..dom[at..].find('<').unwrap() + at]
        .split(' ')
        .map(|x| x.parse().unwrap())
        .collect();
    assert!(
        figures[0] <= 390.0,
        "{lang}: the page is {} px wide at 390",
        figures[0]
    );
    assert!(
        figures[1] >= 9.95,
        "{lang}: the smallest chart text is {} px at 390",
        figures[1]
    );
}

/// Printed, each chart starts a page of its own and is whole on it (its title and its credit
/// line on the same page), and no table is cut at the page's edge: every column heading the
/// page has is in the printed text (a table that scrolls on screen would be clipped in print,
/// and what is clipped is not in a PDF's text). Chromium prints; poppler's pdftotext reads.
#[test]
fn print_gives_each_chart_a_page_and_cuts_no_table() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("korea.html");
    let html = uncertain_report(&page, "en");
    let pdf = dir.path().join("korea.pdf");
    chromium(
        &page,
        &[
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
        ],
        &dir.path().join("profile"),
    );
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs (poppler-utils; tests/run.sh installs it)");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let pages: Vec<&str> = text.split('\u{c}').collect();
    // Each chart: its title is the first text of its SVG.
    let titles: Vec<String> = html
        .match_indices("<figure")
        .map(|(at, _)| {
            let svg = &html[at..];
            let body = &svg[svg.find("<text").unwrap()..];
            let body = &body[body.find('>').unwrap() + 1..];
            body[..body.find("</text>").unwrap()]
                .trim()
                .replace("&apos;", "'")
        })
        .collect();
    assert!(titles.len() > 8, "{} charts", titles.len());
    let credit = "projection — gpuplan ";
    let with_credit: Vec<&&str> = pages.iter().filter(|p| p.contains(credit)).collect();
    assert_eq!(with_credit.len(), titles.len(), "one chart a page");
    for (page, title) in with_credit.iter().zip(&titles) {
        assert_eq!(page.matches(credit).count(), 1, "two charts on a page");
        assert!(
            page.contains(title.as_str()),
            "{title:?} is not whole on its page"
        );
    }
    // Every column heading is printed: each first word as often as the headings use it.
    let mut words = std::collections::BTreeMap::<&str, usize>::new();
    for (at, _) in html.match_indices("<th>") {
        let cell = &html[at + 4..];
        let heading = &cell[..cell.find("</th>").unwrap()];
        if let Some(word) = heading.split_whitespace().next() {
            *words.entry(word).or_default() += 1;
        }
    }
    for (word, headings) in words {
        let printed = text.matches(word).count();
        assert!(
            printed >= headings,
            "{word:?} heads {headings} columns but is printed {printed} times: a table is cut"
        );
    }
}
