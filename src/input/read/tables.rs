//! The tables whose keys are more than one value each: `[scenario]`, a chip with its `tflops`,
//! an allocation with its deliveries (a ramp or a schedule), a site with its phases, a target —
//! and every table's declared numbers.

use super::values::found;
use super::{COOLING_CHOICES, METRIC_CHOICES, Reader, Table};
use crate::input::format::{
    ALLOCATION_CHIP, ALLOCATION_COUNT, ALLOCATION_RECIPIENT, CARBON_FROM, CHIP_COOLING, CHIP_IT_KW,
    CHIP_NAME, CHIP_TDP_W, DELIVERY_COUNT, DELIVERY_MONTH, ECONOMICS_CURRENCY, ELECTRICITY_FROM,
    Key, PHASE_IT_MW, PHASE_ONLINE, RAMP_MONTHS, RAMP_START, SCENARIO_COMMISSIONING,
    SCENARIO_DESCRIPTION, SCENARIO_END, SCENARIO_NAME, SCENARIO_SERVER_OVERHEAD, SCENARIO_START,
    SITE_COMMISSIONING, SITE_COOLING, SITE_DELAY, SITE_INSTALL_PER_MONTH, SITE_NAME, SITE_PUE,
    SITE_RECIPIENTS, SITE_REGION, TARGET_BY, TARGET_CHIPS, TARGET_METRIC, TARGET_NAME,
    TARGET_PRECISION, TARGET_RECIPIENTS, TARGET_VALUE, TFLOPS_FIGURE, Table as Format, keys_of,
};
use crate::input::raw::{
    Num, RawAllocation, RawChip, RawDeliveries, RawDelivery, RawEconomics, RawMeta, RawPhase,
    RawPriceStep, RawRamp, RawSite, RawTarget, RawTflops, S,
};
use crate::input::tree::{Item, Value};
use crate::units::Precision;

impl Reader<'_> {
    pub(super) fn meta(&mut self, item: &Item) -> Option<RawMeta> {
        if matches!(item.value, Value::Array(_)) {
            self.error(
                item.span.clone(),
                "`scenario` must be one table: write [scenario], not [[scenario]]",
            );
            return None;
        }
        let t = self.table(item, "[scenario]".into(), &keys_of(Format::Scenario))?;
        Some(RawMeta {
            name: self.text(&t, &SCENARIO_NAME),
            description: self.text(&t, &SCENARIO_DESCRIPTION),
            start: self.month(&t, &SCENARIO_START),
            end: self.month(&t, &SCENARIO_END),
            commissioning_months: self.uncertain_whole(&t, &SCENARIO_COMMISSIONING),
            server_overhead: self.uncertain_number(&t, &SCENARIO_SERVER_OVERHEAD),
            numbers: self.numbers(&t, Format::Scenario),
        })
    }

    pub(super) fn chip(&mut self, t: &Table) -> RawChip {
        RawChip {
            name: self.text(t, &CHIP_NAME),
            tdp_w: self.uncertain_number(t, &CHIP_TDP_W),
            numbers: self.numbers(t, Format::Chip),
            it_kw: self.uncertain_number(t, &CHIP_IT_KW),
            cooling: self.choice(t, &CHIP_COOLING, &COOLING_CHOICES),
            cooling_given: t.get("cooling").is_some(),
            tflops: t.get("tflops").and_then(|item| {
                let names = Precision::ALL.map(Precision::as_str);
                let table = self.table(item, "`tflops`".into(), &names)?;
                let figures = Precision::ALL.map(|p| {
                    self.uncertain_number(
                        &table,
                        &Key {
                            name: p.as_str(),
                            ..TFLOPS_FIGURE
                        },
                    )
                });
                Some(S {
                    value: RawTflops(figures),
                    span: item.span.clone(),
                })
            }),
        }
    }

    pub(super) fn allocation(&mut self, t: &Table) -> RawAllocation {
        RawAllocation {
            recipient: self.text(t, &ALLOCATION_RECIPIENT),
            chip: self.text(t, &ALLOCATION_CHIP),
            count: self.uncertain_whole(t, &ALLOCATION_COUNT),
            numbers: self.numbers(t, Format::Allocation),
            deliveries: self.deliveries(t),
        }
    }

    pub(super) fn deliveries(&mut self, t: &Table) -> Option<S<RawDeliveries>> {
        let Some(item) = t.get("deliveries") else {
            self.missing(t, "deliveries");
            return None;
        };
        if self.is_poisoned(&item.span) {
            return None;
        }
        let value = match &item.value {
            Value::Table(_) => {
                let ramp = self.table(item, "`deliveries`".into(), &keys_of(Format::Ramp))?;
                RawDeliveries::Ramp(Box::new(RawRamp {
                    start: self.uncertain_month(&ramp, &RAMP_START),
                    months: self.uncertain_whole(&ramp, &RAMP_MONTHS),
                }))
            }
            Value::Array(entries) => RawDeliveries::Schedule(
                entries
                    .iter()
                    .filter_map(|entry| {
                        let e =
                            self.table(entry, "this delivery".into(), &keys_of(Format::Delivery))?;
                        Some(S {
                            value: RawDelivery {
                                month: self.uncertain_month(&e, &DELIVERY_MONTH),
                                count: self.whole(&e, &DELIVERY_COUNT),
                            },
                            span: entry.span.clone(),
                        })
                    })
                    .collect(),
            ),
            other => {
                self.error(
                    item.span.clone(),
                    format!(
                        "`deliveries` must be a ramp {{ start = \"YYYY-MM\", months = N }} or a list of {{ month = \"YYYY-MM\", count = N }}, found {}",
                        found(other)
                    ),
                );
                return None;
            }
        };
        Some(S {
            value,
            span: item.span.clone(),
        })
    }

    pub(super) fn site(&mut self, t: &Table) -> RawSite {
        RawSite {
            name: self.text(t, &SITE_NAME),
            region: self.text(t, &SITE_REGION),
            recipients: self.names(t, &SITE_RECIPIENTS),
            pue: self.uncertain_number(t, &SITE_PUE),
            cooling: self.choice(t, &SITE_COOLING, &COOLING_CHOICES),
            install_per_month: self.uncertain_whole(t, &SITE_INSTALL_PER_MONTH),
            commissioning_months: self.uncertain_whole(t, &SITE_COMMISSIONING),
            delay_months: self.uncertain_whole(t, &SITE_DELAY),
            numbers: self.numbers(t, Format::Site),
            phases: match t.get("phases") {
                None => {
                    self.missing(t, "phases");
                    Vec::new()
                }
                Some(_) => self
                    .steps(t, "phases", &keys_of(Format::Phase), |r, p| RawPhase {
                        online: r.uncertain_month(p, &PHASE_ONLINE),
                        it_mw: r.uncertain_number(p, &PHASE_IT_MW),
                    })
                    .unwrap_or_default(),
            },
        }
    }

    pub(super) fn target(&mut self, t: &Table) -> RawTarget {
        let precisions = Precision::ALL.map(|p| (p.as_str(), p));
        RawTarget {
            name: self.text(t, &TARGET_NAME),
            metric: self.choice(t, &TARGET_METRIC, &METRIC_CHOICES),
            precision: self.choice(t, &TARGET_PRECISION, &precisions),
            precision_given: t.get("precision").is_some(),
            numbers: self.numbers(t, Format::Target),
            value: self.number(t, &TARGET_VALUE),
            by: self.month(t, &TARGET_BY),
            recipients: self.names(t, &TARGET_RECIPIENTS),
            chips: self.names(t, &TARGET_CHIPS),
        }
    }

    /// The declared numbers of `table` ([`crate::input::format::numbers_of`]), each read as a number
    /// that may be uncertain.
    pub(super) fn numbers(&mut self, t: &Table, table: Format) -> Vec<Option<S<Num>>> {
        crate::input::format::numbers_of(table)
            .map(|key| self.uncertain_number(t, key))
            .collect()
    }

    /// `[economics]`: the currency, the declared numbers and the price and carbon steps.
    pub(super) fn economics(&mut self, item: &Item) -> Option<S<RawEconomics>> {
        let t = self.table(item, "[economics]".into(), &keys_of(Format::Economics))?;
        let steps = |r: &mut Self, key: &'static str, table: Format, from: &Key| {
            r.steps(&t, key, &keys_of(table), |r, s| RawPriceStep {
                from: r.month(s, from),
                numbers: r.numbers(s, table),
            })
            .unwrap_or_default()
        };
        let electricity = steps(
            self,
            "electricity",
            Format::ElectricityStep,
            &ELECTRICITY_FROM,
        );
        let carbon = steps(self, "carbon", Format::CarbonStep, &CARBON_FROM);
        Some(S {
            value: RawEconomics {
                currency: self.text(&t, &ECONOMICS_CURRENCY),
                electricity,
                carbon,
                numbers: self.numbers(&t, Format::Economics),
            },
            span: item.span.clone(),
        })
    }
}
