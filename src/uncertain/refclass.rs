//! Reference classes: how late comparable projects ran against their plans (the "outside
//! view"), shipped with the tool in one data file (`reference_classes.toml`, with its sources)
//! and listed by `gpuplan refclass`. A delay key or a factor may say `{ reference = "NAME" }`
//! to draw its months of delay from a class's slips, or `{ reference = "NAME", lead_months = N }`
//! to draw the class's slips relative to each plan's lead, times N (docs/reliability.md: How good is the
//! outside view?).
//!
//! The file is read once; it is checked when it loads (slip = actual − planned and lead =
//! planned − stated wherever the months are given, every class named exists), and a test
//! loads it, so a broken dataset fails the build's tests, not a user's run.

use std::sync::OnceLock;

use serde::Deserialize;

use crate::units::YearMonth;

/// The shipped dataset, as written.
const SHIPPED: &str = include_str!("reference_classes.toml");

/// One plan of one project against its outcome.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// The project and, where a project has several plans, which plan.
    pub name: String,
    /// Cases of one project share it; the name when absent.
    #[serde(default)]
    pub project: Option<String>,
    /// What was built.
    pub kind: String,
    /// The classes it belongs to (not the unions that include them).
    pub classes: Vec<String>,
    /// The plan in its own words.
    pub plan: String,
    /// The month the plan was stated.
    #[serde(default)]
    pub stated: Option<String>,
    /// The month the plan gave.
    #[serde(default)]
    pub planned: Option<String>,
    /// The month the event happened (a forecast where provisional).
    #[serde(default)]
    pub actual: Option<String>,
    /// What `actual` denotes.
    pub event: String,
    /// Months late (negative: early).
    pub slip: i32,
    /// Months from the statement to the planned month, where both are known.
    #[serde(default)]
    pub lead: Option<i32>,
    /// Where plan and outcome were reported.
    pub source: String,
    /// H, M or L (plan / actual where they differ).
    pub confidence: String,
    /// Whether the outcome is still a forecast.
    #[serde(default)]
    pub provisional: bool,
    /// Readings and assumptions.
    #[serde(default)]
    pub note: Option<String>,
}

impl Case {
    /// The project it belongs to: cases of one project are left out together in a backtest.
    pub fn project(&self) -> &str {
        self.project.as_deref().unwrap_or(&self.name)
    }

    /// Its slip relative to its lead (slip / lead), where the lead is above 0.
    pub fn relative_slip(&self) -> Option<f64> {
        self.lead
            .filter(|&lead| lead > 0)
            .map(|lead| f64::from(self.slip) / f64::from(lead))
    }
}

/// A named set of cases.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Class {
    /// Its name, as a scenario writes it.
    pub name: String,
    /// What it holds.
    pub description: String,
    /// What to know before using it.
    #[serde(default)]
    pub note: Option<String>,
    /// For a class made of others: every case of these.
    #[serde(default)]
    pub union: Vec<String>,
}

/// The whole dataset.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    /// The classes, in the order `gpuplan refclass` lists them.
    #[serde(rename = "class")]
    pub classes: Vec<Class>,
    /// The cases, in the order listed.
    #[serde(rename = "case")]
    pub cases: Vec<Case>,
}

/// What is wrong with a reference-class dataset: every problem found, in words.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", .problems.join("; "))]
pub struct DatasetError {
    /// Each problem.
    pub problems: Vec<String>,
}

impl Dataset {
    /// Reads and checks a dataset; `Err` with every problem found.
    pub fn parse(text: &str) -> Result<Dataset, DatasetError> {
        let dataset: Dataset = toml::from_str(text).map_err(|e| DatasetError {
            problems: vec![e.to_string()],
        })?;
        let problems = dataset.problems();
        if problems.is_empty() {
            Ok(dataset)
        } else {
            Err(DatasetError { problems })
        }
    }

    /// What is wrong with it: months that do not parse, slips or leads that disagree with
    /// their months, classes nobody declared, names used twice.
    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let month = |problems: &mut Vec<String>, case: &Case, key: &str, text: &Option<String>| {
            let text = text.as_deref()?;
            let month = YearMonth::parse(text);
            if month.is_none() {
                problems.push(format!("{}: `{key}` `{text}` is not YYYY-MM", case.name));
            }
            month
        };
        for (k, case) in self.cases.iter().enumerate() {
            let stated = month(&mut problems, case, "stated", &case.stated);
            let planned = month(&mut problems, case, "planned", &case.planned);
            let actual = month(&mut problems, case, "actual", &case.actual);
            if let (Some(planned), Some(actual)) = (planned, actual)
                && actual.months_since(planned) != i64::from(case.slip)
            {
                problems.push(format!(
                    "{}: slip {} but actual − planned is {}",
                    case.name,
                    case.slip,
                    actual.months_since(planned)
                ));
            }
            match (stated, planned, case.lead) {
                (Some(stated), Some(planned), Some(lead))
                    if planned.months_since(stated) != i64::from(lead) =>
                {
                    problems.push(format!(
                        "{}: lead {lead} but planned − stated is {}",
                        case.name,
                        planned.months_since(stated)
                    ));
                }
                (Some(_), Some(_), None) => {
                    problems.push(format!("{}: stated and planned but no lead", case.name));
                }
                (None, _, Some(_)) | (_, None, Some(_)) => problems.push(format!(
                    "{}: a lead needs the months stated and planned",
                    case.name
                )),
                _ => {}
            }
            if case.lead.is_some_and(|lead| lead < 0) {
                problems.push(format!("{}: a plan is stated before its date", case.name));
            }
            if self.cases[..k].iter().any(|c| c.name == case.name) {
                problems.push(format!("{}: named twice", case.name));
            }
            if case.classes.is_empty() {
                problems.push(format!("{}: in no class", case.name));
            }
            for name in &case.classes {
                match self.classes.iter().find(|c| &c.name == name) {
                    None => problems.push(format!("{}: no class `{name}`", case.name)),
                    Some(class) if !class.union.is_empty() => problems.push(format!(
                        "{}: `{name}` is a union of classes; name its parts",
                        case.name
                    )),
                    Some(_) => {}
                }
            }
        }
        problems.extend(self.class_problems());
        problems
    }

    /// What is wrong with the classes: names declared twice, unions of what is not a class
    /// of cases, classes with no case.
    fn class_problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        for (k, class) in self.classes.iter().enumerate() {
            if self.classes[..k].iter().any(|c| c.name == class.name) {
                problems.push(format!("class `{}` declared twice", class.name));
            }
            for part in &class.union {
                if !self
                    .classes
                    .iter()
                    .any(|c| &c.name == part && c.union.is_empty())
                {
                    problems.push(format!(
                        "class `{}`: `{part}` is not a class of cases",
                        class.name
                    ));
                }
            }
            if self.cases_of(&class.name).is_empty() {
                problems.push(format!("class `{}` has no cases", class.name));
            }
        }
        problems
    }

    /// The class named `name`.
    pub fn class(&self, name: &str) -> Option<&Class> {
        self.classes.iter().find(|c| c.name == name)
    }

    /// The cases of class `name` (a union's: every case of its parts), in the order listed.
    pub fn cases_of(&self, name: &str) -> Vec<&Case> {
        let Some(class) = self.class(name) else {
            return Vec::new();
        };
        let belongs = |case: &Case| {
            case.classes
                .iter()
                .any(|c| c == name || class.union.contains(c))
        };
        self.cases.iter().filter(|c| belongs(c)).collect()
    }
}

/// The dataset shipped with the tool.
///
/// # Panics
///
/// Never for a build whose tests pass: the shipped file is part of the source, and a test
/// reads it.
pub fn shipped() -> &'static Dataset {
    static DATASET: OnceLock<Dataset> = OnceLock::new();
    DATASET.get_or_init(|| match Dataset::parse(SHIPPED) {
        Ok(dataset) => dataset,
        // The file is part of the source and checked by a test: this cannot be reached by
        // anything a user writes.
        Err(error) => panic!("the shipped reference classes are broken: {error}"),
    })
}

/// The shipped class named `name`.
pub fn class(name: &str) -> Option<&'static Class> {
    shipped().class(name)
}

/// The shipped cases of class `name`, in the order listed.
pub fn cases(name: &str) -> Vec<&'static Case> {
    shipped().cases_of(name)
}

/// The slips of shipped class `name` (months).
pub fn slips(name: &str) -> Vec<f64> {
    cases(name).iter().map(|c| f64::from(c.slip)).collect()
}

/// The slips relative to their leads of shipped class `name`, for the cases with a lead above 0.
pub fn relative_slips(name: &str) -> Vec<f64> {
    cases(name)
        .iter()
        .filter_map(|c| c.relative_slip())
        .collect()
}

/// The classes' names, for messages.
pub fn names() -> String {
    shipped()
        .classes
        .iter()
        .map(|c| format!("`{}`", c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_dataset_loads_and_agrees_with_its_months() {
        let dataset = Dataset::parse(SHIPPED).unwrap_or_else(|p| panic!("{p:#?}"));
        assert!(dataset.cases.len() >= 30);
        // Every case of a class of cases is in `all`, except the queue waits.
        let all = dataset.cases_of("all");
        for case in &dataset.cases {
            let waits = case.classes == ["grid-queue"];
            assert_eq!(
                all.iter().any(|c| c.name == case.name),
                !waits,
                "{}",
                case.name
            );
        }
    }

    #[test]
    fn a_slip_or_lead_that_disagrees_with_its_months_is_refused() {
        let bad_slip = SHIPPED.replacen("slip = 9\n", "slip = 8\n", 1);
        let problems = Dataset::parse(&bad_slip).unwrap_err().problems;
        assert_eq!(
            problems,
            ["Frontier (ORNL, US): slip 8 but actual − planned is 9"]
        );
        let bad_lead = SHIPPED.replacen("lead = 7\n", "lead = 6\n", 1);
        let problems = Dataset::parse(&bad_lead).unwrap_err().problems;
        assert_eq!(
            problems,
            ["Frontier (ORNL, US): lead 6 but planned − stated is 7"]
        );
        let bad_class = SHIPPED.replacen(
            "classes = [\"national-ai-compute\"]",
            "classes = [\"national\"]",
            1,
        );
        let problems = Dataset::parse(&bad_class).unwrap_err().problems;
        assert_eq!(problems, ["Frontier (ORNL, US): no class `national`"]);
    }

    #[test]
    fn relative_slips_leave_out_cases_without_a_lead() {
        let national = cases("national-ai-compute");
        let relative = relative_slips("national-ai-compute");
        // Perlmutter's lead is 0: it has no relative slip.
        assert_eq!(relative.len(), national.len() - 1);
        let frontier = national
            .iter()
            .find(|c| c.name.starts_with("Frontier"))
            .unwrap();
        assert_eq!(frontier.relative_slip(), Some(9.0 / 7.0));
    }
}
