//! The percentile bootstrap with a caller-supplied seed.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::error::{Result, StatsError, check_finite, check_open_unit};

/// Result of [`bootstrap_percentile`].
///
/// Convention: `resamples` samples of size n drawn with replacement by a
/// ChaCha8 generator seeded with the caller's seed; the interval is the
/// `(1 - c) / 2` and `(1 + c) / 2` quantiles of the bootstrap statistics with
/// linear interpolation (numpy `percentile` default, type 7). Same data, same
/// seed, same answer on every machine.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct BootstrapInterval {
    /// The statistic on the original sample.
    pub estimate: f64,
    /// Lower interval limit: the `(1 − confidence) / 2` quantile of the bootstrap
    /// statistics, in the statistic's own unit.
    pub lower: f64,
    /// Upper interval limit: the `(1 + confidence) / 2` quantile of the bootstrap
    /// statistics, in the statistic's own unit (≥ `lower`).
    pub upper: f64,
    /// Number of resamples whose statistic was finite (non-finite ones are dropped).
    pub resamples: usize,
}

/// Percentile bootstrap confidence interval for `statistic` over `data`.
///
/// ```
/// use remit_stats::bootstrap_percentile;
/// let hours = [38.0, 41.0, 45.0, 50.0, 52.0, 39.0, 44.0, 47.0];
/// let mean = |xs: &[f64]| xs.iter().sum::<f64>() / xs.len() as f64;
/// let ci = bootstrap_percentile(&hours, mean, 2000, 0.95, 42)?;
/// assert!(ci.lower < ci.estimate && ci.estimate < ci.upper);
/// assert_eq!(ci, bootstrap_percentile(&hours, mean, 2000, 0.95, 42)?); // reproducible
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::TooFew`] for empty data or fewer than 2 resamples (or fewer
/// than 2 finite bootstrap statistics); [`StatsError::NonFinite`] naming a bad
/// value; [`StatsError::OutOfRange`] for the confidence level.
pub fn bootstrap_percentile(
    data: &[f64],
    statistic: impl Fn(&[f64]) -> f64,
    resamples: usize,
    confidence: f64,
    seed: u64,
) -> Result<BootstrapInterval> {
    if data.is_empty() {
        return Err(StatsError::TooFew {
            name: "data",
            needed: 1,
            got: 0,
        });
    }
    if resamples < 2 {
        return Err(StatsError::TooFew {
            name: "resamples",
            needed: 2,
            got: resamples,
        });
    }
    check_finite("data", data)?;
    check_open_unit("confidence", confidence)?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n = data.len();
    let mut buf = vec![0.0; n];
    let mut stats = Vec::with_capacity(resamples.min(1 << 20));
    for _ in 0..resamples {
        for b in buf.iter_mut() {
            *b = data.get(rng.random_range(0..n)).copied().unwrap_or(0.0);
        }
        let s = statistic(&buf);
        if s.is_finite() {
            stats.push(s);
        }
    }
    if stats.len() < 2 {
        return Err(StatsError::TooFew {
            name: "finite bootstrap statistics",
            needed: 2,
            got: stats.len(),
        });
    }
    stats.sort_unstable_by(f64::total_cmp);
    let alpha = (1.0 - confidence) / 2.0;
    Ok(BootstrapInterval {
        estimate: statistic(data),
        lower: quantile_sorted(&stats, alpha),
        upper: quantile_sorted(&stats, 1.0 - alpha),
        resamples: stats.len(),
    })
}

/// Linear-interpolation quantile of sorted data (numpy's default).
fn quantile_sorted(sorted: &[f64], q: f64) -> f64 {
    let pos = q * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    let (a, b) = (
        sorted.get(lo).copied().unwrap_or(f64::NAN),
        sorted.get(hi).copied().unwrap_or(f64::NAN),
    );
    a + (b - a) * (pos - lo as f64)
}
