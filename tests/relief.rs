//! "What would help": `relief.csv` and `feasibility.csv` on hand-made cases, one per
//! kind of relaxation, plus the cases where relief is zero or negative.

mod common;

use gpuplan::analysis::Outcome;
use gpuplan::export;

/// Three months from 2026-01, no commissioning lag, chip X at 100 kW (air), recipients A
/// (priority 1) and B (priority 2).
const HEAD: &str = "[scenario]\nname = \"relief\"\nstart = \"2026-01\"\nend = \"2026-03\"\n\
    [[chip]]\nname = \"X\"\nit_kw = 100\ncooling = \"air\"\n\
    [[recipient]]\nname = \"A\"\npriority = 1\n[[recipient]]\nname = \"B\"\npriority = 2\n";

fn alloc(recipient: &str, count: u64, month: &str) -> String {
    format!(
        "[[allocation]]\nrecipient = \"{recipient}\"\nchip = \"X\"\ncount = {count}\ndeliveries = [{{ month = \"{month}\", count = {count} }}]\n"
    )
}

fn site(name: &str, extra: &str, phases: &str) -> String {
    format!(
        "[[site]]\nname = \"{name}\"\npue = 1.0\ncooling = \"air\"\n{extra}phases = [{phases}]\n"
    )
}

/// relief.csv rows (without header) of a scenario.
fn relief(text: &str) -> Vec<String> {
    let outcome = Outcome::of(common::scenario(text));
    export::csv::relief(&outcome.scenario, &outcome.relief)
        .csv()
        .lines()
        .skip(1)
        .map(str::to_string)
        .collect()
}

/// One install a month for 3 chips delivered in January: waiting 2 + 1 + 0 = 3 chip-months,
/// all online in March. With no install limit all 3 go in in January: relief 3.
#[test]
fn install_rate_relief() {
    let text = format!(
        "{HEAD}{}{}",
        alloc("A", 3, "2026-01"),
        site(
            "S",
            "install_per_month = 1\n",
            "{ online = \"2026-01\", it_mw = 1 }"
        )
    );
    assert_eq!(
        relief(&text),
        [
            "A,none,3,0,2026-03",
            "A,site_power:S,3,0,2026-03",
            "A,install_rate:S,0,3,2026-01",
            "A,all,0,3,2026-01",
            "B,none,0,0,",
            "B,site_power:S,0,0,",
            "B,install_rate:S,0,0,",
            "B,all,0,0,",
        ]
    );
}

/// IT power opens in February with 0.1 MW (1 chip) and grows by 5 MW in March (phases need
/// not be in date order). As written, A waits 2 (Jan) + 1 (Feb) + 0 = 3 chip-months, complete in
/// March. Unlimited IT power counts only from the first phase's month: January still waits 2,
/// February takes the rest — relief 1, complete in February. A one-month site delay moves the
/// phases and the relaxation with them: 2 + 2 + 1 = 5 as written (never complete), 2 + 2 = 4
/// relaxed.
#[test]
fn site_power_relief_starts_with_the_first_phase() {
    let phases = "{ online = \"2026-03\", it_mw = 5 }, { online = \"2026-02\", it_mw = 0.1 }";
    let text = format!(
        "{HEAD}{}{}",
        alloc("A", 2, "2026-01"),
        site("S", "", phases)
    );
    assert_eq!(
        relief(&text)[..3],
        [
            "A,none,3,0,2026-03",
            "A,site_power:S,2,1,2026-02",
            "A,all,2,1,2026-02"
        ]
    );
    let delayed = text.replace("pue = 1.0", "pue = 1.0\ndelay_months = 1");
    assert_eq!(
        relief(&delayed)[..3],
        [
            "A,none,5,0,",
            "A,site_power:S,4,1,2026-03",
            "A,all,4,1,2026-03"
        ]
    );
}

/// A 0.1 MW grid under a 1 MW site: 1 of 2 chips fits, the other waits 3 months. Unlimited
/// grid: both go in in January. A region without a grid is not offered as a relaxation.
#[test]
fn grid_relief() {
    let text = format!(
        "{HEAD}{}[[region]]\nname = \"G\"\ngrid = [{{ from = \"2026-01\", mw = 0.1 }}]\n[[region]]\nname = \"Free\"\n{}",
        alloc("A", 2, "2026-01"),
        site(
            "S",
            "region = \"G\"\n",
            "{ online = \"2026-01\", it_mw = 1 }"
        )
    );
    assert_eq!(
        relief(&text)[..4],
        [
            "A,none,3,0,",
            "A,grid:G,0,3,2026-01",
            "A,site_power:S,3,0,",
            "A,all,0,3,2026-01"
        ]
    );
}

/// The queued hall: A and B both accept P (IT for 2 chips, no grid); B's own hall opens in
/// March. An unlimited grid lets A fill P, so B's waiting does not change by one chip-month —
/// relief 0 for B — even though, month by month, P's grid stood in B's way too.
#[test]
fn relaxing_a_grid_can_leave_a_recipient_waiting_unchanged() {
    let text = format!(
        "{HEAD}{}{}[[region]]\nname = \"G\"\ngrid = [{{ from = \"2026-01\", mw = 0 }}]\n{}{}",
        alloc("A", 2, "2026-01"),
        alloc("B", 2, "2026-01"),
        site(
            "P",
            "region = \"G\"\n",
            "{ online = \"2026-01\", it_mw = 0.2 }"
        ),
        site(
            "Own",
            "recipients = [\"B\"]\n",
            "{ online = \"2026-03\", it_mw = 0.2 }"
        )
    );
    let rows = relief(&text);
    assert_eq!(
        rows[5..],
        [
            "B,none,4,0,2026-03",
            "B,grid:G,4,0,2026-03",
            "B,site_power:P,4,0,2026-03",
            "B,site_power:Own,4,0,2026-03",
            "B,all,0,4,2026-01",
        ]
    );
    assert_eq!(rows[1], "A,grid:G,0,6,2026-01");
}

/// A supply cap of 2 a month serves A first: B's 2 chips are delivered in February and wait
/// for room (the only site holds 2) for Feb and Mar: 4 chip-months. Without the cap B's chips
/// arrive in January and wait all three months: relaxing supply *adds* 2 — relief -2 — and
/// the summary names what does help instead.
#[test]
fn relief_is_negative_when_relaxing_a_constraint_makes_a_recipient_wait_longer() {
    let text = format!(
        "{HEAD}{}{}[supply]\ncap = [{{ from = \"2026-01\", per_month = 2 }}]\n{}",
        alloc("A", 2, "2026-01"),
        alloc("B", 2, "2026-01"),
        site("S", "", "{ online = \"2026-01\", it_mw = 0.2 }")
    );
    let rows = relief(&text);
    assert_eq!(rows[4], "B,none,4,0,");
    assert_eq!(rows[5], "B,supply,6,-2,");
    let outcome = Outcome::of(common::scenario(&text));
    // What does help B is room: unlimited IT power at S.
    assert_eq!(
        outcome.report.recipients[1].most_relief_from.as_deref(),
        Some("site_power:S")
    );
    assert!(
        export::terminal::summary(&outcome).contains(
            "  B: 4 chip-months waiting, 2 in backorder; most relief from IT power at S: 4 (100%)\n"
        ),
        "{}",
        export::terminal::summary(&outcome)
    );
}

/// Three targets, all missed. "2 online by Feb": the site's grid holds the second chip back,
/// so with everything relaxed it is met in January. "4 online by Feb": 2 chips are requested only
/// in March, so no relaxation meets it; the earliest month is March (the bound: requested in
/// March, the hall open since January, no commissioning). "5 by Mar": only 4 chips are
/// allocated, so it is never reached.
#[test]
fn feasibility_tells_capacity_from_deliveries() {
    let text = format!(
        "{HEAD}{}{}[[region]]\nname = \"G\"\ngrid = [{{ from = \"2026-01\", mw = 0.1 }}]\n{}\
         [[target]]\nname = \"2 by Feb\"\nmetric = \"chips_online\"\nvalue = 2\nby = \"2026-02\"\n\
         [[target]]\nname = \"4 by Feb\"\nmetric = \"chips_online\"\nvalue = 4\nby = \"2026-02\"\n\
         [[target]]\nname = \"5 by Mar\"\nmetric = \"chips_online\"\nvalue = 5\nby = \"2026-03\"\n",
        alloc("A", 2, "2026-01"),
        alloc("B", 2, "2026-03"),
        site(
            "S",
            "region = \"G\"\n",
            "{ online = \"2026-01\", it_mw = 1 }"
        )
    );
    let outcome = Outcome::of(common::scenario(&text));
    assert_eq!(
        export::csv::feasibility(&outcome.report).csv(),
        "target,achieved,met,achieved_all_relaxed,met_all_relaxed,earliest_possible,met_possible\n\
         2 by Feb,,false,2026-01,true,2026-01,true\n\
         4 by Feb,,false,2026-03,false,2026-03,false\n\
         5 by Mar,,false,,false,,false\n"
    );
    let summary = export::terminal::summary(&outcome);
    assert!(
        summary.contains("  2 by Feb: would be met with every constraint relaxed (reached 2026-01 in that run); more power, grid, install capacity or supply can close the gap\n  4 by Feb: missed even with every constraint relaxed; no earlier than 2026-03: deliveries, the halls' opening dates and commissioning allow nothing sooner\n  5 by Mar: missed even with every constraint relaxed; never by 2026-03: deliveries, the halls' opening dates and commissioning do not reach it within the horizon\n"),
        "{summary}"
    );
}

/// The run with every constraint relaxed is a what-if, not a bound: here it is *later* than
/// the scenario as written. 2 chips of A arrive in January. Hall "Slow" (first in placement
/// order: it accepts only A) commissions in 2 months but has no IT power yet (a 0 MW first
/// phase); hall "Quick" (open to A and B) commissions at once. As written the chips go to
/// Quick and are online in January; with Slow's IT power relaxed from its first phase they go
/// to Slow and are online in March. "2 by Feb" is met, missed all relaxed, and the bound says
/// January: it must never report a month later than the scenario's own.
#[test]
fn all_relaxed_can_be_later_than_the_scenario_but_the_bound_is_not() {
    let text = format!(
        "{HEAD}{}{}{}\
         [[target]]\nname = \"2 by Feb\"\nmetric = \"chips_online\"\nvalue = 2\nby = \"2026-02\"\n",
        alloc("A", 2, "2026-01"),
        site("Quick", "", "{ online = \"2026-01\", it_mw = 1 }"),
        site(
            "Slow",
            "recipients = [\"A\"]\ncommissioning_months = 2\n",
            "{ online = \"2026-01\", it_mw = 0 }"
        ),
    );
    let outcome = Outcome::of(common::scenario(&text));
    assert_eq!(
        export::csv::feasibility(&outcome.report).csv(),
        "target,achieved,met,achieved_all_relaxed,met_all_relaxed,earliest_possible,met_possible\n\
         2 by Feb,2026-01,true,2026-03,false,2026-01,true\n"
    );
}

/// Missed as written and with everything relaxed, yet possible by the bound: the all-relaxed
/// run sends the chips to the first open hall in placement order, which commissions slowly.
/// 2 chips of A arrive in January; "Slow" (A only, 3 months of commissioning) opens in
/// January with room for one chip; "Quick" (open to all) opens in February and commissions at
/// once but its grid holds nothing. As written one chip is online in April (Slow), the other
/// never; relaxed, both go to Slow: April. The bound: February, at Quick.
#[test]
fn a_target_possible_only_by_the_bound_says_why_the_relaxed_run_misses_it() {
    let text = format!(
        "{HEAD}{}[[region]]\nname = \"G\"\ngrid = [{{ from = \"2026-01\", mw = 0 }}]\n{}{}\
         [[target]]\nname = \"2 by Feb\"\nmetric = \"chips_online\"\nvalue = 2\nby = \"2026-02\"\n",
        alloc("A", 2, "2026-01"),
        site(
            "Quick",
            "region = \"G\"\n",
            "{ online = \"2026-02\", it_mw = 1 }"
        ),
        site(
            "Slow",
            "recipients = [\"A\"]\ncommissioning_months = 3\n",
            "{ online = \"2026-01\", it_mw = 0.1 }"
        ),
    )
    .replace("end = \"2026-03\"", "end = \"2026-06\"");
    let outcome = Outcome::of(common::scenario(&text));
    assert_eq!(
        export::csv::feasibility(&outcome.report).csv(),
        "target,achieved,met,achieved_all_relaxed,met_all_relaxed,earliest_possible,met_possible\n\
         2 by Feb,,false,2026-04,false,2026-02,true\n"
    );
    let summary = export::terminal::summary(&outcome);
    assert!(
        summary.contains("  2 by Feb: missed even with every constraint relaxed, as chips then go to the first open hall that accepts them, where some commission more slowly than they could elsewhere; deliveries, the halls' opening dates and commissioning alone allow it from 2026-02\n"),
        "{summary}"
    );
}

/// placements.csv: cumulative chips per (pair, site) from the first month; summed over sites it
/// equals installing + online in timeline.csv. 3 chips, one install a month at S1 (first in
/// file order), the overflow at S2 from February.
#[test]
fn placements_are_cumulative_per_site_and_add_up_to_installed() {
    let text = format!(
        "{HEAD}{}{}{}",
        alloc("A", 4, "2026-01"),
        site(
            "S1",
            "install_per_month = 1\n",
            "{ online = \"2026-01\", it_mw = 1 }"
        ),
        site("S2", "", "{ online = \"2026-02\", it_mw = 1 }")
    )
    .replace(
        "end = \"2026-03\"",
        "end = \"2026-03\"\ncommissioning_months = 1",
    );
    let outcome = Outcome::of(common::scenario(&text));
    let (scenario, sim) = (&outcome.scenario, &outcome.sim);
    assert_eq!(
        export::csv::placements(scenario, sim).csv(),
        "month,recipient,chip,site,installed\n\
         2026-01,A,X,S1,1\n2026-01,A,X,S2,0\n\
         2026-02,A,X,S1,2\n2026-02,A,X,S2,2\n\
         2026-03,A,X,S1,2\n2026-03,A,X,S2,2\n"
    );
    for t in 0..sim.months {
        let i = sim.at(0, t);
        let placed: u64 = sim
            .placements
            .iter()
            .filter(|p| p.t <= t)
            .map(|p| p.chips)
            .sum();
        assert_eq!(placed, sim.installing[i] + sim.online[i], "month {t}");
    }
}

/// A liquid-cooled chip and only an air-cooled site: no relaxation places it, and the summary
/// says so rather than naming a constraint.
#[test]
fn summary_says_when_no_relaxation_helps() {
    let text = format!(
        "{HEAD}[[chip]]\nname = \"L\"\nit_kw = 100\ncooling = \"liquid\"\n{}{}",
        alloc("A", 1, "2026-01").replace("\"X\"", "\"L\""),
        site(
            "S",
            "install_per_month = 1\n",
            "{ online = \"2026-01\", it_mw = 1 }"
        )
    );
    let outcome = Outcome::of(common::scenario(&text));
    let summary = export::terminal::summary(&outcome);
    assert!(
        summary.contains("  A: 3 chip-months waiting; no relaxation reduces it\n"),
        "{summary}"
    );
}

/// When the relaxation that saves a recipient the most is at a hall it cannot use, the line
/// says where the relief lands. A (served first) has 20 chips for its own 10-chip hall "Own"
/// and the shared "Shared" (10 chips); B's 10 chips can only go to Shared, which A fills, so
/// they wait 3 chip-months each. With Own's IT power unlimited all of A's chips stay there and
/// B's go into Shared in January: relief 30 (100%), by way of A.
#[test]
fn relief_at_a_hall_the_recipient_cannot_use_says_where_it_lands() {
    let text = format!(
        "{HEAD}{}{}{}{}",
        alloc("A", 20, "2026-01"),
        alloc("B", 10, "2026-01"),
        site(
            "Own",
            "recipients = [\"A\"]\n",
            "{ online = \"2026-01\", it_mw = 1 }"
        ),
        site("Shared", "", "{ online = \"2026-01\", it_mw = 1 }"),
    );
    let outcome = Outcome::of(common::scenario(&text));
    let b = &outcome.report.recipients[1];
    assert_eq!(b.most_relief_from.as_deref(), Some("site_power:Own"));
    let via = b.most_relief_via.as_ref().expect("by way of A");
    assert_eq!(
        (via.site.as_str(), &via.freed),
        ("Shared", &gpuplan::analysis::indirect::Freed::Site)
    );
    let summary = export::terminal::summary(&outcome);
    assert!(
        summary.contains(
            "  B: 30 chip-months waiting; most relief from IT power at Own: 30 (100%) — indirectly: it frees room for them in Shared\n"
        ),
        "{summary}"
    );
    // A relaxation at a hall B can use names no detour.
    assert!(outcome.report.recipients[0].most_relief_via.is_none());
}

/// Relief re-runs only the relaxations of constraints that ever limited something; every other
/// relaxation is given the scenario's own figures. On every reference scenario that pruned
/// relief equals relief with every relaxation simulated.
#[test]
fn pruned_relief_equals_every_relaxation_simulated_on_the_reference_scenarios() {
    use gpuplan::analysis::Relief;
    use gpuplan::analysis::variation::run_each;
    for entry in std::fs::read_dir(common::repo("scenarios")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let scenario = gpuplan::model::Scenario::load(&path).unwrap();
        let pruned = Relief::of(&scenario);
        let full = run_each(&scenario, &pruned.relaxations);
        assert_eq!(pruned.runs, full, "{}", path.display());
    }
}

/// Regression (found by the property test): two constraints tied for the smallest term. 157
/// chips arrive in March, the last month, for a hall that holds 26 and installs 26 a month:
/// relaxing either alone changes nothing — the other still allows 26 — but relaxing both
/// installs all 157 at once. `all` must be simulated even when no single constraint ever
/// limited anything strictly.
#[test]
fn tied_constraints_are_relaxed_together_by_all() {
    let text = format!(
        "{HEAD}{}{}",
        alloc("A", 157, "2026-03"),
        site(
            "S",
            "install_per_month = 26\n",
            "{ online = \"2026-01\", it_mw = 2.6 }"
        )
    );
    let rows = relief(&text);
    assert_eq!(rows[1], "A,site_power:S,131,0,");
    assert_eq!(rows[2], "A,install_rate:S,131,0,");
    assert_eq!(rows[3], "A,all,0,131,2026-03");
}
