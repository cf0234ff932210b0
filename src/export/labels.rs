//! Keys named for people rather than for the command line: `site "LG U+ Paju".phases[0].online`
//! reads "LG U+ Paju: phase 1 online", a factor keeps its own name.

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

/// A key as a reader would name it: the element's name, then the key in words.
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
        Slot::TdpW(c) => format!("{}: TDP W", chip(c)),
        Slot::ItKw(c) => format!("{}: IT kW per chip", chip(c)),
        Slot::Tflops(c, p) => format!("{}: {} TFLOPS", chip(c), p.as_str()),
        Slot::Count(a) => format!("{}: chips", pair(a)),
        Slot::RampStart(a) => format!("{}: first delivery", pair(a)),
        Slot::RampMonths(a) => format!("{}: months of deliveries", pair(a)),
        Slot::DeliveryMonth(a, k) => format!("{}: delivery {}", pair(a), k + 1),
        Slot::CapFrom(k) => format!("supply cap step {}: from", k + 1),
        Slot::CapPerMonth(k) => format!("supply cap step {}: chips a month", k + 1),
        Slot::GridFrom(r, k) => format!("{}: grid step {} date", region(r), k + 1),
        Slot::GridMw(r, k) => format!("{}: grid step {} MW", region(r), k + 1),
        Slot::RegionDelay(r) => format!("{}: grid delay months", region(r)),
        Slot::Pue(s) => format!("{}: PUE", site(s)),
        Slot::InstallRate(s) => format!("{}: installs a month", site(s)),
        Slot::SiteCommissioning(s) => format!("{}: commissioning months", site(s)),
        Slot::SiteDelay(s) => format!("{}: delay months", site(s)),
        Slot::PhaseOnline(s, k) => format!("{}: phase {} online", site(s), k + 1),
        Slot::PhaseItMw(s, k) => format!("{}: phase {} IT MW", site(s), k + 1),
        Slot::Efficiency(t) => format!(
            "{}: efficiency",
            scenario.targets.get(t).map_or("", |t| t.name.as_str())
        ),
    }
}
