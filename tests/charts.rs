//! Charts: every chart for every reference scenario, their sizes and text, determinism, edge
//! cases, and that the committed reference charts are up to date.

mod common;
use common::repo;

use std::path::Path;

use assert_cmd::Command;
use gpuplan::analysis::Outcome;
use gpuplan::chart::{self, Chart, Format};
use gpuplan::model::Scenario;

const REFERENCE: [&str; 4] = [
    "korea-260k",
    "taiwan-nchc-2018",
    "k-cloud-phase1",
    "gwangju-ai-dc",
];

/// All charts of a scenario file in both formats: (file name, bytes).
fn render_file(path: &Path) -> Vec<(String, Vec<u8>)> {
    let scenario = Scenario::load(path).unwrap_or_else(|e| panic!("{e}"));
    render(&scenario)
}

fn render(scenario: &Scenario) -> Vec<(String, Vec<u8>)> {
    chart::render((&Outcome::of(scenario.clone())).into(), Format::Both).unwrap()
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let be = |i: usize| u32::from_be_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
    (be(16), be(20))
}

fn svg_text(files: &[(String, Vec<u8>)], name: &str) -> String {
    let (_, bytes) = files
        .iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("no {name}"));
    // plotters puts each text's content on its own line; join them so `>Chips<` matches.
    String::from_utf8(bytes.clone())
        .unwrap()
        .replace(">\n", ">")
        .replace("\n<", "<")
}

#[test]
fn every_chart_in_both_formats_for_every_reference_scenario() {
    for name in REFERENCE {
        let files = render_file(&repo(&format!("scenarios/{name}.toml")));
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        // The energy and capex charts only for scenarios with [economics]: the Korea ones.
        let expected: Vec<String> = Chart::ALL
            .iter()
            .filter(|&&c| !matches!(c, Chart::Energy | Chart::Capex) || name.starts_with("korea"))
            .flat_map(|c| [format!("{}.png", c.name()), format!("{}.svg", c.name())])
            .collect();
        assert_eq!(names, expected, "{name}");
        for (file, bytes) in &files {
            if file.ends_with(".png") {
                assert_eq!(png_size(bytes), (1200, 700), "{name}/{file}");
            } else {
                let text = String::from_utf8(bytes.clone()).unwrap();
                assert!(
                    text.starts_with("<svg")
                        && text.contains("width=\"1200\"")
                        && text.contains("height=\"700\""),
                    "{name}/{file}"
                );
            }
        }
    }
}

#[test]
fn svg_text_holds_titles_axis_labels_and_names() {
    let files = render_file(&repo("scenarios/korea-260k.toml"));
    let online = svg_text(&files, "online.svg");
    for needle in [
        "Korea 260k Blackwell — base case, late 2026: chips online by recipient",
        "Observed online, Government",
        ">Chips<",
        ">Month<",
        "Government online",
        "Naver online",
        "Met: All 260k online by 2030",
        ">2028<",
        ">250k<",
    ] {
        assert!(online.contains(needle), "online.svg lacks {needle:?}");
    }
    let pflops = svg_text(&files, "pflops.svg");
    assert!(
        pflops.contains("PFLOPS at bf16 (dense peak)"),
        "precision in the axis label"
    );
    let power = svg_text(&files, "power.svg");
    for needle in [
        "Facility power (MW)",
        "Capital area grid",
        "Capital area drawn",
        "Total, all sites",
    ] {
        assert!(power.contains(needle), "power.svg lacks {needle:?}");
    }
    let sites = svg_text(&files, "sites.svg");
    assert!(sites.contains("Gak Sejong)") && sites.contains(">In MW<"));
    let waiting = svg_text(&files, "waiting.svg");
    assert!(
        waiting.contains("Samsung (283,824 chip-months)"),
        "waiting.svg names the delay"
    );

    let tw = render_file(&repo("scenarios/taiwan-nchc-2018.toml"));
    let pflops = svg_text(&tw, "pflops.svg");
    assert!(
        pflops.contains("PFLOPS at fp64 (dense peak)")
            && pflops.contains(">Missed: 10 PF sustained fp64 by Oct 2021<")
            && pflops.contains(">2021<")
    );
}

#[test]
fn hangul_names_stay_text_in_svg() {
    let files = render_file(&repo("tests/data/hangul.toml"));
    let online = svg_text(&files, "online.svg");
    for needle in [
        "한국 GPU 배치 시험: chips online by recipient",
        "정부 online",
        "네이버 online",
        "Missed: 정부 3천 장 가동",
    ] {
        assert!(online.contains(needle), "online.svg lacks {needle:?}");
    }
    assert!(svg_text(&files, "power.svg").contains("수도권 grid"));
    // Its own embedded face first, then NanumGothic and the usual Korean fallbacks.
    assert!(
        online.contains("font-family=\"gpuplan-")
            && online.contains(", NanumGothic, Noto Sans KR, Malgun Gothic, sans-serif\""),
        "SVG names the face with fallbacks"
    );
    assert!(svg_text(&files, "sites.svg").contains("해남 국가AI컴퓨팅센터"));
    // The PNG glyphs come from the embedded face. Titles that differ in one Hangul syllable of
    // the same width draw different pixels; were Hangul missing, both would draw the same box.
    let with_title = |title: &str| {
        let text = std::fs::read_to_string(repo("tests/data/hangul.toml"))
            .unwrap()
            .replace("한국 GPU 배치 시험", title);
        render(&Scenario::from_source(Path::new("h.toml"), &text).unwrap())
            .swap_remove(0)
            .1
    };
    assert_ne!(
        with_title("한국 GPU 배치 시험"),
        with_title("한국 GPU 배치 시합")
    );
    // The check can tell: two characters the face lacks (mathematical double-struck A and B) draw
    // the same box, so those titles give identical pixels.
    assert_eq!(with_title("한국 GPU 𝔸"), with_title("한국 GPU 𝔹"));
}

#[test]
fn charts_are_byte_identical_across_runs() {
    let path = repo("scenarios/korea-260k.toml");
    assert_eq!(render_file(&path), render_file(&path));
}

#[test]
fn empty_and_single_month_scenarios_still_draw() {
    let cases = [
        "[scenario]\nname = \"empty\"\nstart = \"2026-01\"\nend = \"2026-01\"\n",
        "[scenario]\nname = \"one month\"\nstart = \"2026-01\"\nend = \"2026-01\"\n[[recipient]]\nname = \"R\"\n\
         [[allocation]]\nrecipient = \"R\"\nchip = \"B200\"\ncount = 5\ndeliveries = [{ month = \"2026-01\", count = 5 }]\n\
         [[site]]\nname = \"S\"\npue = 1.2\ncooling = \"air\"\nphases = [{ online = \"2026-01\", it_mw = 1 }]\n\
         [[target]]\nname = \"T\"\nmetric = \"pflops\"\nprecision = \"fp4\"\nvalue = 1\nby = \"2026-01\"\n",
    ];
    for text in cases {
        let files = render(&Scenario::from_source(Path::new("edge.toml"), text).unwrap());
        assert_eq!(files.len(), 10);
        assert!(
            files
                .iter()
                .filter(|(n, _)| n.ends_with(".png"))
                .all(|(_, b)| png_size(b) == (1200, 700))
        );
    }
}

/// The committed charts under charts/ must be what the code draws now.
#[test]
fn committed_reference_charts_are_up_to_date() {
    for name in REFERENCE {
        for (file, bytes) in render_file(&repo(&format!("scenarios/{name}.toml"))) {
            let committed =
                std::fs::read(repo(&format!("charts/{name}/{file}"))).unwrap_or_default();
            assert!(
                committed == bytes,
                "charts/{name}/{file} is stale: run charts/regenerate.sh and commit the result"
            );
        }
    }
}

#[test]
fn chart_command_writes_the_requested_formats() {
    let dir = tempfile::tempdir().unwrap();
    let bin = || Command::cargo_bin("gpuplan").unwrap();
    bin()
        .arg("chart")
        .arg(repo("scenarios/k-cloud-phase1.toml"))
        .arg("--out")
        .arg(dir.path().join("png"))
        .args(["--format", "png"])
        .assert()
        .success();
    let mut names: Vec<String> = std::fs::read_dir(dir.path().join("png"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".gpuplan-files",
            "online.png",
            "pflops.png",
            "power.png",
            "sites.png",
            "waiting.png"
        ]
    );
    bin()
        .arg("chart")
        .arg(repo("scenarios/k-cloud-phase1.toml"))
        .args(["--format", "gif"])
        .assert()
        .code(2);

    bin()
        .current_dir(dir.path())
        .arg("run")
        .arg(repo("scenarios/k-cloud-phase1.toml"))
        .arg("--charts")
        .assert()
        .success();
    assert!(
        dir.path().join("out/k-cloud-phase1/online.svg").is_file()
            && dir.path().join("out/k-cloud-phase1/timeline.csv").is_file()
    );
}

/// Fonts come from the binary: no crate that links system font libraries is in the build.
#[test]
fn no_system_font_libraries_in_the_dependency_tree() {
    let lock = std::fs::read_to_string(repo("Cargo.lock")).unwrap();
    for crate_name in [
        "font-kit",
        "freetype-sys",
        "servo-fontconfig",
        "yeslogic-fontconfig-sys",
        "freetype-rs",
    ] {
        assert!(
            !lock.contains(&format!("name = \"{crate_name}\"")),
            "{crate_name} is in Cargo.lock"
        );
    }
}

/// The committed comparison of the Korea what-ifs must be what the code draws now.
#[test]
fn committed_comparison_charts_are_up_to_date() {
    let stems = [
        "korea-260k",
        "korea-260k-grid-delay",
        "korea-260k-fast-power",
        "korea-260k-supply-slip",
        "korea-260k-no-capital-grid",
    ];
    let scenarios: Vec<Scenario> = stems
        .iter()
        .map(|s| Scenario::load(&repo(&format!("scenarios/{s}.toml"))).unwrap())
        .collect();
    let outcomes: Vec<Outcome> = scenarios.into_iter().map(Outcome::of).collect();
    let cases: Vec<chart::compare::Case> = (0..stems.len())
        .map(|i| chart::compare::Case {
            label: stems[i],
            input: (&outcomes[i]).into(),
        })
        .collect();
    let comparison = chart::compare::Comparison {
        cases: &cases,
        recipient: Some("Samsung"),
    };
    let files = chart::render_compare(comparison, Format::Both).unwrap();
    assert_eq!(files.len(), 8);
    for (file, bytes) in files {
        let committed = std::fs::read(repo(&format!("charts/compare/{file}"))).unwrap_or_default();
        assert!(
            committed == bytes,
            "charts/compare/{file} is stale: run charts/regenerate.sh and commit the result"
        );
    }
}

/// Every chart carries its credit line, in SVG as text and in PNG as ink in the strip at its
/// foot (before the line was added: none there, but for the sites charts' lowest tick labels,
/// 129 and 24 pixels): the scenario's name, that it is a projection by
/// this gpuplan, and the month its data run to — the newest observation, else the start.
#[test]
fn every_chart_carries_its_credit_line() {
    let version = env!("CARGO_PKG_VERSION");
    let cases = [
        (
            "korea-260k",
            "Korea 260k Blackwell — base case, late 2026 · projection — gpuplan",
            "newest observation 2026-03",
        ),
        (
            "taiwan-nchc-2018",
            "Taiwan NCHC 2018",
            "scenario start 2017-11",
        ),
    ];
    for (name, who, as_of) in cases {
        let files = render_file(&repo(&format!("scenarios/{name}.toml")));
        let credit = format!("projection — gpuplan {version} · {as_of}");
        for (file, bytes) in &files {
            if file.ends_with(".svg") {
                let svg = svg_text(&files, file);
                assert!(svg.contains(who), "{name}/{file} lacks {who:?}");
                assert!(svg.contains(&credit), "{name}/{file} lacks {credit:?}");
            } else {
                let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
                let mut reader = decoder.read_info().unwrap();
                let mut rgb = vec![0; reader.output_buffer_size()];
                let info = reader.next_frame(&mut rgb).unwrap();
                let (w, h) = (info.width as usize, info.height as usize);
                // The strip under the x axis's description: its left third.
                let inked = (h - 18..h - 2)
                    .flat_map(|y| (8..w / 3).map(move |x| (y * w + x) * 3))
                    .filter(|&i| rgb[i..i + 3].iter().any(|&v| v < 160))
                    .count();
                assert!(
                    inked > 200,
                    "{name}/{file}: {inked} inked pixels in the credit strip"
                );
            }
        }
    }
}
