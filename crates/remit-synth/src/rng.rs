//! Seeded, portable randomness.
//!
//! Every generator draws from [`ChaCha8Rng`], whose output stream is specified
//! bit-for-bit, and converts raw `u64`s into numbers with the helpers below rather than
//! with `rand`'s distributions, so the same seed gives the same organisation on every
//! platform and with every `rand` release.

use rand::{RngCore, SeedableRng};
pub use rand_chacha::ChaCha8Rng;

/// An independent stream for one purpose (`"org"`, `"assets"`, `"wellbeing"`, ...).
///
/// Streams with different names never overlap, so adding draws to one domain's
/// generator never shifts another domain's data.
pub fn stream(seed: u64, purpose: &str) -> ChaCha8Rng {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&fnv1a(purpose.as_bytes()).to_le_bytes());
    key[16..24].copy_from_slice(b"remit-sy");
    key[24..].copy_from_slice(&(purpose.len() as u64).to_le_bytes());
    ChaCha8Rng::from_seed(key)
}

/// FNV-1a, 64-bit: a tiny portable hash for mixing names into seeds and for digests.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// A uniform draw from `[0, 1)` with 53 random bits.
pub fn unit(rng: &mut impl RngCore) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A uniform integer in `0..n` (`0` when `n == 0`), by Lemire's multiply-shift; the
/// tiny bias for huge `n` is irrelevant for synthetic data.
pub fn below(rng: &mut impl RngCore, n: u64) -> u64 {
    ((u128::from(rng.next_u64()) * u128::from(n)) >> 64) as u64
}

/// `true` with probability `p` (clamped to `[0, 1]`).
pub fn chance(rng: &mut impl RngCore, p: f64) -> bool {
    unit(rng) < p
}

/// A standard normal draw (Box–Muller, one of the pair).
pub fn normal(rng: &mut impl RngCore) -> f64 {
    let u1 = 1.0 - unit(rng); // in (0, 1]
    let u2 = unit(rng);
    (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
}

/// An index drawn with probability proportional to `weights` (non-negative, not all
/// zero; otherwise index 0).
pub fn weighted(rng: &mut impl RngCore, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().filter(|w| w.is_finite() && **w > 0.0).sum();
    if total <= 0.0 {
        return 0;
    }
    let mut target = unit(rng) * total;
    for (i, &w) in weights.iter().enumerate() {
        if w.is_finite() && w > 0.0 {
            if target < w {
                return i;
            }
            target -= w;
        }
    }
    weights
        .iter()
        .rposition(|w| w.is_finite() && *w > 0.0)
        .unwrap_or(0)
}

/// A cumulative table for drawing many times from the same weights in `O(log n)`.
#[derive(Debug, Clone)]
pub struct WeightedTable {
    cumulative: Vec<f64>,
}

impl WeightedTable {
    /// Builds the table; non-finite and negative weights count as zero.
    pub fn new(weights: &[f64]) -> Self {
        let mut acc = 0.0;
        let cumulative = weights
            .iter()
            .map(|&w| {
                acc += if w.is_finite() && w > 0.0 { w } else { 0.0 };
                acc
            })
            .collect();
        Self { cumulative }
    }

    /// Draws an index (0 when all weights are zero).
    pub fn draw(&self, rng: &mut impl RngCore) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        if total <= 0.0 {
            return 0;
        }
        let target = unit(rng) * total;
        self.cumulative
            .partition_point(|&c| c <= target)
            .min(self.cumulative.len().saturating_sub(1))
    }
}
