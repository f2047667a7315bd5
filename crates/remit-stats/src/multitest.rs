//! Multiple-testing adjustments: Holm (family-wise error) and
//! Benjamini–Hochberg (false discovery rate).

use crate::error::{Result, StatsError};

fn validate(p: &[f64]) -> Result<()> {
    for (index, &v) in p.iter().enumerate() {
        if !(0.0..=1.0).contains(&v) {
            return Err(if v.is_finite() {
                StatsError::OutOfRange {
                    name: "p_values",
                    value: v,
                    range: "[0, 1]",
                }
            } else {
                StatsError::NonFinite {
                    name: "p_values",
                    index,
                    value: v,
                }
            });
        }
    }
    Ok(())
}

fn order(p: &[f64]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..p.len()).collect();
    // Stable sort keeps ties in input order, as numpy's mergesort does.
    idx.sort_by(|&i, &j| p[i].total_cmp(&p[j]));
    idx
}

/// Holm's step-down adjusted p-values, in input order.
///
/// Convention (statsmodels `multipletests(method="holm")`): with the p-values
/// sorted ascending, `adj_(i) = min(1, max_{j <= i} (m - j + 1) p_(j))`.
/// Adjusted values are monotone in the raw values and never below them.
///
/// ```
/// let adj = remit_stats::holm(&[0.01, 0.04, 0.03])?;
/// let want = [0.03, 0.06, 0.06];
/// assert!(adj.iter().zip(want).all(|(a, w)| (a - w).abs() < 1e-15));
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::NonFinite`] / [`StatsError::OutOfRange`] for values outside [0, 1].
pub fn holm(p_values: &[f64]) -> Result<Vec<f64>> {
    validate(p_values)?;
    let m = p_values.len();
    let idx = order(p_values);
    let mut out = vec![0.0; m];
    let mut running = 0.0f64;
    for (rank, &i) in idx.iter().enumerate() {
        let v = ((m - rank) as f64 * p_values[i]).min(1.0);
        running = running.max(v);
        out[i] = running;
    }
    Ok(out)
}

/// Benjamini–Hochberg adjusted p-values (q-values), in input order.
///
/// Convention (statsmodels `multipletests(method="fdr_bh")`): with the p-values
/// sorted ascending, `adj_(i) = min(1, min_{j >= i} m p_(j) / j)`.
///
/// ```
/// let q = remit_stats::benjamini_hochberg(&[0.01, 0.04, 0.03])?;
/// assert!((q[0] - 0.03).abs() < 1e-15 && (q[1] - 0.04).abs() < 1e-15);
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::NonFinite`] / [`StatsError::OutOfRange`] for values outside [0, 1].
pub fn benjamini_hochberg(p_values: &[f64]) -> Result<Vec<f64>> {
    validate(p_values)?;
    let m = p_values.len();
    let idx = order(p_values);
    let mut out = vec![0.0; m];
    let mut running = 1.0f64;
    for (rank, &i) in idx.iter().enumerate().rev() {
        // `p / (rank / m)` as statsmodels writes it: never below `p` after rounding.
        let v = (p_values[i] / ((rank + 1) as f64 / m as f64)).min(1.0);
        running = running.min(v);
        out[i] = running;
    }
    Ok(out)
}
