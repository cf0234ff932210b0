//! The reference scenarios' headline figures, checked against arithmetic done by hand from the
//! catalog and the scenario files (the README and docs/korea.md quote these numbers).

mod common;

use approx::assert_relative_eq;
use gpuplan::analysis::{Outcome, Report};
use gpuplan::model::Scenario;
use gpuplan::units::Precision;

fn report(name: &str) -> Report {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name);
    let scenario = Scenario::load(&path).unwrap_or_else(|e| panic!("{e}"));
    Outcome::of(scenario.clone()).report
}

fn pflops(report: &Report, precision: Precision) -> f64 {
    report
        .pflops_at_end
        .iter()
        .find(|p| p.precision == precision)
        .map_or(0.0, |p| p.pflops)
}

/// 2,016 V100: 2,016 x 7.8 TF = 15.7248 PF peak fp64; x 0.6 = 9.43488 PF sustained;
/// 2,016 x 0.4375 kW = 882 kW IT; x PUE 1.2 = 1,058.4 kW facility.
#[test]
fn taiwania_2_backtest_figures() {
    let r = report("taiwan-nchc-2018.toml");
    assert_relative_eq!(pflops(&r, Precision::Fp64), 15.7248, epsilon = 1e-9);
    assert_relative_eq!(r.at_end.it_mw.0, 0.882, epsilon = 1e-9);
    assert_relative_eq!(r.peak_facility_mw.0, 1.0584, epsilon = 1e-9);
    let [four, ten_sustained, ten_peak] = &r.targets[..] else {
        panic!("three targets")
    };
    assert!(four.met && !ten_sustained.met && ten_peak.met);
    assert_relative_eq!(ten_sustained.value_at_deadline, 9.43488, epsilon = 1e-9);
}

/// All 260,000 delivered and online by 2032-12. IT: 120,080 B200 x 1.7875 kW (214,643) + 3,056
/// H200 x 1.275 (3,896.4) + 9,704 B300 x 1.25 kW TDP x 1.82 (22,076.6) + 8,500 GH200 x 1.2
/// (10,200) + 18,660 GB300 x 127.5 / 72 (33,043.75) + 100,000 GB200 x 1.75 (175,000) =
/// 458,859.75 kW. bf16: 120,080 x 2.25 + 3,056 x 0.989 + 9,704 x 2.25 + 8,500 x 0.989 + 18,660
/// x 2.5 + 100,000 x 2.5 = 600,092.884 PF.
#[test]
fn korea_260k_end_state() {
    let r = report("korea-260k.toml");
    assert_eq!(r.at_end.online, 260_000);
    assert_relative_eq!(r.at_end.it_mw.0, 458.859_75, epsilon = 1e-6);
    assert_relative_eq!(pflops(&r, Precision::Bf16), 600_092.884, epsilon = 1e-6);
    assert_eq!(
        r.recipients.iter().map(|x| x.allocated).collect::<Vec<_>>(),
        [50_000, 50_000, 50_000, 50_000, 60_000]
    );
}

/// Public farm: 50 x 100 + 60 x 128 + 120 x 64 TOPS = 20.36 POPS int8; private: 80 x 128 + 160 x 64 = 20.48.
#[test]
fn k_cloud_int8_figures() {
    let r = report("k-cloud-phase1.toml");
    assert_relative_eq!(r.targets[0].value_at_deadline, 20.36, epsilon = 1e-9);
    assert_relative_eq!(r.targets[1].value_at_deadline, 20.48, epsilon = 1e-9);
    assert!(r.targets.iter().all(|t| t.met));
}
