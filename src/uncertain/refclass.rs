//! Reference classes: how late comparable projects ran against their plans (Flyvbjerg's
//! "outside view"), shipped with the tool and listed by `gpuplan refclass`. A delay key or a
//! factor may say `{ reference = "NAME" }` to draw its months of delay from a class's cases
//! (the empirical distribution, linear between the sorted cases).
//!
//! Each case states its plan, its outcome and where both were reported. "Provisional" means the
//! outcome is still a forecast (the slip so far, at least).

/// One project's plan against its outcome.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Case {
    /// The project.
    pub project: &'static str,
    /// What was planned, and when the plan was made.
    pub planned: &'static str,
    /// What happened.
    pub actual: &'static str,
    /// Months late (negative: early).
    pub slip: f64,
    /// Whether the outcome is still a forecast.
    pub provisional: bool,
    /// Where plan and outcome were reported.
    pub source: &'static str,
    /// The classes it belongs to.
    pub classes: &'static [&'static str],
}

/// A named set of cases.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Class {
    /// Its name, as a scenario writes it.
    pub name: &'static str,
    /// What it holds.
    pub description: &'static str,
}

/// The classes, in the order `gpuplan refclass` lists them.
pub const CLASSES: [Class; 4] = [
    Class {
        name: "national-ai-compute",
        description: "national AI-compute systems and GPU programmes: from the plan's service date to service",
    },
    Class {
        name: "ai-datacenter",
        description: "AI data-centre buildings: from the planned to the actual opening",
    },
    Class {
        name: "grid-connection",
        description: "grid connections of large data centres: from completion to full power",
    },
    Class {
        name: "all",
        description: "every case above",
    },
];

/// Every case (slips in months; negative = early).
pub const CASES: [Case; 9] = [
    Case {
        project: "Korea government GPU batch 1 (13,136 GPUs)",
        planned: "service from Oct 2025 (plan of 2025-05-14)",
        actual: "first allocation to users Mar 2026",
        slip: 5.0,
        provisional: false,
        source: "MSIT release; Newsis 2026-03-03",
        classes: &["national-ai-compute", "all"],
    },
    Case {
        project: "Gwangju National AI Data Center (88.5 PF)",
        planned: "service Jul 2023 (plan of 2022-04)",
        actual: "official operation Oct 2023",
        slip: 3.0,
        provisional: false,
        source: "Asiae 2022-04-12; Money Today 2024-03",
        classes: &["national-ai-compute", "ai-datacenter", "all"],
    },
    Case {
        project: "Naver Gak Sejong",
        planned: "completion end-2022 (plan of 2021-04)",
        actual: "opened Nov 2023",
        slip: 11.0,
        provisional: false,
        source: "Asiae 2021-04-22; EBN",
        classes: &["ai-datacenter", "all"],
    },
    Case {
        project: "K-Cloud private NPU farm (19.95 PF)",
        planned: "by 2025",
        actual: "completed about Nov 2025",
        slip: 0.0,
        provisional: false,
        source: "The-Tech 2025-11-20",
        classes: &["national-ai-compute", "all"],
    },
    Case {
        project: "IndiaAI compute (10,000 GPUs in 18-24 months, Mar 2024)",
        planned: "by Sep 2025 to Mar 2026",
        actual: "about 17,300 GPUs installed by Jun 2025",
        slip: -9.0,
        provisional: false,
        source: "Devdiscourse; ElectronicsForYou",
        classes: &["national-ai-compute", "all"],
    },
    Case {
        project: "LG U+ Paju first building (50 MW)",
        planned: "early 2027 (plan of 2024)",
        actual: "June 2027",
        slip: 4.0,
        provisional: true,
        source: "Kyeonggi Ilbo 2024-05; ChosunBiz 2026-06-07",
        classes: &["ai-datacenter", "all"],
    },
    Case {
        project: "National AI Computing Center (Haenam)",
        planned: "open 2027 (plan of 2025-02)",
        actual: "completion 2028; 12 months or more",
        slip: 12.0,
        provisional: true,
        source: "Kyunghyang 2025-02-17; Asiae 2026-03-10",
        classes: &["national-ai-compute", "ai-datacenter", "all"],
    },
    Case {
        project: "KISTI Supercomputer No. 6",
        planned: "service end-2024 (plan of 2023)",
        actual: "Jul 2026",
        slip: 19.0,
        provisional: true,
        source: "Hankyung 2023-08-18; NewsPub 2026-01-12",
        classes: &["national-ai-compute", "all"],
    },
    Case {
        project: "LG U+ Pyeongchon 2 (90 MW)",
        planned: "fully energized on completion, 2023",
        actual: "half energized for 10 months after failing the grid-impact assessment",
        slip: 10.0,
        provisional: false,
        source: "Korean press reports, 2024 (outlet not recorded)",
        classes: &["grid-connection", "all"],
    },
];

/// The class named `name`.
pub fn class(name: &str) -> Option<&'static Class> {
    CLASSES.iter().find(|c| c.name == name)
}

/// The cases of class `name`, in the order listed.
pub fn cases(name: &str) -> Vec<&'static Case> {
    CASES.iter().filter(|c| c.classes.contains(&name)).collect()
}

/// The slips of class `name` (months).
pub fn slips(name: &str) -> Vec<f64> {
    cases(name).iter().map(|c| c.slip).collect()
}

/// The classes' names, for messages.
pub fn names() -> String {
    CLASSES
        .iter()
        .map(|c| format!("`{}`", c.name))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_case_belongs_to_a_known_class_and_to_all() {
        for case in CASES {
            assert!(case.classes.contains(&"all"), "{}", case.project);
            for name in case.classes {
                assert!(class(name).is_some(), "{name}");
            }
        }
        assert_eq!(cases("all").len(), CASES.len());
        assert_eq!(
            slips("national-ai-compute"),
            [5.0, 3.0, 0.0, -9.0, 12.0, 19.0]
        );
    }
}
