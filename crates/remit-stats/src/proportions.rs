//! Two-group proportions: the pooled z-test, the impact ratio with its confidence
//! interval, and the minimum detectable ratio.

use crate::contingency::Alternative;
use crate::dist;
use crate::error::{Result, StatsError, check_open_unit};

fn check_group(xname: &'static str, x: u64, n: u64) -> Result<()> {
    if n == 0 {
        return Err(StatsError::InvalidCount {
            name: xname,
            reason: "group has zero trials".into(),
        });
    }
    if x > n {
        return Err(StatsError::InvalidCount {
            name: xname,
            reason: format!("{x} successes exceed {n} trials"),
        });
    }
    Ok(())
}

/// Result of [`two_proportion_ztest`].
///
/// Convention (statsmodels `proportions_ztest(count=[x1, x2], nobs=[n1, n2])`,
/// `value = 0`, `prop_var = False`): the standard error uses the pooled proportion
/// `(x1 + x2) / (n1 + n2)`; `z = (p1 - p2) / se` so the sign is first group minus
/// second; "greater" means `p1 > p2`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ProportionZTest {
    /// `z` statistic, first group minus second.
    pub statistic: f64,
    /// p-value for the chosen alternative.
    pub p_value: f64,
    /// Difference of the two proportions `x1/n1 − x2/n2`, in [−1, 1].
    pub difference: f64,
    /// Pooled proportion `(x1 + x2) / (n1 + n2)` used in the standard error, strictly
    /// between 0 and 1.
    pub pooled: f64,
}

/// Two-proportion z-test with pooled variance.
///
/// ```
/// use remit_stats::{two_proportion_ztest, Alternative};
/// // remote: 30 of 200 promoted; onsite: 60 of 250
/// let t = two_proportion_ztest(30, 200, 60, 250, Alternative::TwoSided)?;
/// assert!(t.statistic < 0.0 && t.p_value < 0.05);
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::InvalidCount`] for an empty group or more successes than trials;
/// [`StatsError::Degenerate`] when the pooled proportion is 0 or 1 (the standard
/// error is zero; statsmodels returns NaN).
pub fn two_proportion_ztest(
    x1: u64,
    n1: u64,
    x2: u64,
    n2: u64,
    alternative: Alternative,
) -> Result<ProportionZTest> {
    check_group("x1", x1, n1)?;
    check_group("x2", x2, n2)?;
    let (x1f, n1f, x2f, n2f) = (x1 as f64, n1 as f64, x2 as f64, n2 as f64);
    let p1 = x1f / n1f;
    let p2 = x2f / n2f;
    let pooled = (x1f + x2f) / (n1f + n2f);
    let var = pooled * (1.0 - pooled) * (1.0 / n1f + 1.0 / n2f);
    if !(var > 0.0) {
        return Err(StatsError::Degenerate {
            name: "x1",
            reason: "pooled proportion is 0 or 1, so the standard error is zero".into(),
        });
    }
    let z = (p1 - p2) / var.sqrt();
    let p_value = match alternative {
        Alternative::TwoSided => 2.0 * dist::norm_sf(z.abs()),
        Alternative::Greater => dist::norm_sf(z),
        Alternative::Less => dist::norm_cdf(z),
    };
    Ok(ProportionZTest {
        statistic: z,
        p_value: p_value.clamp(0.0, 1.0),
        difference: p1 - p2,
        pooled,
    })
}

/// Result of [`impact_ratio`].
///
/// Convention (statsmodels `confint_proportions_2indep(compare="ratio",
/// method="log")`, Katz's log method): `ratio = (x1/n1) / (x2/n2)`;
/// `se = sqrt(1/x1 - 1/n1 + 1/x2 - 1/n2)` on the log scale; the interval is
/// `exp(ln ratio ± z se)`. In adverse-impact work the first group is the focal
/// group and the second the reference (highest-rate) group; a ratio below 0.8 is
/// the "four-fifths rule" flag.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RatioEstimate {
    /// Point estimate `p1 / p2`.
    pub ratio: f64,
    /// Lower confidence limit of `ratio`, `exp(ln ratio − z log_se)` (≥ 0).
    pub lower: f64,
    /// Upper confidence limit of `ratio`, `exp(ln ratio + z log_se)` (≥ `lower`; infinite
    /// when the second group has no successes).
    pub upper: f64,
    /// Standard error of `ln ratio` (delta method).
    pub log_se: f64,
    /// Confidence level of the interval as passed, strictly between 0 and 1 (e.g. 0.95).
    pub confidence: f64,
}

/// The ratio of two proportions (the "impact ratio") with a log-scale
/// (delta-method) confidence interval.
///
/// ```
/// use remit_stats::impact_ratio;
/// let r = impact_ratio(30, 200, 60, 250, 0.95)?;
/// assert!((r.ratio - 0.625).abs() < 1e-12);
/// assert!(r.lower < r.ratio && r.ratio < r.upper);
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::InvalidCount`] for an empty group or more successes than trials;
/// [`StatsError::Degenerate`] if either group has zero successes (the log ratio
/// and its variance are undefined); [`StatsError::OutOfRange`] for a confidence
/// level outside (0, 1).
pub fn impact_ratio(x1: u64, n1: u64, x2: u64, n2: u64, confidence: f64) -> Result<RatioEstimate> {
    check_group("x1", x1, n1)?;
    check_group("x2", x2, n2)?;
    check_open_unit("confidence", confidence)?;
    if x1 == 0 {
        return Err(StatsError::Degenerate {
            name: "x1",
            reason: "zero successes: the log ratio is undefined".into(),
        });
    }
    if x2 == 0 {
        return Err(StatsError::Degenerate {
            name: "x2",
            reason: "zero successes: the ratio is infinite".into(),
        });
    }
    let (x1f, n1f, x2f, n2f) = (x1 as f64, n1 as f64, x2 as f64, n2 as f64);
    let ratio = (x1f / n1f) / (x2f / n2f);
    let var = 1.0 / x1f - 1.0 / n1f + 1.0 / x2f - 1.0 / n2f;
    let se = var.max(0.0).sqrt();
    let z = dist::norm_crit(confidence);
    Ok(RatioEstimate {
        ratio,
        lower: (ratio.ln() - z * se).exp(),
        upper: (ratio.ln() + z * se).exp(),
        log_se: se,
        confidence,
    })
}

/// Wilson score interval for a proportion `x / n`.
///
/// Convention (statsmodels `proportion_confint(x, n, alpha=1-confidence,
/// method="wilson")`): centre `(x + z²/2) / (n + z²)`, half-width
/// `z / (n + z²) · sqrt(x (n - x) / n + z²/4)`. Unlike the Wald interval it stays
/// inside [0, 1] and is sensible at 0 or `n` successes.
///
/// ```
/// use remit_stats::wilson_interval;
/// // statsmodels: proportion_confint(12, 40, alpha=0.05, method="wilson")
/// let (lo, hi) = wilson_interval(12, 40, 0.95)?;
/// assert!((lo - 0.1807484522974653).abs() < 1e-12 && (hi - 0.45430018818144946).abs() < 1e-12);
/// // proportion_confint(0, 40, method="wilson") and (997, 1000, alpha=0.1)
/// let (lo0, hi0) = wilson_interval(0, 40, 0.95)?;
/// assert!(lo0 == 0.0 && (hi0 - 0.08762160119728668).abs() < 1e-12);
/// let (lo9, hi9) = wilson_interval(997, 1000, 0.90)?;
/// assert!((lo9 - 0.9925175086980943).abs() < 1e-12 && (hi9 - 0.9988004375215837).abs() < 1e-12);
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::InvalidCount`] for `n = 0` or `x > n`; [`StatsError::OutOfRange`]
/// for a confidence level outside (0, 1).
pub fn wilson_interval(x: u64, n: u64, confidence: f64) -> Result<(f64, f64)> {
    check_group("x", x, n)?;
    check_open_unit("confidence", confidence)?;
    let (xf, nf) = (x as f64, n as f64);
    let z = dist::norm_crit(confidence);
    let z2 = z * z;
    let centre = (xf + z2 / 2.0) / (nf + z2);
    let half = z / (nf + z2) * (xf * (nf - xf) / nf + z2 / 4.0).max(0.0).sqrt();
    Ok(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// Power of the two-sided pooled two-proportion z-test to detect `p1` against
/// `p2`, with `n1` and `n2` observations, at level `alpha`.
///
/// Convention (statsmodels `power_proportions_2indep(diff=p1-p2, prop2=p2,
/// nobs1=n1, ratio=n2/n1, alpha, alternative="two-sided")`): null variance from
/// the pooled proportion weighted by the group sizes, alternative variance
/// unpooled.
///
/// # Errors
/// [`StatsError::OutOfRange`] for proportions outside [0, 1], `alpha` outside
/// (0, 1) or empty groups.
pub fn power_two_proportions(p1: f64, p2: f64, n1: f64, n2: f64, alpha: f64) -> Result<f64> {
    for (name, p) in [("p1", p1), ("p2", p2)] {
        if !(0.0..=1.0).contains(&p) {
            return Err(StatsError::OutOfRange {
                name,
                value: p,
                range: "[0, 1]",
            });
        }
    }
    for (name, n) in [("n1", n1), ("n2", n2)] {
        if !(n > 0.0 && n.is_finite()) {
            return Err(StatsError::OutOfRange {
                name,
                value: n,
                range: "(0, inf)",
            });
        }
    }
    check_open_unit("alpha", alpha)?;
    let ratio = n2 / n1;
    let diff = p1 - p2;
    let pooled = (p1 + p2 * ratio) / (1.0 + ratio);
    let std_null = (pooled * (1.0 - pooled) + pooled * (1.0 - pooled) / ratio).sqrt();
    let std_alt = (p1 * (1.0 - p1) + p2 * (1.0 - p2) / ratio).sqrt();
    if !(std_alt > 0.0) {
        return Ok(if diff != 0.0 { 1.0 } else { alpha });
    }
    let std_ratio = std_null / std_alt;
    let shift = diff * n1.sqrt() / std_alt;
    let crit_hi = dist::norm_ppf(1.0 - alpha / 2.0);
    let crit_lo = dist::norm_ppf(alpha / 2.0);
    let pow =
        dist::norm_sf(crit_hi * std_ratio - shift) + dist::norm_cdf(crit_lo * std_ratio - shift);
    Ok(pow.clamp(0.0, 1.0))
}

/// The minimum detectable ratio: the largest ratio `r < 1` such that a focal
/// group of `n1` with rate `r * p2` differs from a reference group of `n2` with
/// rate `p2` with the requested `power` in a two-sided pooled z-test at level
/// `alpha` (power as in [`power_two_proportions`]). Ratios closer to 1 than this
/// cannot be reliably detected with these group sizes.
///
/// Solved by bisection to 1e-12; `None` if even `r = 0` does not reach `power`.
///
/// ```
/// use remit_stats::minimum_detectable_ratio;
/// let r = minimum_detectable_ratio(200, 1000, 0.20, 0.80, 0.05)?.unwrap();
/// assert!(r > 0.5 && r < 0.8);
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::OutOfRange`] for a baseline rate outside (0, 1), power or alpha
/// outside (0, 1), or an empty group.
pub fn minimum_detectable_ratio(
    n1: u64,
    n2: u64,
    p2: f64,
    power: f64,
    alpha: f64,
) -> Result<Option<f64>> {
    check_open_unit("p2", p2)?;
    check_open_unit("power", power)?;
    check_open_unit("alpha", alpha)?;
    let (n1f, n2f) = (n1 as f64, n2 as f64);
    if n1 == 0 || n2 == 0 {
        return Err(StatsError::OutOfRange {
            name: if n1 == 0 { "n1" } else { "n2" },
            value: 0.0,
            range: "[1, inf)",
        });
    }
    let pw = |r: f64| power_two_proportions(r * p2, p2, n1f, n2f, alpha);
    if pw(0.0)? < power {
        return Ok(None);
    }
    // Power decreases as r rises toward 1 on (0, 1).
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if pw(mid)? >= power {
            lo = mid;
        } else {
            hi = mid;
        }
        if hi - lo < 1e-13 {
            break;
        }
    }
    Ok(Some(0.5 * (lo + hi)))
}
