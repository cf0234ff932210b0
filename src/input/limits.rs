//! The bounds of the scenario format: what a key may hold at most. Declared here, below every
//! stage, so that reading, drawing uncertain values and validation all use the same figures.

/// Longest horizon, in months.
pub const MAX_MONTHS: usize = 1200;
/// Most chips a scenario may allocate in total (keeps every count exact in f64 arithmetic).
pub const MAX_TOTAL_CHIPS: u64 = 1_000_000_000_000_000;
/// Largest power, PUE, TFLOPS or target figure accepted (1e12), far beyond any real plan.
pub const MAX_VALUE: f64 = 1e12;
/// Longest delay or commissioning time, in months (a delay may also be this much earlier).
pub const MAX_SHIFT_MONTHS: i64 = 12_000;
