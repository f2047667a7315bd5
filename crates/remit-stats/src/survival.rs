//! Survival analysis: the Kaplan–Meier estimator and the k-group log-rank test.

use crate::dist;
use crate::error::{Result, StatsError, check_finite, check_open_unit};
use crate::tally::Tally;

/// One distinct time of a [`KaplanMeier`] curve.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct KmStep {
    /// The time (an observed duration, event or censoring).
    pub time: f64,
    /// Number at risk just before `time`.
    pub at_risk: u64,
    /// Number of events (deaths, promotions...) observed exactly at `time`.
    pub events: u64,
    /// Censored observations at `time`.
    pub censored: u64,
    /// Survival `S(time)` just after `time`.
    pub survival: f64,
    /// Greenwood variance of `S(time)`: `S² Σ d / (n (n - d))`.
    pub variance: f64,
    /// Lower log-log confidence limit.
    pub lower: f64,
    /// Upper log-log confidence limit.
    pub upper: f64,
}

/// A Kaplan–Meier survival curve.
///
/// Convention (lifelines `KaplanMeierFitter`): one step per distinct observed
/// duration; `S(t) = exp(Σ ln((n - d) / n))`; Greenwood's sum
/// `Σ d / (n (n - d))` (terms with `n = d` count 0); the "exponential Greenwood"
/// log-log band `exp(-exp(ln(-ln S) ∓ z sqrt(Σ) / ln S))`, set to 1 where `S = 1`;
/// the median is the first time with `S(t) <= 0.5` and `None` if the curve never
/// gets there (lifelines reports infinity).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct KaplanMeier {
    /// The steps, in increasing time.
    pub steps: Vec<KmStep>,
    /// Median survival time, in the unit of the durations: the first time with `S(t) ≤
    /// 0.5`, or `None` if the curve never falls that far.
    pub median: Option<f64>,
    /// The confidence level of the band.
    pub confidence: f64,
}

impl KaplanMeier {
    /// `S(t)`: survival just after time `t` (1 before the first step).
    pub fn survival_at(&self, t: f64) -> f64 {
        let k = self.steps.partition_point(|s| s.time <= t);
        match k {
            0 => 1.0,
            k => self.steps.get(k - 1).map_or(1.0, |s| s.survival),
        }
    }
}

fn check_survival_input(durations: &[f64], events: &[bool]) -> Result<()> {
    if durations.is_empty() {
        return Err(StatsError::TooFew {
            name: "durations",
            needed: 1,
            got: 0,
        });
    }
    if events.len() != durations.len() {
        return Err(StatsError::LengthMismatch {
            name: "events",
            expected: durations.len(),
            got: events.len(),
        });
    }
    check_finite("durations", durations)?;
    if let Some(index) = durations.iter().position(|&d| d < 0.0) {
        return Err(StatsError::OutOfRange {
            name: "durations",
            value: durations.get(index).copied().unwrap_or(f64::NAN),
            range: "[0, inf) (durations are non-negative)",
        });
    }
    Ok(())
}

/// Kaplan–Meier estimate with Greenwood variance and a log-log band.
///
/// `events[i]` is true when observation `i` ended in the event (false:
/// censored at `durations[i]`).
///
/// ```
/// use remit_stats::kaplan_meier;
/// let months = [3.0, 5.0, 5.0, 8.0, 12.0, 12.0, 15.0];
/// let left = [true, true, false, true, false, true, false];
/// let km = kaplan_meier(&months, &left, 0.95)?;
/// assert!((km.survival_at(5.0) - 5.0 / 7.0).abs() < 1e-12);
/// assert_eq!(km.median, Some(12.0));
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::TooFew`] for no data, [`StatsError::LengthMismatch`],
/// [`StatsError::NonFinite`] / [`StatsError::OutOfRange`] naming a bad duration,
/// [`StatsError::OutOfRange`] for the confidence level.
pub fn kaplan_meier(durations: &[f64], events: &[bool], confidence: f64) -> Result<KaplanMeier> {
    check_survival_input(durations, events)?;
    check_open_unit("confidence", confidence)?;
    let tally = Tally::new(
        durations
            .iter()
            .copied()
            .zip(events.iter().map(|&e| usize::from(e))),
        2,
    );
    let z = dist::norm_crit(confidence);
    let mut at_risk = durations.len() as u64;
    let mut log_s = 0.0;
    let mut greenwood = 0.0;
    let mut steps = Vec::with_capacity(tally.values().len());
    let mut median = None;
    for (k, &t) in tally.values().iter().enumerate() {
        let (censored, d) = match tally.counts(k) {
            &[censored, events] => (censored, events),
            _ => (0, 0),
        };
        let removed = censored + d;
        let (nf, df) = (at_risk as f64, d as f64);
        if d > 0 {
            log_s += (nf - df).ln() - nf.ln();
            if at_risk > d {
                greenwood += df / (nf * (nf - df));
            }
        }
        let s = log_s.exp();
        let v = log_s;
        let half = z * greenwood.sqrt() / v;
        let mut lower = (-((-v).ln() - half).exp()).exp();
        let mut upper = (-((-v).ln() + half).exp()).exp();
        if lower.is_nan() {
            lower = 1.0;
        }
        if upper.is_nan() {
            upper = 1.0;
        }
        if median.is_none() && s <= 0.5 {
            median = Some(t);
        }
        steps.push(KmStep {
            time: t,
            at_risk,
            events: d,
            censored: removed - d,
            survival: s,
            variance: s * s * greenwood,
            lower,
            upper,
        });
        at_risk -= removed;
    }
    Ok(KaplanMeier {
        steps,
        median,
        confidence,
    })
}

/// Result of [`logrank_test`].
///
/// Convention (lifelines `multivariate_logrank_test`): observed minus expected
/// events per group summed over the distinct event times, the hypergeometric
/// covariance matrix, and `Z' V⁻ Z` over the first `k - 1` groups (pseudo-inverse,
/// as lifelines), chi-square with `k - 1` degrees of freedom. Groups are ordered by
/// their label.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct LogRankTest {
    /// The log-rank chi-square statistic `Z' V⁻ Z` (≥ 0), on `df` degrees of freedom.
    pub statistic: f64,
    /// Degrees of freedom `k - 1`.
    pub df: usize,
    /// Upper-tail probability of `statistic` under chi-square with `df` degrees of freedom,
    /// in [0, 1]; small values are evidence that the groups' survival curves differ.
    pub p_value: f64,
    /// The distinct group labels, ascending.
    pub groups: Vec<usize>,
    /// Observed events per group.
    pub observed: Vec<f64>,
    /// Expected events per group under the null.
    pub expected: Vec<f64>,
}

/// Log-rank test that `k >= 2` groups share one survival curve.
///
/// ```
/// use remit_stats::logrank_test;
/// let months = [2.0, 3.0, 4.0, 5.0, 8.0, 9.0, 10.0, 12.0, 14.0, 20.0];
/// let left = [true, true, true, false, true, true, false, true, false, false];
/// let mode = [0, 0, 0, 0, 0, 1, 1, 1, 1, 1]; // 0 = remote, 1 = onsite
/// let t = logrank_test(&months, &left, &mode)?;
/// assert_eq!(t.df, 1);
/// assert!(t.observed[0] > t.expected[0]);
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// As [`kaplan_meier`], plus [`StatsError::LengthMismatch`] for `groups` and
/// [`StatsError::TooFew`] for fewer than two groups.
pub fn logrank_test(durations: &[f64], events: &[bool], groups: &[usize]) -> Result<LogRankTest> {
    check_survival_input(durations, events)?;
    if groups.len() != durations.len() {
        return Err(StatsError::LengthMismatch {
            name: "groups",
            expected: durations.len(),
            got: groups.len(),
        });
    }
    let mut labels: Vec<usize> = groups.to_vec();
    labels.sort_unstable();
    labels.dedup();
    let k = labels.len();
    if k < 2 {
        return Err(StatsError::TooFew {
            name: "groups (distinct)",
            needed: 2,
            got: k,
        });
    }
    // Class `2 g + e`: group `g` (index into `labels`), event `e`.
    let tally = Tally::new(
        durations
            .iter()
            .zip(events)
            .zip(groups)
            .map(|((&t, &e), g)| (t, 2 * labels.binary_search(g).unwrap_or(0) + usize::from(e))),
        2 * k,
    );
    let mut at_risk = vec![0f64; k];
    for kk in 0..tally.values().len() {
        for (a, pair) in at_risk.iter_mut().zip(tally.counts(kk).chunks_exact(2)) {
            *a += pair.iter().sum::<u64>() as f64;
        }
    }
    let mut observed = vec![0f64; k];
    let mut expected = vec![0f64; k];
    let mut v = vec![0f64; k * k];
    let mut d_g = vec![0f64; k];
    let mut r_g = vec![0f64; k];
    for kk in 0..tally.values().len() {
        for ((d, r), pair) in d_g
            .iter_mut()
            .zip(r_g.iter_mut())
            .zip(tally.counts(kk).chunks_exact(2))
        {
            if let &[censored, died] = pair {
                *d = died as f64;
                *r = (censored + died) as f64;
            }
        }
        let d: f64 = d_g.iter().sum();
        if d > 0.0 {
            let n: f64 = at_risk.iter().sum();
            let ratio = if n > 1.0 { (n - d) / (n - 1.0) } else { 1.0 };
            let factor = ratio * d / (n * n);
            for g in 0..k {
                observed[g] += d_g[g];
                expected[g] += at_risk[g] * d / n;
                for h in 0..k {
                    let delta = if g == h { n * at_risk[g] } else { 0.0 };
                    v[g * k + h] += factor * (delta - at_risk[g] * at_risk[h]);
                }
            }
        }
        for (a, r) in at_risk.iter_mut().zip(&r_g) {
            *a -= r;
        }
    }
    let m = k - 1;
    let z: Vec<f64> = observed
        .iter()
        .zip(&expected)
        .map(|(o, e)| o - e)
        .take(m)
        .collect();
    let vm = nalgebra::DMatrix::from_fn(m, m, |a, b| v[a * k + b]);
    let svd = vm.svd(true, true);
    let smax = svd.singular_values.iter().fold(0.0f64, |a, &b| a.max(b));
    let tol = (m as f64) * f64::EPSILON * smax;
    let statistic = match svd.pseudo_inverse(tol.max(f64::MIN_POSITIVE)) {
        Ok(pinv) => {
            let zv = nalgebra::DVector::from_vec(z);
            (zv.transpose() * pinv * &zv)[(0, 0)]
        }
        Err(_) => 0.0,
    };
    Ok(LogRankTest {
        statistic,
        df: m,
        p_value: dist::chi2_sf(statistic, m as f64),
        groups: labels,
        observed,
        expected,
    })
}
