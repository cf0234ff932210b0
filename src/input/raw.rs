//! The scenario file as written: serde structs that mirror SPEC §2 one to one.
//!
//! Every table denies unknown keys, and every value a later check may reject is wrapped in
//! [`Spanned`] so that the error can point at its line and column. Nothing here is validated
//! beyond TOML types; `model::validate` turns these into a [`crate::model::Scenario`].

// The fields are the scenario keys of SPEC §2, one to one, each documented in the README's
// annotated example; repeating that beside every field would only let the two drift apart.
#![allow(missing_docs)]

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use toml::Spanned;

use crate::units::{Cooling, Metric, Precision};

/// A value with the byte range it came from.
pub type S<T> = Spanned<T>;

/// A whole scenario file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    /// `[scenario]`: name and horizon.
    pub scenario: S<RawMeta>,
    /// `[[chip]]`: additions to, or overrides of, the built-in catalog.
    #[serde(default)]
    pub chip: Vec<S<RawChip>>,
    /// `[[recipient]]`.
    #[serde(default)]
    pub recipient: Vec<S<RawRecipient>>,
    /// `[[allocation]]`.
    #[serde(default)]
    pub allocation: Vec<S<RawAllocation>>,
    /// `[supply]`.
    pub supply: Option<S<RawSupply>>,
    /// `[[region]]`.
    #[serde(default)]
    pub region: Vec<S<RawRegion>>,
    /// `[[site]]`.
    #[serde(default)]
    pub site: Vec<S<RawSite>>,
    /// `[[target]]`.
    #[serde(default)]
    pub target: Vec<S<RawTarget>>,
}

/// `[scenario]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMeta {
    pub name: S<String>,
    pub description: Option<String>,
    pub start: S<String>,
    pub end: S<String>,
    pub commissioning_months: Option<S<i64>>,
    pub server_overhead: Option<S<f64>>,
}

/// `[[chip]]`: every key but `name` is optional so that an override can give only what changes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChip {
    pub name: S<String>,
    pub tdp_w: Option<S<f64>>,
    pub it_kw: Option<S<f64>>,
    pub cooling: Option<S<Cooling>>,
    pub tflops: Option<S<RawTflops>>,
}

/// A chip's `tflops` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTflops {
    pub fp64: Option<S<f64>>,
    pub fp32: Option<S<f64>>,
    pub tf32: Option<S<f64>>,
    pub bf16: Option<S<f64>>,
    pub fp16: Option<S<f64>>,
    pub fp8: Option<S<f64>>,
    pub fp4: Option<S<f64>>,
    pub int8: Option<S<f64>>,
}

impl RawTflops {
    /// The given figures, in [`Precision::ALL`] order.
    pub fn entries(&self) -> [(Precision, Option<&S<f64>>); 8] {
        [
            (Precision::Fp64, self.fp64.as_ref()),
            (Precision::Fp32, self.fp32.as_ref()),
            (Precision::Tf32, self.tf32.as_ref()),
            (Precision::Bf16, self.bf16.as_ref()),
            (Precision::Fp16, self.fp16.as_ref()),
            (Precision::Fp8, self.fp8.as_ref()),
            (Precision::Fp4, self.fp4.as_ref()),
            (Precision::Int8, self.int8.as_ref()),
        ]
    }
}

/// `[[recipient]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecipient {
    pub name: S<String>,
    pub priority: Option<S<i64>>,
}

/// `[[allocation]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAllocation {
    pub recipient: S<String>,
    pub chip: S<String>,
    pub count: S<i64>,
    pub deliveries: S<RawDeliveries>,
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
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRamp {
    pub start: S<String>,
    pub months: S<i64>,
}

/// One entry of an explicit delivery schedule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDelivery {
    pub month: S<String>,
    pub count: S<i64>,
}

// Written by hand rather than `#[serde(untagged)]`: untagged enums buffer their input, which
// would lose the spans inside and turn every mistake into "data did not match any variant".
impl<'de> Deserialize<'de> for RawDeliveries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DeliveriesVisitor;
        impl<'de> Visitor<'de> for DeliveriesVisitor {
            type Value = RawDeliveries;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a ramp `{ start = \"YYYY-MM\", months = N }` or a list of `{ month = \"YYYY-MM\", count = N }`",
                )
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                RawRamp::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(RawDeliveries::Ramp)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(RawDeliveries::Schedule)
            }
        }
        deserializer.deserialize_any(DeliveriesVisitor)
    }
}

/// `[supply]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSupply {
    pub cap: Vec<S<RawCapStep>>,
}

/// One step of the supply cap.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCapStep {
    pub from: S<String>,
    pub per_month: S<i64>,
}

/// `[[region]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRegion {
    pub name: S<String>,
    pub grid: Option<Vec<S<RawGridStep>>>,
    pub delay_months: Option<S<i64>>,
}

/// One step of a region's grid capacity.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGridStep {
    pub from: S<String>,
    pub mw: S<f64>,
}

/// `[[site]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSite {
    pub name: S<String>,
    pub region: Option<S<String>>,
    pub recipients: Option<Vec<S<String>>>,
    pub pue: S<f64>,
    pub cooling: S<Cooling>,
    pub install_per_month: Option<S<i64>>,
    pub commissioning_months: Option<S<i64>>,
    pub delay_months: Option<S<i64>>,
    pub phases: Vec<S<RawPhase>>,
}

/// One build phase of a site.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPhase {
    pub online: S<String>,
    pub it_mw: S<f64>,
}

/// `[[target]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    pub name: S<String>,
    pub metric: S<Metric>,
    pub precision: Option<S<Precision>>,
    pub efficiency: Option<S<f64>>,
    pub value: S<f64>,
    pub by: S<String>,
    pub recipients: Option<Vec<S<String>>>,
    pub chips: Option<Vec<S<String>>>,
}
