//! Ordinary least squares with classical and HC1 standard errors, and the
//! mergeable normal-equation sums.

use crate::design::DesignMatrix;
use crate::dist;
use crate::error::{Result, StatsError, check_open_unit};
use crate::linalg::{Spd, first_dependent_column};
use crate::logistic::Coefficient;

/// Which covariance estimator the coefficient table uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum CovarianceType {
    /// `s^2 (X'X)^{-1}` (statsmodels `cov_type="nonrobust"`).
    #[default]
    Classical,
    /// White's heteroskedasticity-consistent estimator with the `n / (n - p)`
    /// small-sample factor (statsmodels `cov_type="HC1"`).
    Hc1,
}

/// A fitted linear regression.
///
/// Convention (statsmodels `OLS(y, X).fit(cov_type=...)` with its default
/// `use_t`): classical coefficient tests and intervals use the t distribution
/// with `n - p` degrees of freedom, HC1 ones the normal distribution; `r_squared` is centred when the
/// design has an intercept, uncentred otherwise; the F test is the classical one
/// (`(ESS / df_model) / (SSR / df_resid)`) whatever the covariance type.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct OlsFit {
    /// Coefficient table under the chosen covariance type.
    pub coefficients: Vec<Coefficient>,
    /// The covariance type of `coefficients`.
    pub covariance_type: CovarianceType,
    /// Covariance matrix of the estimates (row-major p×p, chosen type).
    pub covariance: Vec<f64>,
    /// Coefficient of determination `1 − SSR / TSS`: the share of the variance of `y` the
    /// model explains, at most 1 (centred when the design has an intercept, uncentred
    /// otherwise).
    pub r_squared: f64,
    /// Adjusted R² `1 − (1 − R²)(n − k) / df_resid` (`k` = 1 with an intercept, else 0): R²
    /// penalised for the number of columns; can be negative.
    pub adj_r_squared: f64,
    /// Classical F statistic of the model against the intercept-only (or empty) model.
    pub f_statistic: f64,
    /// Upper-tail probability of `f_statistic` under F with (`df_model`, `df_resid`)
    /// degrees of freedom, in [0, 1]; NaN, like `f_statistic`, when `df_model` is 0
    /// (an intercept-only or empty model has no F test).
    pub f_p_value: f64,
    /// Model degrees of freedom (`p - 1` with an intercept).
    pub df_model: usize,
    /// Residual degrees of freedom `n - p`.
    pub df_resid: usize,
    /// Sum of squared residuals.
    pub ssr: f64,
    /// Residual variance `SSR / (n - p)`.
    pub scale: f64,
    /// Number of observations (rows) fitted, `n`.
    pub nobs: usize,
}

impl OlsFit {
    /// The coefficient for a column name.
    pub fn coefficient(&self, name: &str) -> Option<&Coefficient> {
        self.coefficients.iter().find(|c| c.name == name)
    }
}

/// Ordinary least squares.
///
/// Two passes over the rows: the first accumulates `X'X` and `X'y`, the second
/// the residuals and (for HC1) the meat `Σ e_i² x_i x_i'`.
///
/// ```
/// use remit_stats::{ols, CovarianceType, DesignMatrix};
/// let hours = [38.0, 41.0, 45.0, 50.0, 52.0, 39.0];
/// let remote = [1.0, 1.0, 0.0, 0.0, 0.0, 1.0];
/// let x = DesignMatrix::builder(6).intercept().numeric("remote", &remote)?.build()?;
/// let fit = ols(&x, &hours, CovarianceType::Hc1, 0.95)?;
/// let b = fit.coefficient("remote").unwrap();
/// assert!(b.estimate < 0.0 && fit.r_squared > 0.5);
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::LengthMismatch`] if `y` does not match the rows;
/// [`StatsError::NonFinite`] naming a bad `y`; [`StatsError::TooFew`] if there
/// are not more rows than columns; [`StatsError::Singular`] naming a collinear
/// column; [`StatsError::OutOfRange`] for the confidence level.
pub fn ols(
    x: &DesignMatrix,
    y: &[f64],
    covariance_type: CovarianceType,
    confidence: f64,
) -> Result<OlsFit> {
    if y.len() != x.nrows() {
        return Err(StatsError::LengthMismatch {
            name: "y",
            expected: x.nrows(),
            got: y.len(),
        });
    }
    crate::error::check_finite("y", y)?;
    check_open_unit("confidence", confidence)?;
    let (n, p) = (x.nrows(), x.ncols());
    if n <= p {
        return Err(StatsError::TooFew {
            name: "rows",
            needed: p + 1,
            got: n,
        });
    }
    let mut ne = NormalEquations::new(p);
    for (row, &yi) in x.rows().zip(y) {
        ne.push_unchecked(row, yi);
    }
    let names = x.column_names();
    let spd = Spd::new(&ne.xtx_full(), p).ok_or_else(|| StatsError::Singular {
        term: first_dependent_column(&ne.xtx_full(), p)
            .and_then(|j| names.get(j).cloned())
            .unwrap_or_default(),
    })?;
    let beta = spd.solve(&ne.xty);
    let bread = spd.inverse();
    let mut ssr = 0.0;
    let mut meat = vec![0.0; p * p];
    for (row, &yi) in x.rows().zip(y) {
        let fit: f64 = row.iter().zip(&beta).map(|(a, b)| a * b).sum();
        let e = yi - fit;
        ssr += e * e;
        if covariance_type == CovarianceType::Hc1 {
            let e2 = e * e;
            for (mrow, &xj) in meat.chunks_exact_mut(p).zip(row) {
                let s = e2 * xj;
                for (m, &xk) in mrow.iter_mut().zip(row) {
                    *m += s * xk;
                }
            }
        }
    }
    let ybar = ne.sum_y / n as f64;
    let intercept = x.has_intercept();
    // Centred total sum of squares, computed directly for accuracy.
    let tss = if intercept {
        y.iter().map(|v| (v - ybar) * (v - ybar)).sum::<f64>()
    } else {
        ne.yty
    };
    finish(
        FitParts {
            names,
            beta,
            bread,
            meat,
            ssr,
            tss,
            n,
            intercept,
        },
        covariance_type,
        confidence,
    )
}

struct FitParts<'a> {
    names: &'a [String],
    beta: Vec<f64>,
    bread: Vec<f64>,
    meat: Vec<f64>,
    ssr: f64,
    tss: f64,
    n: usize,
    intercept: bool,
}

fn finish(parts: FitParts<'_>, covariance_type: CovarianceType, confidence: f64) -> Result<OlsFit> {
    let FitParts {
        names,
        beta,
        bread,
        meat,
        ssr,
        tss,
        n,
        intercept,
    } = parts;
    let p = beta.len();
    let df_resid = n - p;
    let df_model = p - usize::from(intercept);
    let scale = ssr / df_resid as f64;
    let cov = match covariance_type {
        CovarianceType::Classical => bread.iter().map(|v| v * scale).collect::<Vec<_>>(),
        CovarianceType::Hc1 => {
            let a = nalgebra::DMatrix::from_row_slice(p, p, &bread);
            let m = nalgebra::DMatrix::from_row_slice(p, p, &meat);
            let c = &a * m * &a * (n as f64 / df_resid as f64);
            c.transpose().as_slice().to_vec()
        }
    };
    let dfr = df_resid as f64;
    let coefs = match covariance_type {
        CovarianceType::Classical => {
            let crit = dist::t_isf((1.0 - confidence) / 2.0, dfr);
            crate::logistic::coefficients_pub(names, &beta, &cov, crit, |t| {
                dist::t_two_sided(t, dfr)
            })
        }
        CovarianceType::Hc1 => {
            let crit = dist::norm_crit(confidence);
            crate::logistic::coefficients_pub(names, &beta, &cov, crit, |z| {
                (2.0 * dist::norm_sf(z.abs())).min(1.0)
            })
        }
    };
    let r2 = 1.0 - ssr / tss;
    let dfm = df_model as f64;
    let adj = 1.0 - (n as f64 - f64::from(u8::from(intercept))) / dfr * (1.0 - r2);
    let (f_statistic, f_p_value) = if df_model > 0 {
        let f = ((tss - ssr) / dfm) / (ssr / dfr);
        (f, dist::f_sf(f, dfm, dfr))
    } else {
        (f64::NAN, f64::NAN)
    };
    Ok(OlsFit {
        coefficients: coefs,
        covariance_type,
        covariance: cov,
        r_squared: r2,
        adj_r_squared: adj,
        f_statistic,
        f_p_value,
        df_model,
        df_resid,
        ssr,
        scale,
        nobs: n,
    })
}

/// Mergeable sufficient statistics of a linear regression: `n`, `X'X`, `X'y`,
/// `y'y` and `Σ y`. Build one per shard with [`NormalEquations::push`], combine
/// with [`NormalEquations::merge`], then [`NormalEquations::solve`] gives the same
/// coefficients and classical inference as [`ols`] on all the rows (HC1 needs the
/// residuals, so it is not available from the sums).
///
/// ```
/// use remit_stats::NormalEquations;
/// let mut left = NormalEquations::new(2);
/// let mut right = NormalEquations::new(2);
/// for (i, y) in [1.0, 3.0, 5.0, 7.5].iter().enumerate() {
///     let row = [1.0, i as f64];
///     if i < 2 { left.push(&row, *y)? } else { right.push(&row, *y)? }
/// }
/// left.merge(&right)?;
/// let fit = left.solve(&["Intercept", "x"], 0.95)?;
/// assert!((fit.coefficients[1].estimate - 2.15).abs() < 1e-12);
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawNormalEquations"))]
pub struct NormalEquations {
    p: usize,
    n: u64,
    xtx: Vec<f64>,
    xty: Vec<f64>,
    yty: f64,
    sum_y: f64,
}

/// The serialised sums of [`NormalEquations`]; on the way in `X'X` must hold `p × p`
/// values and `X'y` `p`, as [`NormalEquations::new`] makes them, all finite (adding
/// rows keeps them finite: [`NormalEquations::push`] refuses non-finite rows).
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawNormalEquations {
    p: usize,
    n: u64,
    xtx: Vec<f64>,
    xty: Vec<f64>,
    yty: f64,
    sum_y: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<RawNormalEquations> for NormalEquations {
    type Error = StatsError;

    fn try_from(raw: RawNormalEquations) -> Result<Self> {
        let cells = raw.p.checked_mul(raw.p).ok_or(StatsError::OutOfRange {
            name: "p",
            value: raw.p as f64,
            range: "p * p <= usize::MAX",
        })?;
        for (name, values, expected) in [("xtx", &raw.xtx, cells), ("xty", &raw.xty, raw.p)] {
            if values.len() != expected {
                return Err(StatsError::LengthMismatch {
                    name,
                    expected,
                    got: values.len(),
                });
            }
        }
        crate::error::check_finite("xtx", &raw.xtx)?;
        crate::error::check_finite("xty", &raw.xty)?;
        crate::error::check_finite("yty", &[raw.yty])?;
        crate::error::check_finite("sum_y", &[raw.sum_y])?;
        Ok(Self {
            p: raw.p,
            n: raw.n,
            xtx: raw.xtx,
            xty: raw.xty,
            yty: raw.yty,
            sum_y: raw.sum_y,
        })
    }
}

impl NormalEquations {
    /// Empty sums for `p` columns.
    pub fn new(p: usize) -> Self {
        Self {
            p,
            n: 0,
            xtx: vec![0.0; p * p],
            xty: vec![0.0; p],
            yty: 0.0,
            sum_y: 0.0,
        }
    }

    /// Number of rows added.
    pub fn nobs(&self) -> u64 {
        self.n
    }

    /// Number of design columns `p` every row must have.
    pub fn ncols(&self) -> usize {
        self.p
    }

    fn push_unchecked(&mut self, row: &[f64], y: f64) {
        let p = self.p;
        self.n += 1;
        for (j, (xrow, &xj)) in self.xtx.chunks_exact_mut(p).zip(row).enumerate() {
            self.xty[j] += xj * y;
            for (c, &xk) in xrow[j..].iter_mut().zip(&row[j..]) {
                *c += xj * xk;
            }
        }
        self.yty += y * y;
        self.sum_y += y;
    }

    /// Adds one row.
    ///
    /// # Errors
    /// [`StatsError::LengthMismatch`] for a row of the wrong length,
    /// [`StatsError::NonFinite`] for NaN or infinite values.
    pub fn push(&mut self, row: &[f64], y: f64) -> Result<()> {
        if row.len() != self.p {
            return Err(StatsError::LengthMismatch {
                name: "row",
                expected: self.p,
                got: row.len(),
            });
        }
        crate::error::check_finite("row", row)?;
        crate::error::check_finite("y", &[y])?;
        self.push_unchecked(row, y);
        Ok(())
    }

    /// Adds another set of sums over the same columns.
    ///
    /// # Errors
    /// [`StatsError::ShapeMismatch`] if the column counts differ.
    pub fn merge(&mut self, other: &Self) -> Result<()> {
        if self.p != other.p {
            return Err(StatsError::ShapeMismatch {
                name: "NormalEquations",
                left: self.p.to_string(),
                right: other.p.to_string(),
            });
        }
        self.n += other.n;
        for (a, b) in self.xtx.iter_mut().zip(&other.xtx) {
            *a += b;
        }
        for (a, b) in self.xty.iter_mut().zip(&other.xty) {
            *a += b;
        }
        self.yty += other.yty;
        self.sum_y += other.sum_y;
        Ok(())
    }

    /// `X'X` with both triangles filled, row-major.
    pub fn xtx_full(&self) -> Vec<f64> {
        let mut a = self.xtx.clone();
        crate::linalg::symmetrize_upper(&mut a, self.p);
        a
    }

    /// The sums `X'y`, one per design column (length `ncols()`).
    pub fn xty(&self) -> &[f64] {
        &self.xty
    }

    /// Solves for the coefficients with classical inference. A column named
    /// `Intercept` marks the model as having an intercept (centred R²).
    ///
    /// Residual sums come from `y'y - b'X'y`, which loses precision when the fit
    /// is nearly perfect; use [`ols`] when the rows are at hand.
    ///
    /// # Errors
    /// [`StatsError::LengthMismatch`] if `names` has the wrong length;
    /// [`StatsError::TooFew`] if there are not more rows than columns;
    /// [`StatsError::Singular`]; [`StatsError::OutOfRange`] for the confidence.
    pub fn solve<S: AsRef<str>>(&self, names: &[S], confidence: f64) -> Result<OlsFit> {
        if names.len() != self.p {
            return Err(StatsError::LengthMismatch {
                name: "names",
                expected: self.p,
                got: names.len(),
            });
        }
        check_open_unit("confidence", confidence)?;
        let n = usize::try_from(self.n).unwrap_or(usize::MAX);
        if n <= self.p {
            return Err(StatsError::TooFew {
                name: "rows",
                needed: self.p + 1,
                got: n,
            });
        }
        let names: Vec<String> = names.iter().map(|s| s.as_ref().to_string()).collect();
        let full = self.xtx_full();
        let spd = Spd::new(&full, self.p).ok_or_else(|| StatsError::Singular {
            term: first_dependent_column(&full, self.p)
                .and_then(|j| names.get(j).cloned())
                .unwrap_or_default(),
        })?;
        let beta = spd.solve(&self.xty);
        let bread = spd.inverse();
        let fitted: f64 = beta.iter().zip(&self.xty).map(|(b, v)| b * v).sum();
        let ssr = (self.yty - fitted).max(0.0);
        let intercept = names.iter().any(|s| s == "Intercept");
        let tss = if intercept {
            self.yty - self.sum_y * self.sum_y / self.n as f64
        } else {
            self.yty
        };
        finish(
            FitParts {
                names: &names,
                beta,
                bread,
                meat: Vec::new(),
                ssr,
                tss,
                n,
                intercept,
            },
            CovarianceType::Classical,
            confidence,
        )
    }
}
