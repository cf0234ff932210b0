//! Why a Monte Carlo run stops: too many samples for memory, the system refusing it, threads
//! that cannot start, a drawn sample that breaks a rule, or too few samples agreeing with the
//! observations.

use super::MEMORY_LIMIT;

/// Why a run stopped.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum McError {
    /// More samples than this machine can count.
    #[error("too many samples")]
    TooManySamples,
    /// The run's tables would pass [`MEMORY_LIMIT`].
    #[error(transparent)]
    Memory(#[from] MemoryError),
    /// The system would not give the memory the tables need.
    #[error("the system refused the memory this run's tables need: use fewer --samples")]
    Refused,
    /// The threads could not be started.
    #[error("cannot start {threads} threads: {reason}")]
    Threads {
        /// How many were asked for.
        threads: usize,
        /// The system's reason.
        reason: String,
    },
    /// A drawn sample broke a rule joining several values.
    #[error("sample {sample} is invalid: {problem} (its uncertain inputs: {inputs})")]
    InvalidSample {
        /// Its number.
        sample: u64,
        /// The rule it broke.
        problem: String,
        /// The uncertain inputs' keys, comma-separated.
        inputs: String,
    },
    /// Too few samples agree with the observations to condition on them; the message names
    /// the observation that rejects the most and what to do.
    #[error("{0}")]
    Observations(String),
}

/// A run whose tables would need more memory than [`MEMORY_LIMIT`].
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error(
    "{} samples of this scenario would need about {:.1} GB of memory ({} bytes a sample, \
     kept for exact percentiles), over the {} GiB limit: use --samples {} or fewer",
    crate::numbers::thousands(*.samples),
    *.need as f64 / 1e9,
    crate::numbers::thousands(*.per_sample),
    MEMORY_LIMIT >> 30,
    MEMORY_LIMIT / .per_sample
)]
pub struct MemoryError {
    /// The samples asked for.
    pub samples: u64,
    /// Bytes they would need.
    pub need: u64,
    /// Bytes a sample needs.
    pub per_sample: u64,
}
