//! Raw file → [`Scenario`]: resolves names, applies defaults and enforces every rule of SPEC §2.
//!
//! Problems are collected rather than returned at the first one, so a user fixes a file in one
//! pass. Each is reported at the value it came from.

use std::ops::Range;
use std::path::Path;

use super::catalog::CATALOG;
use super::{Allocation, Chip, Recipient, Region, Scenario, Site, Step, Target};
use crate::error::{Diagnostic, ScenarioError, did_you_mean};
use crate::input::raw::*;
use crate::units::{Metric, Tflops, YearMonth};

/// Longest horizon, in months.
pub const MAX_MONTHS: usize = 1200;
/// Most chips a scenario may allocate in total (keeps every count exact in f64 arithmetic).
pub const MAX_TOTAL_CHIPS: u64 = 1_000_000_000_000_000;
/// Largest power, PUE, TFLOPS or target figure accepted (1e12), far beyond any real plan.
pub const MAX_VALUE: f64 = 1e12;
/// Longest delay or commissioning time, in months.
const MAX_SHIFT_MONTHS: i64 = 12_000;
const DEFAULT_SERVER_OVERHEAD: f64 = 1.82;
const DEFAULT_PRIORITY: i64 = 100;

/// Collects diagnostics against one file.
struct Checker<'a> {
    file: &'a Path,
    source: &'a str,
    problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.problems
            .push(Diagnostic::at(self.file, self.source, span, message));
    }

    fn month(&mut self, value: &S<String>) -> Option<YearMonth> {
        let month = YearMonth::parse(value.get_ref());
        if month.is_none() {
            self.error(
                value.span(),
                format!(
                    "malformed month `{}`: expected \"YYYY-MM\" with a month from 01 to 12",
                    value.get_ref()
                ),
            );
        }
        month
    }

    /// A whole number >= 0.
    fn count(&mut self, value: &S<i64>, key: &str) -> Option<u64> {
        let n = *value.get_ref();
        if n < 0 {
            self.error(
                value.span(),
                format!("`{key}` must not be negative (got {n})"),
            );
            return None;
        }
        Some(n.unsigned_abs())
    }

    /// A month count >= 0 for delays and commissioning.
    fn shift(&mut self, value: Option<&S<i64>>, key: &str, default: u32) -> u32 {
        let Some(value) = value else { return default };
        let n = *value.get_ref();
        if !(0..=MAX_SHIFT_MONTHS).contains(&n) {
            self.error(
                value.span(),
                format!("`{key}` must be from 0 to {MAX_SHIFT_MONTHS} months (got {n})"),
            );
            return default;
        }
        u32::try_from(n).unwrap_or(default)
    }

    /// A finite number in `[min, MAX_VALUE]`; `strict` excludes `min` itself.
    fn number(&mut self, value: &S<f64>, key: &str, min: f64, strict: bool) -> Option<f64> {
        let x = *value.get_ref();
        let problem = if !x.is_finite() {
            Some("must be a finite number".to_string())
        } else if strict && x <= min {
            Some(format!("must be greater than {min}"))
        } else if x < min {
            Some(if min == 0.0 {
                "must not be negative".to_string()
            } else {
                format!("must be at least {min}")
            })
        } else if x > MAX_VALUE {
            Some(format!("must be at most {MAX_VALUE:e}"))
        } else {
            None
        };
        match problem {
            Some(problem) => {
                self.error(value.span(), format!("`{key}` {problem} (got {x})"));
                None
            }
            None => Some(x),
        }
    }

    /// Checks that `name` is non-empty and not among `seen`, then records it.
    fn unique(&mut self, name: &S<String>, kind: &str, seen: &mut Vec<String>) {
        if name.get_ref().trim().is_empty() {
            self.error(name.span(), format!("{kind} name must not be empty"));
        } else if seen.contains(name.get_ref()) {
            self.error(
                name.span(),
                format!("duplicate {kind} name `{}`", name.get_ref()),
            );
        }
        seen.push(name.get_ref().clone());
    }

    /// Resolves a reference to a name in `names`.
    fn resolve(&mut self, name: &S<String>, kind: &str, names: &[String]) -> Option<usize> {
        let found = names.iter().position(|n| n == name.get_ref());
        if found.is_none() {
            let mut message = format!("unknown {kind} `{}`", name.get_ref());
            if let Some(close) = did_you_mean(name.get_ref(), names.iter().map(String::as_str)) {
                message.push_str(&format!(" — did you mean `{close}`?"));
            } else if names.is_empty() {
                message.push_str(&format!(" (the scenario has no [[{kind}]])"));
            }
            self.error(name.span(), message);
        }
        found
    }

    fn resolve_all(
        &mut self,
        list: Option<&Vec<S<String>>>,
        kind: &str,
        names: &[String],
    ) -> Option<Vec<usize>> {
        list.map(|list| {
            list.iter()
                .filter_map(|name| self.resolve(name, kind, names))
                .collect()
        })
    }

    /// Steps of a step function, which must be in strictly increasing date order.
    fn steps<T>(
        &mut self,
        steps: &[S<T>],
        from: impl Fn(&T) -> &S<String>,
    ) -> Vec<Option<YearMonth>> {
        let months: Vec<Option<YearMonth>> = steps
            .iter()
            .map(|s| self.month(from(s.get_ref())))
            .collect();
        for (i, pair) in months.windows(2).enumerate() {
            if let [Some(a), Some(b)] = pair
                && b <= a
            {
                self.error(
                    from(steps[i + 1].get_ref()).span(),
                    format!("steps must be in date order: {b} is not after {a}"),
                );
            }
        }
        months
    }
}

/// Validates a parsed file into a [`Scenario`].
pub fn validate(file: &Path, source: &str, raw: RawFile) -> Result<Scenario, ScenarioError> {
    let mut c = Checker {
        file,
        source,
        problems: Vec::new(),
    };
    let meta = raw.scenario.get_ref();
    let start = c.month(&meta.start);
    let end = c.month(&meta.end);
    let mut months = 1;
    if let (Some(start), Some(end)) = (start, end) {
        let span = end.months_since(start) + 1;
        if span < 1 {
            c.error(
                meta.end.span(),
                format!("`end` {end} is before `start` {start}"),
            );
        } else if span > MAX_MONTHS as i64 {
            c.error(
                meta.end.span(),
                format!("the horizon is {span} months; at most {MAX_MONTHS} are allowed"),
            );
        } else {
            months = span as usize;
        }
    }
    let start = start.unwrap_or(YearMonth::new(2000, 1).expect("a valid constant month"));
    let horizon_end = start.plus(months - 1);
    let commissioning = c.shift(
        meta.commissioning_months.as_ref(),
        "commissioning_months",
        0,
    );
    let overhead = meta
        .server_overhead
        .as_ref()
        .map_or(Some(DEFAULT_SERVER_OVERHEAD), |v| {
            c.number(v, "server_overhead", 0.0, true)
        });

    let chips = chips(&mut c, &raw.chip);
    let chip_names: Vec<String> = chips.iter().map(|chip| chip.name.clone()).collect();

    let mut seen = Vec::new();
    let recipients: Vec<Recipient> = raw
        .recipient
        .iter()
        .map(|r| {
            let r = r.get_ref();
            c.unique(&r.name, "recipient", &mut seen);
            let priority = r.priority.as_ref().map_or(DEFAULT_PRIORITY, |p| {
                c.count(p, "priority")
                    .map_or(DEFAULT_PRIORITY, |p| p as i64)
            });
            Recipient {
                name: r.name.get_ref().clone(),
                priority,
            }
        })
        .collect();
    let recipient_names = seen;

    let mut seen = Vec::new();
    let regions: Vec<Region> = raw
        .region
        .iter()
        .map(|r| {
            let r = r.get_ref();
            c.unique(&r.name, "region", &mut seen);
            let grid_mw = r.grid.as_ref().map(|grid| {
                let froms = c.steps(grid, |g: &RawGridStep| &g.from);
                grid.iter()
                    .zip(froms)
                    .filter_map(|(g, from)| {
                        let mw = c.number(&g.get_ref().mw, "mw", 0.0, false);
                        Some(Step {
                            from: from?,
                            value: mw?,
                        })
                    })
                    .collect()
            });
            let delay_months = c.shift(r.delay_months.as_ref(), "delay_months", 0);
            Region {
                name: r.name.get_ref().clone(),
                grid_mw,
                delay_months,
            }
        })
        .collect();
    let region_names = seen;

    let mut seen = Vec::new();
    let sites: Vec<Site> = raw
        .site
        .iter()
        .map(|s| {
            let s = s.get_ref();
            c.unique(&s.name, "site", &mut seen);
            let region = s
                .region
                .as_ref()
                .and_then(|r| c.resolve(r, "region", &region_names));
            let phases = s
                .phases
                .iter()
                .filter_map(|p| {
                    let p = p.get_ref();
                    let online = c.month(&p.online);
                    let mw = c.number(&p.it_mw, "it_mw", 0.0, false);
                    Some((online?, mw?))
                })
                .collect();
            Site {
                name: s.name.get_ref().clone(),
                region,
                recipients: c
                    .resolve_all(s.recipients.as_ref(), "recipient", &recipient_names)
                    .filter(|r| !r.is_empty()),
                pue: c.number(&s.pue, "pue", 1.0, false).unwrap_or(1.0),
                cooling: *s.cooling.get_ref(),
                install_per_month: s
                    .install_per_month
                    .as_ref()
                    .and_then(|n| c.count(n, "install_per_month")),
                commissioning_months: c.shift(
                    s.commissioning_months.as_ref(),
                    "commissioning_months",
                    commissioning,
                ),
                delay_months: c.shift(s.delay_months.as_ref(), "delay_months", 0),
                phases,
            }
        })
        .collect();

    let allocations = allocations(
        &mut c,
        &raw.allocation,
        &chips,
        &chip_names,
        &recipient_names,
        start,
        horizon_end,
        overhead,
    );

    let supply = raw.supply.as_ref().map(|supply| {
        let cap = &supply.get_ref().cap;
        let froms = c.steps(cap, |s: &RawCapStep| &s.from);
        cap.iter()
            .zip(froms)
            .filter_map(|(s, from)| {
                Some(Step {
                    from: from?,
                    value: c.count(&s.get_ref().per_month, "per_month")?,
                })
            })
            .collect()
    });

    let targets = targets(
        &mut c,
        &raw.target,
        &chips,
        &chip_names,
        &recipient_names,
        &allocations,
        start,
        horizon_end,
    );

    if !c.problems.is_empty() {
        c.problems.sort_by_key(|d| (d.line, d.column));
        return Err(ScenarioError {
            diagnostics: c.problems,
        });
    }
    Ok(Scenario {
        name: meta.name.get_ref().clone(),
        description: meta.description.clone(),
        start,
        months,
        chips,
        recipients,
        allocations,
        supply,
        regions,
        sites,
        targets,
    })
}

/// The catalog with the file's `[[chip]]` tables applied: a known name overrides the keys it
/// gives, a new name adds a chip.
fn chips(c: &mut Checker, raw: &[S<RawChip>]) -> Vec<Chip> {
    let mut chips: Vec<Chip> = CATALOG
        .iter()
        .map(|entry| Chip {
            name: entry.name.to_string(),
            tdp_w: entry.tdp_w,
            it_kw: entry.it_kw,
            cooling: entry.cooling,
            tflops: entry.tflops_table(),
        })
        .collect();
    let mut seen = Vec::new();
    for spanned in raw {
        let chip = spanned.get_ref();
        c.unique(&chip.name, "chip", &mut seen);
        let tdp_w = chip
            .tdp_w
            .as_ref()
            .and_then(|v| c.number(v, "tdp_w", 0.0, true));
        let it_kw = chip
            .it_kw
            .as_ref()
            .and_then(|v| c.number(v, "it_kw", 0.0, true));
        let tflops = chip.tflops.as_ref().map(|table| {
            let mut figures = Tflops::default();
            for (precision, value) in table.get_ref().entries() {
                figures.0[precision.index()] =
                    value.and_then(|v| c.number(v, precision.as_str(), 0.0, false));
            }
            figures
        });
        let cooling = chip.cooling.as_ref().map(|v| *v.get_ref());
        if let Some(existing) = chips
            .iter_mut()
            .find(|known| &known.name == chip.name.get_ref())
        {
            if chip.tdp_w.is_some() {
                existing.tdp_w = tdp_w;
            }
            if chip.it_kw.is_some() {
                existing.it_kw = it_kw;
            }
            existing.cooling = cooling.unwrap_or(existing.cooling);
            existing.tflops = tflops.unwrap_or(existing.tflops);
        } else {
            if cooling.is_none() {
                c.error(
                    spanned.span(),
                    format!(
                        "new chip `{}` needs `cooling` (\"air\" or \"liquid\")",
                        chip.name.get_ref()
                    ),
                );
            }
            chips.push(Chip {
                name: chip.name.get_ref().clone(),
                tdp_w,
                it_kw,
                cooling: cooling.unwrap_or(crate::units::Cooling::Air),
                tflops: tflops.unwrap_or_default(),
            });
        }
    }
    chips
}

#[allow(clippy::too_many_arguments)]
fn allocations(
    c: &mut Checker,
    raw: &[S<RawAllocation>],
    chips: &[Chip],
    chip_names: &[String],
    recipient_names: &[String],
    start: YearMonth,
    end: YearMonth,
    overhead: Option<f64>,
) -> Vec<Allocation> {
    let mut total: u64 = 0;
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut out = Vec::new();
    for spanned in raw {
        let a = spanned.get_ref();
        let recipient = c.resolve(&a.recipient, "recipient", recipient_names);
        let chip = c.resolve(&a.chip, "chip", chip_names);
        let pair = (a.recipient.get_ref().clone(), a.chip.get_ref().clone());
        if pairs.contains(&pair) {
            c.error(a.chip.span(), format!("duplicate allocation of `{}` to `{}`: give one allocation per recipient and chip", pair.1, pair.0));
        }
        pairs.push(pair);
        let count = c.count(&a.count, "count");
        if let Some(n) = count {
            total = total.saturating_add(n);
            if total > MAX_TOTAL_CHIPS {
                c.error(
                    a.count.span(),
                    format!("the allocations add up to more than {MAX_TOTAL_CHIPS} chips"),
                );
            }
        }
        let it_kw = chip.and_then(|i| it_kw(c, &chips[i], &a.chip, overhead));
        let requests = requests(c, &a.deliveries, count, start, end);
        if let (Some(recipient), Some(chip), Some(count), Some(it_kw), Some(requests)) =
            (recipient, chip, count, it_kw, requests)
        {
            out.push(Allocation {
                recipient,
                chip,
                count,
                it_kw,
                requests,
            });
        }
    }
    out
}

/// IT kW per chip: the chip's `it_kw`, else `tdp_w / 1000 * server_overhead`.
fn it_kw(
    c: &mut Checker,
    chip: &Chip,
    reference: &S<String>,
    overhead: Option<f64>,
) -> Option<f64> {
    let derived = match (chip.it_kw, chip.tdp_w) {
        (Some(kw), _) => Some(kw),
        (None, Some(w)) => overhead.map(|o| w / 1000.0 * o),
        (None, None) => {
            c.error(
                reference.span(),
                format!("chip `{}` has no power figure: add a [[chip]] named `{}` with `tdp_w` or `it_kw`", chip.name, chip.name),
            );
            return None;
        }
    };
    match derived {
        Some(kw) if kw > 0.0 && kw.is_finite() => Some(kw),
        Some(kw) => {
            c.error(
                reference.span(),
                format!(
                    "chip `{}` has an IT power of {kw} kW; `it_kw` must be > 0",
                    chip.name
                ),
            );
            None
        }
        None => None,
    }
}

/// The allocation's requested deliveries; ramps are cut at the horizon's end (later months never arrive).
fn requests(
    c: &mut Checker,
    raw: &S<RawDeliveries>,
    count: Option<u64>,
    start: YearMonth,
    end: YearMonth,
) -> Option<Vec<(YearMonth, u64)>> {
    let before_start = |c: &mut Checker, month: YearMonth, span: Range<usize>| {
        if month < start {
            c.error(
                span,
                format!("deliveries in {month}, before the scenario `start` {start}"),
            );
        }
    };
    match raw.get_ref() {
        RawDeliveries::Ramp(ramp) => {
            let first = c.month(&ramp.start);
            let months = *ramp.months.get_ref();
            if months < 1 {
                c.error(
                    ramp.months.span(),
                    format!("`months` must be at least 1 (got {months})"),
                );
            }
            let first = first?;
            before_start(c, first, ramp.start.span());
            let (count, months) = (count?, u64::try_from(months).ok().filter(|&m| m >= 1)?);
            let (base, rem) = (count / months, count % months);
            let inside = u64::try_from(end.months_since(first) + 1)
                .unwrap_or(0)
                .min(months);
            Some(
                (0..inside)
                    .map(|i| (first.plus(i as usize), base + u64::from(i < rem)))
                    .collect(),
            )
        }
        RawDeliveries::Schedule(list) => {
            let mut sum: u128 = 0;
            let mut out = Vec::with_capacity(list.len());
            for entry in list {
                let entry = entry.get_ref();
                let month = c.month(&entry.month);
                let n = c.count(&entry.count, "count");
                if let Some(month) = month {
                    before_start(c, month, entry.month.span());
                }
                if let (Some(month), Some(n)) = (month, n) {
                    sum += u128::from(n);
                    out.push((month, n));
                }
            }
            if let Some(count) = count
                && out.len() == list.len()
                && sum != u128::from(count)
            {
                c.error(
                    raw.span(),
                    format!("the deliveries add up to {sum} but `count` is {count}"),
                );
            }
            Some(out)
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn targets(
    c: &mut Checker,
    raw: &[S<RawTarget>],
    chips: &[Chip],
    chip_names: &[String],
    recipient_names: &[String],
    allocations: &[Allocation],
    start: YearMonth,
    end: YearMonth,
) -> Vec<Target> {
    let mut seen = Vec::new();
    let mut out = Vec::new();
    for spanned in raw {
        let t = spanned.get_ref();
        c.unique(&t.name, "target", &mut seen);
        let metric = *t.metric.get_ref();
        let by = c.month(&t.by);
        if let Some(by) = by
            && (by < start || by > end)
        {
            c.error(
                t.by.span(),
                format!("`by` {by} lies outside the horizon {start} to {end}"),
            );
        }
        let value = c.number(&t.value, "value", 0.0, false);
        let efficiency = t
            .efficiency
            .as_ref()
            .and_then(|e| c.number(e, "efficiency", 0.0, true))
            .unwrap_or(1.0);
        let precision = t.precision.as_ref().map(|p| *p.get_ref());
        match metric {
            Metric::Pflops if precision.is_none() => {
                c.error(t.metric.span(), "a `pflops` target needs `precision` (fp64, fp32, tf32, bf16, fp16, fp8, fp4 or int8)")
            }
            Metric::ChipsOnline => {
                if let Some(p) = &t.precision {
                    c.error(p.span(), "`precision` applies only to `pflops` targets");
                }
                if let Some(e) = &t.efficiency {
                    c.error(e.span(), "`efficiency` applies only to `pflops` targets");
                }
                if let Some(v) = value
                    && v.fract() != 0.0
                {
                    c.error(t.value.span(), format!("a `chips_online` value must be a whole number of chips (got {v})"));
                }
            }
            Metric::Pflops => {}
        }
        let target = Target {
            name: t.name.get_ref().clone(),
            metric,
            precision,
            efficiency,
            value: value.unwrap_or(0.0),
            by: by.unwrap_or(start),
            recipients: c.resolve_all(t.recipients.as_ref(), "recipient", recipient_names),
            chips: c.resolve_all(t.chips.as_ref(), "chip", chip_names),
        };
        if let (Some(precision), Some(span)) = (precision, t.precision.as_ref().map(S::span)) {
            let in_scope = allocations
                .iter()
                .filter(|a| target.covers(a))
                .map(|a| a.chip);
            let mut lacking: Vec<&str> = in_scope
                .chain(target.chips.iter().flatten().copied())
                .filter(|&i| chips[i].tflops.get(precision).is_none())
                .map(|i| chips[i].name.as_str())
                .collect();
            lacking.sort_unstable();
            lacking.dedup();
            if !lacking.is_empty() {
                c.error(
                    span,
                    format!(
                        "chip `{}` in this target's scope has no {} figure",
                        lacking.join("`, `"),
                        precision.as_str()
                    ),
                );
            }
        }
        out.push(target);
    }
    out
}
