//! The earliest each target can be achieved under any relaxation of supply, grid, site power or
//! install rates (`feasibility.csv`'s `earliest_possible`, docs/methods.md: Targets missed) — computed
//! directly, not by simulation.
//!
//! Re-running with every constraint relaxed is a what-if, not a bound: it places each chip in
//! the first open hall in placement order, which may commission more slowly than another, so it
//! can be *later* than the scenario as written. What no relaxation moves is when a chip is
//! requested, when each hall that accepts it first opens (its first phase, delays included —
//! the month from which relaxing its IT power lifts the limit) and how long commissioning takes
//! there. So chip c is online no earlier than
//!
//! ```text
//! min over sites s accepting c of  max(requested(c), opening(s)) + commissioning(s)
//! ```
//!
//! and a target's value at month t is at most its value counting the chips whose earliest month
//! is at or before t.

use serde::Serialize;

use super::targets::{TARGET_TOLERANCE, value_of};
use crate::model::Scenario;
use crate::units::YearMonth;

/// How early a target can possibly be achieved.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Bound {
    /// The first month its value can reach the goal; `None` when no month of the horizon can.
    pub earliest_possible: Option<YearMonth>,
    /// Whether its value can reach the goal by its deadline.
    pub met_possible: bool,
}

/// Each target's [`Bound`], in file order.
pub fn bounds(scenario: &Scenario) -> Vec<Bound> {
    let months = scenario.months;
    // Per allocation, the chips that can be online by each month (cumulative).
    let online: Vec<Vec<u64>> = (0..scenario.allocations.len())
        .map(|a| possible_online(scenario, a))
        .collect();
    scenario
        .targets
        .iter()
        .map(|target| {
            let value = |t: usize| value_of(scenario, target, |a| online[a][t]);
            let goal = target.value - TARGET_TOLERANCE;
            let earliest = (0..months).find(|&t| value(t) >= goal);
            // Validation keeps `by` inside the horizon.
            let deadline = usize::try_from(scenario.index_of(target.by))
                .unwrap_or(0)
                .min(months - 1);
            Bound {
                earliest_possible: earliest.map(|t| scenario.month(t)),
                met_possible: earliest.is_some_and(|t| t <= deadline),
            }
        })
        .collect()
}

/// Allocation `a`'s chips that can be online by each month of the horizon, whatever is
/// relaxed: each requested chip counted from the earliest month any accepting hall could
/// have it online.
fn possible_online(scenario: &Scenario, a: usize) -> Vec<u64> {
    let months = scenario.months;
    let earliest = earliest_online(scenario, a);
    let mut online = vec![0u64; months];
    for &(month, count) in &scenario.allocations[a].requests {
        let Ok(t) = usize::try_from(scenario.index_of(month)) else {
            continue; // validation keeps requests at or after `start`
        };
        if let Some(&Some(e)) = earliest.get(t) {
            online[e] = online[e].saturating_add(count);
        }
    }
    let mut total = 0u64;
    for cell in &mut online {
        total = total.saturating_add(*cell);
        *cell = total;
    }
    online
}

/// For a chip of allocation `a` requested in month t: the earliest month it can be online
/// (`None` past the horizon), for every t of the horizon. In O(months + sites): with the
/// accepting sites bucketed by opening month o and commissioning L,
/// min over s of max(t, o) + L = min(t + min{L : o <= t}, min{o + L : o > t}).
fn earliest_online(scenario: &Scenario, a: usize) -> Vec<Option<usize>> {
    let months = scenario.months;
    let allocation = &scenario.allocations[a];
    let cooling = scenario.chips[allocation.chip].cooling;
    // Shortest commissioning among the accepting sites that open in each month.
    let mut lag_opening = vec![u64::MAX; months];
    for site in &scenario.sites {
        if !site.accepts(allocation.recipient, cooling) {
            continue;
        }
        let Some(first) = site.phases.iter().map(|&(online, _)| online).min() else {
            continue; // no phase: never any IT capacity
        };
        let opening = scenario
            .index_of(first)
            .saturating_add(i64::from(site.delay_months))
            .max(0);
        if let Ok(o) = usize::try_from(opening)
            && o < months
        {
            let lag = u64::from(site.commissioning_months);
            lag_opening[o] = lag_opening[o].min(lag);
        }
    }
    // min{o + L : o > t}, filled from the end.
    let mut later = vec![u64::MAX; months];
    let mut best = u64::MAX;
    for t in (0..months).rev() {
        later[t] = best;
        if lag_opening[t] != u64::MAX {
            best = best.min(t as u64 + lag_opening[t]);
        }
    }
    let mut shortest_open = u64::MAX; // min{L : o <= t}
    (0..months)
        .map(|t| {
            shortest_open = shortest_open.min(lag_opening[t]);
            let now = (t as u64).saturating_add(shortest_open);
            let month = now.min(later[t]);
            usize::try_from(month).ok().filter(|&m| m < months)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn scenario(text: &str) -> Scenario {
        Scenario::from_source(Path::new("bound.toml"), text).unwrap()
    }

    const HEAD: &str = r#"
[scenario]
name = "b"
start = "2030-01"
end = "2030-12"
[[recipient]]
name = "R"
[[allocation]]
recipient = "R"
chip = "B200"
count = 10
deliveries = [ { month = "2030-02", count = 4 }, { month = "2030-05", count = 6 } ]
[[target]]
name = "all"
metric = "chips_online"
value = 10
by = "2030-06"
"#;

    /// An air-cooled hall open to all, with `extra` keys and `phases`.
    fn hall(name: &str, extra: &str, phases: &str) -> String {
        format!(
            "[[site]]\nname = \"{name}\"\npue = 1.2\ncooling = \"air\"\n{extra}\nphases = [ {phases} ]\n"
        )
    }

    #[test]
    fn each_chip_takes_the_hall_that_brings_it_online_soonest() {
        // Hall A opens in March with 3 months of commissioning, hall B in April with none:
        // the February chips are online in April (B), the May chips in May (B).
        let s = scenario(&format!(
            "{HEAD}{}{}",
            hall(
                "A",
                "commissioning_months = 3",
                "{ online = \"2030-03\", it_mw = 0.001 }"
            ),
            hall(
                "B",
                "commissioning_months = 0",
                "{ online = \"2030-04\", it_mw = 0.001 }, { online = \"2030-01\", it_mw = 0 }"
            ),
        ));
        // B's first phase (by date) opens in January, with no room: relaxing its IT power
        // lifts the limit from then, so the bound counts from January.
        let online = possible_online(&s, 0);
        assert_eq!(&online[..6], &[0, 4, 4, 4, 10, 10]);
        assert_eq!(
            bounds(&s),
            vec![Bound {
                earliest_possible: YearMonth::parse("2030-05"),
                met_possible: true
            }]
        );
    }

    #[test]
    fn no_accepting_hall_or_one_opening_too_late_bounds_to_never() {
        let s = scenario(&format!(
            "{HEAD}{}",
            hall(
                "A",
                "delay_months = 6\ncommissioning_months = 1",
                "{ online = \"2030-06\", it_mw = 1 }"
            ),
        ));
        // Opens in 2030-12 (delay included), online a month later: past the horizon.
        assert_eq!(
            bounds(&s),
            vec![Bound {
                earliest_possible: None,
                met_possible: false
            }]
        );
    }
}
