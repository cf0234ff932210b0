//! Loading a scenario, in one place above the stages it runs: the file and what it extends
//! are read ([`crate::input`]), uncertain values are resolved to their medians
//! ([`crate::uncertain`]) and the result validated ([`crate::model`]); every problem of all
//! three is reported together, in file order.

use std::path::Path;

use crate::error::{Diagnostic, ScenarioError};
use crate::model::{Scenario, validate};
use crate::uncertain::Uncertainty;
use crate::uncertain::paths::Variables;

/// A valid scenario — its mid-value case, each uncertain input at its median — its uncertain
/// inputs, and what is allowed in it but probably not meant.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The scenario, uncertain inputs at their medians.
    pub scenario: Scenario,
    /// The uncertain inputs (none for a scenario of plain values).
    pub uncertainty: Uncertainty,
    /// Warnings, in file order, each at the element it concerns.
    pub warnings: Vec<Diagnostic>,
    /// The files it was read from (for the run record).
    pub sources: crate::input::source::SourceMap,
    /// Every key `seek` and `sweep` can vary, by path.
    pub variables: Variables,
}

impl Checked {
    /// Reads and validates a scenario file, keeping its warnings.
    pub fn load(path: &Path) -> Result<Checked, ScenarioError> {
        Self::from_loaded(&crate::input::load(path)?)
    }

    /// Validates scenario text; `file` only names the source in errors (and anchors `extends`).
    pub fn from_source(file: &Path, source: &str) -> Result<Checked, ScenarioError> {
        Self::from_loaded(&crate::input::load_text(file, source.to_string())?)
    }

    /// Validates a loaded (and merged) document, reporting every problem of loading, reading
    /// and validation together, in file order.
    pub fn from_loaded(loaded: &crate::input::Loaded) -> Result<Checked, ScenarioError> {
        let (mut raw, mut problems) = loaded.raw();
        problems.splice(0..0, loaded.problems.iter().cloned());
        let resolved = crate::uncertain::resolve(&mut raw, &loaded.sources);
        problems.extend(resolved.problems);
        let mut variables = Variables::of_file(&mut raw);
        let (scenario, mut warnings) =
            match validate::validate(&loaded.sources, raw, problems, &loaded.removed) {
                Ok(valid) => valid,
                // A misspelt name is said first at its element, before the keys it lacks.
                Err(error) => {
                    let mut diagnostics: Vec<Diagnostic> = loaded
                        .near_misses
                        .iter()
                        .map(|near| near.at_element.clone())
                        .collect();
                    diagnostics.extend(error.diagnostics);
                    return Err(loaded.sources.error(diagnostics));
                }
            };
        variables.add_chips(scenario.chips.iter().map(|c| (c.name.as_str(), &c.tflops)));
        // A misspelt name first: the other warnings often follow from it.
        warnings.splice(
            0..0,
            loaded.near_misses.iter().map(|near| near.at_name.clone()),
        );
        warnings.extend(loaded.warnings.iter().cloned());
        warnings.extend(resolved.warnings);
        Ok(Checked {
            scenario,
            uncertainty: resolved.uncertainty,
            warnings: loaded.sources.error(warnings).diagnostics,
            sources: loaded.sources.clone(),
            variables,
        })
    }
}

impl Scenario {
    /// Reads and validates a scenario file.
    pub fn load(path: &Path) -> Result<Scenario, ScenarioError> {
        Self::from_loaded(&crate::input::load(path)?)
    }

    /// Validates scenario text; `file` only names the source in errors.
    /// (`extends` paths resolve relative to `file`.)
    pub fn from_source(file: &Path, source: &str) -> Result<Scenario, ScenarioError> {
        Self::from_loaded(&crate::input::load_text(file, source.to_string())?)
    }

    /// Validates a loaded (and merged) document.
    pub fn from_loaded(loaded: &crate::input::Loaded) -> Result<Scenario, ScenarioError> {
        Ok(Checked::from_loaded(loaded)?.scenario)
    }
}
