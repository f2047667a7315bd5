//! Control charts for monitoring a series: EWMA and the tabular CUSUM.

use crate::error::{Result, StatsError, check_finite};

fn check_params(target: f64, sigma: f64) -> Result<()> {
    if !target.is_finite() {
        return Err(StatsError::NonFinite {
            name: "target",
            index: 0,
            value: target,
        });
    }
    if !(sigma > 0.0 && sigma.is_finite()) {
        return Err(StatsError::OutOfRange {
            name: "sigma",
            value: sigma,
            range: "(0, inf)",
        });
    }
    Ok(())
}

/// Parameters of an EWMA chart.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EwmaParams {
    /// In-control mean `mu0`.
    pub target: f64,
    /// In-control standard deviation of one observation.
    pub sigma: f64,
    /// Smoothing weight `lambda` in (0, 1] (default 0.2).
    pub lambda: f64,
    /// Width of the limits in standard errors `L` (default 3).
    pub width: f64,
}

impl EwmaParams {
    /// The textbook defaults `lambda = 0.2`, `L = 3` (Montgomery, *Introduction to
    /// Statistical Quality Control*, §9.2).
    pub fn new(target: f64, sigma: f64) -> Self {
        Self {
            target,
            sigma,
            lambda: 0.2,
            width: 3.0,
        }
    }
}

/// One point of an EWMA chart.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct EwmaPoint {
    /// The smoothed statistic `z_t = lambda x_t + (1 - lambda) z_{t-1}`, `z_0 = mu0`.
    pub statistic: f64,
    /// Lower control limit at this point (exact, time-varying limits).
    pub lower: f64,
    /// Upper control limit.
    pub upper: f64,
    /// Whether `statistic` is outside the limits.
    pub alarm: bool,
}

/// An EWMA control chart over `series`.
///
/// Limits are `mu0 ± L sigma sqrt(lambda / (2 - lambda) (1 - (1 - lambda)^{2t}))`
/// (the exact, time-varying form). Returns one point per observation; the
/// indices of alarms are `points.iter().positions(|p| p.alarm)`.
///
/// ```
/// use remit_stats::{ewma_chart, EwmaParams};
/// let weekly_hours = [40.0, 41.0, 39.5, 40.2, 44.0, 45.5, 46.0, 47.0];
/// let chart = ewma_chart(&weekly_hours, &EwmaParams::new(40.0, 1.5))?;
/// assert!(!chart[0].alarm && chart[7].alarm);
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::NonFinite`] naming a bad observation or target;
/// [`StatsError::OutOfRange`] for `sigma <= 0`, `lambda` outside (0, 1] or
/// `L <= 0`.
pub fn ewma_chart(series: &[f64], params: &EwmaParams) -> Result<Vec<EwmaPoint>> {
    Ok(ewma_points(series, params)?.collect())
}

/// The points of [`ewma_chart`], lazily: the same validation up front, then one point per
/// observation without allocating, so a caller looking for the first alarm can stop there.
///
/// ```
/// use remit_stats::{ewma_chart, ewma_points, EwmaParams};
/// let weekly_hours = [40.0, 41.0, 39.5, 40.2, 44.0, 45.5, 46.0, 47.0];
/// let params = EwmaParams::new(40.0, 1.5);
/// let first = ewma_points(&weekly_hours, &params)?.position(|p| p.alarm);
/// assert_eq!(first, ewma_chart(&weekly_hours, &params)?.iter().position(|p| p.alarm));
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// As [`ewma_chart`].
pub fn ewma_points<'a>(
    series: &'a [f64],
    params: &EwmaParams,
) -> Result<impl Iterator<Item = EwmaPoint> + 'a> {
    check_finite("series", series)?;
    check_params(params.target, params.sigma)?;
    let lambda = params.lambda;
    if !(lambda > 0.0 && lambda <= 1.0) {
        return Err(StatsError::OutOfRange {
            name: "lambda",
            value: lambda,
            range: "(0, 1]",
        });
    }
    if !(params.width > 0.0 && params.width.is_finite()) {
        return Err(StatsError::OutOfRange {
            name: "width",
            value: params.width,
            range: "(0, inf)",
        });
    }
    let EwmaParams {
        target,
        sigma,
        width,
        ..
    } = *params;
    let mut z = target;
    let mut decay = 1.0;
    let base = lambda / (2.0 - lambda);
    Ok(series.iter().map(move |&x| {
        z = lambda * x + (1.0 - lambda) * z;
        decay *= (1.0 - lambda) * (1.0 - lambda);
        let half = width * sigma * (base * (1.0 - decay)).sqrt();
        let (lower, upper) = (target - half, target + half);
        EwmaPoint {
            statistic: z,
            lower,
            upper,
            alarm: z < lower || z > upper,
        }
    }))
}

/// Parameters of a tabular CUSUM, in units of `sigma`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CusumParams {
    /// In-control mean `mu0`.
    pub target: f64,
    /// In-control standard deviation of one observation.
    pub sigma: f64,
    /// Reference value `k` in units of sigma (default 0.5).
    pub k: f64,
    /// Decision interval `h` in units of sigma (default 5).
    pub h: f64,
}

impl CusumParams {
    /// The textbook defaults `k = 0.5 sigma`, `h = 5 sigma` (Montgomery §9.1),
    /// tuned to detect a one-sigma shift.
    pub fn new(target: f64, sigma: f64) -> Self {
        Self {
            target,
            sigma,
            k: 0.5,
            h: 5.0,
        }
    }
}

/// One point of a tabular CUSUM.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct CusumPoint {
    /// Upper sum `C+_t = max(0, x_t - (mu0 + K) + C+_{t-1})`, `K = k sigma`.
    pub upper: f64,
    /// Lower sum `C-_t = max(0, (mu0 - K) - x_t + C-_{t-1})`.
    pub lower: f64,
    /// `C+_t > H` (`H = h sigma`): an upward shift.
    pub alarm_up: bool,
    /// `C-_t > H`: a downward shift.
    pub alarm_down: bool,
}

/// A two-sided tabular CUSUM over `series` (sums are not reset after an alarm).
///
/// ```
/// use remit_stats::{cusum_chart, CusumParams};
/// let x = [10.0, 10.2, 9.9, 11.0, 11.2, 11.1, 11.3, 11.0, 11.4];
/// let chart = cusum_chart(&x, &CusumParams::new(10.0, 0.5))?;
/// assert!(chart.iter().any(|p| p.alarm_up) && !chart.iter().any(|p| p.alarm_down));
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::NonFinite`] naming a bad observation or target;
/// [`StatsError::OutOfRange`] for `sigma <= 0`, `k < 0` or `h <= 0`.
pub fn cusum_chart(series: &[f64], params: &CusumParams) -> Result<Vec<CusumPoint>> {
    Ok(cusum_points(series, params)?.collect())
}

/// The points of [`cusum_chart`], lazily: the same validation up front, then one point
/// per observation without allocating, so a caller looking for the first alarm can stop
/// there.
///
/// ```
/// use remit_stats::{cusum_chart, cusum_points, CusumParams};
/// let x = [10.0, 10.2, 9.9, 11.0, 11.2, 11.1, 11.3, 11.0, 11.4];
/// let params = CusumParams::new(10.0, 0.5);
/// let first = cusum_points(&x, &params)?.position(|p| p.alarm_up);
/// assert_eq!(first, cusum_chart(&x, &params)?.iter().position(|p| p.alarm_up));
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// As [`cusum_chart`].
pub fn cusum_points<'a>(
    series: &'a [f64],
    params: &CusumParams,
) -> Result<impl Iterator<Item = CusumPoint> + 'a> {
    check_finite("series", series)?;
    check_params(params.target, params.sigma)?;
    if !(params.k >= 0.0 && params.k.is_finite()) {
        return Err(StatsError::OutOfRange {
            name: "k",
            value: params.k,
            range: "[0, inf)",
        });
    }
    if !(params.h > 0.0 && params.h.is_finite()) {
        return Err(StatsError::OutOfRange {
            name: "h",
            value: params.h,
            range: "(0, inf)",
        });
    }
    let target = params.target;
    let big_k = params.k * params.sigma;
    let big_h = params.h * params.sigma;
    let (mut up, mut down) = (0.0f64, 0.0f64);
    Ok(series.iter().map(move |&x| {
        up = (x - (target + big_k) + up).max(0.0);
        down = ((target - big_k) - x + down).max(0.0);
        CusumPoint {
            upper: up,
            lower: down,
            alarm_up: up > big_h,
            alarm_down: down > big_h,
        }
    }))
}
