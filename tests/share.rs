//! Passing results on and getting started (README: Sharing): `new`, `completions`.

mod common;

use std::fs;

use common::{gpuplan, listing};

#[test]
fn new_writes_a_template_that_runs_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("mine.toml");
    gpuplan().arg("new").arg(&file).assert().success();
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        gpuplan::commands::new::TEMPLATE
    );
    // It runs as it is, without a warning, and its targets are met.
    let out = dir.path().join("out");
    let run = gpuplan()
        .arg("run")
        .arg(&file)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert!(run.get_output().stderr.is_empty(), "{:?}", run.get_output());
    let targets = fs::read_to_string(out.join("targets.csv")).unwrap();
    assert_eq!(targets.lines().count(), 3, "{targets}");
    assert!(
        targets.lines().skip(1).all(|l| l.ends_with(",true")),
        "{targets}"
    );
    // A second `new` onto the same name is refused and changes nothing.
    fs::write(&file, "mine").unwrap();
    let refused = gpuplan().arg("new").arg(&file).assert().code(1);
    let stderr = String::from_utf8(refused.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("already exists"), "{stderr}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
    assert_eq!(
        listing(dir.path()),
        ["mine.toml", "out"],
        "no temporary file is left"
    );
}

#[test]
fn completions_for_every_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = gpuplan().args(["completions", shell]).assert().success();
        let script = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        for word in ["gpuplan", "refclass", "tornado", "--samples"] {
            assert!(script.contains(word), "{shell}: no {word}");
        }
    }
    gpuplan().args(["completions", "tcsh"]).assert().code(2);
}

/// The workbook of `run --xlsx` holds every CSV file as a sheet: numbers as numbers, months and
/// Hangul names as text, the header frozen, and the same bytes every time.
#[test]
fn xlsx_holds_every_csv_as_a_sheet() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let scenario = common::repo("tests/data/hangul.toml");
    let run = || {
        gpuplan()
            .arg("run")
            .arg(&scenario)
            .args(["--xlsx", "--out"])
            .arg(&out)
            .assert()
            .success();
        fs::read(out.join("gpuplan.xlsx")).unwrap()
    };
    let first = run();
    assert_eq!(first, run(), "the workbook is the same bytes every time");
    let mut book: Xlsx<_> = open_workbook(out.join("gpuplan.xlsx")).unwrap();
    let mut csvs: Vec<String> = listing(&out)
        .into_iter()
        .filter_map(|n| n.strip_suffix(".csv").map(str::to_string))
        .collect();
    let mut sheets = book.sheet_names();
    csvs.sort();
    sheets.sort();
    assert_eq!(sheets, csvs);
    let timeline = book.worksheet_range("timeline").unwrap();
    let text = fs::read_to_string(out.join("timeline.csv")).unwrap();
    let rows = gpuplan::export::xlsx::parse(&text);
    assert_eq!(timeline.height(), rows.len());
    for (r, row) in rows.iter().enumerate() {
        for (c, field) in row.iter().enumerate() {
            let cell = timeline.get((r, c)).unwrap();
            match (r, c) {
                (0, _) | (_, 0..=2) => assert_eq!(cell, &Data::String(field.clone()), "{r},{c}"),
                _ => assert_eq!(cell, &Data::Float(field.parse().unwrap()), "{r},{c}"),
            }
        }
    }
    assert!(
        rows.iter().any(|row| row[1] == "정부"),
        "Hangul names are in the sheet"
    );
    // The header row is frozen on every sheet.
    let mut zip = zip::ZipArchive::new(fs::File::open(out.join("gpuplan.xlsx")).unwrap()).unwrap();
    for i in 1..=sheets.len() {
        let mut xml = String::new();
        std::io::Read::read_to_string(
            &mut zip.by_name(&format!("xl/worksheets/sheet{i}.xml")).unwrap(),
            &mut xml,
        )
        .unwrap();
        assert!(
            xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#),
            "sheet {i}"
        );
    }
}

/// `mc --xlsx` adds the Monte Carlo tables as sheets.
#[test]
fn mc_xlsx_holds_the_monte_carlo_tables() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    gpuplan()
        .arg("mc")
        .arg(common::repo("scenarios/korea-260k-uncertain.toml"))
        .args(["--samples", "500", "--xlsx", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let book: Xlsx<_> = open_workbook(dir.path().join("gpuplan.xlsx")).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "mc_targets",
            "mc_recipients",
            "mc_bands",
            "mc_inputs",
            "mc_importance"
        ]
    );
}
