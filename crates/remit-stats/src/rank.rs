//! The Mann–Whitney U (Wilcoxon rank-sum) test.

use crate::contingency::Alternative;
use crate::dist;
use crate::error::{Result, StatsError, check_finite};
use crate::tally::Tally;

/// How the p-value of [`mann_whitney_u`] was computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum MwuMethod {
    /// The exact null distribution of U.
    Exact,
    /// Normal approximation with tie and continuity correction.
    Asymptotic,
}

/// Result of [`mann_whitney_u`].
///
/// Convention (scipy `mannwhitneyu(x, y, use_continuity=True, method="auto")`):
/// `statistic` is `U1`, the U of the first sample (`R1 - n1 (n1 + 1) / 2` with
/// mid-ranks for ties); "greater" means the first sample tends to be larger.
/// `auto` uses the exact distribution when one sample has at most 8 values and
/// there are no ties, and otherwise the normal approximation with tie correction
/// and a 0.5 continuity correction.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct MannWhitney {
    /// `U1`, the statistic of the first sample.
    pub statistic: f64,
    /// p-value for the chosen alternative.
    pub p_value: f64,
    /// Which null distribution was used.
    pub method: MwuMethod,
}

/// Mann–Whitney U test comparing two independent samples.
///
/// ```
/// use remit_stats::{mann_whitney_u, Alternative, MwuMethod};
/// let remote = [3.1, 4.0, 2.2, 5.0, 3.3];
/// let onsite = [4.4, 5.1, 6.0, 5.5, 4.9, 6.2];
/// let r = mann_whitney_u(&remote, &onsite, Alternative::TwoSided)?;
/// assert_eq!(r.method, MwuMethod::Exact);
/// assert!(r.p_value < 0.05);
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::TooFew`] for an empty sample; [`StatsError::NonFinite`] naming
/// a NaN or infinite value.
pub fn mann_whitney_u(x: &[f64], y: &[f64], alternative: Alternative) -> Result<MannWhitney> {
    for (name, s) in [("x", x), ("y", y)] {
        if s.is_empty() {
            return Err(StatsError::TooFew {
                name,
                needed: 1,
                got: 0,
            });
        }
        check_finite(name, s)?;
    }
    let (n1, n2) = (x.len(), y.len());
    let n = n1 + n2;
    // Mid-ranks of the pooled sample and the tie sizes, from the distinct values in
    // increasing order with how many of each sample share each.
    let tally = Tally::new(
        x.iter().map(|&v| (v, 0)).chain(y.iter().map(|&v| (v, 1))),
        2,
    );
    let mut r1 = 0.0;
    let mut tie_term = 0.0;
    let mut ties = false;
    let mut i = 0usize;
    for k in 0..tally.values().len() {
        let (in_x, in_y) = match tally.counts(k) {
            &[a, b] => (a as usize, b as usize),
            _ => (0, 0),
        };
        let j = i + in_x + in_y;
        let t = (j - i) as f64;
        if j - i > 1 {
            ties = true;
            tie_term += t * t * t - t;
        }
        let rank = (i + j + 1) as f64 / 2.0; // mean of ranks i+1..=j
        r1 += rank * in_x as f64;
        i = j;
    }
    let (n1f, n2f) = (n1 as f64, n2 as f64);
    let u1 = r1 - n1f * (n1f + 1.0) / 2.0;
    let u2 = n1f * n2f - u1;
    let (u, factor) = match alternative {
        Alternative::Greater => (u1, 1.0),
        Alternative::Less => (u2, 1.0),
        Alternative::TwoSided => (u1.max(u2), 2.0),
    };
    // scipy's rule; beyond n1 n2 = 2e8 the exact table would need gigabytes, so
    // the normal approximation is used (scipy would try the exact table).
    let exact = (n1 <= 8 || n2 <= 8) && !ties && (n1 as f64) * (n2 as f64) <= 2e8;
    let p = if exact {
        exact_sf(u.round() as u64, n1.min(n2), n1.max(n2))
    } else {
        let mu = n1f * n2f / 2.0;
        let nf = n as f64;
        let s = (n1f * n2f / 12.0 * ((nf + 1.0) - tie_term / (nf * (nf - 1.0)))).sqrt();
        let z = (u - mu - 0.5) / s;
        if z.is_nan() { 1.0 } else { dist::norm_sf(z) }
    };
    Ok(MannWhitney {
        statistic: u1,
        p_value: (p * factor).clamp(0.0, 1.0),
        method: if exact {
            MwuMethod::Exact
        } else {
            MwuMethod::Asymptotic
        },
    })
}

/// `P(U >= u)` under the null for sample sizes `m <= n`, from the exact
/// distribution of U: the coefficients of the Gaussian binomial
/// `[m + n choose m]_q`, built as `prod_{i=1}^{m} (1 - q^{n+i}) / (1 - q^i)` and
/// truncated at the degree needed.
fn exact_sf(u: u64, m: usize, n: usize) -> f64 {
    let mn = (m as u64) * (n as u64);
    if u == 0 {
        return 1.0;
    }
    if u > mn {
        return 0.0;
    }
    // Symmetry: P(U >= u) = P(U <= mn - u); sum the shorter side.
    let (upper, k) = if u <= mn - u {
        (true, u - 1) // 1 - P(U <= u - 1)
    } else {
        (false, mn - u) // P(U <= mn - u)
    };
    let Ok(deg) = usize::try_from(k) else {
        return f64::NAN;
    };
    let total = (0..m).fold(1.0f64, |acc, i| acc * (n + m - i) as f64 / (m - i) as f64);
    let cdf = if total < 1e30 {
        // Exact: the true coefficients fit in u128, and arithmetic modulo 2^128
        // is exact for them even though intermediate values go "negative".
        let mut c = vec![0u128; deg + 1];
        if let Some(c0) = c.first_mut() {
            *c0 = 1;
        }
        for i in 1..=m {
            let s = n + i;
            for d in (s..=deg).rev() {
                c[d] = c[d].wrapping_sub(c[d - s]);
            }
            for d in i..=deg {
                c[d] = c[d].wrapping_add(c[d - i]);
            }
        }
        let sum = c.iter().fold(0u128, |a, &b| a.wrapping_add(b));
        let mut exact_total: u128 = 1;
        for i in 0..m {
            // C(n + i + 1, i + 1) from C(n + i, i): exact at every step.
            exact_total = exact_total * (n + i + 1) as u128 / (i + 1) as u128;
        }
        sum as f64 / exact_total as f64
    } else {
        let mut c = vec![0f64; deg + 1];
        if let Some(c0) = c.first_mut() {
            *c0 = 1.0;
        }
        for i in 1..=m {
            let s = n + i;
            for d in (s..=deg).rev() {
                c[d] -= c[d - s];
            }
            for d in i..=deg {
                c[d] += c[d - i];
            }
        }
        c.iter().sum::<f64>() / total
    };
    if upper { 1.0 - cdf } else { cdf }
}
