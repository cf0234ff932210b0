//! What-if files: `extends` through real files (recursion, relative paths, errors pointing into
//! the right file, cycles), `show`, `diff`, and `compare` checked against separate runs.

mod common;
use common::{gpuplan, repo};

use std::fs;
use std::path::Path;

use gpuplan::analysis::Outcome;
use gpuplan::model::Scenario;

const BASE: &str = r#"[scenario]
name = "base"
start = "2026-01"
end = "2026-12"

[[recipient]]
name = "Gov"

[[recipient]]
name = "Lab"

[[allocation]]
recipient = "Gov"
chip = "B200"
count = 100
deliveries = { start = "2026-01", months = 4 }

[[allocation]]
recipient = "Lab"
chip = "H100"
count = 50
deliveries = { start = "2026-02", months = 2 }

[[region]]
name = "Metro"
grid = [ { from = "2026-01", mw = 0.2 } ]

[[site]]
name = "Hall"
region = "Metro"
pue = 1.2
cooling = "air"
phases = [ { online = "2026-01", it_mw = 1 } ]

[[target]]
name = "Gov 100"
metric = "chips_online"
value = 100
by = "2026-12"
recipients = ["Gov"]
"#;

/// Writes `files` (relative path, text) into a fresh folder.
fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        let path = dir.path().join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

fn load(path: &Path) -> Result<Scenario, String> {
    Scenario::load(path).map_err(|e| e.to_string())
}

#[test]
fn extends_is_recursive_and_relative_to_each_file() {
    let dir = folder(&[
        ("base.toml", BASE),
        (
            "cases/mid.toml",
            "extends = \"../base.toml\"\n[scenario]\nname = \"mid\"\n[[site]]\nname = \"Hall\"\npue = 1.4\n",
        ),
        (
            "cases/deep/top.toml",
            "extends = \"../mid.toml\"\n[[region]]\nname = \"Metro\"\ndelay_months = 3\n[[target]]\nname = \"Gov 100\"\nremove = true\n",
        ),
    ]);
    let top = load(&dir.path().join("cases/deep/top.toml")).unwrap();
    let base = load(&dir.path().join("base.toml")).unwrap();
    assert_eq!(top.name, "mid");
    assert_eq!(top.sites[0].pue, 1.4);
    assert_eq!(top.regions[0].delay_months, 3);
    assert!(top.targets.is_empty());
    // Everything not mentioned is the base's.
    assert_eq!(
        (&top.allocations, &top.recipients, top.start, top.months),
        (&base.allocations, &base.recipients, base.start, base.months)
    );
}

#[test]
fn errors_point_into_the_file_that_has_them() {
    let dir = folder(&[
        ("base.toml", BASE),
        (
            "whatif.toml",
            "extends = \"base.toml\"\n\n[[site]]\nname = \"Hall\"\npue = 0.5\n",
        ),
        (
            "typo.toml",
            "extends = \"base.toml\"\n[[region]]\nname = \"Metro\"\ndelay_month = 3\n",
        ),
        (
            "orphan.toml",
            "extends = \"base.toml\"\n[[recipient]]\nname = \"Lab\"\nremove = true\n",
        ),
    ]);
    let error = load(&dir.path().join("whatif.toml")).unwrap_err();
    assert!(
        error.contains("whatif.toml:5:7: `pue` must be at least 1 (got 0.5)"),
        "{error}"
    );
    let error = load(&dir.path().join("typo.toml")).unwrap_err();
    assert!(
        error.contains("typo.toml:4:1: unknown key `delay_month` — did you mean `delay_months`?"),
        "{error}"
    );
    // Removing a recipient the base still allocates to: the error is at the `remove = true`
    // that broke the reference, and says where the reference is.
    let error = load(&dir.path().join("orphan.toml")).unwrap_err();
    assert!(
        error.contains(
            "orphan.toml:4:1: `remove = true` drops recipient `Lab`, which is still named at "
        ) && error.contains("base.toml:19:13: remove or change those too, or keep the recipient"),
        "{error}"
    );
    assert!(!error.contains("unknown recipient"), "{error}");
}

#[test]
fn cycles_are_reported_with_the_files_in_them() {
    let dir = folder(&[
        ("a.toml", "extends = \"b.toml\"\n"),
        ("b.toml", "extends = \"c.toml\"\n"),
        ("c.toml", "extends = \"b.toml\"\n"),
        ("self.toml", "extends = \"self.toml\"\n"),
    ]);
    let a = dir.path().join("a.toml");
    let error = load(&a).unwrap_err();
    let shown = |name: &str| dir.path().join(name).display().to_string();
    assert!(
        error.contains("c.toml:1:11: `extends` makes a cycle:"),
        "{error}"
    );
    assert!(
        error.contains(&format!(
            "{} → {} → {}",
            shown("b.toml"),
            shown("c.toml"),
            shown("b.toml")
        )),
        "{error}"
    );
    let error = load(&dir.path().join("self.toml")).unwrap_err();
    assert!(error.contains("`extends` makes a cycle"), "{error}");
}

#[test]
fn bad_extends_and_misplaced_remove_are_errors() {
    let dir = folder(&[
        ("base.toml", BASE),
        ("missing.toml", "extends = \"nowhere.toml\"\n"),
        ("number.toml", "extends = 3\n"),
        (
            "plain.toml",
            &BASE.replace(
                "[[site]]\nname = \"Hall\"\n",
                "[[site]]\nname = \"Hall\"\nremove = true\n",
            ),
        ),
        (
            "ghost.toml",
            "extends = \"base.toml\"\n[[site]]\nname = \"Ghost\"\nremove = true\n",
        ),
    ]);
    let error = load(&dir.path().join("missing.toml")).unwrap_err();
    assert!(
        error.contains("missing.toml:1:11: cannot read the base scenario"),
        "{error}"
    );
    let error = load(&dir.path().join("number.toml")).unwrap_err();
    assert!(
        error.contains("number.toml:1:11: `extends` must be the path of a scenario file"),
        "{error}"
    );
    let error = load(&dir.path().join("plain.toml")).unwrap_err();
    assert!(
        error
            .contains("plain.toml:30:1: `remove` is allowed only in a file that `extends` another"),
        "{error}"
    );
    let error = load(&dir.path().join("ghost.toml")).unwrap_err();
    assert!(
        error.contains("ghost.toml:4:1: the base scenario has no site `Ghost` to remove"),
        "{error}"
    );
}

#[test]
fn show_prints_the_merged_scenario_which_loads_to_the_same_model() {
    let dir = folder(&[
        ("base.toml", BASE),
        (
            "whatif.toml",
            "extends = \"base.toml\"\n[[site]]\nname = \"Hall\"\ndelay_months = 2\n",
        ),
    ]);
    let whatif = dir.path().join("whatif.toml");
    let out = gpuplan()
        .arg("show")
        .arg(&whatif)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(!text.contains("extends"), "{text}");
    assert!(text.contains("[[site]]\nname = \"Hall\"\nregion = \"Metro\"\npue = 1.2\ncooling = \"air\"\nphases = [{ online = \"2026-01\", it_mw = 1 }]\ndelay_months = 2\n"), "{text}");
    let shown = Scenario::from_source(&dir.path().join("shown.toml"), &text).unwrap();
    assert_eq!(shown, load(&whatif).unwrap());
}

#[test]
fn diff_lists_what_the_what_if_changed() {
    let dir = folder(&[
        ("base.toml", BASE),
        (
            "whatif.toml",
            "extends = \"base.toml\"\n[scenario]\nname = \"slip\"\n[supply]\ncap = [{ from = \"2026-01\", per_month = 10 }]\n[[site]]\nname = \"Hall\"\npue = 1.3\n[[target]]\nname = \"Gov 100\"\nremove = true\n",
        ),
    ]);
    let (a, b) = (dir.path().join("base.toml"), dir.path().join("whatif.toml"));
    let out = gpuplan()
        .arg("diff")
        .arg(&a)
        .arg(&b)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let expected = format!(
        "--- {}\n+++ {}\n~ scenario.name: \"base\" → \"slip\"\n~ site \"Hall\".pue: 1.2 → 1.3\n- target \"Gov 100\"\n+ supply = {{ cap = [{{ from = \"2026-01\", per_month = 10 }}] }}\n",
        a.display(),
        b.display()
    );
    assert_eq!(String::from_utf8(out).unwrap(), expected);
    let same = gpuplan()
        .arg("diff")
        .arg(&a)
        .arg(&a)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(same)
            .unwrap()
            .ends_with("no differences\n")
    );
}

/// Every value in compare.csv equals what a separate run of that scenario reports.
#[test]
fn compare_numbers_match_separate_runs() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        "korea-260k",
        "korea-260k-grid-delay",
        "korea-260k-supply-slip",
    ];
    let mut cmd = gpuplan();
    cmd.arg("compare");
    for case in cases {
        cmd.arg(repo(&format!("scenarios/{case}.toml")));
    }
    let stdout = cmd
        .arg("--out")
        .arg(dir.path())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let stdout = String::from_utf8(stdout).unwrap();
    assert!(stdout.contains("All 260k online by 2030"), "{stdout}");
    let csv = fs::read_to_string(dir.path().join("compare.csv")).unwrap();
    assert!(csv.starts_with("scenario,subject,metric,value\n"));
    let value = |case: &str, subject: &str, metric: &str| {
        let prefix = format!("{case},{subject},{metric},");
        csv.lines()
            .find_map(|l| l.strip_prefix(prefix.as_str()))
            .unwrap_or_else(|| panic!("no row {prefix}"))
            .to_string()
    };
    for case in cases {
        let scenario = Scenario::load(&repo(&format!("scenarios/{case}.toml"))).unwrap();
        let report = Outcome::of(scenario.clone()).report;
        let month =
            |m: Option<gpuplan::units::YearMonth>| m.map(|m| m.to_string()).unwrap_or_default();
        for r in &report.recipients {
            assert_eq!(value(case, &r.name, "online_50pct"), month(r.online_50pct));
            assert_eq!(
                value(case, &r.name, "online_100pct"),
                month(r.online_100pct)
            );
            assert_eq!(
                value(case, &r.name, "chip_months_waiting"),
                r.chip_months_waiting.to_string()
            );
        }
        for t in &report.targets {
            assert_eq!(value(case, &t.name, "achieved"), month(t.achieved));
            assert_eq!(value(case, &t.name, "met"), t.met.to_string());
        }
        assert_eq!(
            value(case, "all", "peak_facility_mw"),
            format!("{:.6}", report.peak_facility_mw.0)
        );
    }
    // The slip misses the 2030 goal the base meets, and the table says so against the baseline.
    assert_eq!(
        value("korea-260k", "All 260k online by 2030", "met"),
        "true"
    );
    assert_eq!(
        value("korea-260k-supply-slip", "All 260k online by 2030", "met"),
        "false"
    );
    assert!(stdout.contains("missed (met → missed)"), "{stdout}");
    for chart in ["compare_online", "compare_pflops", "compare_power"] {
        assert!(
            dir.path().join(format!("{chart}.png")).is_file()
                && dir.path().join(format!("{chart}.svg")).is_file(),
            "{chart}"
        );
    }
}

#[test]
fn compare_needs_two_scenarios_and_valid_ones() {
    gpuplan().args(["compare", "one.toml"]).assert().code(2);
    let dir = folder(&[("bad.toml", "[scenario]\nname = 1\n")]);
    let out = dir.path().join("out");
    gpuplan()
        .arg("compare")
        .arg(repo("scenarios/korea-260k.toml"))
        .arg(dir.path().join("bad.toml"))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1);
    assert!(!out.exists(), "no files when a case is invalid");
}

/// `show` of every scenario in scenarios/ loads back to exactly the model the file gives.
#[test]
fn show_round_trips_every_reference_scenario() {
    for entry in fs::read_dir(repo("scenarios")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let out = gpuplan()
            .arg("show")
            .arg(&path)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let shown =
            Scenario::from_source(Path::new("shown.toml"), &String::from_utf8(out).unwrap())
                .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(shown, load(&path).unwrap(), "{}", path.display());
    }
}

/// A what-if that gives Lab another chip keeps the base's H100 allocation too: allowed, but
/// warned about (with the fix) on `check` and `run`; replacing it with `remove = true` on the
/// base pair is not warned about.
#[test]
fn a_second_allocation_for_a_recipient_is_warned_about() {
    let add = "extends = \"base.toml\"\n[[allocation]]\nrecipient = \"Lab\"\nchip = \"B200\"\ncount = 50\ndeliveries = { start = \"2026-02\", months = 2 }\n";
    let replace =
        format!("{add}[[allocation]]\nrecipient = \"Lab\"\nchip = \"H100\"\nremove = true\n");
    let dir = folder(&[
        ("base.toml", BASE),
        ("add.toml", add),
        ("replace.toml", &replace),
    ]);
    let assert = gpuplan()
        .args(["check", dir.path().join("add.toml").to_str().unwrap()])
        .assert()
        .success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.starts_with("warning: ")
            && stderr.contains("add.toml:2:1: this adds a second allocation for `Lab`, whose base scenario allocates `H100`: both are simulated; to replace it, add an [[allocation]] with recipient = \"Lab\", chip = \"H100\" and remove = true"),
        "{stderr}"
    );
    let assert = gpuplan()
        .args(["check", dir.path().join("replace.toml").to_str().unwrap()])
        .assert()
        .success();
    assert!(assert.get_output().stderr.is_empty());
}

/// A what-if can turn a plain value into a range, and a range back into a plain value.
#[test]
fn what_ifs_add_and_remove_ranges() {
    let ranged = "extends = \"base.toml\"\n[[site]]\nname = \"Hall\"\npue = \"1.1 to 1.4\"\n[[region]]\nname = \"Metro\"\ngrid = [ { from = \"2026-01\", mw = { min = 0.1, max = 0.3 } } ]\n";
    let fixed = "extends = \"ranged.toml\"\n[[site]]\nname = \"Hall\"\npue = 1.2\n";
    let dir = folder(&[
        ("base.toml", BASE),
        ("ranged.toml", ranged),
        ("fixed.toml", fixed),
    ]);
    let inputs = |file: &str| -> Vec<String> {
        gpuplan::load::Checked::load(&dir.path().join(file))
            .unwrap_or_else(|e| panic!("{e}"))
            .uncertainty
            .inputs
            .iter()
            .map(|i| i.key.clone())
            .collect()
    };
    assert!(inputs("base.toml").is_empty());
    // Inputs are listed as written: the what-if's site before its region.
    assert_eq!(
        inputs("ranged.toml"),
        ["site \"Hall\".pue", "region \"Metro\".grid[0].mw"]
    );
    assert_eq!(inputs("fixed.toml"), ["region \"Metro\".grid[0].mw"]);
}

/// A what-if element named like a base element but not quite is a new element as written —
/// rarely what was meant. `check` says so instead of printing a bare OK; a new site that lacks
/// its required keys says "did you mean" before listing them.
#[test]
fn a_misspelt_name_in_a_what_if_is_caught() {
    let dir = folder(&[
        ("base.toml", BASE),
        (
            "case.toml",
            "extends = \"base.toml\"\n[[region]]\nname = \"metro\"\ngrid = [ { from = \"2026-01\", mw = 20 } ]\n",
        ),
        (
            "site.toml",
            "extends = \"base.toml\"\n[[site]]\nname = \"Hal\"\ninstall_per_month = 5\n",
        ),
        (
            "new.toml",
            "extends = \"base.toml\"\n[[site]]\nname = \"Annex 2\"\npue = 1.1\ncooling = \"air\"\nphases = []\n",
        ),
    ]);
    let out = gpuplan()
        .arg("check")
        .arg(dir.path().join("case.toml"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let (stdout, stderr) = (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    );
    assert!(
        stdout.starts_with("OK with 2 warnings (above): "),
        "{stdout}"
    );
    assert!(
        stderr.contains("case.toml:3:8: no region `metro` in the base — did you mean `Metro`? As written, this adds a new region")
            && stderr.contains("case.toml:3:8: no site is in region `metro`: its grid limits nothing"),
        "{stderr}"
    );
    assert!(
        stderr.find("did you mean").unwrap() < stderr.find("no site is in region").unwrap(),
        "the likely cause comes first: {stderr}"
    );

    let out = gpuplan()
        .arg("check")
        .arg(dir.path().join("site.toml"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let hint = stderr
        .find("site.toml:2:1: no site `Hal` in the base — did you mean `Hall`?")
        .unwrap_or_else(|| panic!("{stderr}"));
    let missing = stderr.find("missing key `pue`").unwrap();
    assert!(hint < missing, "{stderr}");

    // A name that differs by its number is taken as a new element: no hint.
    let out = gpuplan()
        .arg("check")
        .arg(dir.path().join("new.toml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("did you mean"), "{stderr}");
}

/// A region no site uses limits nothing; a recipient with no allocation gets no chips: both
/// are warned about at their names.
#[test]
fn an_unused_region_and_a_recipient_without_chips_are_warned_about() {
    let text = format!(
        "{BASE}[[region]]\nname = \"Far\"\ngrid = [ {{ from = \"2026-01\", mw = 1 }} ]\n[[recipient]]\nname = \"Idle\"\n"
    );
    let checked = gpuplan::load::Checked::from_source(Path::new("w.toml"), &text)
        .unwrap_or_else(|e| panic!("{e}"));
    let messages: Vec<&str> = checked
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "no site is in region `Far`: its grid limits nothing",
            "recipient `Idle` has no allocation: it gets no chips"
        ]
    );
}
