//! One error-message snapshot per validation rule of SPEC §2: the exact text a user sees,
//! with file, line, column, the offending line and a caret under the value.

mod common;

use common::error;

#[test]
fn unknown_key() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[recipient]]
name = "Gov"
[[site]]
name = "Hall"
pue_ = 1.2
cooling = "air"
phases = []
"#;
    assert_eq!(
        error(text),
        r#"test.toml:9:1: unknown key `pue_` — did you mean `pue`? (expected one of: name, region, recipients, pue, cooling, install_per_month, commissioning_months, delay_months, phases)
  |
9 | pue_ = 1.2
  | ^^^^"#
    );
}

#[test]
fn unknown_table() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[sites]]
name = "Hall"
"#;
    assert_eq!(
        error(text),
        r#"test.toml:5:3: unknown key `sites` — did you mean `site`? (expected one of: scenario, chip, recipient, allocation, supply, region, site, target)
  |
5 | [[sites]]
  |   ^^^^^"#
    );
}

#[test]
fn unknown_recipient() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[recipient]]
name = "Gov"
[[allocation]]
recipient = "Gob"
chip = "B200"
count = 10
deliveries = { start = "2026-02", months = 2 }
"#;
    assert_eq!(
        error(text),
        r#"test.toml:8:13: unknown recipient `Gob` — did you mean `Gov`?
  |
8 | recipient = "Gob"
  |             ^^^^^"#
    );
}

#[test]
fn unknown_chip() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[recipient]]
name = "Gov"
[[allocation]]
recipient = "Gov"
chip = "B20"
count = 10
deliveries = { start = "2026-02", months = 2 }
"#;
    assert_eq!(
        error(text),
        r#"test.toml:9:8: unknown chip `B20` — did you mean `B200`?
  |
9 | chip = "B20"
  |        ^^^^^"#
    );
}

#[test]
fn unknown_region() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[recipient]]
name = "Gov"
[[site]]
name = "Hall"
region = "Capital"
pue = 1.2
cooling = "air"
phases = [{ online = "2026-01", it_mw = 1 }]
"#;
    assert_eq!(
        error(text),
        r#"test.toml:9:10: unknown region `Capital` (the scenario has no [[region]])
  |
9 | region = "Capital"
  |          ^^^^^^^^^"#
    );
}

#[test]
fn duplicate_name() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[recipient]]
name = "Gov"
[[recipient]]
name = "Gov"
"#;
    assert_eq!(
        error(text),
        r#"test.toml:8:8: duplicate recipient name `Gov`
  |
8 | name = "Gov"
  |        ^^^^^"#
    );
}

#[test]
fn duplicate_allocation() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[recipient]]
name = "Gov"
[[allocation]]
recipient = "Gov"
chip = "B200"
count = 10
deliveries = { start = "2026-02", months = 2 }
[[allocation]]
recipient = "Gov"
chip = "B200"
count = 10
deliveries = { start = "2026-02", months = 2 }
"#;
    assert_eq!(
        error(text),
        r#"test.toml:14:8: duplicate allocation of `B200` to `Gov`: give one allocation per recipient and chip
   |
14 | chip = "B200"
   |        ^^^^^^"#
    );
}

#[test]
fn end_before_start() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2025-12"
"#;
    assert_eq!(
        error(text),
        r#"test.toml:4:7: `end` 2025-12 is before `start` 2026-01
  |
4 | end = "2025-12"
  |       ^^^^^^^^^"#
    );
}

#[test]
fn too_many_months() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2126-12"
"#;
    assert_eq!(
        error(text),
        r#"test.toml:4:7: the horizon is 1212 months; at most 1200 are allowed
  |
4 | end = "2126-12"
  |       ^^^^^^^^^"#
    );
}

#[test]
fn negative_number() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[recipient]]
name = "Gov"
[[allocation]]
recipient = "Gov"
chip = "B200"
count = -10
deliveries = { start = "2026-02", months = 2 }
"#;
    assert_eq!(
        error(text),
        r#"test.toml:10:9: `count` must not be negative (got -10)
   |
10 | count = -10
   |         ^^^"#
    );
}

#[test]
fn non_finite_number() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[recipient]]
name = "Gov"
[[site]]
name = "Hall"
pue = nan
cooling = "air"
phases = [{ online = "2026-01", it_mw = 1 }]
"#;
    assert_eq!(
        error(text),
        r#"test.toml:9:7: `pue` must be a finite number (got NaN)
  |
9 | pue = nan
  |       ^^^"#
    );
}

#[test]
fn pue_below_one() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[recipient]]
name = "Gov"
[[site]]
name = "Hall"
pue = 0.9
cooling = "air"
phases = [{ online = "2026-01", it_mw = 1 }]
"#;
    assert_eq!(
        error(text),
        r#"test.toml:9:7: `pue` must be at least 1 (got 0.9)
  |
9 | pue = 0.9
  |       ^^^"#
    );
}

#[test]
fn it_kw_not_positive() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[chip]]
name = "B200"
it_kw = 0
"#;
    assert_eq!(
        error(text),
        r#"test.toml:7:9: `it_kw` must be greater than 0 (got 0)
  |
7 | it_kw = 0
  |         ^"#
    );
}

#[test]
fn months_below_one() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[recipient]]
name = "Gov"
[[allocation]]
recipient = "Gov"
chip = "B200"
count = 10
deliveries = { start = "2026-02", months = 0 }
"#;
    assert_eq!(
        error(text),
        r#"test.toml:11:44: `months` must be at least 1 (got 0)
   |
11 | deliveries = { start = "2026-02", months = 0 }
   |                                            ^"#
    );
}

#[test]
fn deliveries_sum() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[recipient]]
name = "Gov"
[[allocation]]
recipient = "Gov"
chip = "B200"
count = 10
deliveries = [{ month = "2026-02", count = 4 }, { month = "2026-03", count = 5 }]
"#;
    assert_eq!(
        error(text),
        r#"test.toml:11:14: the deliveries add up to 9 but `count` is 10
   |
11 | deliveries = [{ month = "2026-02", count = 4 }, { month = "2026-03", count = 5 }]
   |              ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^"#
    );
}

#[test]
fn deliveries_before_start() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[recipient]]
name = "Gov"
[[allocation]]
recipient = "Gov"
chip = "B200"
count = 10
deliveries = { start = "2025-11", months = 2 }
"#;
    assert_eq!(
        error(text),
        r#"test.toml:11:24: deliveries in 2025-11, before the scenario `start` 2026-01
   |
11 | deliveries = { start = "2025-11", months = 2 }
   |                        ^^^^^^^^^"#
    );
}

#[test]
fn target_outside_horizon() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[target]]
name = "T"
metric = "chips_online"
value = 1
by = "2027-01"
"#;
    assert_eq!(
        error(text),
        r#"test.toml:9:6: `by` 2027-01 lies outside the horizon 2026-01 to 2026-12
  |
9 | by = "2027-01"
  |      ^^^^^^^^^"#
    );
}

#[test]
fn precision_missing_on_chip() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[recipient]]
name = "Gov"
[[allocation]]
recipient = "Gov"
chip = "V100"
count = 10
deliveries = { start = "2026-02", months = 2 }
[[target]]
name = "T"
metric = "pflops"
precision = "bf16"
value = 1
by = "2026-12"
"#;
    assert_eq!(
        error(text),
        r#"test.toml:15:13: chip `V100` in this target's scope has no bf16 figure
   |
15 | precision = "bf16"
   |             ^^^^^^"#
    );
}

#[test]
fn malformed_month() {
    let text = r#"[scenario]
name = "v"
start = "2026-13"
end = "2026-12"
"#;
    assert_eq!(
        error(text),
        r#"test.toml:3:9: malformed month `2026-13`: expected "YYYY-MM" with a month from 01 to 12
  |
3 | start = "2026-13"
  |         ^^^^^^^^^"#
    );
}

#[test]
fn no_power_figure() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[recipient]]
name = "Gov"
[[allocation]]
recipient = "Gov"
chip = "Warboy"
count = 10
deliveries = { start = "2026-02", months = 2 }
"#;
    assert_eq!(
        error(text),
        r#"test.toml:9:8: chip `Warboy` has no power figure: add a [[chip]] named `Warboy` with `tdp_w` or `it_kw`
  |
9 | chip = "Warboy"
  |        ^^^^^^^^"#
    );
}

#[test]
fn steps_out_of_order() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[supply]
cap = [{ from = "2027-01", per_month = 5 }, { from = "2026-06", per_month = 9 }]
"#;
    assert_eq!(
        error(text),
        r#"test.toml:6:54: steps must be in date order: 2026-06 is not after 2027-01
  |
6 | cap = [{ from = "2027-01", per_month = 5 }, { from = "2026-06", per_month = 9 }]
  |                                                      ^^^^^^^^^"#
    );
}

#[test]
fn pflops_without_precision() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[target]]
name = "T"
metric = "pflops"
value = 1
by = "2026-12"
"#;
    assert_eq!(
        error(text),
        r#"test.toml:7:10: a `pflops` target needs `precision` (fp64, fp32, tf32, bf16, fp16, fp8, fp4 or int8)
  |
7 | metric = "pflops"
  |          ^^^^^^^^"#
    );
}

#[test]
fn wrong_type() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[recipient]]
name = "Gov"
[[allocation]]
recipient = "Gov"
chip = "B200"
count = "ten"
deliveries = { start = "2026-02", months = 2 }
"#;
    assert_eq!(
        error(text),
        r#"test.toml:10:9: invalid type: string "ten", expected a whole number
   |
10 | count = "ten"
   |         ^^^^^"#
    );
}

#[test]
fn missing_key() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[recipient]]
name = "Gov"
[[site]]
name = "Hall"
cooling = "air"
phases = []
"#;
    assert_eq!(
        error(text),
        r#"test.toml:7:1: missing key `pue`
  |
7 | [[site]]
  | ^^^^^^^^"#
    );
}

#[test]
fn malformed_toml() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[site]
name = "Hall"
"#;
    assert_eq!(
        error(text),
        r#"test.toml:5:8: unclosed array table, expected `]`
  |
5 | [[site]
  |        ^"#
    );
}

#[test]
fn hangul_unknown_recipient() {
    let text = r#"[scenario]
name = "v"
start = "2026-01"
end = "2026-12"
[[recipient]]
name = "정부"
[[allocation]]
recipient = "정부청"
chip = "B200"
count = 10
deliveries = { start = "2026-02", months = 2 }
"#;
    assert_eq!(
        error(text),
        r#"test.toml:8:13: unknown recipient `정부청` — did you mean `정부`?
  |
8 | recipient = "정부청"
  |             ^^^^^^^^"#
    );
}

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
