//! Logistic regression: maximum likelihood by Newton–Raphson (IRLS) with
//! separation detection, and Firth's penalised likelihood as the remedy.

use crate::design::{DesignMatrix, TermKind};
use crate::dist;
use crate::error::{Result, StatsError, check_open_unit};
use crate::linalg::{Spd, first_dependent_column, symmetrize_upper};

/// One estimated coefficient with its Wald inference.
///
/// Convention (statsmodels `Logit.fit()` / `OLS.fit()` summary columns): `z` is
/// `estimate / std_error`; logistic p-values and intervals use the normal
/// distribution, OLS ones the t distribution with the residual degrees of freedom.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Coefficient {
    /// Column name from the design matrix.
    pub name: String,
    /// Point estimate of the coefficient: for logistic regression a change in log-odds per
    /// unit of the column (`exp` of it is the odds ratio), for OLS a change in `y`.
    pub estimate: f64,
    /// Standard error of `estimate`, in the same unit (square root of the diagonal of the
    /// covariance matrix; > 0).
    pub std_error: f64,
    /// Wald statistic `estimate / std_error` (z for logistic, t for OLS).
    pub statistic: f64,
    /// Two-sided p-value of `statistic` against a coefficient of 0, in [0, 1].
    pub p_value: f64,
    /// Lower Wald confidence limit `estimate − crit std_error` at the fit's confidence
    /// level, in the unit of `estimate`.
    pub lower: f64,
    /// Upper Wald confidence limit `estimate + crit std_error` at the fit's confidence
    /// level, in the unit of `estimate`.
    pub upper: f64,
}

/// Options for [`logistic_with`], [`logistic_binomial_with`] and
/// [`firth_logistic_with`]: a valid value by construction, so the fits never check it.
///
/// Start from [`LogisticOptions::default`] (50 iterations, tolerance `1e-8`, 95%
/// intervals) and change what you need with the `with_*` setters, which refuse a
/// value the fit could not use instead of clamping it.
///
/// ```
/// use remit_stats::{LogisticOptions, StatsError};
/// let opts = LogisticOptions::default().with_confidence(0.99)?.with_max_iter(100)?;
/// assert_eq!((opts.confidence(), opts.max_iter()), (0.99, 100));
/// assert!(matches!(
///     LogisticOptions::default().with_confidence(1.0),
///     Err(StatsError::OutOfRange { name: "confidence", .. })
/// ));
/// # Ok::<(), StatsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawLogisticOptions"))]
pub struct LogisticOptions {
    max_iter: usize,
    tolerance: f64,
    confidence: f64,
}

impl Default for LogisticOptions {
    fn default() -> Self {
        Self {
            max_iter: 50,
            tolerance: 1e-8,
            confidence: 0.95,
        }
    }
}

impl LogisticOptions {
    /// Sets the most Newton iterations a fit may take before it is reported as
    /// [`StatsError::NotConverged`] (default 50; at least 1).
    ///
    /// # Errors
    /// [`StatsError::OutOfRange`] naming `max_iter` when it is 0.
    pub fn with_max_iter(mut self, max_iter: usize) -> Result<Self> {
        if max_iter == 0 {
            return Err(StatsError::OutOfRange {
                name: "max_iter",
                value: 0.0,
                range: "[1, inf)",
            });
        }
        self.max_iter = max_iter;
        Ok(self)
    }

    /// Sets the convergence tolerance: a fit has converged when every parameter moves
    /// less than `tolerance * (1 + |beta|)` in one Newton step (default `1e-8`; Newton
    /// converges quadratically, so the estimate is then accurate to about `1e-15`).
    ///
    /// # Errors
    /// [`StatsError::OutOfRange`] naming `tolerance` unless it is finite and `> 0`.
    pub fn with_tolerance(mut self, tolerance: f64) -> Result<Self> {
        if !(tolerance > 0.0 && tolerance.is_finite()) {
            return Err(StatsError::OutOfRange {
                name: "tolerance",
                value: tolerance,
                range: "(0, inf)",
            });
        }
        self.tolerance = tolerance;
        Ok(self)
    }

    /// Sets the confidence level of the Wald intervals, e.g. `0.95` for 95% intervals
    /// (default 0.95).
    ///
    /// # Errors
    /// [`StatsError::OutOfRange`] naming `confidence` unless `0 < confidence < 1`.
    pub fn with_confidence(mut self, confidence: f64) -> Result<Self> {
        check_open_unit("confidence", confidence)?;
        self.confidence = confidence;
        Ok(self)
    }

    /// The most Newton iterations a fit may take (at least 1).
    pub fn max_iter(&self) -> usize {
        self.max_iter
    }

    /// The convergence tolerance, relative to `1 + |beta|` (finite, `> 0`).
    pub fn tolerance(&self) -> f64 {
        self.tolerance
    }

    /// The confidence level of the intervals, strictly between 0 and 1.
    pub fn confidence(&self) -> f64 {
        self.confidence
    }
}

/// The serialised fields of [`LogisticOptions`]; on the way in they pass through the
/// `with_*` setters, so serde refuses what they refuse.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawLogisticOptions {
    max_iter: usize,
    tolerance: f64,
    confidence: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<RawLogisticOptions> for LogisticOptions {
    type Error = StatsError;

    fn try_from(raw: RawLogisticOptions) -> Result<Self> {
        LogisticOptions::default()
            .with_max_iter(raw.max_iter)?
            .with_tolerance(raw.tolerance)?
            .with_confidence(raw.confidence)
    }
}

/// Likelihood-ratio test of a fitted model against the intercept-only model.
///
/// Convention (statsmodels `LogitResults.llr`, `llr_pvalue`, `df_model`):
/// `2 (ll - ll_null)` on `p - 1` degrees of freedom (`p` without an intercept).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct LikelihoodRatioTest {
    /// The statistic `2 (ll - ll_null)`.
    pub statistic: f64,
    /// Degrees of freedom: the number of design columns other than the intercept (`p − 1`
    /// with an intercept, `p` without).
    pub df: usize,
    /// Upper-tail probability of `statistic` under chi-square with `df` degrees of freedom,
    /// in [0, 1]; small values mean the covariates improve on the intercept-only model.
    pub p_value: f64,
    /// Log-likelihood of the intercept-only model.
    pub null_log_likelihood: f64,
}

/// Which estimator produced a [`LogisticFit`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub enum LogisticMethod {
    /// Ordinary maximum likelihood (Newton–Raphson / IRLS); fails with
    /// [`StatsError::Separation`] on separated data.
    MaximumLikelihood,
    /// Firth's penalised likelihood (Jeffreys prior).
    Firth,
}

/// A fitted logistic regression.
///
/// Convention (statsmodels `Logit(y, X).fit(method="newton")`; Firth:
/// firthmodels `FirthLogisticRegression`, Wald inference): standard errors are
/// the square roots of the diagonal of the inverse Fisher information
/// `(X' W X)^{-1}` at the estimate (Firth: the augmented information, see
/// [`firth_logistic_with`]); intervals are Wald intervals `estimate ± z se`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct LogisticFit {
    /// The estimator that produced the fit: maximum likelihood, or Firth's penalised
    /// likelihood.
    pub method: LogisticMethod,
    /// One entry per design column, in order.
    pub coefficients: Vec<Coefficient>,
    /// Covariance matrix of the estimates, row-major p×p.
    pub covariance: Vec<f64>,
    /// Log-likelihood at the estimate (unpenalised, for both methods).
    pub log_likelihood: f64,
    /// Penalised log-likelihood `ll + ln det(I) / 2` (Firth only).
    pub penalized_log_likelihood: Option<f64>,
    /// Test against the intercept-only model (maximum likelihood only, and only
    /// when the model has more than an intercept).
    pub lr_test: Option<LikelihoodRatioTest>,
    /// Newton iterations taken to converge (at most the options' `max_iter`).
    pub iterations: usize,
    /// Whether the convergence criterion was met (a fit that does not converge
    /// is returned as an error, so this is always true in an `Ok`).
    pub converged: bool,
    /// Number of observations: rows for [`logistic_with`], summed trials for
    /// [`logistic_binomial_with`].
    pub nobs: usize,
}

impl LogisticFit {
    /// The coefficient for a column name.
    pub fn coefficient(&self, name: &str) -> Option<&Coefficient> {
        self.coefficients.iter().find(|c| c.name == name)
    }

    /// Estimates in column order.
    pub fn estimates(&self) -> Vec<f64> {
        self.coefficients.iter().map(|c| c.estimate).collect()
    }
}

fn sigmoid(eta: f64) -> f64 {
    if eta >= 0.0 {
        1.0 / (1.0 + (-eta).exp())
    } else {
        let e = eta.exp();
        e / (1.0 + e)
    }
}

/// Per-row quantities: `(mu, w, y - mu, log-likelihood term)` from one `exp`
/// (the log-likelihood term only when `LL`, as it costs a logarithm).
#[inline(always)]
fn row_terms<const LL: bool>(eta: f64, yi: bool) -> (f64, f64, f64, f64) {
    let e = (-eta.abs()).exp();
    let mu = if eta >= 0.0 {
        1.0 / (1.0 + e)
    } else {
        e / (1.0 + e)
    };
    let w = mu * (1.0 - mu);
    let r = if yi { 1.0 - mu } else { -mu };
    if !LL {
        return (mu, w, r, 0.0);
    }
    // ll_i = y eta - ln(1 + e^eta) = -softplus(-eta) or -softplus(eta)
    let sp = e.ln_1p();
    let ll = if yi {
        -((-eta).max(0.0) + sp)
    } else {
        -(eta.max(0.0) + sp)
    };
    (mu, w, r, ll)
}

/// The outcome of each design row: a single Bernoulli trial (`[bool]`) or a
/// binomial count of successes out of trials ([`Binomial`]: grouped rows sharing
/// one covariate pattern). A binomial row's likelihood is the product of its
/// trials' Bernoulli likelihoods, so both give the same estimates.
trait Response {
    /// Number of rows.
    fn rows(&self) -> usize;
    /// `(successes, trials)` of row `i` (`(0, 0)` out of range).
    fn at(&self, i: usize) -> (f64, f64);
    /// One IRLS pass: `X' W X`, the score and (when `LL`) the log-likelihood.
    fn accumulate<const LL: bool>(
        &self,
        x: &DesignMatrix,
        beta: &[f64],
        h: &mut [f64],
        g: &mut [f64],
    ) -> f64;
    /// The pass at `beta = 0`, fused with the per-column ranges.
    fn first_pass(&self, x: &DesignMatrix, h: &mut [f64], g: &mut [f64]) -> Vec<Ranges>;
}

impl Response for [bool] {
    fn rows(&self) -> usize {
        self.len()
    }
    fn at(&self, i: usize) -> (f64, f64) {
        match self.get(i) {
            Some(&y) => (f64::from(u8::from(y)), 1.0),
            None => (0.0, 0.0),
        }
    }
    fn accumulate<const LL: bool>(
        &self,
        x: &DesignMatrix,
        beta: &[f64],
        h: &mut [f64],
        g: &mut [f64],
    ) -> f64 {
        accumulate_opt::<LL>(x, self, beta, h, g)
    }
    fn first_pass(&self, x: &DesignMatrix, h: &mut [f64], g: &mut [f64]) -> Vec<Ranges> {
        first_pass(x, self, h, g)
    }
}

/// Grouped rows: `successes[i]` of `trials[i]`.
struct Binomial<'a> {
    successes: &'a [u64],
    trials: &'a [u64],
}

impl Response for Binomial<'_> {
    fn rows(&self) -> usize {
        self.trials.len()
    }
    fn at(&self, i: usize) -> (f64, f64) {
        (
            self.successes.get(i).copied().unwrap_or(0) as f64,
            self.trials.get(i).copied().unwrap_or(0) as f64,
        )
    }
    fn accumulate<const LL: bool>(
        &self,
        x: &DesignMatrix,
        beta: &[f64],
        h: &mut [f64],
        g: &mut [f64],
    ) -> f64 {
        let p = beta.len();
        h.iter_mut().for_each(|v| *v = 0.0);
        g.iter_mut().for_each(|v| *v = 0.0);
        let mut ll = 0.0;
        for (i, row) in x.rows().enumerate() {
            let (s, n) = self.at(i);
            let eta: f64 = row.iter().zip(beta).map(|(a, b)| a * b).sum();
            let e = (-eta.abs()).exp();
            let mu = if eta >= 0.0 {
                1.0 / (1.0 + e)
            } else {
                e / (1.0 + e)
            };
            let w = n * (mu * (1.0 - mu));
            let r = s - n * mu;
            if LL {
                let sp = e.ln_1p();
                // s ln mu + (n - s) ln(1 - mu), each logarithm a softplus.
                ll -= s * ((-eta).max(0.0) + sp) + (n - s) * (eta.max(0.0) + sp);
            }
            for (j, (&xj, gj)) in row.iter().zip(g.iter_mut()).enumerate() {
                *gj += r * xj;
                let wxj = w * xj;
                if wxj == 0.0 {
                    continue;
                }
                let hrow = h.get_mut(j * p..(j + 1) * p).unwrap_or_default();
                for (hk, &xk) in hrow.iter_mut().zip(row) {
                    *hk += wxj * xk;
                }
            }
        }
        ll
    }
    fn first_pass(&self, x: &DesignMatrix, h: &mut [f64], g: &mut [f64]) -> Vec<Ranges> {
        let p = x.ncols();
        let mut ranges = vec![EMPTY_RANGE; p];
        let beta = vec![0.0; p];
        self.accumulate::<false>(x, &beta, h, g);
        for (i, row) in x.rows().enumerate() {
            let (s, n) = self.at(i);
            for (range, &v) in ranges.iter_mut().zip(row) {
                if s > 0.0 {
                    range.2 = range.2.min(v);
                    range.3 = range.3.max(v);
                }
                if n - s > 0.0 {
                    range.0 = range.0.min(v);
                    range.1 = range.1.max(v);
                }
            }
        }
        ranges
    }
}

/// One pass over the rows: `X' W X` (both triangles), the score `X'(y - mu)`
/// and the log-likelihood at `beta`. Never forms anything larger than p×p.
fn accumulate(x: &DesignMatrix, y: &[bool], beta: &[f64], h: &mut [f64], g: &mut [f64]) -> f64 {
    accumulate_opt::<true>(x, y, beta, h, g)
}

/// [`accumulate`] with the log-likelihood optional (`LL = false` returns 0).
fn accumulate_opt<const LL: bool>(
    x: &DesignMatrix,
    y: &[bool],
    beta: &[f64],
    h: &mut [f64],
    g: &mut [f64],
) -> f64 {
    let p = beta.len();
    macro_rules! dispatch {
        ($($n:literal)*) => {
            match p {
                $($n => accumulate_fixed::<$n, LL>(x.as_slice(), y, beta, h, g),)*
                _ => accumulate_dyn::<LL>(x, y, beta, h, g),
            }
        };
    }
    let ll = dispatch!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);
    symmetrize_upper(h, p);
    ll
}

/// The hot loop with the column count known at compile time: the triangle of
/// `w x x'` is fully unrolled and kept in a local array.
fn accumulate_fixed<const P: usize, const LL: bool>(
    data: &[f64],
    y: &[bool],
    beta: &[f64],
    h: &mut [f64],
    g: &mut [f64],
) -> f64 {
    let mut b = [0.0; P];
    for (d, s) in b.iter_mut().zip(beta) {
        *d = *s;
    }
    let mut hh = [[0.0f64; P]; P];
    let mut gg = [0.0f64; P];
    let mut ll = 0.0;
    for (row, &yi) in data.chunks_exact(P).zip(y) {
        let Ok(row) = <&[f64; P]>::try_from(row) else {
            continue;
        };
        let mut eta = 0.0;
        for j in 0..P {
            eta += row[j] * b[j];
        }
        let (_, w, r, lli) = row_terms::<LL>(eta, yi);
        ll += lli;
        for j in 0..P {
            gg[j] += r * row[j];
            let wxj = w * row[j];
            for k in 0..P {
                hh[j][k] += wxj * row[k];
            }
        }
    }
    for (j, hrow) in h.chunks_exact_mut(P).enumerate() {
        for (k, v) in hrow.iter_mut().enumerate() {
            *v = hh[j][k];
        }
    }
    for (d, s) in g.iter_mut().zip(gg) {
        *d = s;
    }
    ll
}

fn accumulate_dyn<const LL: bool>(
    x: &DesignMatrix,
    y: &[bool],
    beta: &[f64],
    h: &mut [f64],
    g: &mut [f64],
) -> f64 {
    let p = beta.len();
    h.iter_mut().for_each(|v| *v = 0.0);
    g.iter_mut().for_each(|v| *v = 0.0);
    let mut ll = 0.0;
    for (row, &yi) in x.rows().zip(y) {
        let eta: f64 = row.iter().zip(beta).map(|(a, b)| a * b).sum();
        let (_, w, r, lli) = row_terms::<LL>(eta, yi);
        ll += lli;
        for ((&xj, hrow), gj) in row.iter().zip(h.chunks_exact_mut(p)).zip(g.iter_mut()) {
            *gj += r * xj;
            let wxj = w * xj;
            for (hk, &xk) in hrow.iter_mut().zip(row) {
                *hk += wxj * xk;
            }
        }
    }
    ll
}

/// Per column: `(min, max)` of the values among `y = 0`, then among `y = 1`.
type Ranges = (f64, f64, f64, f64);

const EMPTY_RANGE: Ranges = (
    f64::INFINITY,
    f64::NEG_INFINITY,
    f64::INFINITY,
    f64::NEG_INFINITY,
);

/// The first Newton pass, at `beta = 0` (`mu = 1/2`, `w = 1/4`, no `exp`),
/// fused with the per-column value ranges the separation check needs, so the
/// check costs no extra pass over the rows.
fn first_pass(x: &DesignMatrix, y: &[bool], h: &mut [f64], g: &mut [f64]) -> Vec<Ranges> {
    let p = x.ncols();
    macro_rules! dispatch {
        ($($n:literal)*) => {
            match p {
                $($n => first_pass_fixed::<$n>(x.as_slice(), y, h, g),)*
                _ => first_pass_dyn(x, y, h, g),
            }
        };
    }
    let ranges = dispatch!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);
    symmetrize_upper(h, p);
    ranges
}

fn first_pass_fixed<const P: usize>(
    data: &[f64],
    y: &[bool],
    h: &mut [f64],
    g: &mut [f64],
) -> Vec<Ranges> {
    let mut hh = [[0.0f64; P]; P];
    let mut gg = [0.0f64; P];
    let mut rr = [EMPTY_RANGE; P];
    for (row, &yi) in data.chunks_exact(P).zip(y) {
        let Ok(row) = <&[f64; P]>::try_from(row) else {
            continue;
        };
        let r = if yi { 0.5 } else { -0.5 };
        for j in 0..P {
            let v = row[j];
            gg[j] += r * v;
            let range = &mut rr[j];
            if yi {
                range.2 = range.2.min(v);
                range.3 = range.3.max(v);
            } else {
                range.0 = range.0.min(v);
                range.1 = range.1.max(v);
            }
            let wxj = 0.25 * v;
            for k in 0..P {
                hh[j][k] += wxj * row[k];
            }
        }
    }
    for (j, hrow) in h.chunks_exact_mut(P).enumerate() {
        for (k, v) in hrow.iter_mut().enumerate() {
            *v = hh[j][k];
        }
    }
    for (d, s) in g.iter_mut().zip(gg) {
        *d = s;
    }
    rr.to_vec()
}

fn first_pass_dyn(x: &DesignMatrix, y: &[bool], h: &mut [f64], g: &mut [f64]) -> Vec<Ranges> {
    let p = x.ncols();
    h.iter_mut().for_each(|v| *v = 0.0);
    g.iter_mut().for_each(|v| *v = 0.0);
    let mut ranges = vec![EMPTY_RANGE; p];
    for (row, &yi) in x.rows().zip(y) {
        let r = if yi { 0.5 } else { -0.5 };
        for (((&xj, hrow), gj), range) in row
            .iter()
            .zip(h.chunks_exact_mut(p))
            .zip(g.iter_mut())
            .zip(ranges.iter_mut())
        {
            *gj += r * xj;
            if yi {
                range.2 = range.2.min(xj);
                range.3 = range.3.max(xj);
            } else {
                range.0 = range.0.min(xj);
                range.1 = range.1.max(xj);
            }
            let wxj = 0.25 * xj;
            for (hk, &xk) in hrow.iter_mut().zip(row) {
                *hk += wxj * xk;
            }
        }
    }
    ranges
}

fn validate<R: Response + ?Sized>(x: &DesignMatrix, y: &R) -> Result<()> {
    if y.rows() != x.nrows() {
        return Err(StatsError::LengthMismatch {
            name: "y",
            expected: x.nrows(),
            got: y.rows(),
        });
    }
    // Observations, not patterns: a grouped row counts its trials.
    let observations = totals(y).1 as usize;
    if observations <= x.ncols() {
        return Err(StatsError::TooFew {
            name: "rows",
            needed: x.ncols() + 1,
            got: observations,
        });
    }
    Ok(())
}

/// `(successes, trials)` over all rows.
fn totals<R: Response + ?Sized>(y: &R) -> (f64, f64) {
    (0..y.rows()).fold((0.0, 0.0), |(s, n), i| {
        let (a, b) = y.at(i);
        (s + a, n + b)
    })
}

/// Looks for a single term that separates the outcome: a numeric column with a
/// threshold (given an intercept), or a level of a categorical term whose rows
/// all have the same outcome.
fn check_separation<R: Response + ?Sized>(
    x: &DesignMatrix,
    y: &R,
    ranges: &[Ranges],
) -> Result<()> {
    let (ones, total) = totals(y);
    if ones == 0.0 || ones == total {
        return Err(StatsError::Degenerate {
            name: "y",
            reason: "the outcome has no variation (all true or all false)".into(),
        });
    }
    if !x.has_intercept() {
        return Ok(());
    }
    for term in x.terms() {
        match &term.kind {
            TermKind::Intercept => {}
            TermKind::Numeric => {
                let j = term.columns.start;
                let (min0, max0, min1, max1) =
                    ranges.get(j).copied().unwrap_or((0.0, 0.0, 0.0, 0.0));
                let kind = if max0 < min1 || max1 < min0 {
                    Some("complete")
                } else if (max0 == min1 || max1 == min0) && (min0 < max1 || min1 < max0) {
                    Some("quasi-complete")
                } else {
                    None
                };
                if let Some(kind) = kind {
                    return Err(StatsError::Separation {
                        term: term.name.clone(),
                        kind,
                    });
                }
            }
            TermKind::Categorical { reference, levels } => {
                // counts[level] = (trials, ones); level 0 is the reference
                let mut counts = vec![(0.0f64, 0.0f64); levels.len() + 1];
                for (i, row) in x.rows().enumerate() {
                    let level = term
                        .columns
                        .clone()
                        .position(|c| row.get(c).copied().unwrap_or(0.0) != 0.0)
                        .map_or(0, |k| k + 1);
                    let (s, n) = y.at(i);
                    if let Some(c) = counts.get_mut(level) {
                        c.0 += n;
                        c.1 += s;
                    }
                }
                for (k, &(rows, ones)) in counts.iter().enumerate() {
                    if rows > 0.0 && (ones == 0.0 || ones == rows) {
                        let column = if k == 0 {
                            format!("{}[{reference}] (reference level)", term.name)
                        } else {
                            x.column_names()
                                .get(term.columns.start + k - 1)
                                .cloned()
                                .unwrap_or_default()
                        };
                        return Err(StatsError::Separation {
                            term: column,
                            kind: "quasi-complete",
                        });
                    }
                }
            }
        }
    }
    Ok(())
}

fn factorise(h: &[f64], p: usize, names: &[String]) -> Result<Spd> {
    Spd::new(h, p).ok_or_else(|| StatsError::Singular {
        term: first_dependent_column(h, p)
            .and_then(|j| names.get(j).cloned())
            .unwrap_or_else(|| names.last().cloned().unwrap_or_default()),
    })
}

pub(crate) fn coefficients_pub(
    names: &[String],
    beta: &[f64],
    cov: &[f64],
    crit: f64,
    p_of: impl Fn(f64) -> f64,
) -> Vec<Coefficient> {
    let p = beta.len();
    names
        .iter()
        .zip(beta)
        .enumerate()
        .map(|(j, (name, &b))| {
            let se = cov
                .get(j * p + j)
                .copied()
                .unwrap_or(f64::NAN)
                .max(0.0)
                .sqrt();
            let stat = b / se;
            Coefficient {
                name: name.clone(),
                estimate: b,
                std_error: se,
                statistic: stat,
                p_value: p_of(stat),
                lower: b - crit * se,
                upper: b + crit * se,
            }
        })
        .collect()
}

/// Logistic regression by maximum likelihood with default options.
///
/// ```
/// use remit_stats::{logistic, DesignMatrix};
/// let tenure = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0];
/// let promoted = [false, false, true, false, true, false, true, true];
/// let x = DesignMatrix::builder(8).intercept().numeric("tenure", &tenure)?.build()?;
/// let fit = logistic(&x, &promoted)?;
/// let b = fit.coefficient("tenure").unwrap();
/// assert!(b.estimate > 0.0 && b.p_value > 0.05);
/// assert!(fit.lr_test.unwrap().p_value > 0.05);
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// See [`logistic_with`].
pub fn logistic(x: &DesignMatrix, y: &[bool]) -> Result<LogisticFit> {
    logistic_with(x, y, &LogisticOptions::default())
}

/// Logistic regression by maximum likelihood (Newton–Raphson, which for the
/// canonical logit link is IRLS).
///
/// Each iteration is one pass over the rows accumulating `X' W X` and the score
/// directly (never an n×n matrix); the p×p system is solved by Cholesky
/// (nalgebra). Before fitting, every term is checked for separation; a fit that
/// fails to converge because fitted probabilities run to 0 or 1 is reported as
/// separation on the coefficient that diverges.
///
/// # Errors
/// [`StatsError::LengthMismatch`] if `y` does not match the rows;
/// [`StatsError::TooFew`] if there are not more rows than columns;
/// [`StatsError::Degenerate`] if `y` is constant;
/// [`StatsError::Separation`] naming the separating term (use
/// [`firth_logistic`] instead); [`StatsError::Singular`] naming a collinear
/// column; [`StatsError::NotConverged`].
pub fn logistic_with(x: &DesignMatrix, y: &[bool], opts: &LogisticOptions) -> Result<LogisticFit> {
    fit_ml(x, y, opts)
}

/// Logistic regression on grouped data with default options: row `i` of `x` is a
/// covariate pattern shared by `trials[i]` observations, `successes[i]` of which had
/// the outcome.
///
/// The binomial likelihood is the product of the Bernoulli likelihoods of the
/// observations it groups, so the estimates, standard errors, log-likelihood and
/// likelihood-ratio test equal those of [`logistic`] on the expanded data (to
/// rounding); `nobs` counts observations, not patterns. With few distinct patterns
/// (categorical covariates, whole-number ratings) each Newton pass costs one row per
/// pattern instead of one per observation.
///
/// ```
/// use remit_stats::{logistic, logistic_binomial, DesignMatrix};
/// // Two patterns: remote (3 of 10 promoted) and onsite (6 of 10).
/// let grouped = DesignMatrix::builder(2).intercept().numeric("remote", &[1.0, 0.0])?.build()?;
/// let fit = logistic_binomial(&grouped, &[3, 6], &[10, 10])?;
/// let remote: Vec<f64> = (0..20).map(|i| if i < 10 { 1.0 } else { 0.0 }).collect();
/// let y: Vec<bool> = (0..20).map(|i| if i < 10 { i < 3 } else { i < 16 }).collect();
/// let expanded = DesignMatrix::builder(20).intercept().numeric("remote", &remote)?.build()?;
/// let full = logistic(&expanded, &y)?;
/// let (a, b) = (fit.coefficient("remote").unwrap(), full.coefficient("remote").unwrap());
/// assert!((a.estimate - b.estimate).abs() < 1e-10);
/// assert!((a.std_error - b.std_error).abs() < 1e-10);
/// assert_eq!(fit.nobs, 20);
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// As [`logistic_binomial_with`].
pub fn logistic_binomial(
    x: &DesignMatrix,
    successes: &[u64],
    trials: &[u64],
) -> Result<LogisticFit> {
    logistic_binomial_with(x, successes, trials, &LogisticOptions::default())
}

/// Grouped-data logistic regression with options; see [`logistic_binomial`].
///
/// # Errors
/// [`StatsError::LengthMismatch`] if `successes` or `trials` does not have one entry
/// per row; [`StatsError::OutOfRange`] if a row has more successes than trials;
/// otherwise as [`logistic_with`] (a constant outcome, separation, collinearity,
/// non-convergence).
pub fn logistic_binomial_with(
    x: &DesignMatrix,
    successes: &[u64],
    trials: &[u64],
    opts: &LogisticOptions,
) -> Result<LogisticFit> {
    if successes.len() != trials.len() {
        return Err(StatsError::LengthMismatch {
            name: "successes",
            expected: trials.len(),
            got: successes.len(),
        });
    }
    if let Some((s, _)) = successes.iter().zip(trials).find(|(s, n)| s > n) {
        return Err(StatsError::OutOfRange {
            name: "successes",
            value: *s as f64,
            range: "[0, trials]",
        });
    }
    fit_ml(x, &Binomial { successes, trials }, opts)
}

/// Newton–Raphson for either response shape.
fn fit_ml<R: Response + ?Sized>(
    x: &DesignMatrix,
    y: &R,
    opts: &LogisticOptions,
) -> Result<LogisticFit> {
    validate(x, y)?;
    let p = x.ncols();
    let names = x.column_names();
    let mut beta = vec![0.0; p];
    let mut h = vec![0.0; p * p];
    let mut g = vec![0.0; p];
    let ranges = y.first_pass(x, &mut h, &mut g);
    check_separation(x, y, &ranges)?;
    let mut last_step = vec![f64::INFINITY; p];
    let mut converged = false;
    let mut iterations = 0;
    let mut ll = f64::NEG_INFINITY;
    let mut factor = None;
    for it in 0..=opts.max_iter {
        // The convergence test depends only on the previous step, so the final
        // pass is known in advance: only it pays for the log-likelihood.
        let last = last_step
            .iter()
            .zip(&beta)
            .all(|(d, b): (&f64, &f64)| d.abs() <= opts.tolerance * (1.0 + b.abs()));
        ll = if it == 0 {
            // `h` and `g` at beta = 0 come from the fused first pass.
            f64::NEG_INFINITY
        } else if last {
            y.accumulate::<true>(x, &beta, &mut h, &mut g)
        } else {
            y.accumulate::<false>(x, &beta, &mut h, &mut g)
        };
        let spd = factorise(&h, p, names)?;
        if last {
            converged = true;
            factor = Some(spd);
            break;
        }
        if it == opts.max_iter {
            break;
        }
        let step = spd.solve(&g);
        for (b, d) in beta.iter_mut().zip(&step) {
            *b += d;
        }
        last_step = step;
        iterations = it + 1;
        if beta.iter().any(|b| !b.is_finite()) {
            break;
        }
    }
    let Some(spd) = factor.filter(|_| converged) else {
        return Err(diagnose_divergence(x, y, &beta, &last_step, opts.max_iter));
    };
    let cov = spd.inverse();
    let crit = dist::norm_crit(opts.confidence);
    let coefs = coefficients_pub(names, &beta, &cov, crit, |z| {
        (2.0 * dist::norm_sf(z.abs())).min(1.0)
    });
    let (ones, n) = totals(y);
    let ybar = ones / n;
    let llnull = n * (ybar * ybar.ln() + (1.0 - ybar) * (1.0 - ybar).ln());
    let df = p - usize::from(x.has_intercept());
    let lr_test = (df > 0).then(|| {
        let stat = 2.0 * (ll - llnull);
        LikelihoodRatioTest {
            statistic: stat,
            df,
            p_value: dist::chi2_sf(stat, df as f64),
            null_log_likelihood: llnull,
        }
    });
    Ok(LogisticFit {
        method: LogisticMethod::MaximumLikelihood,
        coefficients: coefs,
        covariance: cov,
        log_likelihood: ll,
        penalized_log_likelihood: None,
        lr_test,
        iterations,
        converged,
        nobs: n as usize,
    })
}

/// Explains a fit that did not converge: separation if the fitted probabilities
/// have run to 0 or 1, otherwise plain non-convergence.
fn diagnose_divergence<R: Response + ?Sized>(
    x: &DesignMatrix,
    y: &R,
    beta: &[f64],
    last_step: &[f64],
    max_iter: usize,
) -> StatsError {
    let mut saturated = 0usize;
    for (i, row) in x.rows().enumerate() {
        let eta: f64 = row.iter().zip(beta).map(|(a, b)| a * b).sum();
        let mu = sigmoid(eta);
        let (s, n) = y.at(i);
        let ones_saturated = s > 0.0 && !(1.0 - mu > 1e-8);
        let zeros_saturated = n - s > 0.0 && !(mu > 1e-8);
        if ones_saturated || zeros_saturated {
            saturated += 1;
        }
    }
    let worst = last_step
        .iter()
        .enumerate()
        .filter(|(_, d)| d.is_finite())
        .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()))
        .map(|(j, _)| j)
        .unwrap_or(0);
    let last = last_step
        .iter()
        .map(|d| d.abs())
        .fold(0.0f64, |a, b| if b.is_nan() { a } else { a.max(b) });
    if saturated > 0 {
        StatsError::Separation {
            term: x.column_names().get(worst).cloned().unwrap_or_default(),
            kind: if saturated == y.rows() {
                "complete"
            } else {
                "quasi-complete"
            },
        }
    } else {
        StatsError::NotConverged {
            method: "logistic regression (Newton-Raphson)",
            iterations: max_iter,
            last_step: last,
        }
    }
}

/// Firth's penalised logistic regression with default options.
///
/// Finite estimates even under separation:
///
/// ```
/// use remit_stats::{firth_logistic, logistic, DesignMatrix, StatsError};
/// let remote = [0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 0.0, 1.0];
/// let left = [false, false, true, false, true, true, true, true, false, true];
/// let x = DesignMatrix::builder(10).intercept().numeric("remote", &remote)?.build()?;
/// // every remote worker left: the ML estimate does not exist
/// assert!(matches!(logistic(&x, &left), Err(StatsError::Separation { .. })));
/// let fit = firth_logistic(&x, &left)?;
/// assert!(fit.coefficient("remote").unwrap().estimate.is_finite());
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// See [`firth_logistic_with`].
pub fn firth_logistic(x: &DesignMatrix, y: &[bool]) -> Result<LogisticFit> {
    firth_logistic_with(x, y, &LogisticOptions::default())
}

/// Firth's penalised-likelihood logistic regression (Heinze & Schemper 2002):
/// maximises `ll(beta) + ln det I(beta) / 2` by Newton steps on the modified score
/// `X'(y - mu + h (1/2 - mu))`, with steps capped at 5 and halved while the
/// penalised likelihood falls (as R `logistf` and firthmodels do). Standard errors
/// are Wald, from the inverse of the augmented information
/// `X' diag(w (1 + h)) X` at the estimate (firthmodels' `bse_`; R `logistf`
/// inverts `X' W X` instead, which differs by a term of order `h`).
///
/// # Errors
/// [`StatsError::LengthMismatch`], [`StatsError::TooFew`],
/// [`StatsError::Degenerate`] (constant `y`), [`StatsError::Singular`],
/// [`StatsError::NotConverged`].
pub fn firth_logistic_with(
    x: &DesignMatrix,
    y: &[bool],
    opts: &LogisticOptions,
) -> Result<LogisticFit> {
    validate(x, y)?;
    let p = x.ncols();
    let names = x.column_names();
    let mut beta = vec![0.0; p];
    let mut h = vec![0.0; p * p];
    let mut g = vec![0.0; p];
    let mut ll = accumulate(x, y, &beta, &mut h, &mut g);
    let mut spd = factorise(&h, p, names)?;
    let mut pll = ll + 0.5 * spd.ln_det();
    let mut converged = false;
    let mut iterations = 0;
    let mut last = f64::INFINITY;
    for it in 0..opts.max_iter {
        let inv = spd.inverse();
        let (score, _) = firth_score(x, y, &beta, &inv, false);
        let mut step = spd.solve(&score);
        let max = step.iter().fold(0.0f64, |a, d| a.max(d.abs()));
        if max > 5.0 {
            step.iter_mut().for_each(|d| *d *= 5.0 / max);
        }
        let small = step
            .iter()
            .zip(&beta)
            .all(|(d, b)| d.abs() <= opts.tolerance * (1.0 + b.abs()));
        if small {
            converged = true;
            break;
        }
        let mut accepted = false;
        for _ in 0..25 {
            let trial: Vec<f64> = beta.iter().zip(&step).map(|(b, d)| b + d).collect();
            let mut h2 = vec![0.0; p * p];
            let mut g2 = vec![0.0; p];
            let ll2 = accumulate(x, y, &trial, &mut h2, &mut g2);
            if let Some(s2) = Spd::new(&h2, p) {
                let pll2 = ll2 + 0.5 * s2.ln_det();
                if pll2.is_finite() && pll2 >= pll - 1e-12 * pll.abs().max(1.0) {
                    beta = trial;
                    ll = ll2;
                    pll = pll2;
                    spd = s2;
                    accepted = true;
                    break;
                }
            }
            step.iter_mut().for_each(|d| *d *= 0.5);
        }
        last = step.iter().fold(0.0f64, |a, d| a.max(d.abs()));
        iterations = it + 1;
        if !accepted {
            // No ascent direction left at machine precision: the estimate is as
            // good as it gets.
            converged = last <= 1e-6 * (1.0 + beta.iter().fold(0.0f64, |a, b| a.max(b.abs())));
            break;
        }
    }
    if !converged {
        return Err(StatsError::NotConverged {
            method: "Firth logistic regression",
            iterations,
            last_step: last,
        });
    }
    // Covariance from the augmented information X' diag(w (1 + h)) X, as
    // firthmodels reports `bse_` (R logistf uses X' W X; the two differ by O(h)).
    let (_, aug) = firth_score(x, y, &beta, &spd.inverse(), true);
    let cov = factorise(&aug, p, names)?.inverse();
    let crit = dist::norm_crit(opts.confidence);
    let coefs = coefficients_pub(names, &beta, &cov, crit, |z| {
        (2.0 * dist::norm_sf(z.abs())).min(1.0)
    });
    Ok(LogisticFit {
        method: LogisticMethod::Firth,
        coefficients: coefs,
        covariance: cov,
        log_likelihood: ll,
        penalized_log_likelihood: Some(pll),
        lr_test: None,
        iterations,
        converged,
        nobs: y.len(),
    })
}

/// Firth's modified score `X'(y - mu + h (1/2 - mu))` with the hat values
/// `h_i = w_i x_i' I^{-1} x_i`, and (when `augmented`) the augmented information
/// `X' diag(w (1 + h)) X`.
fn firth_score(
    x: &DesignMatrix,
    y: &[bool],
    beta: &[f64],
    inv: &[f64],
    augmented: bool,
) -> (Vec<f64>, Vec<f64>) {
    let p = beta.len();
    let mut score = vec![0.0; p];
    let mut aug = vec![0.0; if augmented { p * p } else { 0 }];
    let mut tmp = vec![0.0; p];
    for (row, &yi) in x.rows().zip(y) {
        let eta: f64 = row.iter().zip(beta).map(|(a, b)| a * b).sum();
        let mu = sigmoid(eta);
        let w = mu * (1.0 - mu);
        for (t, irow) in tmp.iter_mut().zip(inv.chunks_exact(p)) {
            *t = irow.iter().zip(row).map(|(a, b)| a * b).sum();
        }
        let q: f64 = tmp.iter().zip(row).map(|(a, b)| a * b).sum();
        let hat = w * q;
        let r = f64::from(u8::from(yi)) - mu + hat * (0.5 - mu);
        for (s, &xj) in score.iter_mut().zip(row) {
            *s += r * xj;
        }
        if augmented {
            let wa = w * (1.0 + hat);
            for (arow, &xj) in aug.chunks_exact_mut(p).zip(row) {
                for (a, &xk) in arow.iter_mut().zip(row) {
                    *a += wa * xj * xk;
                }
            }
        }
    }
    (score, aug)
}
