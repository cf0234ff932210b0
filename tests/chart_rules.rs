//! Charts that hold up when looked at: what a reader sees must be true and legible — distinct
//! colours, labels that fit, no series hidden under another, no axis ticks on an empty chart,
//! no note about a line that is not there, kW for small systems, no notches in thick lines.

mod common;
use common::repo;

use std::path::Path;

use gpuplan::analysis::Outcome;
use gpuplan::chart::{self, Format};
use gpuplan::model::Scenario;

fn charts(scenario: Scenario, format: Format) -> Vec<(String, Vec<u8>)> {
    chart::render((&Outcome::of(scenario)).into(), format).unwrap()
}

fn from_text(text: &str) -> Scenario {
    Scenario::from_source(Path::new("rules.toml"), text).unwrap_or_else(|e| panic!("{e}"))
}

fn from_file(name: &str) -> Scenario {
    Scenario::load(&repo(&format!("scenarios/{name}.toml"))).unwrap()
}

/// The text pieces of an SVG chart (each `<text>` element's content), in drawing order.
fn texts(files: &[(String, Vec<u8>)], name: &str) -> Vec<String> {
    let svg = svg(files, name);
    svg.split("<text")
        .skip(1)
        .filter_map(|part| {
            let body = part.split_once('>')?.1;
            Some(body.split("</text>").next()?.trim().to_string())
        })
        .collect()
}

fn svg(files: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, bytes) = files
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"));
    String::from_utf8(bytes.clone()).unwrap()
}

/// One site, one recipient, chips X at `it_kw`; a 24-month horizon from 2026-01.
fn small(it_kw: f64, count: u64, extra: &str) -> String {
    format!(
        "[scenario]\nname = \"small\"\nstart = \"2026-01\"\nend = \"2027-12\"\n\
         [[chip]]\nname = \"X\"\nit_kw = {it_kw}\ncooling = \"air\"\ntflops = {{ bf16 = 100 }}\n\
         [[recipient]]\nname = \"R\"\n\
         [[allocation]]\nrecipient = \"R\"\nchip = \"X\"\ncount = {count}\ndeliveries = {{ start = \"2026-03\", months = 2 }}\n\
         [[site]]\nname = \"Hall\"\npue = 1.2\ncooling = \"air\"\nphases = [{{ online = \"2026-01\", it_mw = 2 }}]\n{extra}"
    )
}

#[test]
fn an_empty_chart_says_so_instead_of_drawing_fractional_ticks() {
    // Taiwania 2's chips never wait: the waiting chart has no axis numbers, only a sentence.
    let files = charts(from_file("taiwan-nchc-2018"), Format::Svg);
    let waiting = texts(&files, "waiting.svg");
    assert!(waiting.contains(&"No chips wait for a place in this scenario".to_string()));
    for tick in ["0.2", "0.5", "1", "0"] {
        assert!(
            !waiting.contains(&tick.to_string()),
            "tick {tick} on an empty axis"
        );
    }
    // Two chips: ticks are whole chips.
    let files = charts(from_text(&small(1.0, 2, "")), Format::Svg);
    let online = texts(&files, "online.svg");
    assert!(online.contains(&"2".to_string()));
    assert!(
        !online
            .iter()
            .any(|t| t.contains('.') && t.parse::<f64>().is_ok()),
        "{online:?}"
    );
}

#[test]
fn identical_series_share_one_legend_row_and_coincident_markers_sit_side_by_side() {
    let files = charts(from_file("taiwan-nchc-2018"), Format::Svg);
    let pflops = texts(&files, "pflops.svg");
    // The "10 PF peak" target covers all chips at efficiency 1: its line is the all-chips line.
    let joined = pflops.join(" ");
    assert!(
        joined.contains("All chips, fp64 peak = 10 PF peak fp64 by Oct 2021"),
        "{pflops:?}"
    );
    // The two sustained targets share scope and efficiency: one line, one row.
    assert!(
        joined.contains("4 PF sustained fp64 by Nov 2018 (× 0.6) = 10 PF sustained fp64 by Oct"),
        "{pflops:?}"
    );
    // Two targets at (2021-10, 10 PF): their markers' white discs have different centres.
    let svg = svg(&files, "pflops.svg");
    let mut centres: Vec<(String, String)> = svg
        .split("<circle")
        .skip(1)
        .filter(|c| c.contains("r=\"9\"") && c.contains("fill=\"#FFFFFF\""))
        .map(|c| {
            let attr = |name: &str| {
                c.split(&format!("{name}=\""))
                    .nth(1)
                    .unwrap()
                    .split('"')
                    .next()
                    .unwrap()
                    .to_string()
            };
            (attr("cx"), attr("cy"))
        })
        .collect();
    // Three chart markers and three legend markers.
    assert_eq!(centres.len(), 6, "{centres:?}");
    centres.sort();
    centres.dedup();
    assert_eq!(centres.len(), 6, "two markers drawn on the same spot");
}

#[test]
fn the_grid_note_appears_only_with_a_grid_line() {
    let taiwan = charts(from_file("taiwan-nchc-2018"), Format::Svg);
    assert!(!svg(&taiwan, "power.svg").contains("Dashed"));
    assert!(texts(&taiwan, "power.svg")[0].ends_with(": facility power"));
    let korea = charts(from_file("korea-260k"), Format::Svg);
    let power = texts(&korea, "power.svg").join(" ");
    assert!(power.contains("Dashed: each region"), "{power}");
}

#[test]
fn power_under_one_megawatt_is_drawn_in_kilowatts() {
    // 100 chips at 2 kW: 240 kW facility.
    let files = charts(from_text(&small(2.0, 100, "")), Format::Svg);
    let power = texts(&files, "power.svg");
    assert!(
        power.contains(&"Facility power (kW)".to_string()),
        "{power:?}"
    );
    assert!(power.contains(&"200".to_string()), "{power:?}");
    let half_megawatt_hall = small(2.0, 100, "").replace("it_mw = 2", "it_mw = 0.5");
    let sites = texts(
        &charts(from_text(&half_megawatt_hall), Format::Svg),
        "sites.svg",
    );
    assert!(sites.contains(&"In kW".to_string()), "{sites:?}");
    // 1,000 chips: 2.4 MW.
    let files = charts(from_text(&small(2.0, 1000, "")), Format::Svg);
    assert!(texts(&files, "power.svg").contains(&"Facility power (MW)".to_string()));
}

#[test]
fn long_titles_are_shortened_and_long_hangul_labels_wrap_by_character() {
    let long_name = "국가인공지능컴퓨팅센터와 공용 데이터센터에 배치되는 블랙웰 그래픽 처리 장치 이십육만 개의 장기 배치 계획 시험";
    let recipient = "과학기술정보통신부국가인공지능컴퓨팅센터운영기관";
    let text = small(1.0, 2, "")
        .replace("name = \"small\"", &format!("name = \"{long_name}\""))
        .replace("\"R\"", &format!("\"{recipient}\""));
    let files = charts(from_text(&text), Format::Svg);
    let online = texts(&files, "online.svg");
    let title = &online[0];
    assert!(title.ends_with('…'), "{title}");
    assert!(
        format!("{long_name}: chips online by recipient")
            .starts_with(title.trim_end_matches('…').trim_end()),
        "{title}"
    );
    // The label "<recipient> online" is split across lines between characters, losing none.
    let lines: Vec<&String> = online
        .iter()
        .filter(|t| recipient.starts_with(t.as_str()) || t.ends_with(" online"))
        .collect();
    assert!(lines.len() >= 2, "{online:?}");
    let rejoined: String = lines.iter().map(|s| s.as_str()).collect();
    assert_eq!(rejoined, format!("{recipient} online"));
}

#[test]
fn past_twenty_recipients_the_rest_share_one_band() {
    let mut text = String::from(
        "[scenario]\nname = \"many\"\nstart = \"2026-01\"\nend = \"2026-12\"\n\
         [[site]]\nname = \"Hall\"\npue = 1.0\ncooling = \"liquid\"\nphases = [{ online = \"2026-01\", it_mw = 1000 }]\n",
    );
    for r in 0..22 {
        text.push_str(&format!(
            "[[recipient]]\nname = \"R{r}\"\n[[allocation]]\nrecipient = \"R{r}\"\nchip = \"B200\"\ncount = 10\ndeliveries = [{{ month = \"2026-02\", count = 10 }}]\n"
        ));
    }
    let files = charts(from_text(&text), Format::Svg);
    let online = texts(&files, "online.svg");
    assert!(online.contains(&"R18 online".to_string()), "{online:?}");
    assert!(!online.contains(&"R19 online".to_string()), "{online:?}");
    assert!(
        online.contains(&"3 other recipients online".to_string()),
        "{online:?}"
    );
    let waiting = texts(&files, "waiting.svg");
    assert!(
        waiting
            .iter()
            .any(|t| t.starts_with("3 other recipients (")),
        "{waiting:?}"
    );
}

/// Thick horizontal lines are solid: in every pixel row where a capacity step line runs (rows
/// with many ink pixels), the run from its first to its last ink pixel has no gap.
#[test]
fn thick_horizontal_lines_have_no_notches() {
    let files = charts(from_file("korea-260k"), Format::Png);
    let (_, bytes) = files.iter().find(|(n, _)| n == "sites.png").unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let (w, h) = (info.width as usize, info.height as usize);
    let ink = |x: usize, y: usize| {
        let i = (y * w + x) * 3;
        pixels[i] < 0x40 && pixels[i + 1] < 0x40 && pixels[i + 2] < 0x40
    };
    let mut checked = 0;
    for y in 0..h {
        // Runs of at least 60 ink pixels in this row (the top steps of the capacity lines).
        let mut x = 0;
        while x < w {
            if !ink(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < w && ink(x, y) {
                x += 1;
            }
            if x - start >= 60 {
                checked += 1;
                // A notch: a gap of one to three pixels in the row just below, with ink on
                // both sides of it, under the run.
                let below = |x: usize| ink(x, y + 1);
                let mut gx = start + 1;
                while gx < x - 1 {
                    if below(gx - 1) && !below(gx) {
                        let gap = (gx..x).take_while(|&g| !below(g)).count();
                        assert!(
                            !(gap <= 3 && gx + gap < x && below(gx + gap)),
                            "a {gap}-pixel notch under row {y} at x {gx}"
                        );
                        gx += gap;
                    }
                    gx += 1;
                }
            }
        }
    }
    assert!(checked > 6, "found {checked} thick runs");
}
