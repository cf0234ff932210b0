//! The scenario file as written: plain structs that mirror the scenario format one to one, filled by
//! [`super::read`]. Keys that may hold an uncertain value hold a [`Value`].
//!
//! Every value keeps the span it came from, so a later check can point at its line and column.
//! A field is `None` when the key is absent — or when its value was unusable, in which case the
//! reader has already reported it (a required key that is `None` has always been reported).
//! Nothing here is validated beyond TOML types; `model::validate` turns these into a
//! [`crate::model::Scenario`].

// The fields are the scenario keys, one to one, each documented in docs/scenario-format.md's
// annotated example; repeating that beside every field would only let the two drift apart.
#![allow(missing_docs)]

use std::ops::Range;

use crate::units::{Cooling, Metric, Observed, Precision};

/// A value with the byte range (in the scenario's shared offset space) it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct S<T> {
    pub value: T,
    pub span: Range<usize>,
}

impl<T> S<T> {
    /// The value.
    pub fn get_ref(&self) -> &T {
        &self.value
    }

    /// Where it was written.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
}

/// A value as written in a key that may be uncertain: a plain value, or one of the
/// uncertain forms. `crate::uncertain` replaces every uncertain one with its median (the
/// mid-value case) before validation, so validation only ever sees `Fixed`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<T, B> {
    /// A plain value.
    Fixed(T),
    /// A range or choice, with bounds of type `B` (numbers, or month text).
    Uncertain(Form<B>),
}

impl<T: Clone, B> S<Value<T, B>> {
    /// The plain value with its span, if it is one.
    pub fn fixed(&self) -> Option<S<T>> {
        match &self.value {
            Value::Fixed(v) => Some(S {
                value: v.clone(),
                span: self.span.clone(),
            }),
            Value::Uncertain(_) => None,
        }
    }
}

/// An uncertain value's form as written (bounds not yet checked).
#[derive(Debug, Clone, PartialEq)]
pub enum Form<B> {
    /// `"A to B"` or `{ p5 = A, p95 = B, shape = "normal" }`: a 90% interval.
    Interval {
        p5: S<B>,
        p95: S<B>,
        shape: Option<S<String>>,
    },
    /// `{ min, likely, max }`: PERT.
    Pert { min: S<B>, likely: S<B>, max: S<B> },
    /// `{ min, max }`: uniform.
    Uniform { min: S<B>, max: S<B> },
    /// `{ choose = [ { value, weight }, ... ] }`: discrete alternatives.
    Choose(Vec<(S<B>, S<f64>)>),
    /// `{ factor = "NAME" }`: a shared factor's draw.
    Factor(S<String>),
    /// `{ reference = "NAME" }`: a reference class's slips (months of delay); with
    /// `lead_months = N`, its slips relative to each plan's lead, times N.
    Reference {
        class: S<String>,
        lead_months: Option<S<f64>>,
    },
}

impl<B> Form<B> {
    /// The reference class a `{ reference = "NAME" }` names.
    pub fn reference_class(&self) -> Option<&str> {
        match self {
            Form::Reference { class, .. } => Some(&class.value),
            _ => None,
        }
    }
}

/// A number that may be uncertain.
pub type Num = Value<f64, f64>;
/// A whole number that may be uncertain (bounds are numbers; draws are rounded).
pub type Whole = Value<i64, f64>;
/// A month that may be uncertain (bounds are month text).
pub type Month = Value<String, String>;

/// The value of a declared number `key` among an element's `numbers`, as written.
pub fn declared<'a>(numbers: &'a [Option<S<Num>>], key: &super::format::Key) -> Option<&'a S<Num>> {
    numbers
        .get(super::format::number_index(key))
        .and_then(Option::as_ref)
}

/// Reads a plain field: `Some` with the value if the key holds a plain value.
pub fn fixed<T: Clone, B>(field: &Option<S<Value<T, B>>>) -> Option<S<T>> {
    field.as_ref().and_then(S::fixed)
}

/// A whole scenario file.
#[derive(Debug, Default)]
pub struct RawFile {
    /// `[scenario]`: name and horizon.
    pub scenario: Option<RawMeta>,
    /// `[[chip]]`: additions to, or overrides of, the built-in catalog.
    pub chip: Vec<S<RawChip>>,
    /// `[[recipient]]`.
    pub recipient: Vec<S<RawRecipient>>,
    /// `[[allocation]]`.
    pub allocation: Vec<S<RawAllocation>>,
    /// `[supply]`.
    pub supply: Option<S<RawSupply>>,
    /// `[[region]]`.
    pub region: Vec<S<RawRegion>>,
    /// `[[site]]`.
    pub site: Vec<S<RawSite>>,
    /// `[[target]]`.
    pub target: Vec<S<RawTarget>>,
    /// `[[factor]]`: shared uncertain values.
    pub factor: Vec<S<RawFactor>>,
    /// `[[observed]]`: what has happened.
    pub observed: Vec<S<RawObserved>>,
    /// `[economics]`: energy and money.
    pub economics: Option<S<RawEconomics>>,
}

/// `[economics]`.
#[derive(Debug, Default)]
pub struct RawEconomics {
    pub currency: Option<S<String>>,
    pub electricity: Vec<S<RawPriceStep>>,
    pub carbon: Vec<S<RawPriceStep>>,
    /// The table's declared numbers ([`super::format::numbers_of`]), in their order.
    pub numbers: Vec<Option<S<Num>>>,
}

/// One step of `electricity` or `carbon`: its month and its declared number.
#[derive(Debug, Default)]
pub struct RawPriceStep {
    pub from: Option<S<String>>,
    /// The step's declared number (`per_kwh` or `g_per_kwh`).
    pub numbers: Vec<Option<S<Num>>>,
}

/// `[[observed]]`: a count of chips seen at a month, with its source.
#[derive(Debug, Default)]
pub struct RawObserved {
    pub month: Option<S<String>>,
    pub metric: Option<S<Observed>>,
    pub value: Option<S<f64>>,
    pub recipients: Option<Vec<S<String>>>,
    pub chips: Option<Vec<S<String>>>,
    pub tolerance: Option<S<f64>>,
    pub source: Option<S<String>>,
}

/// `[[factor]]`: one draw per sample shared by every key that names it.
#[derive(Debug, Default)]
pub struct RawFactor {
    pub name: Option<S<String>>,
    pub value: Option<S<Num>>,
    pub description: Option<S<String>>,
}

/// `[scenario]`.
#[derive(Debug, Default)]
pub struct RawMeta {
    pub name: Option<S<String>>,
    pub description: Option<S<String>>,
    pub start: Option<S<String>>,
    pub end: Option<S<String>>,
    pub commissioning_months: Option<S<Whole>>,
    pub server_overhead: Option<S<Num>>,
    /// The table's declared numbers ([`super::format::numbers_of`]), in their order.
    pub numbers: Vec<Option<S<Num>>>,
}

/// `[[chip]]`: every key but `name` is optional so that an override can give only what changes.
#[derive(Debug, Default)]
pub struct RawChip {
    pub name: Option<S<String>>,
    pub tdp_w: Option<S<Num>>,
    pub it_kw: Option<S<Num>>,
    pub cooling: Option<S<Cooling>>,
    /// Whether `cooling` was written, even if unusable (a new chip must give it).
    pub cooling_given: bool,
    pub tflops: Option<S<RawTflops>>,
    /// The table's declared numbers ([`super::format::numbers_of`]), in their order.
    pub numbers: Vec<Option<S<Num>>>,
}

/// A chip's `tflops` table, in [`Precision::ALL`] order.
#[derive(Debug, Default)]
pub struct RawTflops(pub [Option<S<Num>>; 8]);

impl RawTflops {
    /// The given figures, in [`Precision::ALL`] order.
    pub fn entries(&self) -> impl Iterator<Item = (Precision, Option<&S<Num>>)> {
        Precision::ALL
            .iter()
            .map(|&precision| (precision, self.0[precision.index()].as_ref()))
    }
}

/// `[[recipient]]`.
#[derive(Debug, Default)]
pub struct RawRecipient {
    pub name: Option<S<String>>,
    pub priority: Option<S<i64>>,
}

/// `[[allocation]]`.
#[derive(Debug, Default)]
pub struct RawAllocation {
    pub recipient: Option<S<String>>,
    pub chip: Option<S<String>>,
    pub count: Option<S<Whole>>,
    pub deliveries: Option<S<RawDeliveries>>,
    /// The table's declared numbers ([`super::format::numbers_of`]), in their order.
    pub numbers: Vec<Option<S<Num>>>,
}

/// An allocation's `deliveries`: an even ramp or an explicit schedule.
#[derive(Debug)]
pub enum RawDeliveries {
    /// `{ start = "YYYY-MM", months = N }`.
    Ramp(Box<RawRamp>),
    /// `[ { month = "YYYY-MM", count = N }, ... ]`.
    Schedule(Vec<S<RawDelivery>>),
}

/// `deliveries = { start, months }`.
#[derive(Debug, Default)]
pub struct RawRamp {
    pub start: Option<S<Month>>,
    pub months: Option<S<Whole>>,
}

/// One entry of an explicit delivery schedule.
#[derive(Debug, Default)]
pub struct RawDelivery {
    pub month: Option<S<Month>>,
    pub count: Option<S<i64>>,
}

/// `[supply]`.
#[derive(Debug, Default)]
pub struct RawSupply {
    pub cap: Vec<S<RawCapStep>>,
}

/// One step of the supply cap.
#[derive(Debug, Default)]
pub struct RawCapStep {
    pub from: Option<S<Month>>,
    pub per_month: Option<S<Whole>>,
}

/// `[[region]]`.
#[derive(Debug, Default)]
pub struct RawRegion {
    pub name: Option<S<String>>,
    pub grid: Option<Vec<S<RawGridStep>>>,
    pub delay_months: Option<S<Whole>>,
    /// The table's declared numbers ([`super::format::numbers_of`]), in their order.
    pub numbers: Vec<Option<S<Num>>>,
}

/// One step of a region's grid capacity.
#[derive(Debug, Default)]
pub struct RawGridStep {
    pub from: Option<S<Month>>,
    pub mw: Option<S<Num>>,
}

/// `[[site]]`.
#[derive(Debug, Default)]
pub struct RawSite {
    pub name: Option<S<String>>,
    pub region: Option<S<String>>,
    pub recipients: Option<Vec<S<String>>>,
    pub pue: Option<S<Num>>,
    pub cooling: Option<S<Cooling>>,
    pub install_per_month: Option<S<Whole>>,
    pub commissioning_months: Option<S<Whole>>,
    pub delay_months: Option<S<Whole>>,
    pub phases: Vec<S<RawPhase>>,
    /// The table's declared numbers ([`super::format::numbers_of`]), in their order.
    pub numbers: Vec<Option<S<Num>>>,
}

/// One build phase of a site.
#[derive(Debug, Default)]
pub struct RawPhase {
    pub online: Option<S<Month>>,
    pub it_mw: Option<S<Num>>,
}

/// `[[target]]`.
#[derive(Debug, Default)]
pub struct RawTarget {
    pub name: Option<S<String>>,
    pub metric: Option<S<Metric>>,
    pub precision: Option<S<Precision>>,
    /// Whether `precision` was written, even if unusable (a `pflops` target must give it).
    pub precision_given: bool,
    pub value: Option<S<f64>>,
    pub by: Option<S<String>>,
    pub recipients: Option<Vec<S<String>>>,
    pub chips: Option<Vec<S<String>>>,
    /// The table's declared numbers ([`super::format::numbers_of`]), in their order.
    pub numbers: Vec<Option<S<Num>>>,
}
