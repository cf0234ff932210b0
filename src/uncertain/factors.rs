//! `[[factor]]`s: shared uncertain values, declared once and named by keys
//! (`{ factor = "NAME" }`). Their names are found by hashing, chains of factors naming each other
//! are followed once, and each factor's draws are truncated to what every key naming it allows.

use std::ops::Range;

use super::dist::{self, Domain, Truncated};
use super::keys::{Key, Kind, Visit};
use super::{Input, Resolver, Use};
use crate::error::did_you_mean;
use crate::input::raw::{Form, Month, Num, RawFile, S, Value, Whole};

/// A `[[factor]]` as resolved.
pub(super) struct Factor {
    pub(super) name: String,
    pub(super) span: Range<usize>,
    pub(super) value: FactorValue,
    pub(super) domain: Domain,
    pub(super) used: usize,
}

pub(super) enum FactorValue {
    /// A plain number: keys naming it are plain too.
    Constant(f64),
    /// Another factor's value.
    Alias(String, Range<usize>),
    /// A distribution; `input` is its index in the inputs once built.
    Uncertain {
        shape: dist::Shape,
        describe: String,
        reference: Option<String>,
        value_span: Range<usize>,
        input: Option<usize>,
    },
    /// Reported already.
    Invalid,
}

impl Resolver<'_> {
    pub(super) fn declare_factors(&mut self, raw: &RawFile) {
        let mut seen = std::collections::HashSet::new();
        for spanned in &raw.factor {
            let f = &spanned.value;
            let Some(name) = &f.name else { continue };
            if let Some(problem) = crate::names::problem(&name.value, "factor") {
                self.error(name.span(), problem);
                continue;
            }
            if !seen.insert(name.value.as_str()) {
                self.error(
                    name.span(),
                    format!("duplicate factor name `{}`", name.value),
                );
                continue;
            }
            let value = match &f.value {
                None => FactorValue::Invalid,
                Some(S {
                    value: Value::Fixed(x),
                    ..
                }) => FactorValue::Constant(*x),
                Some(S {
                    value: Value::Uncertain(Form::Factor(other)),
                    ..
                }) => FactorValue::Alias(other.value.clone(), other.span()),
                Some(S {
                    value: Value::Uncertain(form),
                    span,
                }) => match super::form::shape(form, Kind::Number, span) {
                    Ok((shape, describe)) => FactorValue::Uncertain {
                        shape,
                        describe,
                        reference: form.reference_class().map(str::to_string),
                        value_span: span.clone(),
                        input: None,
                    },
                    Err(problems) => {
                        for (span, message) in problems {
                            self.error(span, message);
                        }
                        FactorValue::Invalid
                    }
                },
            };
            self.factor_index
                .insert(name.value.clone(), self.factors.len());
            self.factors.push(Factor {
                name: name.value.clone(),
                span: name.span(),
                value,
                domain: Domain::closed(f64::NEG_INFINITY, f64::INFINITY),
                used: 0,
            });
        }
        self.resolved = vec![None; self.factors.len()];
    }

    /// Marks as used every factor a used factor names, down its chain of aliases (each factor
    /// visited once): a factor used only through another is still used.
    pub(super) fn mark_aliases_used(&mut self) {
        let mut reached = vec![false; self.factors.len()];
        for start in 0..self.factors.len() {
            if self.factors[start].used == 0 || reached[start] {
                continue;
            }
            let mut i = start;
            while !reached[i] {
                reached[i] = true;
                self.factors[i].used = self.factors[i].used.max(1);
                let FactorValue::Alias(next, _) = &self.factors[i].value else {
                    break;
                };
                match self.factor_index.get(next) {
                    Some(&j) => i = j,
                    None => break,
                }
            }
        }
    }

    /// The factor `name` resolves to, through aliases; `None` (reported) when it is unknown or
    /// its aliases make a cycle. Each factor's chain is followed once and remembered, by hash:
    /// a long chain named by many keys costs its length once, not once per key and step.
    pub(super) fn factor(&mut self, name: &S<String>) -> Option<usize> {
        let Some(&start) = self.factor_index.get(&name.value) else {
            self.unknown_factor(&name.value, name.span());
            return None;
        };
        if let Some(done) = self.resolved[start] {
            return done;
        }
        let mut chain: Vec<usize> = Vec::new();
        let mut on_chain = std::collections::HashSet::new();
        let mut i = start;
        let mut span = name.span();
        let result = loop {
            if let Some(done) = self.resolved[i] {
                break done;
            }
            if !on_chain.insert(i) {
                let names: Vec<&str> = chain
                    .iter()
                    .chain([&i])
                    .map(|&k| self.factors[k].name.as_str())
                    .collect();
                let message = format!("factors name each other in a cycle: {}", names.join(" → "));
                self.error(span, message);
                break None;
            }
            chain.push(i);
            match &self.factors[i].value {
                FactorValue::Alias(next, next_span) => {
                    let (next, next_span) = (next.clone(), next_span.clone());
                    if let Some(&j) = self.factor_index.get(&next) {
                        i = j;
                        span = next_span;
                    } else {
                        self.unknown_factor(&next, next_span);
                        break None;
                    }
                }
                FactorValue::Invalid => break None,
                _ => break Some(i),
            }
        };
        for &k in &chain {
            self.resolved[k] = Some(result);
        }
        result
    }

    /// Reports a factor name no `[[factor]]` declares, with the closest if one is close.
    pub(super) fn unknown_factor(&mut self, name: &str, span: Range<usize>) {
        let mut message = format!("unknown factor `{name}`");
        let names: Vec<&str> = self.factors.iter().map(|f| f.name.as_str()).collect();
        if let Some(close) = did_you_mean(name, names) {
            message.push_str(&format!(" — did you mean `{close}`?"));
        } else if self.factors.is_empty() {
            message.push_str(" (the scenario has no [[factor]])");
        }
        self.error(span, message);
    }

    /// Builds an input for each uncertain factor, truncated to what its keys allow.
    pub(super) fn factor_inputs(&mut self) {
        for i in 0..self.factors.len() {
            let domain = self.factors[i].domain;
            let FactorValue::Uncertain {
                shape,
                describe,
                reference,
                value_span,
                ..
            } = &self.factors[i].value
            else {
                continue;
            };
            let (shape, describe, reference, value_span) = (
                shape.clone(),
                describe.clone(),
                reference.clone(),
                value_span.clone(),
            );
            if let Some(dist) = Truncated::new(shape, domain) {
                self.inputs.push(Input {
                    key: self.factors[i].name.clone(),
                    factor: true,
                    dist,
                    describe,
                    reference,
                    span: value_span,
                    uses: Vec::new(),
                });
                if let FactorValue::Uncertain { input, .. } = &mut self.factors[i].value {
                    *input = Some(self.inputs.len() - 1);
                }
            } else {
                let message = format!(
                    "no value of factor `{}` is allowed by every key that uses it",
                    self.factors[i].name
                );
                self.error(value_span, message);
                self.factors[i].value = FactorValue::Invalid;
            }
        }
    }

    /// The median of a key that names a factor (`{ factor = "NAME" }`): the factor's constant,
    /// or its input's median with this key recorded as one of its uses.
    pub(super) fn factor_median(
        &mut self,
        name: &S<String>,
        span: &Range<usize>,
        key: &Key,
    ) -> Option<f64> {
        if key.kind == Kind::Month {
            self.error(
                name.span(),
                format!(
                    "`{}` is a month; a factor holds a number (use it in a delay, in months)",
                    key.path
                ),
            );
            return None;
        }
        // The factor the key names is used (and, at the end, every factor it names).
        if let Some(&named) = self.factor_index.get(&name.value) {
            self.factors[named].used += 1;
        }
        let f = self.factor(name)?;
        match &self.factors[f].value {
            FactorValue::Constant(x) => {
                let value = key.kind.finish(*x);
                self.constants.push((span.clone(), value, key.kind));
                Some(value)
            }
            FactorValue::Uncertain {
                input: Some(input), ..
            } => {
                let input = &mut self.inputs[*input];
                input.uses.push(Use {
                    path: key.path.clone(),
                    slot: key.slot,
                    kind: key.kind,
                    span: span.clone(),
                });
                Some(key.kind.finish(input.draw(0.5)))
            }
            _ => None,
        }
    }
}

/// The first walk: the domains of the keys that name each factor.
pub(super) struct FactorDomains<'r, 'a>(pub(super) &'r mut Resolver<'a>);

impl FactorDomains<'_, '_> {
    fn note<T, B>(&mut self, field: &Option<S<Value<T, B>>>, key: &Key) {
        if let Some(S {
            value: Value::Uncertain(Form::Factor(name)),
            ..
        }) = field
            && let Some(&named) = self.0.factor_index.get(&name.value)
        {
            // The domain goes to the factor the key names and to the one its aliases end in,
            // whose draw the key takes. (A broken chain is reported here, once.)
            let terminal = self.0.factor(name);
            for f in [Some(named), terminal].into_iter().flatten() {
                let factor = &mut self.0.factors[f];
                factor.domain = factor.domain.meet(key.domain);
            }
        }
    }
}

impl Visit for FactorDomains<'_, '_> {
    fn num(&mut self, field: &mut Option<S<Num>>, key: Key) {
        self.note(field, &key);
    }
    fn whole(&mut self, field: &mut Option<S<Whole>>, key: Key) {
        self.note(field, &key);
    }
    fn month(&mut self, _: &mut Option<S<Month>>, _: Key) {}
}
