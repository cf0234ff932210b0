//! The "why late" rule (SPEC §4, `constraints.csv`) on hand-made cases, one per outcome, and the
//! summary line that names what held a recipient back most.

mod common;

use gpuplan::analysis::Report;
use gpuplan::export;

/// Three months from 2026-01, no commissioning lag, chip X (100 kW, air) and Y (100 kW, liquid).
const HEAD: &str = "[scenario]\nname = \"why\"\nstart = \"2026-01\"\nend = \"2026-03\"\n\
    [[chip]]\nname = \"X\"\nit_kw = 100\ncooling = \"air\"\n[[chip]]\nname = \"Y\"\nit_kw = 100\ncooling = \"liquid\"\n\
    [[recipient]]\nname = \"R\"\n";

fn alloc(chip: &str, count: u64) -> String {
    format!(
        "[[allocation]]\nrecipient = \"R\"\nchip = \"{chip}\"\ncount = {count}\ndeliveries = [{{ month = \"2026-01\", count = {count} }}]\n"
    )
}

fn site(name: &str, extra: &str, it_mw: f64) -> String {
    format!(
        "[[site]]\nname = \"{name}\"\npue = 1.0\ncooling = \"air\"\n{extra}phases = [{{ online = \"2026-01\", it_mw = {it_mw} }}]\n"
    )
}

/// The constraints.csv rows (without header) of a scenario.
fn rows(text: &str) -> Vec<String> {
    let (scenario, sim) = common::run(text);
    export::csv::constraints(&scenario, &sim)
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect()
}

/// Jan: cap 0, all 5 in backorder. Feb: 3 delivered and placed, 2 still in backorder.
#[test]
fn supply_when_only_backorder_remains() {
    let text = format!(
        "{HEAD}{}[supply]\ncap = [{{ from = \"2026-02\", per_month = 3 }}]\n{}",
        alloc("X", 5),
        site("S", "", 10.0)
    );
    assert_eq!(
        rows(&text),
        ["2026-01,R,X,5,0,supply", "2026-02,R,X,2,0,supply"]
    );
}

/// A liquid chip and only an air site.
#[test]
fn no_site_when_none_accepts_the_cooling_or_recipient() {
    let text = format!("{HEAD}{}{}", alloc("Y", 2), site("S", "", 10.0));
    assert_eq!(
        rows(&text),
        [
            "2026-01,R,Y,0,2,no_site",
            "2026-02,R,Y,0,2,no_site",
            "2026-03,R,Y,0,2,no_site"
        ]
    );
    let other = format!(
        "{HEAD}[[recipient]]\nname = \"Q\"\n{}{}",
        alloc("X", 1),
        site("S", "recipients = [\"Q\"]\n", 10.0)
    );
    assert_eq!(rows(&other)[0], "2026-01,R,X,0,1,no_site");
}

/// 3 chips, a 0.2 MW grid: 2 fit, the third has IT room but no grid.
#[test]
fn grid_when_a_site_has_it_room_but_its_grid_has_not() {
    let text = format!(
        "{HEAD}{}[[region]]\nname = \"G\"\ngrid = [{{ from = \"2026-01\", mw = 0.2 }}]\n{}",
        alloc("X", 3),
        site("A", "region = \"G\"\n", 10.0)
    );
    assert_eq!(
        rows(&text),
        [
            "2026-01,R,X,0,1,grid",
            "2026-02,R,X,0,1,grid",
            "2026-03,R,X,0,1,grid"
        ]
    );
}

/// 3 chips, 2 installs a month: Jan leaves 1 for lack of slots; Feb installs it.
#[test]
fn install_rate_when_room_but_no_slots() {
    let text = format!(
        "{HEAD}{}{}",
        alloc("X", 3),
        site("S", "install_per_month = 2\n", 10.0)
    );
    assert_eq!(rows(&text), ["2026-01,R,X,0,1,install_rate"]);
}

/// 3 chips in 0.2 MW: 2 fit. A second site not built until March: nothing there either.
#[test]
fn site_power_when_no_site_has_room_or_none_is_built() {
    let late = "[[site]]\nname = \"Later\"\npue = 1.0\ncooling = \"air\"\nphases = [{ online = \"2026-03\", it_mw = 1 }]\n";
    let text = format!("{HEAD}{}{}{late}", alloc("X", 3), site("Small", "", 0.2));
    assert_eq!(
        rows(&text),
        ["2026-01,R,X,0,1,site_power", "2026-02,R,X,0,1,site_power"]
    );
}

/// One site short of grid, another short of slots: grid is named first.
#[test]
fn grid_takes_precedence_over_install_rate() {
    let text = format!(
        "{HEAD}{}[[region]]\nname = \"G\"\ngrid = [{{ from = \"2026-01\", mw = 0.1 }}]\n{}{}",
        alloc("X", 4),
        site("A", "region = \"G\"\n", 10.0),
        site("B", "install_per_month = 1\n", 10.0)
    );
    assert_eq!(rows(&text)[0], "2026-01,R,X,0,2,grid");
}

/// The summary names the cause with the most held chip-months and the region for grid.
#[test]
fn summary_names_what_held_a_recipient_back_most() {
    let text = format!(
        "{HEAD}{}[[region]]\nname = \"수도권\"\ngrid = [{{ from = \"2026-01\", mw = 0.2 }}]\n{}",
        alloc("X", 3),
        site("A", "region = \"수도권\"\n", 10.0)
    );
    let (scenario, sim) = common::run(&text);
    let report = Report::new(&scenario, &sim);
    let r = &report.recipients[0];
    assert_eq!(
        (r.held_back_mostly_by.as_deref(), r.held_back_share),
        (Some("grid in 수도권"), Some(1.0))
    );
    assert_eq!(r.chip_months_waiting, 3);
    let text = export::terminal::summary(&report);
    assert!(text.contains("Why late (what held chips back most, by chip-months):\n  R: 3 chip-months waiting, mostly grid in 수도권 (100%)\n"), "{text}");
}
