//! One error-message snapshot per validation rule of SPEC §2: the exact text a user sees,
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
    r#"test.toml:9:1: unknown key `pue_` — did you mean `pue`? (expected one of: name, region, recipients, pue, cooling, install_per_month, commissioning_months, delay_months, phases)
  |
9 | pue_ = 1.2
  | ^^^^"#
);

rejects!(
    unknown_table,
    format!("{META}[[sites]]\nname = \"Hall\"\n"),
    r#"test.toml:5:3: unknown key `sites` — did you mean `site`? (expected one of: scenario, chip, recipient, allocation, supply, region, site, target)
  |
5 | [[sites]]
  |   ^^^^^"#
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
    r#"test.toml:10:9: `count` must not be negative (got -10)
   |
10 | count = -10
   |         ^^^"#
);

rejects!(
    non_finite_number,
    format!("{META}{R}{}", S.replace("pue = 1.2", "pue = nan")),
    r#"test.toml:9:7: `pue` must be a finite number (got NaN)
  |
9 | pue = nan
  |       ^^^"#
);

rejects!(
    pue_below_one,
    format!("{META}{R}{}", S.replace("pue = 1.2", "pue = 0.9")),
    r#"test.toml:9:7: `pue` must be at least 1 (got 0.9)
  |
9 | pue = 0.9
  |       ^^^"#
);

rejects!(
    it_kw_not_positive,
    format!("{META}[[chip]]\nname = \"B200\"\nit_kw = 0\n"),
    r#"test.toml:7:9: `it_kw` must be greater than 0 (got 0)
  |
7 | it_kw = 0
  |         ^"#
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
    r#"test.toml:10:9: invalid type: string "ten", expected a whole number
   |
10 | count = "ten"
   |         ^^^^^"#
);

rejects!(
    missing_key,
    format!("{META}{R}[[site]]\nname = \"Hall\"\ncooling = \"air\"\nphases = []\n"),
    r#"test.toml:7:1: missing key `pue`
  |
7 | [[site]]
  | ^^^^^^^^"#
);

rejects!(
    malformed_toml,
    format!("{META}[[site]\nname = \"Hall\"\n"),
    r#"test.toml:5:8: unclosed array table, expected `]`
  |
5 | [[site]
  |        ^"#
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
