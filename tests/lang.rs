//! `--lang ko` and `GPUPLAN_LANG=ko`: the terminal, the charts and the report in Korean, names
//! from the scenario as written; English stays the default (the goldens hold it byte for byte).

mod common;

use std::fs;

use common::{gpuplan, repo, uncertain_report};

fn stdout(args: &[&str], env: Option<(&str, &str)>) -> String {
    let mut cmd = gpuplan();
    cmd.args(args);
    cmd.env_remove("GPUPLAN_LANG");
    if let Some((k, v)) = env {
        cmd.env(k, v);
    }
    let out = cmd.assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn the_run_summary_speaks_korean_by_flag_or_environment() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = repo("scenarios/korea-260k.toml");
    let out = dir.path().join("a");
    let args = [
        "run",
        scenario.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ];
    let by_flag = stdout(&[&["--lang", "ko"][..], &args[..]].concat(), None);
    let by_env = stdout(&args, Some(("GPUPLAN_LANG", "ko")));
    assert_eq!(by_flag, by_env);
    for korean in [
        "배분된 칩 260,000개",
        "배분처",
        "대기 칩-월",
        "지연 이유",
        "가장 큰 완화 효과",
        "최대 시설 전력",
        "분석 기간 투자비",
        "12.37조",
    ] {
        assert!(by_flag.contains(korean), "no {korean:?} in\n{by_flag}");
    }
    // Names as written in the scenario.
    assert!(by_flag.contains("Government") && by_flag.contains("Samsung SDS existing halls"));
    let english = stdout(&args, None);
    assert!(english.contains("chips allocated") && !english.contains("배분"));
    // The files keep their codes whatever the language.
    assert_eq!(
        fs::read_to_string(out.join("targets.csv"))
            .unwrap()
            .lines()
            .next(),
        Some("target,metric,precision,value,by,achieved,value_at_deadline,met")
    );
}

#[test]
fn the_report_and_charts_speak_korean() {
    let dir = tempfile::tempdir().unwrap();
    let html = uncertain_report(&dir.path().join("ko.html"), "ko");
    for korean in [
        "<html lang=\"ko\">",
        "<h2>답</h2>",
        "2030년 12월까지 칩 260,000개 모두 가동될 확률은 ",
        "이며, 중간 추정은 20",
        "<h2>무엇이 가로막고, 무엇이 도움이 되는가</h2>",
        "<th>달성 확률</th>",
        "배분처별 가동 칩",
        "전망 — gpuplan",
    ] {
        assert!(html.contains(korean), "the Korean report lacks {korean:?}");
    }
    // Its font holds several hundred Hangul outlines, compressed (WOFF): still under 300 KB.
    assert!(html.len() < 300_000, "{} bytes", html.len());
    let charts = dir.path().join("charts");
    gpuplan()
        .args(["chart", "--format", "svg", "--out"])
        .arg(&charts)
        .arg(repo("scenarios/korea-260k.toml"))
        .env("GPUPLAN_LANG", "ko")
        .assert()
        .success();
    let online = fs::read_to_string(charts.join("online.svg")).unwrap();
    for korean in [
        "배분처별 가동 칩",
        "Government 가동",
        "달성: All 260k online by 2030",
        "최신 관측 2026-03",
    ] {
        assert!(online.contains(korean), "online.svg lacks {korean:?}");
    }
}

#[test]
fn an_unknown_language_is_a_usage_error() {
    gpuplan()
        .args(["--lang", "fr", "check"])
        .arg(repo("scenarios/korea-260k.toml"))
        .assert()
        .code(2);
}

/// The workbook in Korean: sheet and column titles in Korean, the cells as in the CSV files.
#[test]
fn the_workbook_titles_speak_korean() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    gpuplan()
        .args(["--lang", "ko", "run"])
        .arg(repo("scenarios/korea-260k.toml"))
        .arg("--xlsx")
        .arg("--out")
        .arg(dir.path())
        .assert()
        .success();
    let mut book: Xlsx<_> = open_workbook(dir.path().join("gpuplan.xlsx")).unwrap();
    let names = book.sheet_names();
    for korean in ["월별 추이", "목표", "연도별 전력과 비용"] {
        assert!(
            names.iter().any(|n| n == korean),
            "no sheet {korean:?} in {names:?}"
        );
    }
    let targets = book.worksheet_range("목표").unwrap();
    let header: Vec<String> = targets
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(header[..3], ["목표", "기준", "정밀도"]);
    assert_eq!(
        targets.rows().nth(1).unwrap()[0].to_string(),
        "Government GB300 15k online by 2028"
    );
}

/// `check`'s one line, and a comparison chart's title and baseline, in Korean.
#[test]
fn check_and_compare_speak_korean() {
    let scenario = repo("scenarios/korea-260k.toml");
    let line = stdout(&["--lang", "ko", "check", scenario.to_str().unwrap()], None);
    assert!(
        line.starts_with("이상 없음: ") && line.contains("배분 9건, 사이트 10곳, 목표 3개"),
        "{line}"
    );
    let dir = tempfile::tempdir().unwrap();
    let grid = repo("scenarios/korea-260k-grid-delay.toml");
    let args = [
        "compare",
        scenario.to_str().unwrap(),
        grid.to_str().unwrap(),
        "--out",
    ];
    let out = dir.path().to_str().unwrap();
    stdout(&[&args[..], &[out]].concat(), Some(("GPUPLAN_LANG", "ko")));
    let svg = fs::read_to_string(dir.path().join("compare_online.svg")).unwrap();
    assert!(svg.contains("비교: 가동 칩") && svg.contains("korea-260k(기준)"));
}

/// A sweep's and a tornado's charts in Korean.
#[test]
fn sweep_and_tornado_charts_speak_korean() {
    let dir = tempfile::tempdir().unwrap();
    let (sweep, tornado) = (dir.path().join("sweep"), dir.path().join("tornado"));
    let grid = repo("scenarios/korea-260k-grid-delay.toml");
    let vary = "region \"Capital area\".grid[1].mw=50..250:3";
    let args = [
        "sweep",
        grid.to_str().unwrap(),
        "--vary",
        vary,
        "--out",
        sweep.to_str().unwrap(),
    ];
    stdout(&args, Some(("GPUPLAN_LANG", "ko")));
    let svg = fs::read_to_string(sweep.join("sweep.svg")).unwrap();
    assert!(
        svg.contains("목표별 달성 시점") && svg.contains("기한, 2030-12"),
        "sweep.svg"
    );
    let uncertain = repo("scenarios/korea-260k-uncertain.toml");
    let args = [
        "tornado",
        uncertain.to_str().unwrap(),
        "--out",
        tornado.to_str().unwrap(),
    ];
    stdout(&args, Some(("GPUPLAN_LANG", "ko")));
    let svg = fs::read_to_string(tornado.join("tornado_3.svg")).unwrap();
    assert!(
        svg.contains("움직이는 입력") && svg.contains("입력이 P90일 때"),
        "tornado_3.svg"
    );
}

/// What a Korean reader's terminal shows, with the names, keys and codes the scenario and the
/// files use taken out: no English word of gpuplan's own is left in it.
fn english_words_left(text: &str, names: &[&str]) -> Vec<String> {
    let mut rest = text.to_string();
    for name in names {
        rest = rest.replace(name, "");
    }
    // `quoted` keys, paths and commands stay as written.
    let mut plain = String::new();
    for (i, part) in rest.split('`').enumerate() {
        if i % 2 == 0 {
            plain.push_str(part);
        }
    }
    let words = [
        "the",
        "of",
        "must",
        "met",
        "missed",
        "never",
        "Wrote",
        "months",
        "trials",
        "samples",
        "Class",
        "Verdict",
        "Scenarios",
        "relaxing",
        "inputs",
        "none",
        "provisional",
        "error",
        "problems",
        "swing",
        "Case",
    ];
    plain
        .split(|c: char| !(c.is_ascii_alphabetic() || c == '_'))
        .filter(|w| words.contains(w))
        .map(str::to_string)
        .collect()
}

/// seek, tornado, compare, backtest, refclass and a file's problems, in Korean.
#[test]
fn every_command_prints_korean() {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    let grid = repo("scenarios/korea-260k-grid-delay.toml");
    let base = repo("scenarios/korea-260k.toml");
    let uncertain = repo("scenarios/korea-260k-uncertain.toml");
    let (grid, base, uncertain) = (
        grid.to_str().unwrap(),
        base.to_str().unwrap(),
        uncertain.to_str().unwrap(),
    );
    let ko = Some(("GPUPLAN_LANG", "ko"));
    let target = "All 260k online by 2030";
    let names = [
        target,
        "Government GB300 15k online by 2028",
        "Government 50k online by 2030",
        "Korea 260k Blackwell — base case, late 2026",
        "Korea 260k — capital-area grid 9 months late",
    ];
    let cases: [(Vec<&str>, &[&str]); 5] = [
        (
            vec![
                "seek",
                grid,
                "--target",
                target,
                "--vary",
                "region \"Capital area\".grid[1].mw",
            ],
            &[
                "전력망 2단계",
                "적어도 99.2 MW",
                "(현재 80 MW)",
                "99.1 MW에서는 미달",
                "시도 19회",
            ],
        ),
        (
            vec!["tornado", uncertain, "--target", target],
            &[
                "가장 크게 움직이는 입력",
                "Capital area: 전력망 2단계, MW",
                "(변동 13,362)",
            ],
        ),
        (
            vec!["compare", base, grid],
            &[
                "시나리오(첫 번째가 기준):",
                "달성 시점",
                "+7개월",
                "달성 → 미달",
            ],
        ),
        (
            vec!["backtest"],
            &["판정(확정 사례 기준", "리드 비례형", "표준오차 2배 이내"],
        ),
        (
            vec!["refclass", "ai-datacenter"],
            &["사례 9개(잠정 4개)", "리드 1개월당 지연"],
        ),
    ];
    for (i, (args, korean)) in cases.into_iter().enumerate() {
        let mut args = args;
        let folder = out(&i.to_string());
        if i < 4 {
            args.extend(["--out", folder.as_str()]);
        }
        let text = stdout(&args, ko);
        for k in korean {
            assert!(text.contains(k), "{}: {k} not in\n{text}", args[0]);
        }
        // The case data of `refclass` (plans, events, sources) stays as the dataset has it.
        if args[0] != "refclass" {
            let left = english_words_left(&text, &names);
            assert!(left.is_empty(), "{}: English {left:?} in\n{text}", args[0]);
        }
    }
}

/// A file's problems: the frame in Korean, and the most common problems explained in Korean.
#[test]
fn problems_are_framed_in_korean() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    // What `gpuplan check` says of `text` in Korean (it fails: exit 1).
    let check = |text: &str| {
        fs::write(&bad, text).unwrap();
        let out = gpuplan()
            .env("GPUPLAN_LANG", "ko")
            .args(["check", bad.to_str().unwrap()])
            .assert()
            .code(1);
        String::from_utf8(out.get_output().stderr.clone()).unwrap()
    };
    let stderr = check("name = \"x\"\nfoo = 1\n");
    assert!(
        stderr.starts_with("오류: ") && stderr.trim_end().ends_with("시나리오의 문제 3개"),
        "{stderr}"
    );
    // The most common problems are explained in Korean: a value of the wrong type, an unknown
    // key, a number outside what its key allows, a new chip without its cooling.
    let stderr = check(
        "[scenario]\nname = \"x\"\nstart = \"2026-01\"\nend = \"2027-01\"\n\
         commissioning_months = \"3\"\nfoo = 1\nserver_overhead = 0\n\
         [[chip]]\nname = \"A\"\ntdp_w = \"x\"\n[economics]\nutilisation = 2\n",
    );
    for korean in [
        ":5:24: `commissioning_months`에는 정수가 와야 하는데 텍스트 \"3\"이(가) 있습니다",
        ":6:1: 알 수 없는 키 `foo` (가능한 키: name, ",
        ":7:19: `server_overhead`: 0보다 큰 값만 허용됩니다(입력값 0)",
        ":8:1: 새 칩 `A`에는 `cooling`",
        ":10:9: `tdp_w`에는 숫자가 와야 하는데 텍스트 \"x\"이(가) 있습니다",
        ":12:15: `utilisation`(평균적으로 끌어 쓰는 전력의 비율): 0보다 크고 1 이하만 허용됩니다(입력값 2)",
        "시나리오의 문제 6개",
    ] {
        assert!(stderr.contains(korean), "{korean:?} not in\n{stderr}");
    }
    // References, dates and targets.
    let stderr = check(
        "[scenario]\nname = \"x\"\nstart = \"2026-01\"\nend = \"2025-01\"\n\
         [[recipient]]\nname = \"R\"\n[[allocation]]\nrecipient = \"RR\"\nchip = \"B200\"\n\
         count = 10\ndeliveries = { start = \"2026-01\", months = 2 }\n\
         [[target]]\nname = \"t\"\nmetric = \"pflops\"\nvalue = 1\nby = \"2025-06\"\n",
    );
    for korean in [
        ":4:7: `end` 2025-01이(가) `start` 2026-01보다 앞섭니다",
        ":8:13: [[recipient]]에 `RR`이(가) 없습니다 — `R`을(를) 뜻했습니까?",
        ":14:10: `pflops` 목표에는 `precision`",
    ] {
        assert!(stderr.contains(korean), "{korean:?} not in\n{stderr}");
    }
}

/// chips, diff and new say their own words in Korean too.
#[test]
fn chips_diff_and_new_speak_korean() {
    let ko = Some(("GPUPLAN_LANG", "ko"));
    let chips = stdout(&["chips"], ko);
    assert!(
        chips.starts_with("내장 칩: ") && chips.contains("\n출처\n"),
        "{chips}"
    );
    let base = repo("scenarios/korea-260k.toml");
    let base = base.to_str().unwrap();
    assert!(stdout(&["diff", base, base], ko).ends_with("차이 없음\n"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("new.toml");
    let said = stdout(&["new", file.to_str().unwrap()], ko);
    assert!(
        said.contains(" 기록: 그대로 실행되는 주석 달린 예제입니다"),
        "{said}"
    );
}
