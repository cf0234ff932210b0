//! Calendar months and the small value types the model and simulator share.
//!
//! Time in gpuplan is whole months. A [`YearMonth`] is an absolute month; the simulator works
//! with month *indices* (0 for the scenario's `start`) and converts back only when it reports.

use std::fmt;

/// An absolute calendar month, stored as `year * 12 + (month - 1)` so differences are month counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth(i32);

impl YearMonth {
    /// January 2026: where a time axis with no scenario on it starts.
    pub const JANUARY_2026: YearMonth = YearMonth(2026 * 12);

    /// Builds a month from a year and a 1-based month; `None` unless `1 <= month <= 12` and
    /// `1000 <= year <= 9999` (the years `YYYY-MM` can spell).
    pub fn new(year: i32, month: u32) -> Option<Self> {
        if !(1..=12).contains(&month) || !(1000..=9999).contains(&year) {
            return None;
        }
        Some(Self(year * 12 + month as i32 - 1))
    }

    /// Parses exactly `YYYY-MM` (four-digit year, two-digit month 01–12).
    pub fn parse(text: &str) -> Option<Self> {
        let bytes = text.as_bytes();
        if bytes.len() != 7 || bytes[4] != b'-' {
            return None;
        }
        let digits = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = &text[range];
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let year = digits(0..4)?;
        let month = digits(5..7)?;
        Self::new(i32::try_from(year).ok()?, month)
    }

    /// The month's place on the month axis (months since the year 0), for arithmetic on months
    /// as numbers (uncertain months are drawn on this axis).
    pub fn index(self) -> i32 {
        self.0
    }

    /// The month at `index` on the month axis, if it is one `YYYY-MM` can spell.
    pub fn from_index(index: i64) -> Option<YearMonth> {
        let index = i32::try_from(index).ok()?;
        let month = YearMonth(index);
        (1000..=9999).contains(&month.year()).then_some(month)
    }

    /// The calendar year.
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }

    /// The calendar month, 1–12.
    pub fn month(self) -> u32 {
        self.0.rem_euclid(12) as u32 + 1
    }

    /// Calendar days in this month (leap years counted).
    pub fn days(self) -> u32 {
        match self.month() {
            4 | 6 | 9 | 11 => 30,
            2 => {
                let year = self.year();
                if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 {
                    29
                } else {
                    28
                }
            }
            _ => 31,
        }
    }

    /// Whole months from `earlier` to `self` (negative when `self` is earlier).
    pub fn months_since(self, earlier: YearMonth) -> i64 {
        i64::from(self.0) - i64::from(earlier.0)
    }

    /// The month `count` months after this one.
    pub fn plus(self, count: usize) -> YearMonth {
        // A horizon is at most 1,200 months, so any index the simulator reports fits in i32.
        let count = i32::try_from(count).unwrap_or(i32::MAX - self.0);
        YearMonth(self.0.saturating_add(count))
    }
}

impl serde::Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

/// Cooling a chip needs or a site provides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Cooling {
    /// Air-cooled (an air chip fits any site).
    Air,
    /// Liquid-cooled (a liquid chip needs a liquid site).
    Liquid,
}

impl Cooling {
    /// Whether a site with this cooling can host a chip that needs `chip`.
    pub fn hosts(self, chip: Cooling) -> bool {
        self == Cooling::Liquid || chip == Cooling::Air
    }

    /// The spelling used in scenario files.
    pub fn as_str(self) -> &'static str {
        match self {
            Cooling::Air => "air",
            Cooling::Liquid => "liquid",
        }
    }
}

/// Numeric precisions a chip's peak throughput is quoted at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// IEEE double precision.
    Fp64,
    /// IEEE single precision.
    Fp32,
    /// NVIDIA TensorFloat-32.
    Tf32,
    /// bfloat16.
    Bf16,
    /// IEEE half precision.
    Fp16,
    /// 8-bit floating point.
    Fp8,
    /// 4-bit floating point.
    Fp4,
    /// 8-bit integer (TOPS).
    Int8,
}

impl Precision {
    /// Every precision, widest first (the order tables and files use).
    pub const ALL: [Precision; 8] = [
        Precision::Fp64,
        Precision::Fp32,
        Precision::Tf32,
        Precision::Bf16,
        Precision::Fp16,
        Precision::Fp8,
        Precision::Fp4,
        Precision::Int8,
    ];

    /// The spelling used in scenario files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Fp64 => "fp64",
            Precision::Fp32 => "fp32",
            Precision::Tf32 => "tf32",
            Precision::Bf16 => "bf16",
            Precision::Fp16 => "fp16",
            Precision::Fp8 => "fp8",
            Precision::Fp4 => "fp4",
            Precision::Int8 => "int8",
        }
    }

    /// Position in [`Precision::ALL`], used to index per-precision arrays.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Dense peak throughput per precision, TFLOPS (TOPS for int8); `None` where the chip has no figure.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Tflops(pub [Option<f64>; 8]);

impl Tflops {
    /// The figure at `precision`, if the chip has one.
    pub fn get(&self, precision: Precision) -> Option<f64> {
        self.0[precision.index()]
    }

    /// Builds a table from `(precision, TFLOPS)` pairs.
    pub fn from_pairs(pairs: &[(Precision, f64)]) -> Self {
        let mut table = Tflops::default();
        for &(precision, value) in pairs {
            table.0[precision.index()] = Some(value);
        }
        table
    }
}

/// What a target measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Chips online in scope.
    ChipsOnline,
    /// PFLOPS online in scope at a precision.
    Pflops,
}

impl Metric {
    /// The spelling used in scenario files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Metric::ChipsOnline => "chips_online",
            Metric::Pflops => "pflops",
        }
    }
}

/// What an observation counts (as in `timeline.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Observed {
    /// Chips delivered so far.
    Delivered,
    /// Chips installed so far: installing plus online.
    Installed,
    /// Chips online.
    Online,
}

impl Observed {
    /// The spelling used in scenario files and outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Observed::Delivered => "delivered",
            Observed::Installed => "installed",
            Observed::Online => "online",
        }
    }
}

/// kW in one MW.
pub const KW_PER_MW: f64 = 1000.0;
/// W in one kW.
const W_PER_KW: f64 = 1000.0;
/// TFLOPS in one PFLOPS.
const TFLOPS_PER_PFLOPS: f64 = 1000.0;

/// Power in megawatts, as it crosses between stages: a site's phases and a region's grid in
/// the model, the peak and final draw in a run's report. Inside the simulation's loop power is
/// plain kW (`f64`), converted once on the way in and out.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, serde::Serialize)]
#[serde(transparent)]
pub struct Mw(pub f64);

/// Power in kilowatts: what one chip draws (all-in IT power).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Default, serde::Serialize)]
#[serde(transparent)]
pub struct Kw(pub f64);

impl Mw {
    /// The same power in kW.
    pub fn kw(self) -> Kw {
        Kw(mw_to_kw(self.0))
    }
}

impl Kw {
    /// The same power in MW.
    pub fn mw(self) -> Mw {
        Mw(kw_to_mw(self.0))
    }
}

/// `kw` kilowatts in megawatts.
pub fn kw_to_mw(kw: f64) -> f64 {
    kw / KW_PER_MW
}

/// `mw` megawatts in kilowatts.
pub fn mw_to_kw(mw: f64) -> f64 {
    mw * KW_PER_MW
}

/// `w` watts in kilowatts.
pub fn w_to_kw(w: f64) -> f64 {
    w / W_PER_KW
}

/// Energy one step up: kWh in MWh, MWh in GWh, GWh in TWh (and tonnes in kilotonnes).
pub fn thousandth(x: f64) -> f64 {
    x / 1000.0
}

/// Grams in tonnes.
pub fn grams_to_tonnes(g: f64) -> f64 {
    g / 1e6
}

/// `tflops` TFLOPS (or TOPS) in PFLOPS (or POPS).
pub fn tflops_to_pflops(tflops: f64) -> f64 {
    tflops / TFLOPS_PER_PFLOPS
}

/// Slack added to free power before dividing, so rounding in the running sums never costs a chip.
pub const FIT_TOLERANCE_KW: f64 = 1e-6;

/// How many chips needing `need_kw` each fit in `free_kw`: floor((free + 1e-6) / need), at least 0.
pub fn fit(free_kw: f64, need_kw: f64) -> u64 {
    let room = free_kw + FIT_TOLERANCE_KW;
    // Most calls find a full site or grid: room for less than one chip, certainly (the margin
    // keeps this from deciding a case the division would round up). Skip the division there.
    if room < need_kw * (1.0 - 1e-12) {
        return 0;
    }
    let n = room / need_kw;
    if n >= u64::MAX as f64 {
        u64::MAX
    } else if n >= 1.0 {
        // Truncation is the floor for positive numbers, without a call to libm's `floor`:
        // this runs for every site an allocation tries, every month of every sample.
        n as u64
    } else {
        0 // also catches NaN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_months() {
        let month = YearMonth::parse("2026-07").unwrap();
        assert_eq!((month.year(), month.month()), (2026, 7));
        assert_eq!(month.to_string(), "2026-07");
        assert_eq!(month.plus(6).to_string(), "2027-01");
        assert_eq!(YearMonth::parse("2027-01").unwrap().months_since(month), 6);
    }

    #[test]
    fn rejects_malformed_months() {
        for bad in [
            "2026-13",
            "2026-00",
            "2026-7",
            "26-07",
            "2026/07",
            "２０２６-07",
            "2026-0x",
            "",
        ] {
            assert_eq!(YearMonth::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn liquid_sites_host_everything_air_sites_only_air() {
        assert!(Cooling::Liquid.hosts(Cooling::Air));
        assert!(Cooling::Liquid.hosts(Cooling::Liquid));
        assert!(Cooling::Air.hosts(Cooling::Air));
        assert!(!Cooling::Air.hosts(Cooling::Liquid));
    }
}
