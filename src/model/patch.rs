//! Writing a drawn value into a scenario ([`Scenario::set`]), and the checks a drawn sample
//! must still pass ([`Scenario::sample_problem`]): the rules that join several values, which
//! truncating each value to its own domain cannot guarantee.

use super::{Deliveries, Scenario};
use crate::input::format::{self, Numbers, Table};
use crate::uncertain::slot::Slot;
use crate::units::{Mw, YearMonth};

impl Scenario {
    /// Writes `value` (already rounded or floored as its key requires; months as month-axis
    /// indices) at `slot`. Call [`Scenario::derive`] after the last one.
    pub fn set(&mut self, slot: Slot, value: f64) {
        let whole = value as u64;
        let shift = value as u32;
        // Domains keep months inside 1000-01..9999-12; the fallback is never reached.
        let month = YearMonth::from_index(value as i64).unwrap_or(self.start);
        match slot {
            Slot::Commissioning => self.commissioning_months = shift,
            Slot::ServerOverhead => self.server_overhead = value,
            Slot::TdpW(c) => self.chips[c].tdp_w = Some(value),
            Slot::ItKw(c) => self.chips[c].it_kw = Some(value),
            Slot::Tflops(c, precision) => self.chips[c].tflops.0[precision.index()] = Some(value),
            Slot::Count(a) => self.allocations[a].count = whole,
            Slot::RampStart(a) => {
                if let Deliveries::Ramp { start, .. } = &mut self.allocations[a].deliveries {
                    *start = month;
                }
            }
            Slot::RampMonths(a) => {
                if let Deliveries::Ramp { months, .. } = &mut self.allocations[a].deliveries {
                    *months = whole;
                }
            }
            Slot::DeliveryMonth(a, k) => {
                if let Deliveries::Schedule(list) = &mut self.allocations[a].deliveries {
                    list[k].0 = month;
                }
            }
            Slot::CapFrom(k) => {
                if let Some(cap) = &mut self.supply {
                    cap[k].from = month;
                }
            }
            Slot::CapPerMonth(k) => {
                if let Some(cap) = &mut self.supply {
                    cap[k].value = whole;
                }
            }
            Slot::GridFrom(r, k) => {
                if let Some(grid) = &mut self.regions[r].grid_mw {
                    grid[k].from = month;
                }
            }
            Slot::GridMw(r, k) => {
                if let Some(grid) = &mut self.regions[r].grid_mw {
                    grid[k].value = Mw(value);
                }
            }
            Slot::RegionDelay(r) => self.regions[r].delay_months = value as i32,
            Slot::Pue(s) => self.sites[s].pue = value,
            Slot::InstallRate(s) => self.sites[s].install_per_month = Some(whole),
            Slot::SiteCommissioning(s) => self.sites[s].commissioning_override = Some(shift),
            Slot::SiteDelay(s) => self.sites[s].delay_months = value as i32,
            Slot::PhaseOnline(s, k) => self.sites[s].phases[k].0 = month,
            Slot::PhaseItMw(s, k) => self.sites[s].phases[k].1 = Mw(value),
            Slot::Declared(key, element) => {
                let key = &format::KEYS[key];
                if let Some(numbers) = self.numbers_mut(key.table, element) {
                    numbers.set(key, value);
                }
            }
        }
    }

    /// The value at `slot` as [`Scenario::set`] takes it (months as month-axis indices, a
    /// site's commissioning time as it applies there); `None` where the scenario has none (no
    /// install limit, a chip power derived from its TDP, a list entry it lacks).
    pub fn get(&self, slot: Slot) -> Option<f64> {
        let month = |m: YearMonth| f64::from(m.index());
        let whole = |n: u64| n as f64;
        match slot {
            Slot::Commissioning => Some(f64::from(self.commissioning_months)),
            Slot::ServerOverhead => Some(self.server_overhead),
            Slot::TdpW(c) => self.chips.get(c)?.tdp_w,
            Slot::ItKw(c) => self.chips.get(c)?.it_kw,
            Slot::Tflops(c, precision) => self.chips.get(c)?.tflops.get(precision),
            Slot::Count(a) => Some(whole(self.allocations.get(a)?.count)),
            Slot::RampStart(a) => match &self.allocations.get(a)?.deliveries {
                Deliveries::Ramp { start, .. } => Some(month(*start)),
                Deliveries::Schedule(_) => None,
            },
            Slot::RampMonths(a) => match &self.allocations.get(a)?.deliveries {
                Deliveries::Ramp { months, .. } => Some(whole(*months)),
                Deliveries::Schedule(_) => None,
            },
            Slot::DeliveryMonth(a, k) => match &self.allocations.get(a)?.deliveries {
                Deliveries::Schedule(list) => Some(month(list.get(k)?.0)),
                Deliveries::Ramp { .. } => None,
            },
            Slot::CapFrom(k) => Some(month(self.supply.as_ref()?.get(k)?.from)),
            Slot::CapPerMonth(k) => Some(whole(self.supply.as_ref()?.get(k)?.value)),
            Slot::GridFrom(r, k) => {
                Some(month(self.regions.get(r)?.grid_mw.as_ref()?.get(k)?.from))
            }
            Slot::GridMw(r, k) => Some(self.regions.get(r)?.grid_mw.as_ref()?.get(k)?.value.0),
            Slot::RegionDelay(r) => Some(f64::from(self.regions.get(r)?.delay_months)),
            Slot::Pue(s) => Some(self.sites.get(s)?.pue),
            Slot::InstallRate(s) => self.sites.get(s)?.install_per_month.map(whole),
            Slot::SiteCommissioning(s) => Some(f64::from(self.sites.get(s)?.commissioning_months)),
            Slot::SiteDelay(s) => Some(f64::from(self.sites.get(s)?.delay_months)),
            Slot::PhaseOnline(s, k) => Some(month(self.sites.get(s)?.phases.get(k)?.0)),
            Slot::PhaseItMw(s, k) => Some(self.sites.get(s)?.phases.get(k)?.1.0),
            Slot::Declared(key, element) => {
                let key = &format::KEYS[key];
                Some(self.numbers(key.table, element)?.get(key))
            }
        }
    }

    /// The declared numbers of element `element` of `table` (`[scenario]`'s for it).
    pub fn numbers(&self, table: Table, element: usize) -> Option<&Numbers> {
        match table {
            Table::Scenario => Some(&self.numbers),
            Table::Chip => self.chips.get(element).map(|e| &e.numbers),
            Table::Allocation => self.allocations.get(element).map(|e| &e.numbers),
            Table::Region => self.regions.get(element).map(|e| &e.numbers),
            Table::Site => self.sites.get(element).map(|e| &e.numbers),
            Table::Target => self.targets.get(element).map(|e| &e.numbers),
            Table::Economics => self.economics.as_ref().map(|e| &e.numbers),
            Table::ElectricityStep => self
                .economics
                .as_ref()
                .and_then(|e| e.electricity.get(element))
                .map(|s| &s.numbers),
            Table::CarbonStep => self
                .economics
                .as_ref()
                .and_then(|e| e.carbon.get(element))
                .map(|s| &s.numbers),
            _ => None,
        }
    }

    /// [`Scenario::numbers`], to change.
    fn numbers_mut(&mut self, table: Table, element: usize) -> Option<&mut Numbers> {
        match table {
            Table::Scenario => Some(&mut self.numbers),
            Table::Chip => self.chips.get_mut(element).map(|e| &mut e.numbers),
            Table::Allocation => self.allocations.get_mut(element).map(|e| &mut e.numbers),
            Table::Region => self.regions.get_mut(element).map(|e| &mut e.numbers),
            Table::Site => self.sites.get_mut(element).map(|e| &mut e.numbers),
            Table::Target => self.targets.get_mut(element).map(|e| &mut e.numbers),
            Table::Economics => self.economics.as_mut().map(|e| &mut e.numbers),
            Table::ElectricityStep => self
                .economics
                .as_mut()
                .and_then(|e| e.electricity.get_mut(element))
                .map(|s| &mut s.numbers),
            Table::CarbonStep => self
                .economics
                .as_mut()
                .and_then(|e| e.carbon.get_mut(element))
                .map(|s| &mut s.numbers),
            _ => None,
        }
    }

    /// What makes this (drawn) scenario invalid, if anything: supply or grid steps out of date
    /// order, or deliveries before `start`. Load-time checks on the ranges rule these out, so
    /// this is a last guard.
    pub fn sample_problem(&self) -> Option<String> {
        if let Some(cap) = &self.supply
            && !rising(cap.iter().map(|s| s.from))
        {
            return Some("supply cap steps out of date order".into());
        }
        for region in &self.regions {
            if let Some(grid) = &region.grid_mw
                && !rising(grid.iter().map(|s| s.from))
            {
                return Some(format!(
                    "grid steps of region `{}` out of date order",
                    region.name
                ));
            }
        }
        for allocation in &self.allocations {
            if allocation.requests.iter().any(|&(m, _)| m < self.start) {
                return Some(format!(
                    "deliveries of `{}` before `start`",
                    self.recipients[allocation.recipient].name
                ));
            }
        }
        None
    }
}

/// Whether `months` rise strictly.
fn rising(months: impl Iterator<Item = YearMonth>) -> bool {
    let mut previous: Option<YearMonth> = None;
    months.into_iter().all(|m| {
        let ok = previous.is_none_or(|p| m > p);
        previous = Some(m);
        ok
    })
}
