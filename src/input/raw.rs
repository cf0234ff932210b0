//! The scenario file as written: plain structs that mirror the scenario format one to one, filled by
//! [`super::read`].
//!
//! Every value keeps the span it came from, so a later check can point at its line and column.
//! A field is `None` when the key is absent — or when its value was unusable, in which case the
//! reader has already reported it (a required key that is `None` has always been reported).
//! Nothing here is validated beyond TOML types; `model::validate` turns these into a
//! [`crate::model::Scenario`].

// The fields are the scenario keys, one to one, each documented in the README's
// annotated example; repeating that beside every field would only let the two drift apart.
#![allow(missing_docs)]

use std::ops::Range;

use crate::units::{Cooling, Metric, Precision};

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
}

/// `[scenario]`.
#[derive(Debug, Default)]
pub struct RawMeta {
    pub name: Option<S<String>>,
    pub description: Option<S<String>>,
    pub start: Option<S<String>>,
    pub end: Option<S<String>>,
    pub commissioning_months: Option<S<i64>>,
    pub server_overhead: Option<S<f64>>,
}

/// `[[chip]]`: every key but `name` is optional so that an override can give only what changes.
#[derive(Debug, Default)]
pub struct RawChip {
    pub name: Option<S<String>>,
    pub tdp_w: Option<S<f64>>,
    pub it_kw: Option<S<f64>>,
    pub cooling: Option<S<Cooling>>,
    /// Whether `cooling` was written, even if unusable (a new chip must give it).
    pub cooling_given: bool,
    pub tflops: Option<S<RawTflops>>,
}

/// A chip's `tflops` table, in [`Precision::ALL`] order.
#[derive(Debug, Default)]
pub struct RawTflops(pub [Option<S<f64>>; 8]);

impl RawTflops {
    /// The given figures, in [`Precision::ALL`] order.
    pub fn entries(&self) -> impl Iterator<Item = (Precision, Option<&S<f64>>)> {
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
    pub count: Option<S<i64>>,
    pub deliveries: Option<S<RawDeliveries>>,
}

/// An allocation's `deliveries`: an even ramp or an explicit schedule.
#[derive(Debug)]
pub enum RawDeliveries {
    /// `{ start = "YYYY-MM", months = N }`.
    Ramp(RawRamp),
    /// `[ { month = "YYYY-MM", count = N }, ... ]`.
    Schedule(Vec<S<RawDelivery>>),
}

/// `deliveries = { start, months }`.
#[derive(Debug, Default)]
pub struct RawRamp {
    pub start: Option<S<String>>,
    pub months: Option<S<i64>>,
}

/// One entry of an explicit delivery schedule.
#[derive(Debug, Default)]
pub struct RawDelivery {
    pub month: Option<S<String>>,
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
    pub from: Option<S<String>>,
    pub per_month: Option<S<i64>>,
}

/// `[[region]]`.
#[derive(Debug, Default)]
pub struct RawRegion {
    pub name: Option<S<String>>,
    pub grid: Option<Vec<S<RawGridStep>>>,
    pub delay_months: Option<S<i64>>,
}

/// One step of a region's grid capacity.
#[derive(Debug, Default)]
pub struct RawGridStep {
    pub from: Option<S<String>>,
    pub mw: Option<S<f64>>,
}

/// `[[site]]`.
#[derive(Debug, Default)]
pub struct RawSite {
    pub name: Option<S<String>>,
    pub region: Option<S<String>>,
    pub recipients: Option<Vec<S<String>>>,
    pub pue: Option<S<f64>>,
    pub cooling: Option<S<Cooling>>,
    pub install_per_month: Option<S<i64>>,
    pub commissioning_months: Option<S<i64>>,
    pub delay_months: Option<S<i64>>,
    pub phases: Vec<S<RawPhase>>,
}

/// One build phase of a site.
#[derive(Debug, Default)]
pub struct RawPhase {
    pub online: Option<S<String>>,
    pub it_mw: Option<S<f64>>,
}

/// `[[target]]`.
#[derive(Debug, Default)]
pub struct RawTarget {
    pub name: Option<S<String>>,
    pub metric: Option<S<Metric>>,
    pub precision: Option<S<Precision>>,
    /// Whether `precision` was written, even if unusable (a `pflops` target must give it).
    pub precision_given: bool,
    pub efficiency: Option<S<f64>>,
    pub value: Option<S<f64>>,
    pub by: Option<S<String>>,
    pub recipients: Option<Vec<S<String>>>,
    pub chips: Option<Vec<S<String>>>,
}
