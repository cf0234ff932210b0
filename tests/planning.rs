//! Planning questions on uncertain files: `mc --by` (each recipient's probability of being
//! fully online by a month), and `seek --probability` / `sweep --samples` on a key that holds a
//! range (each trial fixes it at the tried value).

mod common;
use common::gpuplan;

use std::fs;
use std::path::Path;

/// 2026, 100 chips of 1 kW for R delivered in January; one hall (1 MW, PUE 1, no commissioning)
/// whose single phase comes online in a month drawn uniformly from 2026-01 to 2026-06 (U =
/// 0..5, each 1/6), installing `rate` chips a month; all 100 online by 2026-12 is the target.
fn scenario(rate: &str) -> String {
    format!(
        "[scenario]\nname = \"p\"\nstart = \"2026-01\"\nend = \"2026-12\"\n\
         [[chip]]\nname = \"X\"\nit_kw = 1\ncooling = \"air\"\n\
         [[recipient]]\nname = \"R\"\n\
         [[allocation]]\nrecipient = \"R\"\nchip = \"X\"\ncount = 100\ndeliveries = [{{ month = \"2026-01\", count = 100 }}]\n\
         [[site]]\nname = \"S\"\npue = 1.0\ncooling = \"air\"\ninstall_per_month = {rate}\n\
         phases = [{{ online = {{ min = \"2026-01\", max = \"2026-06\" }}, it_mw = 1 }}]\n\
         [[target]]\nname = \"T\"\nmetric = \"chips_online\"\nvalue = 100\nby = \"2026-12\"\n"
    )
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path
}

/// With no install limit to speak of (1,000 a month), all 100 chips are online in the month
/// the hall opens: P(all online by 2026-03) = P(U <= 2) = 3/6 = 0.5. At 4,000 samples the
/// standard error is sqrt(0.25 / 4,000) = 0.0079; under three seeds each estimate lies within
/// 4 of them (0.032). By 2026-06 every sample has them all: exactly 1. The terminal prints the
/// same figures.
#[test]
fn mc_by_gives_the_probability_of_being_fully_online_by_a_month() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "p.toml", &scenario("1000"));
    for seed in ["1", "2", "3"] {
        let out = dir.path().join(format!("mc{seed}"));
        let assert = gpuplan()
            .arg("mc")
            .arg(&file)
            .args([
                "--samples",
                "4000",
                "--seed",
                seed,
                "--by",
                "2026-03",
                "--by",
                "2026-06",
            ])
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        let csv = fs::read_to_string(out.join("mc_recipients.csv")).unwrap();
        let value = |quantity: &str| -> f64 {
            let row = csv
                .lines()
                .find(|l| l.starts_with(&format!("R,{quantity},")))
                .unwrap_or_else(|| panic!("{quantity}: {csv}"));
            assert!(row.starts_with(&format!("R,{quantity},,,,")), "{row}");
            row.rsplit(',').next().unwrap().parse().unwrap()
        };
        let by_march = value("p_full_by_2026-03");
        assert!(
            (by_march - 0.5).abs() < 4.0 * 0.0079,
            "seed {seed}: {by_march}"
        );
        assert_eq!(value("p_full_by_2026-06"), 1.0);
        let stdout = String::from_utf8(assert.get_output().stdout.clone()).unwrap();
        assert!(
            stdout.contains("All online by 2026-03") && stdout.contains("all 4,000 samples"),
            "{stdout}"
        );
    }
    // A month outside the horizon is refused, and nothing is written.
    let out = dir.path().join("outside");
    gpuplan()
        .arg("mc")
        .arg(&file)
        .args(["--by", "2027-01", "--out"])
        .arg(&out)
        .assert()
        .code(1);
    assert!(!out.exists());
}

/// A key that holds a range can be sought over samples: each trial fixes it at the tried
/// value (said in one note), and the other inputs are sampled as if the key were written as a
/// plain value — so the answer and every trial equal those of the same file with the range
/// replaced by one number. The answer: the rate r needs U + ceil(100 / r) - 1 <= 11 for P(U <=
/// 12 - ceil(100 / r)) >= 0.75, i.e. r = 13 (see tests/sensitivity.rs).
#[test]
fn seek_and_sweep_over_samples_fix_a_ranged_key_at_each_value() {
    let dir = tempfile::tempdir().unwrap();
    let ranged = write(
        dir.path(),
        "ranged.toml",
        &scenario("{ min = 5, max = 40 }"),
    );
    // The range's median, 22.5 rounded: the plain file's value.
    let plain = write(dir.path(), "plain.toml", &scenario("23"));
    let seek = |file: &Path, out: &str| {
        let assert = gpuplan()
            .arg("seek")
            .arg(file)
            .args([
                "--target",
                "T",
                "--vary",
                "site \"S\".install_per_month",
                "--from",
                "1",
                "--to",
                "40",
                "--probability",
                "0.75",
                "--samples",
                "2000",
                "--out",
            ])
            .arg(dir.path().join(out))
            .assert()
            .success();
        let output = assert.get_output();
        (
            String::from_utf8(output.stdout.clone()).unwrap(),
            String::from_utf8(output.stderr.clone()).unwrap(),
            fs::read_to_string(dir.path().join(out).join("seek.csv")).unwrap(),
        )
    };
    let (ranged_answer, ranged_note, ranged_csv) = seek(&ranged, "s1");
    let (plain_answer, _, plain_csv) = seek(&plain, "s2");
    assert!(
        ranged_note.contains(
            "note: `site \"S\".install_per_month` holds a range (uniform 5 to 40, rounded); each trial fixes it at the tried value instead of drawing it"
        ),
        "{ranged_note}"
    );
    assert_eq!(ranged_csv, plain_csv);
    assert!(
        ranged_answer.contains(
            "can be as low as 13 chips a month (now a range, median 23 chips a month) and `T` is still met"
        ),
        "{ranged_answer}"
    );
    assert_eq!(
        ranged_answer.split(" (now").next(),
        plain_answer.split(" (now").next()
    );

    let sweep = |file: &Path, out: &str| {
        gpuplan()
            .arg("sweep")
            .arg(file)
            .args([
                "--vary",
                "site \"S\".install_per_month=10..20:3",
                "--samples",
                "1000",
                "--out",
            ])
            .arg(dir.path().join(out))
            .assert()
            .success();
        fs::read_to_string(dir.path().join(out).join("sweep.csv")).unwrap()
    };
    assert_eq!(sweep(&ranged, "w1"), sweep(&plain, "w2"));
}
