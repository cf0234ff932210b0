//! The energy and money files of a run (docs/methods.md: Energy and money): `energy.csv`, `capex.csv`,
//! `economics.csv`, and the terminal's block with the assumptions in one line.

use crate::lang::{fill, text};
use std::fmt::Write;

use super::sheet::{Cell, Sheet};
use super::table::render_sheet;
use crate::analysis::economics::Money;
use crate::model::Scenario;
use crate::present::format::{amount, quantity};

/// `energy.csv`: per month and recipient, chips online, facility MW drawn, MWh, its cost and
/// tonnes of CO2 (empty where no price or carbon step is in force yet).
pub fn energy<'a>(scenario: &'a Scenario, money: &'a Money) -> Sheet<'a> {
    let header = [
        "month",
        "recipient",
        "chips_online",
        "facility_mw_drawn",
        "energy_mwh",
        "electricity_cost",
        "co2_t",
    ];
    Sheet::new(header, move |each| {
        for row in &money.energy {
            each(&[
                Cell::Month(Some(row.month)),
                Cell::Text(&scenario.recipients[row.recipient].name),
                Cell::Count(row.chips_online),
                Cell::Decimal(row.facility_mw_drawn),
                Cell::Decimal(row.energy_mwh),
                row.electricity_cost.map_or(Cell::Empty, Cell::Decimal),
                row.co2_t.map_or(Cell::Empty, Cell::Decimal),
            ]);
        }
    })
}

/// `capex.csv`: each outlay — chips by recipient as delivered, halls by site as their phases
/// come online — with the running total of all outlays.
pub fn capex(money: &Money) -> Sheet<'_> {
    let header = ["month", "subject", "kind", "amount", "cumulative"];
    Sheet::new(header, move |each| {
        for row in &money.capex {
            each(&[
                Cell::Month(Some(row.month)),
                Cell::Text(&row.subject),
                Cell::Text(row.kind.as_str()),
                Cell::Decimal(row.amount),
                Cell::Decimal(row.cumulative),
            ]);
        }
    })
}

/// `economics.csv`: per calendar year, energy, its share of national use, electricity cost,
/// CO2, chip and hall capex; `partial` for a year the horizon holds only part of.
pub fn years(money: &Money) -> Sheet<'_> {
    let header = [
        "year",
        "energy_gwh",
        "share_of_national",
        "electricity_cost",
        "co2_kt",
        "capex_chips",
        "capex_buildings",
        "partial",
    ];
    Sheet::new(header, move |each| {
        for year in &money.years {
            each(&[
                Cell::Whole(i128::from(year.year)),
                Cell::Decimal(year.energy_gwh),
                year.share_of_national.map_or(Cell::Empty, Cell::Share),
                Cell::Decimal(year.electricity_cost),
                Cell::Decimal(year.co2_kt),
                Cell::Decimal(year.capex_chips),
                Cell::Decimal(year.capex_buildings),
                Cell::Flag(year.partial),
            ]);
        }
    })
}

/// The assumptions the figures rest on, in one sentence.
pub fn assumptions(money: &Money) -> String {
    let currency = &money.currency;
    let trim = |x: f64| {
        quantity(x, 2)
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    };
    let rate = money.usd_rate.map_or_else(String::new, |rate| {
        fill(
            "money.rate",
            &[("rate", &trim(rate)), ("currency", currency)],
        )
    });
    fill(
        "money.assumptions",
        &[
            ("utilisation", &trim(money.utilisation)),
            ("rate", &rate),
            ("currency", currency),
        ],
    )
}

/// What the figures leave out, and the capex in all: sentences after the table.
pub fn notes(money: &Money) -> Vec<String> {
    let mut notes = Vec::new();
    if !money.unpriced.is_empty() {
        notes.push(fill(
            "money.unpriced",
            &[("names", &money.unpriced.join(", "))],
        ));
    }
    if money.national_twh.is_none() {
        notes.push(text("money.no_national").to_string());
    }
    let (chips, halls): (f64, f64) = money.years.iter().fold((0.0, 0.0), |(c, h), y| {
        (c + y.capex_chips, h + y.capex_buildings)
    });
    notes.push(fill(
        "money.capex",
        &[
            ("chips", &amount(chips)),
            ("halls", &amount(halls)),
            ("all", &amount(chips + halls)),
            ("currency", &money.currency),
        ],
    ));
    notes
}

/// The years for people: GWh, share, electricity, CO2 and capex, partial years marked.
pub fn year_table(money: &Money) -> Sheet<'_> {
    Sheet::new(
        [
            "money.year",
            "money.gwh",
            "money.share",
            "money.electricity",
            "money.co2",
            "money.chips",
            "money.halls",
        ]
        .map(text),
        move |each| {
            for year in &money.years {
                let name = if year.partial {
                    fill("money.partial", &[("year", &year.year.to_string())])
                } else {
                    year.year.to_string()
                };
                let share = year
                    .share_of_national
                    .map_or_else(String::new, |s| format!("{:.2}%", s * 100.0));
                let (cost, chips, halls) = (
                    amount(year.electricity_cost),
                    amount(year.capex_chips),
                    amount(year.capex_buildings),
                );
                each(&[
                    Cell::Text(&name),
                    Cell::Number((year.energy_gwh * 10.0).round() / 10.0),
                    Cell::Text(&share),
                    Cell::Text(&cost),
                    Cell::Number((year.co2_kt * 10.0).round() / 10.0),
                    Cell::Text(&chips),
                    Cell::Text(&halls),
                ]);
            }
        },
    )
}

/// The terminal's "Energy and money" block: the assumptions, the table by year, the notes.
pub fn summary(money: &Money) -> String {
    let mut out = format!("\n{}:\n", assumptions(money));
    for line in render_sheet(&year_table(money)).lines() {
        let _ = writeln!(out, "  {line}");
    }
    for note in notes(money) {
        let _ = writeln!(out, "  {note}");
    }
    out
}
