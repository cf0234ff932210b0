//! `gpuplan chips`: the built-in catalog as a table, then each chip's sources and estimates.

use super::table;
use crate::catalog;
use crate::lang::text as words;
use crate::present::format::quantity;
use crate::units::Precision;

/// The catalog as a table followed by each chip's sources and estimates.
pub fn text() -> String {
    let mut columns = vec![
        (words("chips.chip"), table::Align::Left),
        ("TDP W", table::Align::Right),
        ("IT kW", table::Align::Right),
        (words("chips.cooling"), table::Align::Left),
    ];
    columns.extend(
        Precision::ALL
            .iter()
            .map(|p| (p.as_str(), table::Align::Right)),
    );
    let mut t = table::Table::new(&columns);
    for chip in catalog::CATALOG {
        let mut row = vec![
            chip.name.to_string(),
            chip.tdp_w
                .map_or(words("chips.na").into(), |w| quantity(w, 0)),
            chip.it_kw.map_or_else(
                || {
                    if chip.tdp_w.is_some() {
                        words("chips.derived").into()
                    } else {
                        words("chips.na").into()
                    }
                },
                |kw| format!("{kw:.3}"),
            ),
            chip.cooling.as_str().to_string(),
        ];
        let table = chip.tflops_table();
        row.extend(Precision::ALL.iter().map(|&p| {
            table.get(p).map_or("-".into(), |v| {
                quantity(v, if v.fract() == 0.0 { 0 } else { 2 })
            })
        }));
        t.row(row);
    }
    let mut out = format!("{}\n{}\n\n", words("chips.intro1"), words("chips.intro2"));
    out.push_str(&t.render());
    out.push_str(&format!("\n{}\n", words("chips.sources")));
    for chip in catalog::CATALOG {
        out.push_str(&format!(
            "  {:<11} {}: {}\n",
            chip.name, chip.description, chip.source
        ));
        if !chip.estimates.is_empty() {
            out.push_str(&format!("  {:<11} estimate: {}\n", "", chip.estimates));
        }
    }
    out
}
