//! Uncertain inputs: the stage between reading a scenario and validating it.
//!
//! A scenario may write a range where it would write a number or a month (`"20 to 80"`,
//! `{ min, likely, max }`, …) in the keys [`keys`] lists. [`resolve`] turns each into an
//! [`Input`] — a distribution truncated to the key's valid values, the key's path, and where
//! its draws go — and writes the input's median into the raw file in its place, so validation
//! and every deterministic command see the *mid-value case*. Monte Carlo then draws each input
//! per sample ([`stream`]) and patches a copy of the validated scenario: the model and the
//! simulator never see a distribution.

pub mod dist;
pub mod keys;
pub mod paths;
pub mod refclass;
pub mod slot;
pub mod stream;

mod factors;
mod form;

use std::ops::Range;

use crate::error::Diagnostic;
use crate::input::raw::{Form, Month, Num, RawFile, S, Value, Whole};
use crate::input::source::SourceMap;
use crate::units::YearMonth;
use dist::Truncated;
use factors::{Factor, FactorDomains};
use keys::{Key, Kind, Visit, walk};
use slot::Slot;

/// One independent draw per sample: an uncertain key, or a `[[factor]]` shared by keys.
#[derive(Debug, Clone)]
pub struct Input {
    /// The key's path, or the factor's name: it names the input's random stream.
    pub key: String,
    /// Whether this is a `[[factor]]`.
    pub factor: bool,
    /// The distribution, truncated to the values every key it feeds allows.
    pub dist: Truncated,
    /// The distribution in words, for `mc_inputs.csv`.
    pub describe: String,
    /// The reference class it draws from, if it does.
    pub reference: Option<String>,
    /// Where it was written.
    pub span: Range<usize>,
    /// The keys that take its draw.
    pub uses: Vec<Use>,
}

/// A key that takes an input's draw.
#[derive(Debug, Clone)]
pub struct Use {
    /// Its path.
    pub path: String,
    /// Where the value goes.
    pub slot: Slot,
    /// How the draw is finished for it (kept, rounded, floored to a month).
    pub kind: Kind,
    /// Where its value was written.
    pub span: Range<usize>,
}

impl Input {
    /// The input's value for uniform `u` (before any key rounds it).
    pub fn draw(&self, u: f64) -> f64 {
        self.dist.draw(u)
    }

    /// For an input that feeds a delay: the share of its draws that make the delay negative
    /// (earlier than planned), from its distribution. A delay rounds halves away from zero, so
    /// a draw is early from −0.5 down.
    pub fn early_share(&self) -> Option<f64> {
        self.uses
            .iter()
            .any(|u| u.slot.is_delay())
            .then(|| self.dist.cdf(-0.5))
    }

    /// The kind of its first use: how its draws read (a month, a whole number, a number).
    pub fn kind(&self) -> Kind {
        self.uses.first().map_or(Kind::Number, |u| u.kind)
    }
}

/// Every uncertain input of a scenario, in file order.
#[derive(Debug, Clone, Default)]
pub struct Uncertainty {
    /// The inputs.
    pub inputs: Vec<Input>,
    /// Keys that name a factor whose value is a plain number: (where, the value as the key
    /// holds it, its kind). Not inputs, but `show` writes their values in too.
    pub constants: Vec<(Range<usize>, f64, Kind)>,
}

impl Uncertainty {
    /// The reference classes the inputs draw from, each once, in the inputs' order.
    pub fn reference_classes(&self) -> Vec<&str> {
        crate::names::unique_in_order(self.inputs.iter().filter_map(|i| i.reference.as_deref()))
    }

    /// Whether the scenario has no uncertain input.
    pub fn is_empty(&self) -> bool {
        self.inputs.is_empty()
    }

    /// The mid-value case as values to write where the ranges were: for every key that takes
    /// an input, and every factor, its median as a TOML value and the span it replaces.
    pub fn medians(&self) -> Vec<(Range<usize>, crate::input::tree::Value)> {
        use crate::input::tree::Value as Toml;
        let toml = |kind: Kind, value: f64| match kind {
            Kind::Number => Toml::Float(value),
            Kind::Whole => Toml::Integer(value as i64),
            Kind::Month => Toml::String(
                YearMonth::from_index(value as i64).map_or(String::new(), |m| m.to_string()),
            ),
        };
        let mut out: Vec<(Range<usize>, Toml)> = self
            .constants
            .iter()
            .map(|(span, value, kind)| (span.clone(), toml(*kind, *value)))
            .collect();
        for input in &self.inputs {
            let x = input.draw(0.5);
            if input.factor {
                out.push((input.span.clone(), Toml::Float(x)));
            }
            for use_ in &input.uses {
                let value = use_.kind.finish(x);
                let toml = match use_.kind {
                    Kind::Number => Toml::Float(value),
                    Kind::Whole => Toml::Integer(value as i64),
                    Kind::Month => Toml::String(
                        YearMonth::from_index(value as i64)
                            .map_or(String::new(), |m| m.to_string()),
                    ),
                };
                out.push((use_.span.clone(), toml));
            }
        }
        out
    }
}

/// What [`resolve`] found.
pub struct Resolved {
    /// The inputs.
    pub uncertainty: Uncertainty,
    /// Problems with ranges and factors.
    pub problems: Vec<Diagnostic>,
    /// Factors no key uses.
    pub warnings: Vec<Diagnostic>,
}

/// Turns every uncertain value of `raw` into an [`Input`], writing its median in its place.
pub fn resolve(raw: &mut RawFile, sources: &SourceMap) -> Resolved {
    let mut r = Resolver {
        sources,
        problems: Vec::new(),
        factors: Vec::new(),
        factor_index: std::collections::HashMap::new(),
        resolved: Vec::new(),
        inputs: Vec::new(),
        constants: Vec::new(),
        previous_step: None,
    };
    r.declare_factors(raw);
    // First the domains of the keys each factor feeds, so that the factor can be truncated to
    // the values all of them allow; then every key.
    walk(raw, &mut FactorDomains(&mut r));
    r.factor_inputs();
    walk(raw, &mut r);
    r.mark_aliases_used();
    let mut warnings = Vec::new();
    for factor in &r.factors {
        if factor.used == 0 {
            warnings.push(sources.diagnostic(
                factor.span.clone(),
                crate::lang::fill("warn.unused_factor", &[("name", &factor.name)]),
            ));
        }
    }
    let mut inputs = r.inputs;
    // Factors first (their keys name them), then the keys, each in file order.
    inputs.sort_by_key(|input| (!input.factor, input.span.start));
    inputs.retain(|input| !input.uses.is_empty());
    Resolved {
        uncertainty: Uncertainty {
            inputs,
            constants: r.constants,
        },
        problems: r.problems,
        warnings,
    }
}

struct Resolver<'a> {
    sources: &'a SourceMap,
    problems: Vec<Diagnostic>,
    factors: Vec<Factor>,
    /// Factor names → index, so a chain of aliases resolves by hashing, not scanning.
    factor_index: std::collections::HashMap<String, usize>,
    /// Per factor, once resolved: the factor its alias chain ends in (`None` when the chain is
    /// unusable, already reported).
    #[expect(
        clippy::option_option,
        reason = "not yet resolved / resolved to nothing / to a factor"
    )]
    resolved: Vec<Option<Option<usize>>>,
    inputs: Vec<Input>,
    constants: Vec<(Range<usize>, f64, Kind)>,
    /// The previous step of the list being visited: its earliest and latest month, its path,
    /// and whether it is uncertain.
    previous_step: Option<(f64, f64, String, bool)>,
}

impl Resolver<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.problems.push(self.sources.diagnostic(span, message));
    }

    /// The median of an uncertain value for `key`, recording its input; `None` when the
    /// value is unusable (reported).
    fn median<B>(&mut self, form: &Form<B>, span: &Range<usize>, key: &Key) -> Option<f64>
    where
        Form<B>: form::Bounds,
    {
        if let Form::Factor(name) = form {
            return self.factor_median(name, span, key);
        }
        if let Form::Reference { class: name, .. } = form
            && !key.slot.is_delay()
        {
            self.error(
                name.span(),
                format!(
                    "a reference class gives months of delay: it goes in the `delay_months` of a site or region, or in a [[factor]] (not in `{}`)",
                    key.path
                ),
            );
            return None;
        }
        let (shape, describe) = match form::shape(form, key.kind, span) {
            Ok(found) => found,
            Err(problems) => {
                for (span, message) in problems {
                    self.error(span, message);
                }
                return None;
            }
        };
        let (low, high) = shape.support();
        let Some(dist) = Truncated::new(shape, key.domain) else {
            let domain = key.domain;
            let message = if low <= domain.hi && high >= domain.lo {
                format!(
                    "almost none of this range (a share under 1e-12) lies within the values `{}` allows ({} to {}): narrow it",
                    key.path,
                    crate::numbers::short(domain.lo),
                    crate::numbers::short(domain.hi)
                )
            } else {
                format!("no value of this range is allowed for `{}`", key.path)
            };
            self.error(span.clone(), message);
            return None;
        };
        let input = Input {
            key: key.path.clone(),
            factor: false,
            dist,
            describe,
            reference: form.reference_class().map(str::to_string),
            span: span.clone(),
            uses: vec![Use {
                path: key.path.clone(),
                slot: key.slot,
                kind: key.kind,
                span: span.clone(),
            }],
        };
        let median = key.kind.finish(input.draw(0.5));
        self.inputs.push(input);
        Some(median)
    }

    /// Checks that a step's month can only fall after the previous step's.
    fn check_step(
        &mut self,
        key: &Key,
        span: &Range<usize>,
        months: Option<(f64, f64)>,
        uncertain: bool,
    ) {
        let Some(position) = key.step else { return };
        if position == 0 {
            self.previous_step = None;
        }
        let Some((lo, hi)) = months else {
            self.previous_step = None;
            return;
        };
        if let Some((_, previous_hi, previous_path, previous_uncertain)) = self.previous_step.take()
            && (uncertain || previous_uncertain)
            && lo <= previous_hi
        {
            let message = format!(
                "`{}` can fall in or before a month `{previous_path}` can fall in, and steps must be in date order: give the two ranges months that do not overlap",
                key.path
            );
            self.error(span.clone(), message);
        }
        self.previous_step = Some((lo, hi, key.path.clone(), uncertain));
    }
}

impl Resolver<'_> {
    /// Replaces an uncertain number (or whole number) with its median, as `plain` writes it;
    /// an unusable one (reported) with nothing.
    fn settle<T>(
        &mut self,
        field: &mut Option<S<Value<T, f64>>>,
        key: &Key,
        plain: impl Fn(f64) -> T,
    ) {
        let Some(S {
            value: Value::Uncertain(form),
            span,
        }) = field
        else {
            return;
        };
        if let Some(reason) = key.fixed_only {
            self.error(span.clone(), reason);
            *field = None;
            return;
        }
        let median = self.median(form, span, key);
        *field = median.map(|x| S {
            value: Value::Fixed(plain(x)),
            span: span.clone(),
        });
    }
}

impl Visit for Resolver<'_> {
    fn num(&mut self, field: &mut Option<S<Num>>, key: Key) {
        self.settle(field, &key, |x| x);
    }

    fn whole(&mut self, field: &mut Option<S<Whole>>, key: Key) {
        self.settle(field, &key, |x| x as i64);
    }

    fn month(&mut self, field: &mut Option<S<Month>>, key: Key) {
        let Some(spanned) = field else {
            self.check_step(&key, &(0..0), None, false);
            return;
        };
        let span = spanned.span.clone();
        match &spanned.value {
            Value::Fixed(text) => {
                let month = YearMonth::parse(text).map(|m| f64::from(m.index()));
                self.check_step(&key, &span, month.map(|m| (m, m)), false);
            }
            Value::Uncertain(form) => {
                let form = form.clone();
                let median = self.median(&form, &span, &key);
                let support = self
                    .inputs
                    .last()
                    .filter(|input| input.key == key.path)
                    .map(|input| {
                        // A month range spans [A, B + 1): its last month is just below B + 1.
                        let (lo, hi) = input.dist.support();
                        (lo.floor(), (hi - 1e-9).floor())
                    });
                self.check_step(&key, &span, support, true);
                *field = median
                    .and_then(|m| YearMonth::from_index(m as i64))
                    .map(|m| S {
                        value: Value::Fixed(m.to_string()),
                        span,
                    });
            }
        }
    }
}
