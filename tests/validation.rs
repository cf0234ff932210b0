//! One error-message snapshot per validation rule of the scenario format: the exact text a user sees,
//! with file, line, column, the offending line and a caret under the value.

mod common;

use common::error;

const META: &str = "[scenario]\nname = \"v\"\nstart = \"2026-01\"\nend = \"2026-12\"\n";
const R: &str = "[[recipient]]\nname = \"Gov\"\n";
const A: &str = "[[allocation]]\nrecipient = \"Gov\"\nchip = \"B200\"\ncount = 10\ndeliveries = { start = \"2026-02\", months = 2 }\n";
const S: &str = "[[site]]\nname = \"Hall\"\npue = 1.2\ncooling = \"air\"\nphases = [{ online = \"2026-01\", it_mw = 1 }]\n";

/// A test that the scenario text is rejected with exactly the expected message.
macro_rules! rejects {
    ($name:ident, $text:expr, $expected:expr) => {
        #[test]
        fn $name() {
            assert_eq!(error(&$text), $expected);
        }
    };
}

rejects!(
    unknown_key,
    format!("{META}{R}[[site]]\nname = \"Hall\"\npue_ = 1.2\ncooling = \"air\"\nphases = []\n"),
    r"test.toml:9:1: unknown key `pue_` — did you mean `pue`? (expected one of: name, region, recipients, pue, cooling, install_per_month, commissioning_months, delay_months, phases, build_cost_per_mw)
  |
9 | pue_ = 1.2
  | ^^^^"
);

rejects!(
    unknown_table,
    format!("{META}[[sites]]\nname = \"Hall\"\n"),
    r"test.toml:5:3: unknown key `sites` — did you mean `site`? (expected one of: scenario, chip, recipient, allocation, supply, region, site, target, factor, observed, economics)
  |
5 | [[sites]]
  |   ^^^^^"
);

rejects!(
    unknown_recipient,
    format!(
        "{META}{R}{}",
        A.replace("recipient = \"Gov\"", "recipient = \"Gob\"")
    ),
    r#"test.toml:8:13: unknown recipient `Gob` — did you mean `Gov`?
  |
8 | recipient = "Gob"
  |             ^^^^^"#
);

rejects!(
    unknown_chip,
    format!("{META}{R}{}", A.replace("\"B200\"", "\"B20\"")),
    r#"test.toml:9:8: unknown chip `B20` — did you mean `B200`?
  |
9 | chip = "B20"
  |        ^^^^^"#
);

rejects!(
    unknown_region,
    format!(
        "{META}{R}{}",
        S.replace("pue = 1.2", "region = \"Capital\"\npue = 1.2")
    ),
    r#"test.toml:9:10: unknown region `Capital` (the scenario has no [[region]])
  |
9 | region = "Capital"
  |          ^^^^^^^^^"#
);

rejects!(
    duplicate_name,
    format!("{META}{R}{R}"),
    r#"test.toml:8:8: duplicate recipient name `Gov`
  |
8 | name = "Gov"
  |        ^^^^^"#
);

rejects!(
    duplicate_allocation,
    format!("{META}{R}{A}{A}"),
    r#"test.toml:14:8: duplicate allocation of `B200` to `Gov`: give one allocation per recipient and chip
   |
14 | chip = "B200"
   |        ^^^^^^"#
);

rejects!(
    end_before_start,
    META.replace("end = \"2026-12\"", "end = \"2025-12\""),
    r#"test.toml:4:7: `end` 2025-12 is before `start` 2026-01
  |
4 | end = "2025-12"
  |       ^^^^^^^^^"#
);

rejects!(
    too_many_months,
    META.replace("end = \"2026-12\"", "end = \"2126-12\""),
    r#"test.toml:4:7: the horizon is 1212 months; at most 1200 are allowed
  |
4 | end = "2126-12"
  |       ^^^^^^^^^"#
);

rejects!(
    negative_number,
    format!("{META}{R}{}", A.replace("count = 10", "count = -10")),
    r"test.toml:10:9: `count` must not be negative (got -10)
   |
10 | count = -10
   |         ^^^"
);

rejects!(
    non_finite_number,
    format!("{META}{R}{}", S.replace("pue = 1.2", "pue = nan")),
    r"test.toml:9:7: `pue` must be a finite number (got NaN)
  |
9 | pue = nan
  |       ^^^"
);

rejects!(
    pue_below_one,
    format!("{META}{R}{}", S.replace("pue = 1.2", "pue = 0.9")),
    r"test.toml:9:7: `pue` must be at least 1 (got 0.9)
  |
9 | pue = 0.9
  |       ^^^"
);

rejects!(
    it_kw_not_positive,
    format!("{META}[[chip]]\nname = \"B200\"\nit_kw = 0\n"),
    r"test.toml:7:9: `it_kw` must be greater than 0 (got 0)
  |
7 | it_kw = 0
  |         ^"
);

rejects!(
    months_below_one,
    format!("{META}{R}{}", A.replace("months = 2", "months = 0")),
    r#"test.toml:11:44: `months` must be at least 1 (got 0)
   |
11 | deliveries = { start = "2026-02", months = 0 }
   |                                            ^"#
);

rejects!(
    deliveries_sum,
    format!(
        "{META}{R}{}",
        A.replace(
            "{ start = \"2026-02\", months = 2 }",
            "[{ month = \"2026-02\", count = 4 }, { month = \"2026-03\", count = 5 }]"
        )
    ),
    r#"test.toml:11:14: the deliveries add up to 9 but `count` is 10
   |
11 | deliveries = [{ month = "2026-02", count = 4 }, { month = "2026-03", count = 5 }]
   |              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"#
);

rejects!(
    deliveries_before_start,
    format!(
        "{META}{R}{}",
        A.replace("start = \"2026-02\"", "start = \"2025-11\"")
    ),
    r#"test.toml:11:24: deliveries in 2025-11, before the scenario `start` 2026-01
   |
11 | deliveries = { start = "2025-11", months = 2 }
   |                        ^^^^^^^^^"#
);

rejects!(
    target_outside_horizon,
    format!(
        "{META}[[target]]\nname = \"T\"\nmetric = \"chips_online\"\nvalue = 1\nby = \"2027-01\"\n"
    ),
    r#"test.toml:9:6: `by` 2027-01 lies outside the horizon 2026-01 to 2026-12
  |
9 | by = "2027-01"
  |      ^^^^^^^^^"#
);

rejects!(
    precision_missing_on_chip,
    format!(
        "{META}{R}{}[[target]]\nname = \"T\"\nmetric = \"pflops\"\nprecision = \"bf16\"\nvalue = 1\nby = \"2026-12\"\n",
        A.replace("B200", "V100")
    ),
    r#"test.toml:15:13: chip `V100` in this target's scope has no bf16 figure
   |
15 | precision = "bf16"
   |             ^^^^^^"#
);

rejects!(
    malformed_month,
    META.replace("start = \"2026-01\"", "start = \"2026-13\""),
    r#"test.toml:3:9: malformed month `2026-13`: expected "YYYY-MM" with a month from 01 to 12
  |
3 | start = "2026-13"
  |         ^^^^^^^^^"#
);

rejects!(
    no_power_figure,
    format!("{META}{R}{}", A.replace("B200", "Warboy")),
    r#"test.toml:9:8: chip `Warboy` has no power figure: add a [[chip]] named `Warboy` with `tdp_w` or `it_kw`
  |
9 | chip = "Warboy"
  |        ^^^^^^^^"#
);

rejects!(
    steps_out_of_order,
    format!(
        "{META}[supply]\ncap = [{{ from = \"2027-01\", per_month = 5 }}, {{ from = \"2026-06\", per_month = 9 }}]\n"
    ),
    r#"test.toml:6:54: steps must be in date order: 2026-06 is not after 2027-01
  |
6 | cap = [{ from = "2027-01", per_month = 5 }, { from = "2026-06", per_month = 9 }]
  |                                                      ^^^^^^^^^"#
);

rejects!(
    pflops_without_precision,
    format!("{META}[[target]]\nname = \"T\"\nmetric = \"pflops\"\nvalue = 1\nby = \"2026-12\"\n"),
    r#"test.toml:7:10: a `pflops` target needs `precision` (fp64, fp32, tf32, bf16, fp16, fp8, fp4 or int8)
  |
7 | metric = "pflops"
  |          ^^^^^^^^"#
);

rejects!(
    wrong_type,
    format!("{META}{R}{}", A.replace("count = 10", "count = \"ten\"")),
    r#"test.toml:10:9: `count` must be a whole number, found the text "ten"
   |
10 | count = "ten"
   |         ^^^^^"#
);

rejects!(
    missing_key,
    format!("{META}{R}[[site]]\nname = \"Hall\"\ncooling = \"air\"\nphases = []\n"),
    r"test.toml:7:1: missing key `pue` in [[site]] `Hall`
  |
7 | [[site]]
  | ^^^^^^^^"
);

rejects!(
    malformed_toml,
    format!("{META}[[site]\nname = \"Hall\"\n"),
    r"test.toml:5:8: unclosed array table, expected `]`
  |
5 | [[site]
  |        ^"
);

rejects!(
    hangul_unknown_recipient,
    format!(
        "{META}[[recipient]]\nname = \"정부\"\n{}",
        A.replace("recipient = \"Gov\"", "recipient = \"정부청\"")
    ),
    r#"test.toml:8:13: unknown recipient `정부청` — did you mean `정부`?
  |
8 | recipient = "정부청"
  |             ^^^^^^^^"#
);

#[test]
fn every_problem_is_reported_in_one_pass() {
    let text = "[scenario]\nname = \"v\"\nstart = \"2026-01\"\nend = \"2026-12\"\n[[site]]\nname = \"A\"\npue = 0.5\ncooling = \"air\"\nphases = [{ online = \"2026-00\", it_mw = -1 }]\n";
    let message = error(text);
    assert!(
        message.starts_with("test.toml:7:7: `pue` must be at least 1 (got 0.5)"),
        "{message}"
    );
    assert!(
        message.contains("test.toml:9:22: malformed month `2026-00`"),
        "{message}"
    );
    assert!(
        message.contains("test.toml:9:41: `it_mw` must not be negative (got -1)"),
        "{message}"
    );
    assert!(message.ends_with("3 problems in the scenario"), "{message}");
}

rejects!(
    unquoted_month,
    META.replace("end = \"2026-12\"", "end = 2026-12"),
    r#"test.toml:4:7: `end`: months are quoted strings — write "2026-12"
  |
4 | end = 2026-12
  |       ^^^^^^^"#
);

rejects!(
    date_for_a_month,
    META.replace("start = \"2026-01\"", "start = 2026-01-01"),
    r#"test.toml:3:9: `start`: months are quoted strings — write "2026-01"
  |
3 | start = 2026-01-01
  |         ^^^^^^^^^^"#
);

rejects!(
    thousands_comma,
    format!("{META}{R}{}", A.replace("count = 10", "count = 20,000")),
    r"test.toml:10:9: `count = 20,000`: numbers take no thousands commas — write 20000 or 20_000
   |
10 | count = 20,000
   |         ^^^^^^"
);

rejects!(
    integer_too_large,
    format!(
        "{META}{R}{}",
        A.replace("count = 10", "count = 99999999999999999999")
    ),
    r"test.toml:10:9: `count`: 99999999999999999999 is too large for a whole number (the largest is 9,223,372,036,854,775,807)
   |
10 | count = 99999999999999999999
   |         ^^^^^^^^^^^^^^^^^^^^"
);

rejects!(
    number_as_text,
    format!("{META}{R}{}", S.replace("pue = 1.2", "pue = \"1.3\"")),
    r#"test.toml:9:7: `pue` must be a number, found the text "1.3" (write it without quotes)
  |
9 | pue = "1.3"
  |       ^^^^^"#
);

rejects!(
    unquoted_text,
    format!(
        "{META}{R}{}",
        S.replace("cooling = \"air\"", "cooling = liquid")
    ),
    r#"test.toml:10:11: `cooling`: text goes in quotes — write "liquid"
   |
10 | cooling = liquid
   |           ^^^^^^"#
);

rejects!(
    efficiency_above_one,
    format!(
        "{META}[[target]]\nname = \"T\"\nmetric = \"pflops\"\nprecision = \"bf16\"\nefficiency = 1.2\nvalue = 1\nby = \"2026-12\"\n"
    ),
    r"test.toml:9:14: `efficiency` is sustained over peak throughput: greater than 0 and at most 1 (got 1.2)
  |
9 | efficiency = 1.2
  |              ^^^"
);

rejects!(
    efficiency_zero,
    format!(
        "{META}[[target]]\nname = \"T\"\nmetric = \"pflops\"\nprecision = \"bf16\"\nefficiency = 0\nvalue = 1\nby = \"2026-12\"\n"
    ),
    r"test.toml:9:14: `efficiency` is sustained over peak throughput: greater than 0 and at most 1 (got 0)
  |
9 | efficiency = 0
  |              ^"
);

/// Six different kinds of mistake — a date where a month goes, a thousands comma, a malformed
/// month, a number in quotes, an unknown key, an unknown reference — all reported at once, in
/// file order; `by` past the (unreadable) horizon is not reported against a made-up one.
#[test]
fn six_different_mistakes_are_reported_in_one_pass() {
    let text = "[scenario]\nname = \"six\"\nstart = 2026-01-01\nend = \"2030-12\"\n\
        [[recipient]]\nname = \"Gov\"\n\
        [[allocation]]\nrecipient = \"Gov\"\nchip = \"B200\"\ncount = 20,000\ndeliveries = { start = \"2026-13\", months = 10 }\n\
        [[site]]\nname = \"Hall\"\npue = \"1.3\"\ncooling = \"liquid\"\nphases = [{ online = \"2026-06\", it_mw = 40 }]\ncolour = \"blue\"\n\
        [[target]]\nname = \"T\"\nmetric = \"chips_online\"\nvalue = 100\nby = \"2031-01\"\nrecipients = [\"Govt\"]\n";
    let message = error(text);
    let firsts: Vec<&str> = message
        .split("\n\n")
        .map(|block| block.lines().next().unwrap_or(""))
        .collect();
    assert_eq!(
        firsts,
        [
            "test.toml:3:9: `start`: months are quoted strings — write \"2026-01\"",
            "test.toml:10:9: `count = 20,000`: numbers take no thousands commas — write 20000 or 20_000",
            "test.toml:11:24: malformed month `2026-13`: expected \"YYYY-MM\" with a month from 01 to 12",
            "test.toml:14:7: `pue` must be a number, found the text \"1.3\" (write it without quotes)",
            "test.toml:17:1: unknown key `colour` (expected one of: name, region, recipients, pue, cooling, install_per_month, commissioning_months, delay_months, phases, build_cost_per_mw)",
            "test.toml:23:15: unknown recipient `Govt` — did you mean `Gov`?",
            "6 problems in the scenario",
        ]
    );
}

/// With a valid horizon the same `by` is reported: the skip above is only for a bad horizon.
#[test]
fn an_invalid_horizon_skips_only_the_checks_that_need_it() {
    let target =
        "[[target]]\nname = \"T\"\nmetric = \"chips_online\"\nvalue = 1\nby = \"2031-01\"\n";
    let bad_start = format!("{}{target}", META.replace("\"2026-01\"", "\"2026-1\""));
    let message = error(&bad_start);
    assert!(!message.contains("outside the horizon"), "{message}");
    let end_before_start = format!("{}{target}", META.replace("\"2026-12\"", "\"2025-12\""));
    let message = error(&end_before_start);
    assert!(
        message.contains("`end` 2025-12 is before `start` 2026-01")
            && !message.contains("horizon 2026-01"),
        "{message}"
    );
    let message = error(&format!("{META}{target}"));
    assert!(
        message.contains("`by` 2031-01 lies outside the horizon 2026-01 to 2026-12"),
        "{message}"
    );
}

/// Three allocations of 600 trillion chips: the total passes 10^15 at the second, and the
/// rule is reported there only — not again at the third.
#[test]
fn the_total_chip_limit_is_reported_once() {
    let big = |recipient: &str| {
        format!(
            "[[recipient]]\nname = \"{recipient}\"\n{}",
            A.replace("\"Gov\"", &format!("\"{recipient}\""))
                .replace("count = 10", "count = 600_000_000_000_000")
        )
    };
    let message = error(&format!("{META}{}{}{}", big("A"), big("B"), big("C")));
    assert_eq!(
        message
            .matches("the allocations add up to more than")
            .count(),
        1,
        "{message}"
    );
    assert!(message.starts_with("test.toml:17:9: "), "{message}");
}

/// A misspelt key is reported once, as a misspelling, not also as the key it should be.
#[test]
fn a_misspelt_required_key_is_not_also_missing() {
    let message = error(&format!("{META}{R}{}", S.replace("pue = 1.2", "peu = 1.2")));
    assert!(
        message.contains("unknown key `peu` — did you mean `pue`?"),
        "{message}"
    );
    assert!(!message.contains("missing key"), "{message}");
}

/// Bad ranges: each reported at its value, all in one pass.
#[test]
fn bad_ranges_are_reported_at_their_values() {
    let cases: [(&str, &str, &str); 9] = [
        (
            "count = 10",
            "count = \"30 to 10\"",
            "test.toml:10:10: a range \"A to B\" needs A below B (got 30 to 10)",
        ),
        (
            "count = 10",
            "count = \"0 to 100\"",
            "test.toml:10:10: for a value anywhere from 0 to 100, write { min = 0, max = 100 } (every value between equally likely), or { min = 0, likely = …, max = 100 } with the most likely value; \"0 to 100\" is a 90% interval of a lognormal, whose ends must be above 0 (or add shape = \"normal\": { p5 = 0, p95 = 100, shape = \"normal\" })",
        ),
        (
            "count = 10",
            "count = { min = 5, likely = 20, max = 10 }",
            "test.toml:10:17: `min`, `likely` and `max` must be in that order, with `min` below `max` (got 5, 20, 10)",
        ),
        (
            "count = 10",
            "count = { choose = [ { value = 10, weight = -1 } ] }",
            "test.toml:10:45: a choice's `weight` must be above 0 (got -1)",
        ),
        (
            "count = 10",
            "count = { factor = \"pace\" }",
            "test.toml:10:20: unknown factor `pace` (the scenario has no [[factor]])",
        ),
        (
            "count = 10",
            "count = { min = 5, p95 = 10 }",
            "test.toml:10:9: `count`: a range is one of { p5, p95 }, { min, likely, max }, { min, max }, { choose = [...] }, { factor = \"NAME\" } or { reference = \"CLASS\" }, not a mix (found p95, min)",
        ),
        (
            "start = \"2026-02\"",
            "start = { min = \"2026-02\", max = \"2026-13\" }",
            "test.toml:11:49: malformed month `2026-13`: expected \"YYYY-MM\" with a month from 01 to 12",
        ),
        (
            "start = \"2026-02\"",
            "start = { factor = \"pace\" }",
            "test.toml:11:35: `allocation \"Gov/B200\".deliveries.start` is a month; a factor holds a number (use it in a delay, in months)",
        ),
        (
            "count = 10",
            "count = { min = 11, max = 30 }\ndeliveries = [{ month = \"2026-02\", count = 10 }]\n#",
            "test.toml:10:9: `count` can be uncertain only with a ramp: explicit deliveries must add up to it",
        ),
    ];
    for (from, to, expected) in cases {
        let message = error(&format!("{META}{R}{}", A.replace(from, to)));
        assert_eq!(message.lines().next(), Some(expected), "{message}");
    }
}

/// Factors that name each other in a cycle, ranges in keys that take none, and step ranges
/// that could fall out of date order.
#[test]
fn factor_cycles_fixed_keys_and_overlapping_steps_are_reported() {
    let text = format!(
        "{META}[[factor]]\nname = \"a\"\nvalue = {{ factor = \"b\" }}\n[[factor]]\nname = \"b\"\nvalue = {{ factor = \"a\" }}\n\
         [[region]]\nname = \"G\"\ndelay_months = {{ factor = \"a\" }}\n\
         grid = [{{ from = {{ min = \"2026-01\", max = \"2026-06\" }}, mw = 1 }}, {{ from = {{ min = \"2026-05\", max = \"2026-09\" }}, mw = 2 }}]\n\
         [[target]]\nname = \"T\"\nmetric = \"chips_online\"\nvalue = \"1 to 2\"\nby = \"2026-12\"\n"
    );
    let message = error(&text);
    for expected in [
        "factors name each other in a cycle: a → b → a",
        "`region \"G\".grid[1].from` can fall in or before a month `region \"G\".grid[0].from` can fall in, and steps must be in date order: give the two ranges months that do not overlap",
        "`value` cannot be uncertain: write one value here",
    ] {
        assert!(message.contains(expected), "{expected}\n{message}");
    }
    // Disjoint step ranges are fine (with the cycle and the target's range gone).
    let fine = text
        .replace("max = \"2026-06\"", "max = \"2026-04\"")
        .replace("value = \"1 to 2\"", "value = 1")
        .replace("delay_months = { factor = \"a\" }\n", "")
        .replace("value = { factor = \"b\" }", "value = 3")
        .replace("value = { factor = \"a\" }", "value = 4");
    if let Err(e) = gpuplan::model::Scenario::from_source(std::path::Path::new("t.toml"), &fine) {
        panic!("{e}\n{fine}");
    }
}

/// A range none of whose values the key allows, a delivery month range wholly before `start`,
/// and a factor declared twice: each an error at its place.
#[test]
fn ranges_with_no_allowed_value_and_twice_declared_factors_are_reported() {
    let text = format!(
        "{META}{R}[[allocation]]\nrecipient = \"Gov\"\nchip = \"B200\"\ncount = 10\n\
         deliveries = [{{ month = {{ min = \"2025-01\", max = \"2025-06\" }}, count = 10 }}]\n\
         {}[[factor]]\nname = \"f\"\nvalue = 1\n[[factor]]\nname = \"f\"\nvalue = 2\n",
        S.replace("pue = 1.2", "pue = { min = 0.5, max = 0.9 }")
    );
    let message = error(&text);
    for expected in [
        "no value of this range is allowed for `allocation \"Gov/B200\".deliveries[0].month`",
        "no value of this range is allowed for `site \"Hall\".pue`",
        "duplicate factor name `f`",
    ] {
        assert!(message.contains(expected), "{expected}\n{message}");
    }
}

/// Ranges written in forms gpuplan does not read get the form that says it: other separators
/// than " to ", a table of other keys, thousands separators; a delay "0 to 6" is offered
/// `{ min = 0, max = 6 }` in plain words before lognormals are mentioned.
#[test]
fn misspelt_ranges_are_answered_with_the_right_form() {
    let site = |pue: &str| {
        format!(
            "{META}{R}{A}{}",
            S.replace("pue = 1.2", &format!("pue = {pue}"))
        )
    };
    let cases = [
        (
            site("\"1.2 - 1.4\""),
            "test.toml:14:7: `pue`: write a range as \"1.2 to 1.4\" (a 90% interval) or { min = 1.2, max = 1.4 } (every value between equally likely), not \"1.2 - 1.4\"",
        ),
        (
            site("\"1.2 ~ 1.4\""),
            "test.toml:14:7: `pue`: write a range as \"1.2 to 1.4\" (a 90% interval) or { min = 1.2, max = 1.4 } (every value between equally likely), not \"1.2 ~ 1.4\"",
        ),
        (
            site("{ low = 1.2, high = 1.4 }"),
            "test.toml:14:7: `pue`: a range table is { min = 1.2, max = 1.4 } (every value between equally likely), { min, likely, max } or { p5, p95 }; or write \"1.2 to 1.4\" for a 90% interval (found keys `low`, `high`)",
        ),
        (
            format!(
                "{META}{R}{A}{}",
                S.replace(
                    "pue = 1.2",
                    "pue = 1.2\ninstall_per_month = \"3,000 to 4,000\""
                )
            ),
            "test.toml:15:21: `install_per_month`: numbers take no thousands separators: write \"3000 to 4000\"",
        ),
        (
            format!(
                "{META}{R}{A}{}",
                S.replace("pue = 1.2", "pue = 1.2\ninstall_per_month = \"3,000\"")
            ),
            "test.toml:15:21: `install_per_month`: numbers take no thousands separators or quotes: write 3000",
        ),
        (
            format!(
                "{META}{R}{}",
                A.replace("start = \"2026-02\"", "start = \"2026-02 ~ 2026-05\"")
            ),
            "test.toml:11:24: `start`: write a range as \"2026-02 to 2026-05\" (a 90% interval) or { min = \"2026-02\", max = \"2026-05\" } (every value between equally likely), not \"2026-02 ~ 2026-05\"",
        ),
        (
            format!(
                "{META}{R}{A}{}",
                S.replace("pue = 1.2", "pue = 1.2\ndelay_months = \"0 to 6\"")
            ),
            "test.toml:15:17: for a value anywhere from 0 to 6, write { min = 0, max = 6 } (every value between equally likely), or { min = 0, likely = …, max = 6 } with the most likely value; \"0 to 6\" is a 90% interval of a lognormal, whose ends must be above 0 (or add shape = \"normal\": { p5 = 0, p95 = 6, shape = \"normal\" })",
        ),
    ];
    for (text, expected) in cases {
        let message = error(&text);
        assert_eq!(message.lines().next(), Some(expected), "{message}");
    }
    // A decimal comma is not taken for a thousands separator.
    let message = error(&site("\"1,2\""));
    assert!(!message.contains("write 12"), "{message}");
}

/// Ranges and numbers near the ends of the floats: checked without overflow, and written in
/// messages in a few characters. A uniform from -1e308 to 1e308 on a PUE allows its values
/// from 1 up (truncated exactly, to the uniform on what the key allows); choices weighted 1e308
/// each are even; 5e-324 and 1e308 read as such, not as hundreds of digits.
#[test]
fn numbers_near_the_ends_of_the_floats_neither_overflow_nor_sprawl() {
    let with_pue = |pue: &str| {
        format!(
            "{META}{R}{A}{}",
            S.replace("pue = 1.2", &format!("pue = {pue}"))
        )
    };
    let wide = gpuplan::load::Checked::from_source(
        std::path::Path::new("w.toml"),
        &with_pue("{ min = -1e308, max = 1e308 }"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let input = &wide.uncertainty.inputs[0];
    assert_eq!(input.dist.support(), (1.0, 1e12));
    assert!((input.draw(0.5) - f64::midpoint(1.0, 1e12)).abs() < 1.0);
    assert!(input.dist.truncated_share() > 0.99);
    let even = gpuplan::load::Checked::from_source(
        std::path::Path::new("e.toml"),
        &with_pue(
            "{ choose = [ { value = 1.2, weight = 1e308 }, { value = 1.4, weight = 1e308 } ] }",
        ),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let input = &even.uncertainty.inputs[0];
    assert_eq!((input.draw(0.49), input.draw(0.51)), (1.2, 1.4));
    assert!(error(&with_pue("5e-324")).contains("`pue` must be at least 1 (got 5e-324)"));
    assert!(error(&with_pue("1e308")).contains("`pue` must be at most 1e12 (got 1e308)"));
    assert!(
        error(&with_pue("{ min = 1.2, likely = 1.3, max = 1e308 }")).contains(
            "almost none of this range (a share under 1e-12) lies within the values `site \"Hall\".pue` allows (1 to 1e12)"
        )
    );
}
