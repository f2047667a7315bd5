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

/// Parameters of an EWMA chart, valid by construction.
///
/// [`EwmaParams::new`] takes the in-control mean and standard deviation, in the units
/// of the series, with the textbook defaults `lambda = 0.2`, `L = 3` (Montgomery,
/// *Introduction to Statistical Quality Control*, §9.2); the `with_*` setters change
/// them and refuse a value the chart could not use.
///
/// ```
/// use remit_stats::{EwmaParams, StatsError};
/// let params = EwmaParams::new(40.0, 1.5)?.with_lambda(0.1)?.with_width(2.7)?;
/// assert_eq!((params.lambda(), params.width()), (0.1, 2.7));
/// assert!(matches!(
///     EwmaParams::new(40.0, 0.0),
///     Err(StatsError::OutOfRange { name: "sigma", .. })
/// ));
/// # Ok::<(), StatsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawEwmaParams"))]
pub struct EwmaParams {
    target: f64,
    sigma: f64,
    lambda: f64,
    width: f64,
}

impl EwmaParams {
    /// A chart around the in-control mean `target` (`mu0`) with in-control standard
    /// deviation `sigma` of one observation, both in the units of the series, and the
    /// defaults `lambda = 0.2`, `L = 3`.
    ///
    /// # Errors
    /// [`StatsError::NonFinite`] naming `target`; [`StatsError::OutOfRange`] naming
    /// `sigma` unless it is finite and `> 0`.
    pub fn new(target: f64, sigma: f64) -> Result<Self> {
        check_params(target, sigma)?;
        Ok(Self {
            target,
            sigma,
            lambda: 0.2,
            width: 3.0,
        })
    }

    /// Sets the smoothing weight `lambda` of the newest observation, in (0, 1]
    /// (default 0.2; smaller values detect smaller, slower shifts; 1 is a Shewhart
    /// chart).
    ///
    /// # Errors
    /// [`StatsError::OutOfRange`] naming `lambda` outside (0, 1].
    pub fn with_lambda(mut self, lambda: f64) -> Result<Self> {
        if !(lambda > 0.0 && lambda <= 1.0) {
            return Err(StatsError::OutOfRange {
                name: "lambda",
                value: lambda,
                range: "(0, 1]",
            });
        }
        self.lambda = lambda;
        Ok(self)
    }

    /// Sets the width `L` of the control limits, in standard errors of the smoothed
    /// statistic (default 3).
    ///
    /// # Errors
    /// [`StatsError::OutOfRange`] naming `width` unless it is finite and `> 0`.
    pub fn with_width(mut self, width: f64) -> Result<Self> {
        if !(width > 0.0 && width.is_finite()) {
            return Err(StatsError::OutOfRange {
                name: "width",
                value: width,
                range: "(0, inf)",
            });
        }
        self.width = width;
        Ok(self)
    }

    /// The in-control mean `mu0`, in the units of the series (finite).
    pub fn target(&self) -> f64 {
        self.target
    }
    /// The in-control standard deviation of one observation, in the units of the
    /// series (finite, `> 0`).
    pub fn sigma(&self) -> f64 {
        self.sigma
    }
    /// The smoothing weight `lambda`, in (0, 1].
    pub fn lambda(&self) -> f64 {
        self.lambda
    }
    /// The width `L` of the limits, in standard errors (finite, `> 0`).
    pub fn width(&self) -> f64 {
        self.width
    }
}

/// The serialised fields of [`EwmaParams`]; on the way in they pass through
/// [`EwmaParams::new`] and the setters, so serde refuses what they refuse.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawEwmaParams {
    target: f64,
    sigma: f64,
    lambda: f64,
    width: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<RawEwmaParams> for EwmaParams {
    type Error = StatsError;

    fn try_from(raw: RawEwmaParams) -> Result<Self> {
        EwmaParams::new(raw.target, raw.sigma)?
            .with_lambda(raw.lambda)?
            .with_width(raw.width)
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
    /// Upper control limit at this point, `mu0 + L sigma sqrt(...)` (exact, time-varying;
    /// in the units of the series).
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
/// let chart = ewma_chart(&weekly_hours, &EwmaParams::new(40.0, 1.5)?)?;
/// assert!(!chart[0].alarm && chart[7].alarm);
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::NonFinite`] naming the first non-finite observation of `series`
/// (the parameters were checked when they were made).
pub fn ewma_chart(series: &[f64], params: &EwmaParams) -> Result<Vec<EwmaPoint>> {
    Ok(ewma_points(series, params)?.collect())
}

/// The points of [`ewma_chart`], lazily: the same validation up front, then one point per
/// observation without allocating, so a caller looking for the first alarm can stop there.
///
/// ```
/// use remit_stats::{ewma_chart, ewma_points, EwmaParams};
/// let weekly_hours = [40.0, 41.0, 39.5, 40.2, 44.0, 45.5, 46.0, 47.0];
/// let params = EwmaParams::new(40.0, 1.5)?;
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
    let lambda = params.lambda;
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

/// Parameters of a tabular CUSUM, valid by construction; `k` and `h` are in units of
/// `sigma`.
///
/// [`CusumParams::new`] takes the in-control mean and standard deviation, in the units
/// of the series, with the textbook defaults `k = 0.5`, `h = 5` (Montgomery §9.1, tuned
/// to detect a one-sigma shift); the `with_*` setters change them and refuse a value the
/// chart could not use.
///
/// ```
/// use remit_stats::{CusumParams, StatsError};
/// let params = CusumParams::new(10.0, 0.5)?.with_k(0.25)?.with_h(8.0)?;
/// assert_eq!((params.k(), params.h()), (0.25, 8.0));
/// assert!(matches!(
///     CusumParams::new(10.0, 0.5)?.with_h(0.0),
///     Err(StatsError::OutOfRange { name: "h", .. })
/// ));
/// # Ok::<(), StatsError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawCusumParams"))]
pub struct CusumParams {
    target: f64,
    sigma: f64,
    k: f64,
    h: f64,
}

impl CusumParams {
    /// A CUSUM around the in-control mean `target` (`mu0`) with in-control standard
    /// deviation `sigma` of one observation, both in the units of the series, and the
    /// defaults `k = 0.5`, `h = 5`.
    ///
    /// # Errors
    /// [`StatsError::NonFinite`] naming `target`; [`StatsError::OutOfRange`] naming
    /// `sigma` unless it is finite and `> 0`.
    pub fn new(target: f64, sigma: f64) -> Result<Self> {
        check_params(target, sigma)?;
        Ok(Self {
            target,
            sigma,
            k: 0.5,
            h: 5.0,
        })
    }

    /// Sets the reference value `k`, in units of sigma: the allowance subtracted from
    /// each deviation, about half the shift to detect (default 0.5).
    ///
    /// # Errors
    /// [`StatsError::OutOfRange`] naming `k` unless it is finite and `≥ 0`.
    pub fn with_k(mut self, k: f64) -> Result<Self> {
        if !(k >= 0.0 && k.is_finite()) {
            return Err(StatsError::OutOfRange {
                name: "k",
                value: k,
                range: "[0, inf)",
            });
        }
        self.k = k;
        Ok(self)
    }

    /// Sets the decision interval `h`, in units of sigma: a sum above `h sigma` is an
    /// alarm (default 5).
    ///
    /// # Errors
    /// [`StatsError::OutOfRange`] naming `h` unless it is finite and `> 0`.
    pub fn with_h(mut self, h: f64) -> Result<Self> {
        if !(h > 0.0 && h.is_finite()) {
            return Err(StatsError::OutOfRange {
                name: "h",
                value: h,
                range: "(0, inf)",
            });
        }
        self.h = h;
        Ok(self)
    }

    /// The in-control mean `mu0`, in the units of the series (finite).
    pub fn target(&self) -> f64 {
        self.target
    }
    /// The in-control standard deviation of one observation, in the units of the
    /// series (finite, `> 0`).
    pub fn sigma(&self) -> f64 {
        self.sigma
    }
    /// The reference value `k`, in units of sigma (finite, `≥ 0`).
    pub fn k(&self) -> f64 {
        self.k
    }
    /// The decision interval `h`, in units of sigma (finite, `> 0`).
    pub fn h(&self) -> f64 {
        self.h
    }
}

/// The serialised fields of [`CusumParams`]; on the way in they pass through
/// [`CusumParams::new`] and the setters, so serde refuses what they refuse.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawCusumParams {
    target: f64,
    sigma: f64,
    k: f64,
    h: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<RawCusumParams> for CusumParams {
    type Error = StatsError;

    fn try_from(raw: RawCusumParams) -> Result<Self> {
        CusumParams::new(raw.target, raw.sigma)?
            .with_k(raw.k)?
            .with_h(raw.h)
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
/// let chart = cusum_chart(&x, &CusumParams::new(10.0, 0.5)?)?;
/// assert!(chart.iter().any(|p| p.alarm_up) && !chart.iter().any(|p| p.alarm_down));
/// # Ok::<(), remit_stats::StatsError>(())
/// ```
///
/// # Errors
/// [`StatsError::NonFinite`] naming the first non-finite observation of `series`
/// (the parameters were checked when they were made).
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
/// let params = CusumParams::new(10.0, 0.5)?;
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
