//! Keys named for people rather than for the command line: `site "LG U+ Paju".phases[0].online`
//! reads "LG U+ Paju: phase 1 online", a factor keeps its own name.

use crate::input::format::Table;
use crate::lang::{fill, text};
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
    let of = |id: &str, name: &str, value: &str| fill(id, &[(name, value)]);
    let nth = |id: &str, name: &str, value: &str, k: usize| {
        fill(id, &[(name, value), ("ordinal", &ordinal(k))])
    };
    match slot {
        Slot::Commissioning => text("slot.commissioning").into(),
        Slot::ServerOverhead => text("slot.server_overhead").into(),
        Slot::TdpW(c) => of("slot.tdp", "chip", chip(c)),
        Slot::ItKw(c) => of("slot.it_kw", "chip", chip(c)),
        Slot::Tflops(c, p) => fill(
            "slot.tflops",
            &[("chip", chip(c)), ("precision", p.as_str())],
        ),
        Slot::Count(a) => of("slot.count", "pair", &pair(a)),
        Slot::RampStart(a) => of("slot.ramp_start", "pair", &pair(a)),
        Slot::RampMonths(a) => of("slot.ramp_months", "pair", &pair(a)),
        Slot::DeliveryMonth(a, k) => nth("slot.delivery_month", "pair", &pair(a), k),
        Slot::CapFrom(k) => nth("slot.cap_from", "", "", k),
        Slot::CapPerMonth(k) => nth("slot.cap_per_month", "", "", k),
        Slot::GridFrom(r, k) => nth("slot.grid_from", "region", region(r), k),
        Slot::GridMw(r, k) => nth("slot.grid_mw", "region", region(r), k),
        Slot::RegionDelay(r) => of("slot.region_delay", "region", region(r)),
        Slot::Pue(s) => of("slot.pue", "site", site(s)),
        Slot::InstallRate(s) => of("slot.install_rate", "site", site(s)),
        Slot::SiteCommissioning(s) => of("slot.site_commissioning", "site", site(s)),
        Slot::SiteDelay(s) => of("slot.site_delay", "site", site(s)),
        Slot::PhaseOnline(s, k) => nth("slot.phase_online", "site", site(s), k),
        Slot::PhaseItMw(s, k) => nth("slot.phase_it_mw", "site", site(s), k),
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
                (Table::Economics, _) => text("slot.economics").to_string(),
                (Table::ElectricityStep, Slot::Declared(_, k)) => {
                    nth("slot.electricity_step", "", "", k)
                }
                (Table::CarbonStep, Slot::Declared(_, k)) => nth("slot.carbon_step", "", "", k),
                _ => return key_words(key.words).to_string(),
            };
            fill(
                "slot.declared",
                &[("element", &element), ("words", key_words(key.words))],
            )
        }
    }
}

/// A declared key's words (`reads("price per kWh", …)` in the format) in the current
/// language: the catalogue holds each as `words.price_per_kwh`.
pub fn key_words(words: &'static str) -> &'static str {
    match text(&words_id(words)) {
        "" => words,
        known => known,
    }
}

/// `words.` and the words in lower case with every run of other characters one `_`.
fn words_id(words: &str) -> String {
    let mut id = String::from("words.");
    for part in words
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        if !id.ends_with('.') {
            id.push('_');
        }
        id.push_str(&part.to_ascii_lowercase());
    }
    id
}

/// A key in a sentence, with the dates that tell a list entry apart: "the second grid step of
/// Capital area (from 2028-05)", "the IT power of LG U+ Paju's first phase (online 2027-06)".
/// With `delayed`, a delay the element has is applied too ("from 2028-05, 2029-02 after the
/// 9-month delay"); leave it out where the delay varies from sample to sample.
pub fn slot_words(slot: Slot, scenario: &Scenario, delayed: bool) -> String {
    // "from 2028-05" or "online 2027-06", with the delay.
    let when = |start: &str, from: crate::units::YearMonth, delay: i32| {
        let start = fill(start, &[("date", &from.to_string())]);
        let dated = if delay == 0 || !delayed {
            start
        } else if delay > 0 {
            let month = from.plus(delay.unsigned_abs() as usize).to_string();
            let delay = delay.to_string();
            fill(
                "slotw.delayed",
                &[("start", &start), ("month", &month), ("delay", &delay)],
            )
        } else {
            let early = delay.unsigned_abs() as usize;
            let n = early.to_string();
            match crate::units::YearMonth::from_index(i64::from(from.index()) - early as i64) {
                Some(month) => fill(
                    "slotw.early",
                    &[
                        ("start", &start),
                        ("month", &month.to_string()),
                        ("early", &n),
                    ],
                ),
                None => fill("slotw.early_unknown", &[("start", &start), ("early", &n)]),
            }
        };
        fill("slotw.paren", &[("x", &dated)])
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
                .map(|step| when("slotw.from", step.from, region.delay_months))
                .unwrap_or_default();
            let id = if matches!(slot, Slot::GridMw(..)) {
                "slotw.grid_mw"
            } else {
                "slotw.grid_from"
            };
            fill(
                id,
                &[
                    ("ordinal", &ordinal(k)),
                    ("region", &region.name),
                    ("when", &step),
                ],
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
                .map(|&(online, _)| when("slotw.online", online, site.delay_months))
                .unwrap_or_default();
            let id = if matches!(slot, Slot::PhaseItMw(..)) {
                "slotw.phase_it_mw"
            } else {
                "slotw.phase_online"
            };
            fill(
                id,
                &[
                    ("ordinal", &ordinal(k)),
                    ("site", &site.name),
                    ("when", &phase),
                ],
            )
        }
        _ => slot_label(slot, scenario),
    }
}

/// "first", "second", … "tenth", then "11th", "21st", "22nd", "23rd": for list index `k`.
/// In Korean the number alone, which the messages follow with 번째 or 단계.
pub fn ordinal(k: usize) -> String {
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    if crate::lang::current() == crate::lang::Lang::Ko {
        return (k + 1).to_string();
    }
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
    (inputs > 0).then(|| crate::lang::count(inputs, "note.median", "note.medians"))
}

/// A result file's column as a table heading, in the current language: `p_met` → "Chance
/// met" ("달성 확률"). Columns without a heading of their own read as their words with a
/// capital (`chips_online` → "Chips online").
pub fn column(name: &str) -> std::borrow::Cow<'static, str> {
    let known = crate::lang::text(&format!("column.{name}"));
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
    match crate::lang::text(&format!("code.{text}")) {
        "" => text,
        words => words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key that reads as words has them in the catalogues, so a Korean chart never
    /// names a key in English.
    #[test]
    fn every_key_has_its_words_in_the_catalogue() {
        use crate::lang::{Lang, in_lang};
        for key in crate::input::format::KEYS
            .iter()
            .filter(|k| k.is_variable())
        {
            let id = words_id(key.words);
            assert_eq!(in_lang(Lang::En, &id), key.words, "{id}");
            assert!(!in_lang(Lang::Ko, &id).is_empty(), "{id}: no Korean");
        }
    }

    /// Every key whose range error says what it means has that meaning in both catalogues.
    #[test]
    fn every_meaning_is_in_the_catalogue() {
        use crate::lang::{Lang, in_lang};
        for key in crate::input::format::KEYS
            .iter()
            .filter(|k| !k.meaning.is_empty())
        {
            let id = format!("meaning.{}", key.name);
            assert_eq!(in_lang(Lang::En, &id), key.meaning, "{id}");
            assert!(!in_lang(Lang::Ko, &id).is_empty(), "{id}: no Korean");
        }
    }

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
