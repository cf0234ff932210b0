//! A number kept among its element's declared numbers (`Stored::Number`, docs/development.md: Layout) is
//! read, drawn, varied and checked from its declaration alone. `target.efficiency` is one:
//! these tests hold it to hand arithmetic through every path a key takes.

mod common;

use std::path::Path;

use gpuplan::analysis::Outcome;
use gpuplan::input::format::{KEYS, Stored, TARGET_EFFICIENCY};
use gpuplan::load::Checked;

/// Ten chips of 1,000 bf16 TFLOPS each (1 PF a chip), all online by 2026-06, and a bf16
/// target whose efficiency is `efficiency` as written.
fn scenario(efficiency: &str) -> String {
    format!(
        "[scenario]\nname = \"t\"\nstart = \"2026-01\"\nend = \"2026-12\"\n\
         [[chip]]\nname = \"X\"\ntdp_w = 1000\ncooling = \"air\"\ntflops = {{ bf16 = 1000 }}\n\
         [[recipient]]\nname = \"A\"\n\
         [[allocation]]\nrecipient = \"A\"\nchip = \"X\"\ncount = 10\ndeliveries = {{ start = \"2026-01\", months = 1 }}\n\
         [[site]]\nname = \"S\"\npue = 1.2\ncooling = \"air\"\nphases = [{{ online = \"2026-01\", it_mw = 100 }}]\n\
         [[target]]\nname = \"PF\"\nmetric = \"pflops\"\nprecision = \"bf16\"\nvalue = 1\nby = \"2026-06\"\n{efficiency}\n"
    )
}

fn checked(text: &str) -> Checked {
    Checked::from_source(Path::new("test.toml"), text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn efficiency_is_a_declared_number() {
    assert_eq!(TARGET_EFFICIENCY.stored, Stored::Number(0));
    assert!(KEYS.contains(&TARGET_EFFICIENCY));
}

/// Absent: its default 1, so 10 chips × 1 PF = 10 PF. Written 0.4: 4 PF.
#[test]
fn its_value_or_default_reaches_the_figures() {
    for (written, pflops) in [("", 10.0), ("efficiency = 0.4", 4.0)] {
        let outcome = Outcome::of(checked(&scenario(written)).scenario);
        let target = &outcome.report.targets[0];
        assert!(
            (target.value_at_deadline - pflops).abs() < 1e-9,
            "{written}: {}",
            target.value_at_deadline
        );
    }
}

/// A uniform range 0.5 to 0.9: the mid-value case takes its median 0.7 (7 PF); Monte Carlo
/// draws it on its declared domain (0, 1]; `seek` and `sweep` find it by path.
#[test]
fn a_range_is_drawn_and_varied_like_any_key() {
    let c = checked(&scenario("efficiency = { min = 0.5, max = 0.9 }"));
    let outcome = Outcome::of(c.scenario.clone());
    assert!((outcome.report.targets[0].value_at_deadline - 7.0).abs() < 1e-9);
    let input = &c.uncertainty.inputs[0];
    assert_eq!(input.key, "target \"PF\".efficiency");
    assert_eq!(input.describe, "uniform 0.5 to 0.9");
    let variable = c.variables.find("target \"PF\".efficiency").unwrap();
    assert!(variable.domain.lo_open && variable.domain.lo == 0.0 && variable.domain.hi == 1.0);
    assert_eq!(variable.parse("0.25"), Ok(0.25));
    assert!(variable.parse("1.5").is_err(), "beyond its declared range");
    assert_eq!(variable.slot.unit(), "");
}

/// Out of its declared range: said at the value, with what it means and allows.
#[test]
fn a_value_out_of_range_is_refused_at_its_place() {
    let error = common::error(&scenario("efficiency = 1.5"));
    assert!(
        error.contains(
            "`efficiency` is sustained over peak throughput: greater than 0 and at most 1 (got 1.5)"
        ),
        "{error}"
    );
    assert!(error.contains("test.toml:28:14"), "{error}");
}
