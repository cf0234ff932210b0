//! Placement order (docs/methods.md: Simulation rules, 4): the halls a recipient alone may use are filled
//! before shared ones, ties in file order — and the warning for chips that end the horizon
//! waiting beside a hall with IT room.

mod common;

use gpuplan::analysis::Outcome;
use gpuplan::analysis::stranded::HeldBy;

/// 2026-01 to 2026-03, chip X at 1 kW IT (air), no commissioning; recipients P (priority 1)
/// and L (priority 2).
const HEAD: &str = "[scenario]\nname = \"placement\"\nstart = \"2026-01\"\nend = \"2026-03\"\n\
    [[chip]]\nname = \"X\"\nit_kw = 1\ncooling = \"air\"\n\
    [[recipient]]\nname = \"P\"\npriority = 1\n[[recipient]]\nname = \"L\"\npriority = 2\n";

fn alloc(recipient: &str, count: u64, month: &str) -> String {
    format!(
        "[[allocation]]\nrecipient = \"{recipient}\"\nchip = \"X\"\ncount = {count}\n\
         deliveries = [{{ month = \"{month}\", count = {count} }}]\n"
    )
}

/// A hall of `kw` kW IT open from January, PUE 1, for `recipients` (a TOML list, or "" for all).
fn hall(name: &str, recipients: &str, kw: f64) -> String {
    let list = if recipients.is_empty() {
        String::new()
    } else {
        format!("recipients = {recipients}\n")
    };
    format!(
        "[[site]]\nname = \"{name}\"\n{list}pue = 1.0\ncooling = \"air\"\n\
         phases = [{{ online = \"2026-01\", it_mw = {} }}]\n",
        kw / 1000.0
    )
}

/// Chips of `recipient` installed at `site` by the last month (placements.csv).
fn installed_at(outcome: &Outcome, recipient: &str, site: &str) -> u64 {
    let (scenario, sim) = (&outcome.scenario, &outcome.sim);
    let s = scenario.sites.iter().position(|x| x.name == site).unwrap();
    sim.placements
        .iter()
        .filter(|p| {
            p.site == s
                && scenario.recipients[scenario.allocations[p.allocation].recipient].name
                    == recipient
        })
        .map(|p| p.chips)
        .sum()
}

/// L's 10 chips could go to Shared (first in the file, open to all) or Own (L only): Own,
/// which accepts one recipient, comes first in placement order.
#[test]
fn a_recipient_fills_its_own_hall_before_a_shared_one() {
    let text = format!(
        "{HEAD}{}{}{}",
        alloc("L", 10, "2026-01"),
        hall("Shared", "", 100.0),
        hall("Own", "[\"L\"]", 100.0)
    );
    let outcome = Outcome::of(common::scenario(&text));
    assert_eq!(installed_at(&outcome, "L", "Own"), 10);
    assert_eq!(installed_at(&outcome, "L", "Shared"), 0);
}

/// Ties in the number of recipients accepted keep file order: two halls for L alone and two
/// for both recipients, each 6 kW. L's 20 chips fill A, then B (L only, in file order), then
/// C (no list: both recipients) before D (both listed), C coming first in the file.
#[test]
fn ties_keep_file_order() {
    let text = format!(
        "{HEAD}{}{}{}{}{}",
        alloc("L", 20, "2026-01"),
        hall("C", "", 6.0),
        hall("A", "[\"L\"]", 6.0),
        hall("D", "[\"P\", \"L\"]", 6.0),
        hall("B", "[\"L\"]", 6.0),
    );
    let outcome = Outcome::of(common::scenario(&text));
    let got: Vec<u64> = ["A", "B", "C", "D"]
        .iter()
        .map(|s| installed_at(&outcome, "L", s))
        .collect();
    assert_eq!(got, [6, 6, 6, 2]);
}

/// Regression: in file order, L (served second, but its chips arrive first) filled the shared
/// hall in January while its own hall stood empty, and P's 100 chips, arriving in February,
/// waited to the end. In placement order L fills its own hall and P's chips go into the shared
/// one in February.
#[test]
fn stranded_chips_of_a_higher_priority_recipient_now_place() {
    let text = format!(
        "{HEAD}{}{}{}{}",
        alloc("P", 100, "2026-02"),
        alloc("L", 100, "2026-01"),
        hall("Shared", "", 100.0),
        hall("L's own", "[\"L\"]", 100.0)
    );
    let outcome = Outcome::of(common::scenario(&text));
    assert_eq!(installed_at(&outcome, "P", "Shared"), 100);
    assert_eq!(installed_at(&outcome, "L", "L's own"), 100);
    assert_eq!(
        outcome.report.recipients[0]
            .online_100pct
            .unwrap()
            .to_string(),
        "2026-02"
    );
    assert!(outcome.report.stranded.is_empty());
}

/// 1,000 chips in a 10 MW hall behind a 0.5 MW grid (PUE 1.2): 416 fit the grid, 584 wait to
/// the end while the hall has IT room for 9,584 more — the warning names the grid. With the
/// grid lifted and 100 installs a month, 300 are installed by March and 700 wait: the install
/// rate, used up in the last month, is named.
#[test]
fn chips_waiting_beside_a_hall_with_room_are_warned_about_with_the_reason() {
    let text = format!(
        "{HEAD}{}[[region]]\nname = \"G\"\ngrid = [{{ from = \"2026-01\", mw = 0.5 }}]\n\
         [[site]]\nname = \"Hall\"\nregion = \"G\"\npue = 1.2\ncooling = \"air\"\n\
         phases = [{{ online = \"2026-01\", it_mw = 10 }}]\n",
        alloc("P", 1000, "2026-01"),
    );
    let outcome = Outcome::of(common::scenario(&text));
    let stranded = &outcome.report.stranded;
    assert_eq!(stranded.len(), 1);
    assert_eq!(
        (stranded[0].waiting, stranded[0].room, &stranded[0].held_by),
        (584, 9584, &HeldBy::Grid("G".into()))
    );
    assert_eq!(
        gpuplan::present::warnings::stranded(&stranded[0], outcome.scenario.end()),
        "P's X chips end the horizon (2026-03) with 584 still waiting, while Hall, which \
         accepts them, has IT room for 9,584 more: the grid in G has no room left for them"
    );

    let rate = text
        .replace("mw = 0.5", "mw = 100")
        .replace("pue = 1.2\n", "pue = 1.2\ninstall_per_month = 100\n");
    let outcome = Outcome::of(common::scenario(&rate));
    let stranded = &outcome.report.stranded;
    assert_eq!(stranded.len(), 1);
    assert_eq!(
        (stranded[0].waiting, &stranded[0].held_by),
        (700, &HeldBy::InstallRate(100))
    );

    // Nothing is said when every chip is placed.
    let fits = text.replace("count = 1000", "count = 400").replace(
        "[{ month = \"2026-01\", count = 1000 }]",
        "[{ month = \"2026-01\", count = 400 }]",
    );
    assert!(
        Outcome::of(common::scenario(&fits))
            .report
            .stranded
            .is_empty()
    );
}

/// The warning reaches the user on stderr from `run`, and the run still succeeds.
#[test]
fn run_prints_the_stranded_warning() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("s.toml");
    std::fs::write(
        &file,
        format!(
            "{HEAD}{}[[region]]\nname = \"G\"\ngrid = [{{ from = \"2026-01\", mw = 0.5 }}]\n\
             [[site]]\nname = \"Hall\"\nregion = \"G\"\npue = 1.2\ncooling = \"air\"\n\
             phases = [{{ online = \"2026-01\", it_mw = 10 }}]\n",
            alloc("P", 1000, "2026-01"),
        ),
    )
    .unwrap();
    let out = common::gpuplan()
        .arg("run")
        .arg(&file)
        .arg("--out")
        .arg(dir.path().join("out"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("warning: P's X chips end the horizon (2026-03) with 584 still waiting"),
        "{stderr}"
    );
}
