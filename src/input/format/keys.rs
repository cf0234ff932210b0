//! The keys, one declaration each (their types and builders are in [`super`]). Written one key to
//! a line or two, by hand: the list reads as a table.

use super::Better::{Higher, Lower};
use super::Table as T;
use super::Type::{self, Choice, Deliveries, List, Month, Name, Names, Number, Text, Whole};
use super::Key;
use crate::input::limits::{MAX_SHIFT_MONTHS, MAX_TOTAL_CHIPS, MAX_VALUE};

const MAX_CHIPS: f64 = MAX_TOTAL_CHIPS as f64;
const MAX_SHIFT: f64 = MAX_SHIFT_MONTHS as f64;
const MONTHS: &str = "months";
const OBSERVATION: &str = "part of an observation, which stays fixed";

/// Cooling a chip needs or a site offers.
pub const COOLING: &[&str] = &["air", "liquid"];
/// What a target counts.
pub const METRICS: &[&str] = &["chips_online", "pflops"];
/// What an observation counts.
pub const OBSERVED_METRICS: &[&str] = &["delivered", "installed", "online"];
/// The precisions a chip's `tflops` and a target's `precision` name, in
/// [`crate::units::Precision::ALL`] order.
pub const PRECISIONS: &[&str] = &["fp64", "fp32", "tf32", "bf16", "fp16", "fp8", "fp4", "int8"];

/// `scenario`, … `observed`: the file's top-level keys.
pub const TOP: [Key; 11] = [
    Key::new(T::Top, "scenario", Type::Table(T::Scenario), "The scenario's name and horizon."),
    Key::new(T::Top, "chip", List(T::Chip), "A new chip, or an override of a built-in one by name (`gpuplan chips`)."),
    Key::new(T::Top, "recipient", List(T::Recipient), "Who receives chips."),
    Key::new(T::Top, "allocation", List(T::Allocation), "Chips of one model for one recipient."),
    Key::new(T::Top, "supply", Type::Table(T::Supply), "A cap on total deliveries per month."),
    Key::new(T::Top, "region", List(T::Region), "A power region: the grid its sites share."),
    Key::new(T::Top, "site", List(T::Site), "A data center."),
    Key::new(T::Top, "target", List(T::Target), "A goal to check."),
    Key::new(T::Top, "factor", List(T::Factor), "A shared uncertain value: one draw per sample for every key that names it."),
    Key::new(T::Top, "observed", List(T::Observed), "What has been seen, to check the model against."),
    Key::new(T::Top, "economics", Type::Table(T::Economics), "Energy and money: without it no energy or money figures are printed."),
];

/// `[scenario].name`.
pub const SCENARIO_NAME: Key = Key::new(T::Scenario, "name", Name, "Shown on every table and chart.")
    .required().fixed("a name");
/// `[scenario].description`.
pub const SCENARIO_DESCRIPTION: Key = Key::new(T::Scenario, "description", Text, "What the scenario assumes.");
/// `[scenario].start`.
pub const SCENARIO_START: Key = Key::new(T::Scenario, "start", Month, "First simulated month.")
    .required().fixed("the horizon, which stays fixed");
/// `[scenario].end`.
pub const SCENARIO_END: Key = Key::new(T::Scenario, "end", Month, "Last simulated month, inclusive; at most 1,200 months after start.")
    .required().fixed("the horizon, which stays fixed");
/// `[scenario].commissioning_months`.
pub const SCENARIO_COMMISSIONING: Key = Key::new(T::Scenario, "commissioning_months", Whole, "Months from install to online (default 0).")
    .uncertain().between(0.0, MAX_SHIFT).default(0.0).reads("commissioning months", MONTHS, Some(Lower), 0.01);
/// `[scenario].server_overhead`.
pub const SCENARIO_SERVER_OVERHEAD: Key = Key::new(T::Scenario, "server_overhead", Number, "IT kW per chip = tdp_w / 1000 × this, for chips with no it_kw (default 1.82).")
    .uncertain().above(0.0, MAX_VALUE).default(1.82).reads("server overhead", "", Some(Lower), 0.01);

/// `[[chip]].name`.
pub const CHIP_NAME: Key = Key::new(T::Chip, "name", Name, "The chip's name.")
    .required().fixed("a name");
/// `[[chip]].tdp_w`.
pub const CHIP_TDP_W: Key = Key::new(T::Chip, "tdp_w", Number, "Board power, W.")
    .uncertain().above(0.0, MAX_VALUE).reads("TDP, W", "W", Some(Lower), 1.0);
/// `[[chip]].it_kw`.
pub const CHIP_IT_KW: Key = Key::new(T::Chip, "it_kw", Number, "All-in IT power per chip (server, network share), kW.")
    .uncertain().above(0.0, MAX_VALUE).reads("IT kW per chip", "kW", Some(Lower), 0.001);
/// `[[chip]].cooling`.
pub const CHIP_COOLING: Key = Key::new(T::Chip, "cooling", Choice(COOLING), "A liquid chip needs a liquid site; an air chip fits either.");
/// `[[chip]].tflops`.
pub const CHIP_TFLOPS: Key = Key::new(T::Chip, "tflops", Type::Table(T::Tflops), "Dense peak per precision; an override replaces the whole table.")
    .fixed("a table");
/// A figure of a chip's `tflops` (every precision is declared alike).
pub const TFLOPS_FIGURE: Key = Key::new(T::Tflops, "bf16", Number, "Dense peak TFLOPS (TOPS for int8).")
    .uncertain().between(0.0, MAX_VALUE).reads("TFLOPS", "TFLOPS", Some(Higher), 1.0);

/// `[[recipient]].name`.
pub const RECIPIENT_NAME: Key = Key::new(T::Recipient, "name", Name, "The recipient's name.")
    .required().fixed("a name");
/// `[[recipient]].priority`.
pub const RECIPIENT_PRIORITY: Key = Key::new(T::Recipient, "priority", Whole, "Lower is served first (default 100); ties keep file order.")
    .between(0.0, f64::INFINITY).default(100.0).fixed("an order of service");

/// `[[allocation]].recipient`.
pub const ALLOCATION_RECIPIENT: Key = Key::new(T::Allocation, "recipient", Text, "A [[recipient]] name.")
    .required().fixed("a name");
/// `[[allocation]].chip`.
pub const ALLOCATION_CHIP: Key = Key::new(T::Allocation, "chip", Text, "A chip name: built-in or a [[chip]].")
    .required().fixed("a name");
/// `[[allocation]].count`.
pub const ALLOCATION_COUNT: Key = Key::new(T::Allocation, "count", Whole, "Chips allocated.")
    .required().uncertain().between(0.0, MAX_CHIPS).reads("chips", "chips", None, 0.01);
/// `[[allocation]].deliveries`.
pub const ALLOCATION_DELIVERIES: Key = Key::new(T::Allocation, "deliveries", Deliveries, "An even ramp { start, months }, or a list of { month, count } adding up to count.")
    .required().fixed("a ramp or a list");
/// `deliveries.start`.
pub const RAMP_START: Key = Key::new(T::Ramp, "start", Month, "First month of deliveries.")
    .required().uncertain().reads("first delivery", "", Some(Lower), 0.01);
/// `deliveries.months`.
pub const RAMP_MONTHS: Key = Key::new(T::Ramp, "months", Whole, "Months the ramp lasts.")
    .required().uncertain().between(1.0, 1e6).reads("months of deliveries", MONTHS, Some(Lower), 0.01);
/// `deliveries[k].month`.
pub const DELIVERY_MONTH: Key = Key::new(T::Delivery, "month", Month, "The month.")
    .required().uncertain().reads("delivery's month", "", Some(Lower), 0.01);
/// `deliveries[k].count`.
pub const DELIVERY_COUNT: Key = Key::new(T::Delivery, "count", Whole, "Chips delivered.")
    .required().between(0.0, f64::INFINITY).fixed("part of a schedule that must add up to `count`");

/// `[supply].cap`.
pub const SUPPLY_CAP: Key = Key::new(T::Supply, "cap", List(T::CapStep), "Deliveries per month from each month on.")
    .required().fixed("a list");
/// `cap[k].from`.
pub const CAP_FROM: Key = Key::new(T::CapStep, "from", Month, "From this month on.")
    .required().uncertain().reads("from", "", Some(Lower), 0.01);
/// `cap[k].per_month`.
pub const CAP_PER_MONTH: Key = Key::new(T::CapStep, "per_month", Whole, "Chips per month, all recipients together.")
    .required().uncertain().between(0.0, MAX_CHIPS).reads("chips a month", "chips a month", Some(Higher), 0.01);

/// `[[region]].name`.
pub const REGION_NAME: Key = Key::new(T::Region, "name", Name, "The region's name.")
    .required().fixed("a name");
/// `[[region]].grid`.
pub const REGION_GRID: Key = Key::new(T::Region, "grid", List(T::GridStep), "Facility MW from each month on; no grid = unlimited.")
    .fixed("a list");
/// `[[region]].delay_months`.
pub const REGION_DELAY: Key = Key::new(T::Region, "delay_months", Whole, "Shifts every grid step later; negative = earlier.")
    .delay().between(-MAX_SHIFT, MAX_SHIFT).default(0.0).reads("grid delay, months", MONTHS, Some(Lower), 0.01);
/// `grid[k].from`.
pub const GRID_FROM: Key = Key::new(T::GridStep, "from", Month, "From this month on.")
    .required().uncertain().reads("from", "", Some(Lower), 0.01);
/// `grid[k].mw`.
pub const GRID_MW: Key = Key::new(T::GridStep, "mw", Number, "Facility MW.")
    .required().uncertain().between(0.0, MAX_VALUE).reads("MW", "MW", Some(Higher), 0.1);

/// `[[site]].name`.
pub const SITE_NAME: Key = Key::new(T::Site, "name", Name, "The site's name.")
    .required().fixed("a name");
/// `[[site]].region`.
pub const SITE_REGION: Key = Key::new(T::Site, "region", Text, "A [[region]] name; none = never grid-limited.")
    .fixed("a name");
/// `[[site]].recipients`.
pub const SITE_RECIPIENTS: Key = Key::new(T::Site, "recipients", Names, "The recipients it takes; absent or empty = everyone.")
    .fixed("a list of names");
/// `[[site]].pue`.
pub const SITE_PUE: Key = Key::new(T::Site, "pue", Number, "Facility power / IT power, at least 1.")
    .required().uncertain().between(1.0, MAX_VALUE).reads("PUE", "", Some(Lower), 0.01);
/// `[[site]].cooling`.
pub const SITE_COOLING: Key = Key::new(T::Site, "cooling", Choice(COOLING), "A liquid chip needs a liquid site; an air chip fits either.")
    .required();
/// `[[site]].install_per_month`.
pub const SITE_INSTALL_PER_MONTH: Key = Key::new(T::Site, "install_per_month", Whole, "Chips installed per month; absent = unlimited.")
    .uncertain().between(0.0, MAX_CHIPS).reads("installs a month", "chips a month", Some(Higher), 0.01);
/// `[[site]].commissioning_months`.
pub const SITE_COMMISSIONING: Key = Key::new(T::Site, "commissioning_months", Whole, "Overrides the scenario's commissioning_months here.")
    .uncertain().between(0.0, MAX_SHIFT).reads("commissioning months", MONTHS, Some(Lower), 0.01);
/// `[[site]].delay_months`.
pub const SITE_DELAY: Key = Key::new(T::Site, "delay_months", Whole, "Shifts every phase later; negative = earlier.")
    .delay().between(-MAX_SHIFT, MAX_SHIFT).default(0.0).reads("delay months", MONTHS, Some(Lower), 0.01);
/// `[[site]].phases`.
pub const SITE_PHASES: Key = Key::new(T::Site, "phases", List(T::Phase), "IT MW added at each date.")
    .required().fixed("a list");
/// `phases[k].online`.
pub const PHASE_ONLINE: Key = Key::new(T::Phase, "online", Month, "When the phase comes online.")
    .required().uncertain().reads("phase online", "", Some(Lower), 0.01);
/// `phases[k].it_mw`.
pub const PHASE_IT_MW: Key = Key::new(T::Phase, "it_mw", Number, "IT MW it adds.")
    .required().uncertain().between(0.0, MAX_VALUE).reads("phase, IT MW", "MW", Some(Higher), 0.1);

/// `[[target]].name`.
pub const TARGET_NAME: Key = Key::new(T::Target, "name", Name, "The target's name.")
    .required().fixed("a name");
/// `[[target]].metric`.
pub const TARGET_METRIC: Key = Key::new(T::Target, "metric", Choice(METRICS), "What is counted.")
    .required();
/// `[[target]].precision`.
pub const TARGET_PRECISION: Key = Key::new(T::Target, "precision", Choice(PRECISIONS), "pflops only: the precision counted.");
/// `[[target]].efficiency`.
pub const TARGET_EFFICIENCY: Key = Key::new(T::Target, "efficiency", Number, "pflops only: sustained / peak, in (0, 1] (default 1).")
    .uncertain().above(0.0, 1.0).default(1.0).reads("efficiency", "", Some(Higher), 0.01).means("sustained over peak throughput")
    .number_kept(0);
/// `[[target]].value`.
pub const TARGET_VALUE: Key = Key::new(T::Target, "value", Number, "Chips (a whole number) or PFLOPS.")
    .required().between(0.0, MAX_VALUE).fixed("the goal itself: vary an input instead");
/// `[[target]].by`.
pub const TARGET_BY: Key = Key::new(T::Target, "by", Month, "The deadline, inside the horizon.")
    .required().fixed("the deadline, which stays fixed");
/// `[[target]].recipients`.
pub const TARGET_RECIPIENTS: Key = Key::new(T::Target, "recipients", Names, "Only these recipients' chips; absent = all.")
    .fixed("a list of names");
/// `[[target]].chips`.
pub const TARGET_CHIPS: Key = Key::new(T::Target, "chips", Names, "Only these chips; absent = all.")
    .fixed("a list of names");

/// `[[factor]].name`.
pub const FACTOR_NAME: Key = Key::new(T::Factor, "name", Name, "Named by { factor = \"NAME\" } in a key.")
    .required().fixed("a name");
/// `[[factor]].value`.
pub const FACTOR_VALUE: Key = Key::new(T::Factor, "value", Number, "The factor's value: a number or a range.")
    .required().delay();
/// `[[factor]].description`.
pub const FACTOR_DESCRIPTION: Key = Key::new(T::Factor, "description", Text, "What the factor stands for.");

/// `[[observed]].month`.
pub const OBSERVED_MONTH: Key = Key::new(T::Observed, "month", Month, "The month observed, inside the horizon.")
    .required().fixed(OBSERVATION);
/// `[[observed]].metric`.
pub const OBSERVED_METRIC: Key = Key::new(T::Observed, "metric", Choice(OBSERVED_METRICS), "As in timeline.csv (installed = installing + online).")
    .required();
/// `[[observed]].value`.
pub const OBSERVED_VALUE: Key = Key::new(T::Observed, "value", Number, "Chips.")
    .required().between(0.0, f64::INFINITY).fixed(OBSERVATION);
/// `[[observed]].recipients`.
pub const OBSERVED_RECIPIENTS: Key = Key::new(T::Observed, "recipients", Names, "Only these recipients' chips; absent = all.");
/// `[[observed]].chips`.
pub const OBSERVED_CHIPS: Key = Key::new(T::Observed, "chips", Names, "Only these chips; absent = all.");
/// `[[observed]].tolerance`.
pub const OBSERVED_TOLERANCE: Key = Key::new(T::Observed, "tolerance", Number, "The model agrees within value × (1 ± tolerance) (default 0.1).")
    .between(0.0, f64::INFINITY).default(0.1).fixed(OBSERVATION);
/// `[[observed]].source`.
pub const OBSERVED_SOURCE: Key = Key::new(T::Observed, "source", Text, "Where the figure comes from (required).")
    .required();

/// `[economics].currency`.
pub const ECONOMICS_CURRENCY: Key = Key::new(T::Economics, "currency", Text, "Label for every amount (default \"won\"); gpuplan never converts silently.")
    .fixed("a label");
/// `[economics].usd_rate`.
pub const ECONOMICS_USD_RATE: Key = Key::new(T::Economics, "usd_rate", Number, "Currency units per US dollar; required when any price is given in USD.")
    .uncertain().above(0.0, MAX_VALUE).reads("currency per US dollar", "", None, 0.01).number_kept(0);
/// `[economics].utilisation`.
pub const ECONOMICS_UTILISATION: Key = Key::new(T::Economics, "utilisation", Number, "Share of online chips' facility power drawn on average, in (0, 1].")
    .required().uncertain().above(0.0, 1.0).reads("utilisation", "", None, 0.01).means("the share of power drawn on average").number_kept(1);
/// `[economics].electricity`.
pub const ECONOMICS_ELECTRICITY: Key = Key::new(T::Economics, "electricity", List(T::ElectricityStep), "Price per kWh in `currency` from each month on.").fixed("a list");
/// `[economics].carbon`.
pub const ECONOMICS_CARBON: Key = Key::new(T::Economics, "carbon", List(T::CarbonStep), "Grid carbon intensity, g CO2 per kWh, from each month on.").fixed("a list");
/// `[economics].national_twh`.
pub const ECONOMICS_NATIONAL_TWH: Key = Key::new(T::Economics, "national_twh", Number, "The country's yearly electricity use, TWh, for the share.")
    .uncertain().above(0.0, MAX_VALUE).reads("national use, TWh", "TWh", None, 0.01).number_kept(2);
/// `[economics].build_cost_per_mw`.
pub const ECONOMICS_BUILD_COST: Key = Key::new(T::Economics, "build_cost_per_mw", Number, "Cost of a hall per MW of IT capacity, in `currency`: the default for every site.")
    .uncertain().between(0.0, MAX_VALUE).reads("build cost per MW", "", None, 1.0).number_kept(3);
/// `electricity[k].from`.
pub const ELECTRICITY_FROM: Key = Key::new(T::ElectricityStep, "from", Month, "From this month on.").required().fixed("the step's month, which stays fixed");
/// `electricity[k].per_kwh`.
pub const ELECTRICITY_PER_KWH: Key = Key::new(T::ElectricityStep, "per_kwh", Number, "Price per kWh, in `currency`.")
    .required().uncertain().between(0.0, MAX_VALUE).reads("price per kWh", "", None, 0.01).number_kept(0);
/// `carbon[k].from`.
pub const CARBON_FROM: Key = Key::new(T::CarbonStep, "from", Month, "From this month on.").required().fixed("the step's month, which stays fixed");
/// `carbon[k].g_per_kwh`.
pub const CARBON_G_PER_KWH: Key = Key::new(T::CarbonStep, "g_per_kwh", Number, "Grams of CO2 per kWh.")
    .required().uncertain().between(0.0, MAX_VALUE).reads("g CO2 per kWh", "g/kWh", None, 1.0).number_kept(0);
/// `[[chip]].price_usd`.
pub const CHIP_PRICE_USD: Key = Key::new(T::Chip, "price_usd", Number, "Price per chip in US dollars (converted at `usd_rate`).")
    .uncertain().between(0.0, MAX_VALUE).reads("price, USD", "USD", None, 1.0).number_kept(0);
/// `[[chip]].price`.
pub const CHIP_PRICE: Key = Key::new(T::Chip, "price", Number, "Price per chip in `currency`.")
    .uncertain().between(0.0, MAX_VALUE).reads("price", "", None, 1.0).number_kept(1);
/// `[[site]].build_cost_per_mw`.
pub const SITE_BUILD_COST: Key = Key::new(T::Site, "build_cost_per_mw", Number, "Overrides `[economics].build_cost_per_mw` for this site.")
    .uncertain().between(0.0, MAX_VALUE).reads("build cost per MW", "", None, 1.0).number_kept(0);

/// Every key but the top level's and the precisions of `tflops`, table by table, each table's
/// keys in the order the schema and the reader's messages list them.
pub const KEYS: &[Key] = &[
    SCENARIO_NAME, SCENARIO_DESCRIPTION, SCENARIO_START, SCENARIO_END, SCENARIO_COMMISSIONING, SCENARIO_SERVER_OVERHEAD,
    CHIP_NAME, CHIP_TDP_W, CHIP_IT_KW, CHIP_COOLING, CHIP_TFLOPS, CHIP_PRICE_USD, CHIP_PRICE,
    RECIPIENT_NAME, RECIPIENT_PRIORITY,
    ALLOCATION_RECIPIENT, ALLOCATION_CHIP, ALLOCATION_COUNT, ALLOCATION_DELIVERIES,
    RAMP_START, RAMP_MONTHS,
    DELIVERY_MONTH, DELIVERY_COUNT,
    SUPPLY_CAP,
    CAP_FROM, CAP_PER_MONTH,
    REGION_NAME, REGION_GRID, REGION_DELAY,
    GRID_FROM, GRID_MW,
    SITE_NAME, SITE_REGION, SITE_RECIPIENTS, SITE_PUE, SITE_COOLING, SITE_INSTALL_PER_MONTH, SITE_COMMISSIONING, SITE_DELAY, SITE_PHASES, SITE_BUILD_COST,
    PHASE_ONLINE, PHASE_IT_MW,
    TARGET_NAME, TARGET_METRIC, TARGET_VALUE, TARGET_BY, TARGET_RECIPIENTS, TARGET_CHIPS, TARGET_PRECISION, TARGET_EFFICIENCY,
    FACTOR_NAME, FACTOR_DESCRIPTION, FACTOR_VALUE,
    OBSERVED_MONTH, OBSERVED_METRIC, OBSERVED_VALUE, OBSERVED_RECIPIENTS, OBSERVED_CHIPS, OBSERVED_TOLERANCE, OBSERVED_SOURCE,
    ECONOMICS_CURRENCY, ECONOMICS_USD_RATE, ECONOMICS_UTILISATION, ECONOMICS_ELECTRICITY, ECONOMICS_CARBON, ECONOMICS_NATIONAL_TWH, ECONOMICS_BUILD_COST,
    ELECTRICITY_FROM, ELECTRICITY_PER_KWH,
    CARBON_FROM, CARBON_G_PER_KWH,
];

