//! `gpuplan backtest [CLASS] [--out DIR]`: how well the shipped reference classes forecast
//! their own cases, each from the others — `backtest.csv`, the coverage chart and a verdict
//! per class (docs/reliability.md: How good is the outside view?).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};

use crate::analysis::backtest;
use crate::chart::{self, Format};
use crate::export;
use crate::uncertain::refclass;

/// Backtests class `name`, or every class.
pub fn run(name: Option<&str>, out: Option<PathBuf>, stdout: &mut dyn Write) -> Result<()> {
    let dataset = refclass::shipped();
    let backtests = match name {
        None => backtest::all(dataset),
        Some(name) => match dataset.class(name) {
            Some(class) => vec![backtest::class(dataset, &class.name)],
            None => bail!(
                "unknown reference class `{name}` (the classes: {})",
                refclass::names()
            ),
        },
    };
    let mut files = vec![(
        "backtest.csv".to_string(),
        export::backtest::csv(&backtests).into_bytes(),
    )];
    files.extend(chart::render_backtest(&backtests, Format::Both)?);
    let dir = out.unwrap_or_else(|| Path::new("out").join("backtest"));
    let summary = export::backtest::summary(&backtests);
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    let wrote = format!("{}\n", super::wrote(&names, &dir));
    Ok(export::write::publish(&dir, &files, stdout, |stdout| {
        stdout.write_all(summary.as_bytes())?;
        stdout.write_all(wrote.as_bytes())
    })?)
}
