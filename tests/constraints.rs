//! The "why late" rule (`constraints.csv`) on hand-made cases, one per outcome and
//! one per way a site can be queued, and the summary line that names what would help most.

mod common;

use gpuplan::analysis::Outcome;
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
        .csv()
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

/// The shared-hall case behind *queued* sites. A (served first) and B both accept
/// the open hall P, which has IT room for 2 chips but no grid; B's own hall opens in March.
/// Jan–Feb: A waits for P's grid. For B, P is queued (A still waits and accepts it, so room
/// freed there would go to A first): B is judged on its own hall only, which is not built yet —
/// `site_power`, not `grid`. March: B's hall opens and B installs; A still waits for the grid.
#[test]
fn a_site_an_earlier_waiting_allocation_queues_for_is_not_judged() {
    assert_eq!(
        rows(QUEUE),
        [
            "2026-01,A,X,0,2,grid",
            "2026-01,B,X,0,2,site_power",
            "2026-02,A,X,0,2,grid",
            "2026-02,B,X,0,2,site_power",
            "2026-03,A,X,0,2,grid",
        ]
    );
}

/// When every accepting site is queued, all of them are judged: B accepts only P here.
#[test]
fn all_sites_are_judged_when_every_one_is_queued() {
    let text = QUEUE.replace("recipients = [\"B\"]\n", "recipients = [\"C\"]\n")
        + "[[recipient]]\nname = \"C\"\n";
    assert_eq!(
        rows(&text),
        [
            "2026-01,A,X,0,2,grid",
            "2026-01,B,X,0,2,grid",
            "2026-02,A,X,0,2,grid",
            "2026-02,B,X,0,2,grid",
            "2026-03,A,X,0,2,grid",
            "2026-03,B,X,0,2,grid",
        ]
    );
}

/// An earlier allocation that has placed everything queues for nothing. With a 0.2 MW grid and
/// 0.4 MW of IT in P, A places its 2 chips; P still has IT room but no grid, and B is judged on
/// P as well as its own (unbuilt) hall: `grid`. (Were P queued, B would read `site_power`.)
#[test]
fn an_allocation_with_nothing_waiting_queues_for_nothing() {
    let text = QUEUE
        .replace("mw = 0 }", "mw = 0.2 }")
        .replace("\"2026-01\", it_mw = 0.2", "\"2026-01\", it_mw = 0.4");
    assert_eq!(
        rows(&text),
        ["2026-01,B,X,0,2,grid", "2026-02,B,X,0,2,grid"]
    );
}

/// Recipients A (priority 1) and B, 2 chips of X each in January; the open hall P (region G,
/// grid 0 MW, IT 0.2 MW = 2 chips) and B's own hall, built in March (0.2 MW).
const QUEUE: &str = "[scenario]\nname = \"queue\"\nstart = \"2026-01\"\nend = \"2026-03\"\n\
    [[chip]]\nname = \"X\"\nit_kw = 100\ncooling = \"air\"\n\
    [[recipient]]\nname = \"A\"\npriority = 1\n[[recipient]]\nname = \"B\"\npriority = 2\n\
    [[allocation]]\nrecipient = \"A\"\nchip = \"X\"\ncount = 2\ndeliveries = [{ month = \"2026-01\", count = 2 }]\n\
    [[allocation]]\nrecipient = \"B\"\nchip = \"X\"\ncount = 2\ndeliveries = [{ month = \"2026-01\", count = 2 }]\n\
    [[region]]\nname = \"G\"\ngrid = [{ from = \"2026-01\", mw = 0 }]\n\
    [[site]]\nname = \"P\"\nregion = \"G\"\npue = 1.0\ncooling = \"air\"\nphases = [{ online = \"2026-01\", it_mw = 0.2 }]\n\
    [[site]]\nname = \"Own\"\nrecipients = [\"B\"]\npue = 1.0\ncooling = \"air\"\nphases = [{ online = \"2026-03\", it_mw = 0.2 }]\n";

/// The summary's "why late" line names the relaxation with the most relief, with its share.
#[test]
fn summary_names_the_relaxation_with_the_most_relief() {
    let text = format!(
        "{HEAD}{}[[region]]\nname = \"수도권\"\ngrid = [{{ from = \"2026-01\", mw = 0.2 }}]\n{}",
        alloc("X", 3),
        site("A", "region = \"수도권\"\n", 10.0)
    );
    let outcome = Outcome::of(common::scenario(&text));
    let r = &outcome.report.recipients[0];
    assert_eq!(
        (r.held_back_mostly_by.as_deref(), r.held_back_share),
        (Some("grid in 수도권"), Some(1.0))
    );
    assert_eq!(r.chip_months_waiting, 3);
    assert_eq!(
        (r.most_relief_from.as_deref(), r.most_relief),
        (Some("grid:수도권"), Some(3))
    );
    let text = export::terminal::summary(&outcome);
    assert!(
        text.contains(
            "\n  R: 3 chip-months waiting; most relief from the grid in 수도권: 3 (100%)\n"
        ),
        "{text}"
    );
}

/// In the queued case no single relaxation helps B (A takes any room freed in P), but
/// relaxing everything does, and the summary says exactly that.
#[test]
fn summary_says_when_no_single_relaxation_helps() {
    let outcome = Outcome::of(common::scenario(QUEUE));
    let text = export::terminal::summary(&outcome);
    assert!(
        text.contains("\n  A: 6 chip-months waiting; most relief from the grid in G: 6 (100%)\n  B: 4 chip-months waiting; no single relaxation reduces it, relaxing every constraint at once saves 4 (100%)\n"),
        "{text}"
    );
}
