//! `report.html`: one self-contained page to pass a run on — the question, the summary, why
//! late and what would help, every chart, how likely each target is (when the scenario has
//! uncertain inputs), observations, the inputs with their sources and assumptions, and the run
//! record. Styles are inline, charts are inline SVG, and the font is embedded as a data URL,
//! cut down to the characters the page uses: the page needs no network and draws Hangul on a
//! machine with no Korean font. Every text from the scenario is HTML-escaped.

use std::fmt::Write;

use super::html::{escape, table, words};
use super::sheet::Sheet;
use crate::analysis::Outcome;
use crate::analysis::backtest::ClassBacktest;
use crate::encode::sha256_hex;
use crate::input::source::SourceMap;
use crate::lang::{self, fill, text};
use crate::numbers::thousands;
use crate::present::answer;

/// The Monte Carlo part of a report.
pub struct Likelihood<'a> {
    /// The table of `mc_targets.csv`.
    pub targets: Sheet<'a>,
    /// The Monte Carlo charts: (file name, SVG).
    pub charts: Vec<(String, String)>,
    /// The energy and money bands at the months they are reported (empty without
    /// `[economics]`).
    pub money: Vec<crate::analysis::mc::economics::Pick>,
    /// Each target over the samples, in the scenario's order.
    pub summaries: &'a [crate::analysis::mc::TargetSummary],
    /// Samples drawn.
    pub samples: u64,
    /// Samples kept (agreeing with every observation).
    pub kept: u64,
    /// The seed.
    pub seed: u64,
}

/// How good the reference classes a scenario draws from are (`gpuplan backtest`).
pub struct OutsideView {
    /// The backtest of each class the scenario uses.
    pub backtests: Vec<ClassBacktest<'static>>,
    /// Their coverage chart (SVG).
    pub chart: String,
}

/// What a report shows.
pub struct Page<'a> {
    /// The run (of the mid-value case, when the scenario has ranges).
    pub outcome: &'a Outcome,
    /// The run's charts: (file name, SVG), in order.
    pub charts: &'a [(String, Vec<u8>)],
    /// The Monte Carlo part, when the scenario has uncertain inputs.
    pub likelihood: Option<Likelihood<'a>>,
    /// The backtest of its reference classes, when it draws from any.
    pub outside_view: Option<OutsideView>,
    /// The files the scenario was read from.
    pub sources: &'a SourceMap,
    /// Said when the uncertain inputs were set to their medians.
    pub note: Option<String>,
}

/// The whole page.
pub fn render(page: &Page) -> String {
    let body = body(page);
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n",
        lang::current().code()
    );
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(
        out,
        "<title>{}</title>",
        escape(&fill(
            "report.title",
            &[("name", &page.outcome.report.scenario)]
        ))
    );
    // The page's text and the charts' (their text is in the body too).
    let _ = writeln!(
        out,
        "<style>\n{}\n{CSS}</style>\n</head>",
        super::html::font_face(&body)
    );
    out.push_str(&body);
    out.push_str("</html>\n");
    out
}

const CSS: &str = "body { font-family: NanumGothic, sans-serif; color: #222; margin: 0 auto; max-width: 1100px; padding: 1rem; line-height: 1.45; overflow-wrap: anywhere; }
html:lang(ko) body { word-break: keep-all; }
h1 { font-size: 1.7rem; margin-bottom: 0.2rem; } h2 { border-bottom: 1px solid #ccc; margin-top: 2rem; }
.question { font-size: 1.1rem; color: #444; } .note { color: #666; font-size: 0.9rem; }
.scroll { overflow-x: auto; max-width: 100%; } table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; overflow-wrap: normal; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: left; vertical-align: top; }
th { background: #f3f3f3; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
td + td { white-space: nowrap; }
th:first-child, td:first-child { position: sticky; left: 0; background: #fff; box-shadow: 1px 0 0 #ddd; }
th:first-child { background: #f3f3f3; }
figure { margin: 1rem 0; overflow-x: auto; } svg { max-width: 100%; height: auto; display: block; }
@media (max-width: 1100px) { figure svg { min-width: var(--legible); } }
pre { background: #f7f7f7; padding: 0.6rem; overflow-x: auto; font-size: 0.8rem; white-space: pre-wrap; }
@media print { body { max-width: none; } figure { break-before: page; break-inside: avoid; overflow: visible; } figure svg { min-width: 0; max-height: 95vh; width: 100%; } .scroll { overflow: visible; } table { break-inside: avoid; font-size: 8pt; } td + td { white-space: normal; } th:first-child, td:first-child { position: static; box-shadow: none; } details { display: block; } h2, h3 { break-after: avoid; } }
";

/// A heading of `level` saying message `id`.
fn heading(out: &mut String, level: u8, id: &str) {
    let _ = writeln!(out, "<h{level}>{}</h{level}>", escape(text(id)));
}

fn body(page: &Page) -> String {
    let report = &page.outcome.report;
    let mut out = String::from("<body>\n");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&report.scenario));
    let _ = writeln!(out, "<p class=\"question\">{}</p>", text("report.question"));
    if let Some(description) = &page.outcome.scenario.description {
        let _ = writeln!(out, "<p>{}</p>", escape(description));
    }
    if let Some(note) = &page.note {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", escape(note));
    }
    answer(&mut out, page);
    why_late(&mut out, page);
    summary(&mut out, page);
    charts(&mut out, page);
    if let Some(likelihood) = &page.likelihood {
        how_likely(&mut out, likelihood);
    }
    if let Some(view) = &page.outside_view {
        outside_view(&mut out, view);
    }
    if let Some(money) = &report.economics {
        energy_and_money(&mut out, money);
    }
    if !report.observed.is_empty() {
        heading(&mut out, 2, "report.observed");
        out.push_str(&table(&super::csv::observed(report), words));
    }
    inputs(&mut out, page);
    record(&mut out, page);
    out.push_str("</body>\n");
    out
}

/// Each target in a sentence: its chance over the samples, or met or missed in the one run.
fn answer(out: &mut String, page: &Page) {
    let scenario = &page.outcome.scenario;
    heading(out, 2, "report.answer");
    out.push_str("<ul class=\"answer\">\n");
    match &page.likelihood {
        Some(mc) => {
            for (target, summary) in scenario.targets.iter().zip(mc.summaries) {
                let sentence = answer::chance(scenario, target, summary, mc.kept);
                let _ = writeln!(out, "<li>{}</li>", escape(&sentence));
            }
            let _ = writeln!(
                out,
                "</ul>\n<p class=\"note\">{}</p>",
                escape(&fill(
                    "report.answer_note",
                    &[
                        ("kept", &thousands(mc.kept)),
                        ("drawn", &thousands(mc.samples)),
                        ("seed", &mc.seed.to_string())
                    ]
                ))
            );
        }
        None => {
            for (target, outcome) in scenario.targets.iter().zip(&page.outcome.report.targets) {
                let sentence = answer::run(scenario, target, outcome);
                let _ = writeln!(out, "<li>{}</li>", escape(&sentence));
            }
            out.push_str("</ul>\n");
        }
    }
}

fn summary(out: &mut String, page: &Page) {
    let report = &page.outcome.report;
    if page.likelihood.is_some() {
        heading(out, 2, "report.median_run");
    } else {
        heading(out, 2, "report.summary");
    }
    let _ = writeln!(out, "<p>{}</p>", escape(&super::terminal::overview(report)));
    out.push_str(&table(&super::terminal::recipients(report), str::to_string));
    heading(out, 3, "report.targets");
    out.push_str(&table(&super::csv::targets(report), words));
}

/// Why each recipient is late and what would help, and each missed target with its bound.
fn why_late(out: &mut String, page: &Page) {
    heading(out, 2, "report.holds_back");
    if page.likelihood.is_some() {
        out.push_str(&format!(
            "<p class=\"note\">{}</p>\n",
            text("report.median_run_note")
        ));
    }
    let reasons = super::terminal::why_late(page.outcome);
    if !reasons.is_empty() {
        let _ = writeln!(out, "<p>{}</p>\n<ul>", text("report.why_late"));
        for reason in reasons {
            let _ = writeln!(out, "<li>{}</li>", escape(&reason));
        }
        out.push_str("</ul>\n");
    }
    let report = &page.outcome.report;
    let missed: Vec<String> = report
        .targets
        .iter()
        .zip(&report.feasibility)
        .filter(|(target, _)| !target.met)
        .map(|(target, relaxed)| {
            format!(
                "<li>{}: {}</li>",
                escape(&target.name),
                escape(&super::terminal::feasibility_words(relaxed, report.end))
            )
        })
        .collect();
    if !missed.is_empty() {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<ul>\n{}\n</ul>",
            text("report.targets_missed"),
            missed.join("\n")
        );
    }
    heading(out, 3, "report.feasibility");
    out.push_str(&table(&super::csv::feasibility(report), words));
}

fn charts(out: &mut String, page: &Page) {
    heading(out, 2, "report.charts");
    for (name, bytes) in page.charts.iter().filter(|(n, _)| n.ends_with(".svg")) {
        figure(out, name, &String::from_utf8_lossy(bytes));
    }
}

/// A chart as a figure. On a screen too narrow to draw its smallest text at 10 px, the chart
/// keeps the width that does (`--legible`) and scrolls inside the figure, not the page.
fn figure(out: &mut String, name: &str, svg: &str) {
    let _ = writeln!(
        out,
        "<figure id=\"{}\" style=\"--legible: {}px\">\n{svg}</figure>",
        escape(name),
        crate::chart::legible_width(svg, 10.0)
    );
}

fn how_likely(out: &mut String, mc: &Likelihood) {
    heading(out, 2, "report.how_likely");
    let _ = writeln!(
        out,
        "<p>{}</p>",
        escape(&fill(
            "report.mc_note",
            &[
                ("drawn", &thousands(mc.samples)),
                ("seed", &mc.seed.to_string()),
                ("kept", &thousands(mc.kept))
            ]
        ))
    );
    out.push_str(&table(&mc.targets, words));
    if !mc.money.is_empty() {
        heading(out, 3, "report.money_bands");
        out.push_str(&table(&super::mc::money_bands(&mc.money), words));
    }
    for (name, svg) in &mc.charts {
        figure(out, name, svg);
    }
}

/// The energy the chips online draw and what chips and halls cost, by year, with the
/// assumptions the figures rest on.
fn energy_and_money(out: &mut String, money: &crate::analysis::economics::Money) {
    heading(out, 2, "report.energy_money");
    let _ = writeln!(
        out,
        "<p>{}.</p>",
        escape(&super::economics::assumptions(money))
    );
    out.push_str(&table(&super::economics::year_table(money), str::to_string));
    for note in super::economics::notes(money) {
        let _ = writeln!(out, "<p>{}</p>", escape(&note));
    }
}

/// The classes the scenario's delays are drawn from, scored on their own cases.
fn outside_view(out: &mut String, view: &OutsideView) {
    heading(out, 2, "report.outside_view");
    let names: Vec<String> = view
        .backtests
        .iter()
        .map(|b| format!("<code>{}</code>", escape(b.class)))
        .collect();
    let _ = writeln!(
        out,
        "<p>{}</p>",
        fill(
            "outside.intro",
            &[
                (
                    "word",
                    text(if names.len() == 1 {
                        "outside.class"
                    } else {
                        "outside.classes"
                    })
                ),
                ("names", &names.join(", "))
            ]
        )
    );
    let _ = writeln!(
        out,
        "<div class=\"scroll\"><table>\n{}",
        text("outside.head")
    );
    for backtest in &view.backtests {
        for s in &backtest.summaries {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{:.0}%</td><td class=\"n\">{:.0}%</td><td class=\"n\">{:.1}</td><td class=\"n\">{:.1}</td><td class=\"n\">{:.1}</td></tr>",
                escape(backtest.class),
                s.form.as_str(),
                text(if s.provisional {
                    "outside.provisional"
                } else {
                    "outside.settled"
                }),
                s.n,
                s.in_p10_p90 * 100.0,
                s.in_p25_p75 * 100.0,
                s.crps,
                s.crps_on_time,
                s.crps_median
            );
        }
    }
    out.push_str("</table></div>\n<ul>\n");
    for backtest in &view.backtests {
        let _ = writeln!(
            out,
            "<li>{}</li>",
            escape(&super::backtest::verdict(backtest))
        );
    }
    out.push_str("</ul>\n");
    figure(out, "backtest_coverage.svg", &view.chart);
}

/// The files as written, comments (sources, assumptions) included.
fn inputs(out: &mut String, page: &Page) {
    heading(out, 2, "report.inputs");
    let _ = writeln!(out, "<p>{}</p>", text("report.inputs_note"));
    for file in page.sources.files() {
        let _ = writeln!(
            out,
            "<details open><summary>{}</summary>\n<pre>{}</pre></details>",
            escape(&file.path.display().to_string()),
            escape(&file.text)
        );
    }
}

fn record(out: &mut String, page: &Page) {
    heading(out, 2, "report.record");
    out.push_str("<ul>\n");
    let _ = writeln!(
        out,
        "<li>gpuplan {}</li>",
        escape(env!("CARGO_PKG_VERSION"))
    );
    for file in page.sources.files() {
        let hash = sha256_hex(file.text.as_bytes());
        let _ = writeln!(
            out,
            "<li>{}: SHA-256 {hash}</li>",
            escape(&file.path.display().to_string())
        );
    }
    if let Some(mc) = &page.likelihood {
        let _ = writeln!(
            out,
            "<li>{}</li>",
            escape(&fill(
                "report.record_mc",
                &[
                    ("samples", &mc.samples.to_string()),
                    ("seed", &mc.seed.to_string())
                ]
            ))
        );
    }
    out.push_str("</ul>\n");
}
