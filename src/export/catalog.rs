//! `gpuplan chips`: the built-in catalog as a table, then each chip's sources and estimates.

use super::table;
use crate::catalog;
use crate::present::format::quantity;
use crate::units::Precision;

/// The catalog as a table followed by each chip's sources and estimates.
pub fn text() -> String {
    let mut columns = vec![
        ("Chip", table::Align::Left),
        ("TDP W", table::Align::Right),
        ("IT kW", table::Align::Right),
        ("Cooling", table::Align::Left),
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
            chip.tdp_w.map_or("n/a".into(), |w| quantity(w, 0)),
            chip.it_kw.map_or_else(
                || {
                    if chip.tdp_w.is_some() {
                        "derived".into()
                    } else {
                        "n/a".into()
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
    let mut out = String::from(
        "Built-in chips: dense peak TFLOPS (TOPS for int8); IT kW is all-in per chip from system figures\n",
    );
    out.push_str("(\"derived\" = tdp_w / 1000 x server_overhead, default 1.82; \"n/a\" = not found, give it in the scenario)\n\n");
    out.push_str(&t.render());
    out.push_str("\nSources\n");
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
