//! Keys named for people rather than for the command line: `site "LG U+ Paju".phases[0].online`
//! reads "LG U+ Paju: phase 1 online", a factor keeps its own name.

use crate::input::format::Table;
use crate::model::Scenario;
use crate::uncertain::Input;
use crate::uncertain::slot::Slot;

/// An uncertain input as a reader would name it.
pub fn input_label(input: &Input, scenario: &Scenario) -> String {
    match (input.factor, input.uses.first()) {
        (false, Some(first)) => slot_label(first.slot, scenario),
        _ => input.key.clone(),
    }
}

/// A key as a reader would name it: the element's name, then the key in words. List entries
/// are named by ordinal ("second grid step"), the same way everywhere — `grid[1]` in a path.
pub fn slot_label(slot: Slot, scenario: &Scenario) -> String {
    let chip = |c: usize| scenario.chips.get(c).map_or("", |c| c.name.as_str());
    let pair = |a: usize| {
        scenario.allocations.get(a).map_or(String::new(), |a| {
            format!(
                "{}/{}",
                scenario.recipients[a.recipient].name, scenario.chips[a.chip].name
            )
        })
    };
    let region = |r: usize| scenario.regions.get(r).map_or("", |r| r.name.as_str());
    let site = |s: usize| scenario.sites.get(s).map_or("", |s| s.name.as_str());
    match slot {
        Slot::Commissioning => "commissioning months".into(),
        Slot::ServerOverhead => "server overhead".into(),
        Slot::TdpW(c) => format!("{}: TDP, W", chip(c)),
        Slot::ItKw(c) => format!("{}: IT kW per chip", chip(c)),
        Slot::Tflops(c, p) => format!("{}: {} TFLOPS", chip(c), p.as_str()),
        Slot::Count(a) => format!("{}: chips", pair(a)),
        Slot::RampStart(a) => format!("{}: first delivery", pair(a)),
        Slot::RampMonths(a) => format!("{}: months of deliveries", pair(a)),
        Slot::DeliveryMonth(a, k) => format!("{}: {} delivery's month", pair(a), ordinal(k)),
        Slot::CapFrom(k) => format!("supply cap, {} step: from", ordinal(k)),
        Slot::CapPerMonth(k) => format!("supply cap, {} step: chips a month", ordinal(k)),
        Slot::GridFrom(r, k) => format!("{}: {} grid step, from", region(r), ordinal(k)),
        Slot::GridMw(r, k) => format!("{}: {} grid step, MW", region(r), ordinal(k)),
        Slot::RegionDelay(r) => format!("{}: grid delay, months", region(r)),
        Slot::Pue(s) => format!("{}: PUE", site(s)),
        Slot::InstallRate(s) => format!("{}: installs a month", site(s)),
        Slot::SiteCommissioning(s) => format!("{}: commissioning months", site(s)),
        Slot::SiteDelay(s) => format!("{}: delay months", site(s)),
        Slot::PhaseOnline(s, k) => format!("{}: {} phase online", site(s), ordinal(k)),
        Slot::PhaseItMw(s, k) => format!("{}: {} phase, IT MW", site(s), ordinal(k)),
        Slot::Declared(..) => {
            let key = slot.key();
            let element = match (key.table, slot) {
                (Table::Chip, Slot::Declared(_, e)) => chip(e).to_string(),
                (Table::Allocation, Slot::Declared(_, e)) => pair(e),
                (Table::Region, Slot::Declared(_, e)) => region(e).to_string(),
                (Table::Site, Slot::Declared(_, e)) => site(e).to_string(),
                (Table::Target, Slot::Declared(_, e)) => scenario
                    .targets
                    .get(e)
                    .map_or(String::new(), |t| t.name.clone()),
                (Table::Economics, _) => "economics".to_string(),
                (Table::ElectricityStep, Slot::Declared(_, k)) => {
                    format!("{} electricity price step", ordinal(k))
                }
                (Table::CarbonStep, Slot::Declared(_, k)) => {
                    format!("{} carbon step", ordinal(k))
                }
                _ => return key.words.to_string(),
            };
            format!("{element}: {}", key.words)
        }
    }
}

/// A key in a sentence, with the dates that tell a list entry apart: "the second grid step of
/// Capital area (from 2028-05)", "the IT power of LG U+ Paju's first phase (online 2027-06)".
/// With `delayed`, a delay the element has is applied too ("from 2028-05, 2029-02 after the
/// 9-month delay"); leave it out where the delay varies from sample to sample.
pub fn slot_words(slot: Slot, scenario: &Scenario, delayed: bool) -> String {
    let step_date = |from: crate::units::YearMonth, delay: i32| {
        if delay == 0 || !delayed {
            format!("from {from}")
        } else if delay > 0 {
            format!(
                "from {from}, {} after the {delay}-month delay",
                from.plus(delay.unsigned_abs() as usize)
            )
        } else {
            let early = delay.unsigned_abs() as usize;
            match crate::units::YearMonth::from_index(i64::from(from.index()) - early as i64) {
                Some(month) => format!("from {from}, {month} with it {early} months early"),
                None => format!("from {from}, {early} months early"),
            }
        }
    };
    match slot {
        Slot::GridMw(r, k) | Slot::GridFrom(r, k) => {
            let Some(region) = scenario.regions.get(r) else {
                return slot_label(slot, scenario);
            };
            let step = region
                .grid_mw
                .as_ref()
                .and_then(|steps| steps.get(k))
                .map(|step| format!(" ({})", step_date(step.from, region.delay_months)))
                .unwrap_or_default();
            let what = if matches!(slot, Slot::GridMw(..)) {
                "the facility power of"
            } else {
                "the start of"
            };
            format!(
                "{what} the {} grid step of {}{step}",
                ordinal(k),
                region.name
            )
        }
        Slot::PhaseItMw(s, k) | Slot::PhaseOnline(s, k) => {
            let Some(site) = scenario.sites.get(s) else {
                return slot_label(slot, scenario);
            };
            let phase = site
                .phases
                .get(k)
                .filter(|_| matches!(slot, Slot::PhaseItMw(..)))
                .map(|&(online, _)| {
                    let date = step_date(online, site.delay_months);
                    format!(" ({})", date.replacen("from", "online", 1))
                })
                .unwrap_or_default();
            let what = if matches!(slot, Slot::PhaseItMw(..)) {
                "the IT power of"
            } else {
                "the online month of"
            };
            format!("{what} {}'s {} phase{phase}", site.name, ordinal(k))
        }
        _ => slot_label(slot, scenario),
    }
}

/// "first", "second", … "tenth", then "11th", "21st", "22nd", "23rd": for list index `k`.
pub fn ordinal(k: usize) -> String {
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    if let Some(word) = WORDS.get(k) {
        return (*word).to_string();
    }
    let n = k + 1;
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// "12 uncertain inputs set to their medians (the mid-value case); …", said when a command
/// runs a scenario with `inputs` uncertain inputs once; `None` without any.
pub fn medians_note(inputs: usize) -> Option<String> {
    (inputs > 0).then(|| super::lang::count(inputs, "note.median", "note.medians"))
}

/// A result file's column as a table heading, in the current language: `p_met` → "Chance
/// met" ("달성 확률"). Columns without a heading of their own read as their words with a
/// capital (`chips_online` → "Chips online").
pub fn column(name: &str) -> std::borrow::Cow<'static, str> {
    let known = super::lang::text(&format!("column.{name}"));
    if !known.is_empty() {
        return known.into();
    }
    let words = name.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => format!("{}{}", first.to_uppercase(), chars.as_str()).into(),
        None => words.into(),
    }
}

/// A code the result files use, in words for a table (`chips_online` → "chips online"); any
/// other text as it is.
pub fn code(text: &str) -> &str {
    match super::lang::text(&format!("code.{text}")) {
        "" => text,
        words => words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_read_as_words_then_numbers() {
        let got: Vec<String> = [0, 1, 9, 10, 11, 12, 20, 21, 22, 110].map(ordinal).to_vec();
        assert_eq!(
            got,
            [
                "first", "second", "tenth", "11th", "12th", "13th", "21st", "22nd", "23rd", "111th"
            ]
        );
    }
}
