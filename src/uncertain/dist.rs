//! The distributions an uncertain value can have, each with its CDF and quantile function, and
//! truncation to the values a key allows: the uniform is drawn only from `[F(lo), F(hi)]`, so a
//! draw never leaves the key's valid range and no draw is wasted.

use std::f64::consts::SQRT_2;

use statrs::function::beta::checked_beta_reg;
use statrs::function::erf::{erfc, erfc_inv};

/// z of the 95th percentile of the standard normal: a 90% interval is mean ± 1.6449 sd.
pub const Z95: f64 = 1.644_853_626_951_472_2;

/// Intervals of the PERT CDF table (exact values at the nodes, linear between them).
const PERT_INTERVALS: usize = 4096;
/// Buckets of the PERT quantile guide.
const GUIDE: usize = 1024;

/// A distribution on the real line (numbers, or months on the month axis).
// The variants' fields are the textbook parameters, named as in the formulas.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// Normal with mean and standard deviation.
    Normal { mean: f64, sd: f64 },
    /// Lognormal: ln X is normal with `mu` and `sigma`.
    LogNormal { mu: f64, sigma: f64 },
    /// PERT (beta with shape 4) on `[lo, lo + width]` with beta parameters `alpha`, `beta`;
    /// `cdf` holds the exact CDF at `PERT_INTERVALS + 1` evenly spaced nodes, and `guide[g]`
    /// the first node whose CDF reaches g / `GUIDE`, so a quantile searches only a few nodes.
    Pert {
        lo: f64,
        width: f64,
        alpha: f64,
        beta: f64,
        cdf: Vec<f64>,
        guide: Vec<u32>,
    },
    /// Uniform on `[lo, hi]`.
    Uniform { lo: f64, hi: f64 },
    /// Discrete alternatives: ascending values and their cumulative probabilities.
    Discrete {
        values: Vec<f64>,
        cumulative: Vec<f64>,
    },
    /// The empirical distribution of cases (ascending): quantile p lies at position
    /// p × (n − 1) among them, linear between neighbours; one case is that value.
    Empirical { cases: Vec<f64> },
}

impl Shape {
    /// A normal with 5% below `p5` and 5% above `p95`.
    pub fn normal_interval(p5: f64, p95: f64) -> Shape {
        Shape::Normal {
            mean: f64::midpoint(p5, p95),
            sd: (p95 - p5) / (2.0 * Z95),
        }
    }

    /// A lognormal with 5% below `p5` and 5% above `p95` (both > 0).
    pub fn lognormal_interval(p5: f64, p95: f64) -> Shape {
        Shape::LogNormal {
            mu: f64::midpoint(p5.ln(), p95.ln()),
            sigma: (p95.ln() - p5.ln()) / (2.0 * Z95),
        }
    }

    /// PERT with limits `lo < hi` and mode `likely` in between.
    pub fn pert(lo: f64, likely: f64, hi: f64) -> Shape {
        let width = hi - lo;
        let alpha = 1.0 + 4.0 * (likely - lo) / width;
        let beta = 1.0 + 4.0 * (hi - likely) / width;
        let cdf: Vec<f64> = (0..=PERT_INTERVALS)
            .map(|j| {
                let x = j as f64 / PERT_INTERVALS as f64;
                checked_beta_reg(alpha, beta, x).unwrap_or(if j == 0 { 0.0 } else { 1.0 })
            })
            .collect();
        let guide = (0..=GUIDE)
            .map(|g| cdf.partition_point(|&c| c < g as f64 / GUIDE as f64) as u32)
            .collect();
        Shape::Pert {
            lo,
            width,
            alpha,
            beta,
            cdf,
            guide,
        }
    }

    /// Discrete alternatives from (value, weight) pairs; weights > 0, normalised here (scaled
    /// by the largest first where they would sum to infinity).
    pub fn discrete(mut choices: Vec<(f64, f64)>) -> Shape {
        choices.sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut total: f64 = choices.iter().map(|c| c.1).sum();
        if !total.is_finite() {
            let largest = choices.iter().map(|c| c.1).fold(0.0, f64::max);
            for choice in &mut choices {
                choice.1 /= largest;
            }
            total = choices.iter().map(|c| c.1).sum();
        }
        let mut running = 0.0;
        let cumulative = choices
            .iter()
            .map(|c| {
                running += c.1;
                running / total
            })
            .collect();
        Shape::Discrete {
            values: choices.iter().map(|c| c.0).collect(),
            cumulative,
        }
    }

    /// The empirical distribution of `cases` (at least one).
    pub fn empirical(mut cases: Vec<f64>) -> Shape {
        cases.sort_by(f64::total_cmp);
        Shape::Empirical { cases }
    }

    /// P(X <= x).
    pub fn cdf(&self, x: f64) -> f64 {
        match self {
            Shape::Empirical { cases } => {
                let n = cases.len();
                if n == 1 || x < cases[0] {
                    return if x < cases[0] { 0.0 } else { 1.0 };
                }
                if x >= cases[n - 1] {
                    return 1.0;
                }
                // The last case at or below x, and the share of the way to the next.
                let i = cases.partition_point(|&c| c <= x) - 1;
                let within = (x - cases[i]) / (cases[i + 1] - cases[i]);
                (i as f64 + within) / (n - 1) as f64
            }
            Shape::Normal { mean, sd } => 0.5 * erfc(-(x - mean) / (sd * SQRT_2)),
            Shape::LogNormal { mu, sigma } => {
                if x <= 0.0 {
                    0.0
                } else {
                    0.5 * erfc(-(x.ln() - mu) / (sigma * SQRT_2))
                }
            }
            Shape::Pert { lo, width, cdf, .. } => {
                let z = ((x - lo) / width).clamp(0.0, 1.0) * PERT_INTERVALS as f64;
                let j = (z.floor() as usize).min(PERT_INTERVALS - 1);
                cdf[j] + (cdf[j + 1] - cdf[j]) * (z - j as f64)
            }
            // Halves, so that ends near the largest float do not overflow their difference.
            Shape::Uniform { lo, hi } => {
                ((x / 2.0 - lo / 2.0) / (hi / 2.0 - lo / 2.0)).clamp(0.0, 1.0)
            }
            Shape::Discrete { values, cumulative } => match values.iter().rposition(|&v| v <= x) {
                Some(i) => cumulative[i],
                None => 0.0,
            },
        }
    }

    /// P(X < x): the same as the CDF but for discrete values.
    pub fn cdf_below(&self, x: f64) -> f64 {
        match self {
            Shape::Discrete { values, cumulative } => match values.iter().rposition(|&v| v < x) {
                Some(i) => cumulative[i],
                None => 0.0,
            },
            _ => self.cdf(x),
        }
    }

    /// The smallest x with P(X <= x) >= p, for p in (0, 1).
    pub fn quantile(&self, p: f64) -> f64 {
        match self {
            Shape::Empirical { cases } => {
                let h = p * (cases.len() - 1) as f64;
                let i = (h.floor() as usize).min(cases.len() - 1);
                let next = cases[(i + 1).min(cases.len() - 1)];
                cases[i] + (next - cases[i]) * (h - i as f64)
            }
            Shape::Normal { mean, sd } => mean - sd * SQRT_2 * erfc_inv(2.0 * p),
            Shape::LogNormal { mu, sigma } => (mu - sigma * SQRT_2 * erfc_inv(2.0 * p)).exp(),
            Shape::Pert {
                lo,
                width,
                cdf,
                guide,
                ..
            } => {
                // The node interval holding p (searched between the guide's bounds), then
                // linear between its ends.
                let g = ((p * GUIDE as f64) as usize).min(GUIDE - 1);
                let (from, to) = (
                    guide[g] as usize,
                    (guide[g + 1] as usize + 1).min(cdf.len()),
                );
                let from = from.saturating_sub(1);
                let j = (from + cdf[from..to].partition_point(|&c| c < p)).clamp(1, PERT_INTERVALS);
                let (a, b) = (cdf[j - 1], cdf[j]);
                let within = if b > a { (p - a) / (b - a) } else { 0.0 };
                lo + width * ((j - 1) as f64 + within) / PERT_INTERVALS as f64
            }
            Shape::Uniform { lo, hi } => lo * (1.0 - p) + hi * p,
            Shape::Discrete { values, cumulative } => {
                let i = cumulative.partition_point(|&c| c < p);
                values[i.min(values.len() - 1)]
            }
        }
    }

    /// The least and greatest value it can take (infinite for unbounded tails).
    pub fn support(&self) -> (f64, f64) {
        match self {
            Shape::Normal { .. } => (f64::NEG_INFINITY, f64::INFINITY),
            Shape::LogNormal { .. } => (0.0, f64::INFINITY),
            Shape::Pert { lo, width, .. } => (*lo, lo + width),
            Shape::Uniform { lo, hi } => (*lo, *hi),
            Shape::Discrete { values, .. } => (values[0], values[values.len() - 1]),
            Shape::Empirical { cases } => (cases[0], cases[cases.len() - 1]),
        }
    }
}

/// The values a key allows, on the scale it is drawn on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Domain {
    /// Least allowed value.
    pub lo: f64,
    /// Whether `lo` itself is excluded (`it_kw > 0`).
    pub lo_open: bool,
    /// Greatest allowed value.
    pub hi: f64,
}

impl Domain {
    /// `[lo, hi]`.
    pub fn closed(lo: f64, hi: f64) -> Domain {
        Domain {
            lo,
            lo_open: false,
            hi,
        }
    }

    /// `(lo, hi]`.
    pub fn above(lo: f64, hi: f64) -> Domain {
        Domain {
            lo,
            lo_open: true,
            hi,
        }
    }

    /// Whether `x` is allowed.
    pub fn contains(&self, x: f64) -> bool {
        (if self.lo_open {
            x > self.lo
        } else {
            x >= self.lo
        }) && x <= self.hi
    }

    /// The values both allow.
    pub fn meet(self, other: Domain) -> Domain {
        let lo_open = if self.lo == other.lo {
            self.lo_open || other.lo_open
        } else if self.lo > other.lo {
            self.lo_open
        } else {
            other.lo_open
        };
        Domain {
            lo: self.lo.max(other.lo),
            lo_open,
            hi: self.hi.min(other.hi),
        }
    }
}

/// A shape truncated to a domain: what a key's draws follow.
#[derive(Debug, Clone, PartialEq)]
pub struct Truncated {
    /// The shape drawn from (a uniform already narrowed to the domain).
    pub shape: Shape,
    /// The allowed values.
    pub domain: Domain,
    /// P(X below the domain) and P(X within or below it): draws use `[p_lo, p_hi]`.
    p_lo: f64,
    p_hi: f64,
    /// The share of the untruncated distribution outside the domain.
    cut: f64,
}

impl Truncated {
    /// `shape` truncated to `domain`; `None` when no value of it is allowed (or a share too
    /// small to draw from, under 1e-12). A uniform is truncated exactly: to the uniform on the
    /// values both allow, however wide the range it came from.
    pub fn new(shape: Shape, domain: Domain) -> Option<Truncated> {
        if let Shape::Uniform { lo, hi } = shape {
            let (a, b) = (lo.max(domain.lo), hi.min(domain.hi));
            // Nothing allowed, or (from a true range) a single allowed point: no share to draw.
            let empty = a > b || (domain.lo_open && a <= domain.lo && b <= domain.lo);
            if empty || (a == b && lo < hi) {
                return None;
            }
            // The share cut off, in halves (no overflow); 0 when nothing is.
            let kept = if lo < hi {
                (b / 2.0 - a / 2.0) / (hi / 2.0 - lo / 2.0)
            } else {
                1.0
            };
            let cut = if a == lo && b == hi {
                0.0
            } else {
                1.0 - kept.clamp(0.0, 1.0)
            };
            return Some(Truncated {
                shape: Shape::Uniform { lo: a, hi: b },
                domain,
                p_lo: 0.0,
                p_hi: 1.0,
                cut,
            });
        }
        let p_lo = if domain.lo_open {
            shape.cdf(domain.lo)
        } else {
            shape.cdf_below(domain.lo)
        };
        let p_hi = shape.cdf(domain.hi);
        (p_hi > p_lo && p_hi - p_lo > 1e-12).then_some(Truncated {
            shape,
            domain,
            p_lo,
            p_hi,
            cut: p_lo + (1.0 - p_hi),
        })
    }

    /// The value for uniform `u` in (0, 1): the quantile of the truncated distribution.
    pub fn draw(&self, u: f64) -> f64 {
        let x = self.shape.quantile(self.p_lo + u * (self.p_hi - self.p_lo));
        x.clamp(self.domain.lo, self.domain.hi)
    }

    /// P(X ≤ x) of the truncated distribution.
    pub fn cdf(&self, x: f64) -> f64 {
        ((self.shape.cdf(x) - self.p_lo) / (self.p_hi - self.p_lo)).clamp(0.0, 1.0)
    }

    /// The share of the untruncated distribution outside the domain.
    pub fn truncated_share(&self) -> f64 {
        self.cut
    }

    /// The least and greatest values a draw can take.
    pub fn support(&self) -> (f64, f64) {
        let (lo, hi) = self.shape.support();
        (lo.max(self.domain.lo), hi.min(self.domain.hi))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn intervals_put_five_percent_outside_each_end() {
        let n = Shape::normal_interval(10.0, 30.0);
        assert_abs_diff_eq!(n.cdf(10.0), 0.05, epsilon = 1e-9);
        assert_abs_diff_eq!(n.cdf(30.0), 0.95, epsilon = 1e-9);
        assert_abs_diff_eq!(n.quantile(0.5), 20.0, epsilon = 1e-9);
        let l = Shape::lognormal_interval(20.0, 80.0);
        assert_abs_diff_eq!(l.cdf(20.0), 0.05, epsilon = 1e-9);
        assert_abs_diff_eq!(l.quantile(0.95), 80.0, epsilon = 1e-9);
        assert_abs_diff_eq!(l.quantile(0.5), 40.0, epsilon = 1e-9);
    }

    /// PERT(0, 0, 1) is Beta(1, 5): F(x) = 1 - (1 - x)^5, so the table and its inverse must
    /// agree with the closed form everywhere.
    #[test]
    fn pert_tables_match_the_closed_form() {
        let p = Shape::pert(0.0, 0.0, 1.0);
        for i in 1..100 {
            let x = f64::from(i) / 100.0;
            let exact = 1.0 - (1.0 - x).powi(5);
            assert_abs_diff_eq!(p.cdf(x), exact, epsilon = 2e-7);
            assert_abs_diff_eq!(p.quantile(exact), x, epsilon = 1e-6);
        }
        // The guide only narrows the search: every quantile is the one a full search finds.
        if let Shape::Pert { cdf, lo, width, .. } = &p {
            for i in 1..10_000 {
                let q = f64::from(i) / 10_000.0;
                let j = cdf.partition_point(|&c| c < q).clamp(1, PERT_INTERVALS);
                let within = (q - cdf[j - 1]) / (cdf[j] - cdf[j - 1]);
                let full = lo + width * ((j - 1) as f64 + within) / PERT_INTERVALS as f64;
                assert_eq!(p.quantile(q), full, "p = {q}");
            }
        }
        let symmetric = Shape::pert(10.0, 20.0, 30.0);
        assert_abs_diff_eq!(symmetric.quantile(0.5), 20.0, epsilon = 1e-9);
    }

    #[test]
    fn discrete_quantiles_and_truncation() {
        let d = Shape::discrete(vec![(3.0, 1.0), (1.0, 1.0), (2.0, 2.0)]);
        assert_eq!(d.quantile(0.2), 1.0);
        assert_eq!(d.quantile(0.5), 2.0);
        assert_eq!(d.quantile(0.9), 3.0);
        assert_eq!(d.cdf_below(2.0), 0.25);
        // Values below 2 are not allowed: only 2 and 3 remain, 2 with probability 2/3.
        let t = Truncated::new(d, Domain::closed(2.0, 10.0)).unwrap();
        assert_eq!(t.draw(0.6), 2.0);
        assert_eq!(t.draw(0.7), 3.0);
        assert_abs_diff_eq!(t.truncated_share(), 0.25, epsilon = 1e-12);
    }

    #[test]
    fn truncation_keeps_draws_inside_and_refuses_an_empty_domain() {
        let t =
            Truncated::new(Shape::normal_interval(0.8, 1.4), Domain::closed(1.0, 1e12)).unwrap();
        for i in 1..1000 {
            assert!(t.draw(f64::from(i) / 1000.0) >= 1.0);
        }
        assert!(t.truncated_share() > 0.2 && t.truncated_share() < 0.4);
        assert!(
            Truncated::new(
                Shape::Uniform { lo: 0.2, hi: 0.9 },
                Domain::closed(1.0, 2.0)
            )
            .is_none()
        );
    }
}
