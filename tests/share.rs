//! Passing results on and getting started (docs/outputs.md: Starting and sharing): `new`, `completions`.

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
    let rows = csv_rows(&text);
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
        .args(["--samples", "1000", "--xlsx", "--out"])
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

/// The scenario file as JSON, for the schema: TOML read by the toml crate.
fn as_json(path: &std::path::Path) -> serde_json::Value {
    let text = fs::read_to_string(path).unwrap();
    let value: toml::Value = toml::from_str(&text).unwrap();
    serde_json::to_value(value).unwrap()
}

/// `scenarios/gpuplan.schema.json` is what `gpuplan schema` prints, a valid draft-07 schema,
/// named at the top of every scenario, and every scenario (what-ifs, ranges, the template
/// included) validates against it — while mistakes an editor should flag do not.
#[test]
fn the_schema_is_current_and_every_scenario_meets_it() {
    let printed = gpuplan().arg("schema").assert().success();
    let committed = fs::read_to_string(common::repo("scenarios/gpuplan.schema.json")).unwrap();
    assert!(
        printed.get_output().stdout == committed.as_bytes(),
        "scenarios/gpuplan.schema.json is stale: gpuplan schema > scenarios/gpuplan.schema.json"
    );
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    let validator = jsonschema::draft7::new(&schema).expect("a valid draft-07 schema");
    let mut files: Vec<_> = fs::read_dir(common::repo("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    assert!(files.len() >= 7);
    for path in &files {
        let text = fs::read_to_string(path).unwrap();
        assert!(
            text.starts_with("#:schema ./gpuplan.schema.json\n"),
            "{} does not name the schema on its first line",
            path.display()
        );
        let errors: Vec<String> = validator
            .iter_errors(&as_json(path))
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
    let template: toml::Value = toml::from_str(gpuplan::commands::new::TEMPLATE).unwrap();
    assert!(validator.is_valid(&serde_json::to_value(template).unwrap()));
    for wrong in [
        "[scenario]\nstrat = \"2026-01\"\n",
        "[scenario]\nstart = \"2026-13\"\n",
        "[[site]]\nname = \"A\"\ncooling = \"water\"\n",
        "[[site]]\nname = \"A\"\npue = \"1.2 to\"\n",
        "[[site]]\nname = \"A\"\npue = { min = 1.1, most = 1.3 }\n",
        "[[allocation]]\nrecipient = \"R\"\nchip = \"B200\"\ndeliveries = { start = \"2026-01\" , months = \"x\" }\n",
        "[[recipient]]\nname = \"=1+1\"\n",
        "[[region]]\nname = \"G\"\ngrid = [ { from = \"2026-01\", mw = 1, when = 2 } ]\n",
    ] {
        let value: toml::Value = toml::from_str(wrong).unwrap();
        assert!(
            !validator.is_valid(&serde_json::to_value(value).unwrap()),
            "{wrong}"
        );
    }
}

/// The rows of RFC 4180 CSV text (quoted fields may hold commas, doubled quotes and line
/// breaks): what the workbook is checked against.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\r') => {}
            (_, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}
