//! Golden files: every output of every scenario in `scenarios/`, byte for byte. The numbers
//! themselves are checked by hand elsewhere (`hand_computed.rs`, reference.rs); these catch any
//! unintended change. Regenerate with `bash tests/golden/regenerate.sh` and review the diff.

use std::fs;
use std::path::Path;

use gpuplan::analysis::Outcome;
use gpuplan::export;
use gpuplan::model::Scenario;

#[test]
fn outputs_match_the_golden_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    let mut paths: Vec<_> = fs::read_dir(root.join("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let dir = root.join("tests/golden").join(&stem);
        assert!(
            dir.is_dir(),
            "no golden files for scenarios/{stem}.toml: add it to tests/golden/regenerate.sh"
        );
        let scenario = Scenario::load(path).unwrap_or_else(|e| panic!("{e}"));
        for (name, text) in export::run_files(&Outcome::of(scenario)) {
            let golden = fs::read_to_string(dir.join(name)).unwrap_or_default();
            assert!(
                golden == text,
                "tests/golden/{stem}/{name} differs: run tests/golden/regenerate.sh and review the diff"
            );
            checked += 1;
        }
    }
    assert_eq!(
        checked,
        9 * 10 + 8 + 3 * 6,
        "nine files for each of the ten scenarios, observed.csv for the six Korea ones and the two Gwangju ones, and energy.csv, capex.csv and economics.csv for the six Korea ones (their [economics])"
    );
}
