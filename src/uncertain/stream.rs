//! The uniforms behind every draw: the one for input `key` in sample `i` is a pure function of
//! (seed, i, key), so sample i is the same whatever the sample count, the thread count or the
//! other inputs.
//!
//! The algorithm, named so that any implementation can reproduce it:
//! - the input's *stream* is the first 8 bytes (little-endian) of SHA-256 over the seed as 8
//!   little-endian bytes followed by the key's UTF-8 bytes;
//! - sample i's uniform is the first output of Xoshiro256++ (`rand_xoshiro`) seeded, through
//!   `SplitMix64` (`seed_from_u64`), with `stream + i` (wrapping), its top 53 bits `k` giving
//!   `(k + 0.5) / 2^53` — strictly inside (0, 1).

use rand_core::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;
use sha2::{Digest, Sha256};

/// The sampler in words, for the run record.
pub const DESCRIPTION: &str = "plain Monte Carlo by inverse CDF; input k's uniform in sample i: stream = first 8 bytes (LE) of SHA-256(seed as 8 LE bytes ‖ k's path or factor name), u = (top 53 bits of the first output of Xoshiro256++ seeded by SplitMix64 with stream + i, plus 0.5) / 2^53";

/// The stream of `key` under `seed`.
pub fn stream(seed: u64, key: &str) -> u64 {
    let mut hash = Sha256::new();
    hash.update(seed.to_le_bytes());
    hash.update(key.as_bytes());
    let digest = hash.finalize();
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    u64::from_le_bytes(first)
}

/// The uniform in (0, 1) of sample `i` on `stream`.
pub fn uniform(stream: u64, i: u64) -> f64 {
    let bits = Xoshiro256PlusPlus::seed_from_u64(stream.wrapping_add(i)).next_u64() >> 11;
    (bits as f64 + 0.5) / (1u64 << 53) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_depend_on_seed_and_key_only() {
        assert_eq!(
            stream(1, "supply.cap[0].per_month"),
            stream(1, "supply.cap[0].per_month")
        );
        assert_ne!(stream(1, "a"), stream(2, "a"));
        assert_ne!(stream(1, "a"), stream(1, "b"));
        let u = uniform(stream(1, "a"), 42);
        assert!(u > 0.0 && u < 1.0);
        assert_eq!(u, uniform(stream(1, "a"), 42));
    }

    /// The mean of many uniforms is 1/2 within 4 standard errors (sd of U(0,1) is 1/sqrt(12)).
    #[test]
    fn uniforms_are_uniform() {
        let s = stream(7, "x");
        let n = 100_000;
        let mean: f64 = (0..n).map(|i| uniform(s, i)).sum::<f64>() / n as f64;
        let se = (1.0f64 / 12.0).sqrt() / (n as f64).sqrt();
        assert!((mean - 0.5).abs() < 4.0 * se, "mean {mean}");
        let below: usize = (0..n).filter(|&i| uniform(s, i) < 0.1).count();
        let p = below as f64 / n as f64;
        assert!(
            (p - 0.1).abs() < 4.0 * (0.1f64 * 0.9 / n as f64).sqrt(),
            "{p}"
        );
    }
}
