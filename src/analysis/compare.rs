//! Side-by-side comparison of what-if cases (SPEC §4 `compare`): the same questions asked of each
//! case, with the first as the baseline and signed differences from it.

use crate::analysis::Report;
use crate::units::{Metric, Precision, YearMonth};

/// One measured answer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    /// A month, or never.
    Month(Option<YearMonth>),
    /// A count of chips or chip-months.
    Count(u64),
    /// MW or PFLOPS.
    Number(f64),
    /// Met or missed.
    Flag(bool),
    /// The case has no such subject (e.g. a target it does not define).
    Missing,
}

impl Cell {
    /// The value as written in `compare.csv`: months `YYYY-MM` (empty for never), counts as
    /// integers, numbers with six decimals, flags `true`/`false`, missing as empty.
    pub fn csv(self) -> String {
        match self {
            Cell::Month(m) => m.map(|m| m.to_string()).unwrap_or_default(),
            Cell::Count(n) => n.to_string(),
            Cell::Number(x) => crate::export::format::decimal(x),
            Cell::Flag(b) => b.to_string(),
            Cell::Missing => String::new(),
        }
    }

    /// The signed difference from `baseline`, for people: "+3 mo", "-1,200", "+12.5", "met → missed".
    pub fn difference(self, baseline: Cell) -> Option<String> {
        use crate::export::format::{quantity, thousands};
        let signed = |x: f64, text: String| {
            if x > 0.0 {
                format!("+{text}")
            } else if x < 0.0 {
                format!("-{text}")
            } else {
                "±0".into()
            }
        };
        match (baseline, self) {
            (Cell::Month(Some(a)), Cell::Month(Some(b))) => {
                let months = b.months_since(a);
                Some(if months == 0 {
                    "±0".into()
                } else {
                    format!("{months:+} mo")
                })
            }
            (Cell::Month(Some(_)), Cell::Month(None)) => Some("never".into()),
            (Cell::Month(None), Cell::Month(Some(_))) => Some("newly reached".into()),
            (Cell::Count(a), Cell::Count(b)) => {
                Some(signed(b as f64 - a as f64, thousands(a.abs_diff(b))))
            }
            (Cell::Number(a), Cell::Number(b)) => Some(signed(b - a, quantity((b - a).abs(), 2))),
            (Cell::Flag(a), Cell::Flag(b)) if a != b => {
                Some(format!("{} → {}", verdict(a), verdict(b)))
            }
            _ => None,
        }
    }

    /// The value for people.
    pub fn display(self) -> String {
        use crate::export::format::{quantity, thousands};
        match self {
            Cell::Month(m) => m.map_or("never".into(), |m| m.to_string()),
            Cell::Count(n) => thousands(n),
            Cell::Number(x) => quantity(x, 2),
            Cell::Flag(b) => verdict(b).into(),
            Cell::Missing => "—".into(),
        }
    }
}

fn verdict(met: bool) -> &'static str {
    if met { "met" } else { "missed" }
}

/// One question asked of every case.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// A target, a recipient, or "all".
    pub subject: String,
    /// What is measured (e.g. `online_50pct`, `achieved`, `peak_facility_mw`).
    pub metric: String,
    /// One cell per case, in case order.
    pub cells: Vec<Cell>,
}

/// The comparison table of `reports` (the first is the baseline).
pub fn rows(reports: &[&Report]) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut push = |subject: &str, metric: &str, cell: &dyn Fn(&Report) -> Cell| {
        rows.push(Row {
            subject: subject.to_string(),
            metric: metric.to_string(),
            cells: reports.iter().map(|r| cell(r)).collect(),
        });
    };
    for target in union(reports, |r| {
        r.targets.iter().map(|t| t.name.clone()).collect()
    }) {
        let find = |r: &Report| r.targets.iter().find(|t| t.name == target).cloned();
        push(&target, "achieved", &|r| {
            find(r).map_or(Cell::Missing, |t| Cell::Month(t.achieved))
        });
        push(&target, "met", &|r| {
            find(r).map_or(Cell::Missing, |t| Cell::Flag(t.met))
        });
        push(&target, "value_at_deadline", &|r| {
            find(r).map_or(Cell::Missing, |t| match t.metric {
                Metric::ChipsOnline => Cell::Count(t.value_at_deadline.round() as u64),
                Metric::Pflops => Cell::Number(t.value_at_deadline),
            })
        });
    }
    for recipient in union(reports, |r| {
        r.recipients.iter().map(|x| x.name.clone()).collect()
    }) {
        let find = |r: &Report| r.recipients.iter().find(|x| x.name == recipient).cloned();
        push(&recipient, "online_50pct", &|r| {
            find(r).map_or(Cell::Missing, |x| Cell::Month(x.online_50pct))
        });
        push(&recipient, "online_90pct", &|r| {
            find(r).map_or(Cell::Missing, |x| Cell::Month(x.online_90pct))
        });
        push(&recipient, "online_100pct", &|r| {
            find(r).map_or(Cell::Missing, |x| Cell::Month(x.online_100pct))
        });
        push(&recipient, "chip_months_waiting", &|r| {
            find(r).map_or(Cell::Missing, |x| Cell::Count(x.chip_months_waiting))
        });
    }
    push("all", "peak_facility_mw", &|r| {
        Cell::Number(r.peak_facility_mw)
    });
    for precision in Precision::ALL {
        if reports
            .iter()
            .any(|r| r.pflops_at_end.iter().any(|p| p.precision == precision))
        {
            let metric = format!("pflops_at_end_{}", precision.as_str());
            push("all", &metric, &|r| {
                Cell::Number(
                    r.pflops_at_end
                        .iter()
                        .find(|p| p.precision == precision)
                        .map_or(0.0, |p| p.pflops),
                )
            });
        }
    }
    rows
}

/// Names across all reports, in order of first appearance.
fn union(reports: &[&Report], names: impl Fn(&Report) -> Vec<String>) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    for report in reports {
        for name in names(report) {
            if !all.contains(&name) {
                all.push(name);
            }
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn differences_are_signed_and_readable() {
        let m = |s: &str| Cell::Month(YearMonth::parse(s));
        assert_eq!(
            m("2030-08").difference(m("2030-04")).as_deref(),
            Some("+4 mo")
        );
        assert_eq!(
            m("2030-01").difference(m("2030-04")).as_deref(),
            Some("-3 mo")
        );
        assert_eq!(
            Cell::Month(None).difference(m("2030-04")).as_deref(),
            Some("never")
        );
        assert_eq!(
            Cell::Count(800).difference(Cell::Count(2000)).as_deref(),
            Some("-1,200")
        );
        assert_eq!(
            Cell::Number(12.5).difference(Cell::Number(10.0)).as_deref(),
            Some("+2.50")
        );
        assert_eq!(
            Cell::Flag(false).difference(Cell::Flag(true)).as_deref(),
            Some("met → missed")
        );
        assert_eq!(Cell::Flag(true).difference(Cell::Flag(true)), None);
        assert_eq!(Cell::Month(None).csv(), "");
    }
}
