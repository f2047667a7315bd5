//! Who is getting worse: per-employee EWMA and CUSUM alarms on weekly signals
//! ([`signal_alarm`], charts from `remit-stats`), the reliable change index for repeated
//! instrument scores (Jacobson & Truax 1991), and WHO-5's 10-point rule
//! ([`Who5::change`](crate::builtin::Who5::change)).

use std::fmt;

use remit_stats::{CusumParams, EwmaParams, cusum_points, ewma_points};

use crate::signals::Signal;

/// The reliable change index with the caller's norms.
///
/// `RC = (x₂ − x₁) / S_diff`, `S_diff = √2 · SE`, `SE = s₁ · √(1 − r_xx)`, where `s₁`
/// is the standard deviation of the scale in a norm group and `r_xx` its reliability
/// (test–retest or Cronbach's α). Both come from the caller's norms: the choice of `SE`
/// is debated and this crate does not pick norms for you. `|RC| > 1.96` is a reliable
/// change at the 95% level.
///
/// Invariant: `sd > 0` and `0 ≤ reliability < 1`, both finite.
///
/// ```
/// use remit_wellbeing::{ChangeDirection, ReliableChange};
///
/// // Norms: SD 7.5, reliability 0.88 → SE 2.598, S_diff 3.674.
/// let rci = ReliableChange::new(7.5, 0.88)?;
/// let rc = rci.index(20.0, 30.0);
/// assert!((rc - 2.7217).abs() < 1e-3);
/// // Higher scores are worse on a burnout scale: a reliable deterioration.
/// assert_eq!(rci.classify(20.0, 30.0, false), ChangeDirection::ReliablyWorse);
/// assert_eq!(rci.classify(20.0, 26.0, false), ChangeDirection::NoReliableChange);
/// # Ok::<(), remit_wellbeing::TrendError>(())
/// ```
///
/// Serialised as its norms (`sd`, `reliability`); deserialisation goes through
/// [`ReliableChange::new`], which derives `S_diff`.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "ReliableChangeFields", into = "ReliableChangeFields")
)]
pub struct ReliableChange {
    sd: f64,
    reliability: f64,
    s_diff: f64,
}

/// The norms of a [`ReliableChange`] as serialised.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct ReliableChangeFields {
    sd: f64,
    reliability: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<ReliableChangeFields> for ReliableChange {
    type Error = TrendError;

    fn try_from(f: ReliableChangeFields) -> Result<Self, Self::Error> {
        ReliableChange::new(f.sd, f.reliability)
    }
}

#[cfg(feature = "serde")]
impl From<ReliableChange> for ReliableChangeFields {
    fn from(r: ReliableChange) -> Self {
        Self {
            sd: r.sd,
            reliability: r.reliability,
        }
    }
}

/// The critical value for a reliable change at 95% (two-sided).
pub const RCI_CRITICAL_95: f64 = 1.96;

/// Which way a score moved, judged reliably.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ChangeDirection {
    /// The change exceeds the reliable-change threshold (|RCI| > 1.96) in the good
    /// direction.
    ReliablyBetter,
    /// The change exceeds the reliable-change threshold (|RCI| > 1.96) in the bad
    /// direction.
    ReliablyWorse,
    /// The change is within measurement error (|RCI| ≤ 1.96, or not computable): no
    /// reliable change either way.
    NoReliableChange,
}

impl fmt::Display for ChangeDirection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ChangeDirection::ReliablyBetter => "reliably better",
            ChangeDirection::ReliablyWorse => "reliably worse",
            ChangeDirection::NoReliableChange => "no reliable change",
        })
    }
}

/// Trend parameters were invalid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum TrendError {
    /// A norm standard deviation that is not positive and finite.
    #[error("reliable change: field `sd` = {sd} must be positive and finite")]
    InvalidSd {
        /// The rejected value.
        sd: f64,
    },
    /// Alarm settings out of range.
    #[error("alarm config: field `{field}` = {value} is out of range")]
    InvalidAlarmConfig {
        /// The field.
        field: &'static str,
        /// The rejected value.
        value: f64,
    },
    /// A weekly value that is negative or not finite (signals are hours, counts or
    /// days). `week` is the position in the whole series, baseline included.
    #[error("weekly series, week {week}: value {value} must be finite and non-negative")]
    InvalidValue {
        /// The position of the value in the series (0 = the first baseline week).
        week: usize,
        /// The rejected value.
        value: f32,
    },
    /// The control chart rejected its parameters.
    #[error("control chart: {0}")]
    Chart(#[from] remit_stats::StatsError),
    /// A reliability outside `[0, 1)`.
    #[error("reliable change: field `reliability` = {reliability} must be in [0, 1)")]
    InvalidReliability {
        /// The rejected value.
        reliability: f64,
    },
}

impl ReliableChange {
    /// The index for a scale whose norm group has standard deviation `sd` and
    /// reliability `reliability`.
    ///
    /// # Errors
    ///
    /// [`TrendError::InvalidSd`] or [`TrendError::InvalidReliability`].
    pub fn new(sd: f64, reliability: f64) -> Result<Self, TrendError> {
        if !(sd.is_finite() && sd > 0.0) {
            return Err(TrendError::InvalidSd { sd });
        }
        if !(reliability.is_finite() && (0.0..1.0).contains(&reliability)) {
            return Err(TrendError::InvalidReliability { reliability });
        }
        let se = sd * (1.0 - reliability).sqrt();
        Ok(Self {
            sd,
            reliability,
            s_diff: std::f64::consts::SQRT_2 * se,
        })
    }

    /// The norm group's standard deviation.
    pub fn sd(&self) -> f64 {
        self.sd
    }

    /// The instrument's reliability in the norm group (e.g. Cronbach's alpha or
    /// test–retest), in [0, 1).
    pub fn reliability(&self) -> f64 {
        self.reliability
    }

    /// The standard error of the difference, `S_diff`.
    pub fn s_diff(&self) -> f64 {
        self.s_diff
    }

    /// The smallest change that is reliable at 95%: `1.96 · S_diff`.
    pub fn minimal_change(&self) -> f64 {
        RCI_CRITICAL_95 * self.s_diff
    }

    /// `RC = (after − before) / S_diff`.
    pub fn index(&self, before: f64, after: f64) -> f64 {
        (after - before) / self.s_diff
    }

    /// Classifies a change; `higher_is_better` says which way is good (true for WHO-5,
    /// false for CBI and PSS-10). Non-finite scores give no reliable change.
    pub fn classify(&self, before: f64, after: f64, higher_is_better: bool) -> ChangeDirection {
        let rc = self.index(before, after);
        if !rc.is_finite() || rc.abs() <= RCI_CRITICAL_95 {
            ChangeDirection::NoReliableChange
        } else if (rc > 0.0) == higher_is_better {
            ChangeDirection::ReliablyBetter
        } else {
            ChangeDirection::ReliablyWorse
        }
    }
}

/// Which way a signal gets worse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Worse {
    /// Higher is worse (after-hours, collaboration).
    Up,
    /// Lower is worse (focus time).
    Down,
}

/// The signals monitored for worsening trends, with their worse direction.
pub const MONITORED: [(Signal, Worse); 3] = [
    (Signal::AfterHoursHours, Worse::Up),
    (Signal::CollaborationHours, Worse::Up),
    (Signal::FocusHours, Worse::Down),
];

/// Settings of the weekly alarms.
///
/// ```
/// use remit_wellbeing::AlarmConfig;
/// let c = AlarmConfig::default().with_baseline_weeks(6)?;
/// assert_eq!(c.baseline_weeks(), 6);
/// # Ok::<(), remit_wellbeing::TrendError>(())
/// ```
///
/// Deserialisation goes through the `with_*` setters.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "AlarmConfigFields"))]
pub struct AlarmConfig {
    baseline_weeks: usize,
    sigma_floor: f64,
    lambda: f64,
    width: f64,
    k: f64,
    h: f64,
}

/// The fields of [`AlarmConfig`] as serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct AlarmConfigFields {
    baseline_weeks: usize,
    sigma_floor: f64,
    lambda: f64,
    width: f64,
    k: f64,
    h: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<AlarmConfigFields> for AlarmConfig {
    type Error = TrendError;

    fn try_from(f: AlarmConfigFields) -> Result<Self, Self::Error> {
        AlarmConfig::default()
            .with_baseline_weeks(f.baseline_weeks)?
            .with_sigma_floor(f.sigma_floor)?
            .with_ewma(f.lambda, f.width)?
            .with_cusum(f.k, f.h)
    }
}

impl Default for AlarmConfig {
    fn default() -> Self {
        Self {
            baseline_weeks: 4,
            sigma_floor: 0.5,
            lambda: 0.2,
            width: 3.0,
            k: 0.5,
            h: 5.0,
        }
    }
}

impl AlarmConfig {
    /// Weeks used as the person's own baseline (default 4; at least 2).
    ///
    /// # Errors
    ///
    /// [`TrendError::InvalidAlarmConfig`] below 2.
    pub fn with_baseline_weeks(mut self, weeks: usize) -> Result<Self, TrendError> {
        if weeks < 2 {
            return Err(TrendError::InvalidAlarmConfig {
                field: "baseline_weeks",
                value: weeks as f64,
            });
        }
        self.baseline_weeks = weeks;
        Ok(self)
    }

    /// The smallest baseline standard deviation used (default 0.5, in the signal's unit).
    ///
    /// # Errors
    ///
    /// [`TrendError::InvalidAlarmConfig`] unless positive and finite.
    pub fn with_sigma_floor(mut self, floor: f64) -> Result<Self, TrendError> {
        if !(floor.is_finite() && floor > 0.0) {
            return Err(TrendError::InvalidAlarmConfig {
                field: "sigma_floor",
                value: floor,
            });
        }
        self.sigma_floor = floor;
        Ok(self)
    }

    /// EWMA weight λ in (0, 1] and limit width L > 0 (defaults 0.2 and 3).
    ///
    /// # Errors
    ///
    /// [`TrendError::InvalidAlarmConfig`] out of range.
    pub fn with_ewma(mut self, lambda: f64, width: f64) -> Result<Self, TrendError> {
        if !(lambda > 0.0 && lambda <= 1.0) {
            return Err(TrendError::InvalidAlarmConfig {
                field: "lambda",
                value: lambda,
            });
        }
        if !(width.is_finite() && width > 0.0) {
            return Err(TrendError::InvalidAlarmConfig {
                field: "width",
                value: width,
            });
        }
        self.lambda = lambda;
        self.width = width;
        Ok(self)
    }

    /// CUSUM reference k ≥ 0 and decision interval h > 0, in sigmas (defaults 0.5, 5).
    ///
    /// # Errors
    ///
    /// [`TrendError::InvalidAlarmConfig`] out of range.
    pub fn with_cusum(mut self, k: f64, h: f64) -> Result<Self, TrendError> {
        if !(k.is_finite() && k >= 0.0) {
            return Err(TrendError::InvalidAlarmConfig {
                field: "k",
                value: k,
            });
        }
        if !(h.is_finite() && h > 0.0) {
            return Err(TrendError::InvalidAlarmConfig {
                field: "h",
                value: h,
            });
        }
        self.k = k;
        self.h = h;
        Ok(self)
    }

    /// Weeks at the start of each series used as the person's own baseline (at least 2;
    /// default 4).
    pub fn baseline_weeks(&self) -> usize {
        self.baseline_weeks
    }
}

/// A worsening alarm on one signal: the first week (index into the series) each chart
/// signalled. Alarms from [`signal_alarm`] have both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct TrendAlarm {
    ewma_week: Option<usize>,
    cusum_week: Option<usize>,
}

impl TrendAlarm {
    /// First week (index into the series) the EWMA left its limit in the worse
    /// direction.
    pub fn ewma_week(&self) -> Option<usize> {
        self.ewma_week
    }

    /// First week (index into the series) the CUSUM crossed its decision interval in
    /// the worse direction.
    pub fn cusum_week(&self) -> Option<usize> {
        self.cusum_week
    }

    /// The earliest alarm week of either chart.
    pub fn first_week(&self) -> Option<usize> {
        match (self.ewma_week, self.cusum_week) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Charts one person's weekly series against their own baseline; an alarm when **both**
/// the EWMA and the CUSUM signal worsening (either alone is too jumpy on a baseline of a
/// few weeks), `Ok(None)` otherwise or when the series is no longer than the baseline.
///
/// Each person is their own baseline (self-starting): the first `baseline_weeks` weeks
/// give the in-control mean and standard deviation (floored at `sigma_floor`, so a
/// perfectly steady baseline does not alarm on the first wobble), and the remaining
/// weeks are charted with an EWMA (λ = 0.2, L = 3) and a two-sided tabular CUSUM
/// (k = 0.5, h = 5), the textbook defaults (Montgomery); an alarm needs both charts to
/// signal. Only the worsening direction alarms: up for after-hours and collaboration
/// hours, down for focus time. None of these defaults was validated on wellbeing data;
/// all are parameters ([`AlarmConfig`]).
///
/// ```
/// use remit_wellbeing::{AlarmConfig, Worse, signal_alarm};
/// // After-hours hours: a steady baseline, then a climb.
/// let weeks = [1.0, 1.2, 0.8, 1.0, 1.1, 2.5, 3.0, 3.5, 4.0, 4.0, 4.5, 5.0];
/// let alarm = signal_alarm(&weeks, Worse::Up, &AlarmConfig::default())?.expect("alarm");
/// assert!(alarm.first_week().is_some_and(|w| w >= 5));
/// // The same climb in focus time is an improvement, not an alarm.
/// assert_eq!(signal_alarm(&weeks, Worse::Down, &AlarmConfig::default())?, None);
/// # Ok::<(), remit_wellbeing::TrendError>(())
/// ```
///
/// # Errors
///
/// [`TrendError::InvalidValue`] naming the week (counted from the start of the series)
/// of the first value that is negative, NaN or infinite, baseline weeks included.
pub fn signal_alarm(
    series: &[f32],
    worse: Worse,
    config: &AlarmConfig,
) -> Result<Option<TrendAlarm>, TrendError> {
    signal_alarm_with(series, worse, config, &mut Vec::new())
}

/// [`signal_alarm`] reusing `scratch` for the charted weeks (no allocation per call).
pub(crate) fn signal_alarm_with(
    series: &[f32],
    worse: Worse,
    config: &AlarmConfig,
    scratch: &mut Vec<f64>,
) -> Result<Option<TrendAlarm>, TrendError> {
    if let Some((week, &value)) = series
        .iter()
        .enumerate()
        .find(|(_, v)| !(v.is_finite() && **v >= 0.0))
    {
        return Err(TrendError::InvalidValue { week, value });
    }
    let b = config.baseline_weeks;
    if series.len() <= b {
        return Ok(None);
    }
    let (base, rest) = series.split_at(b);
    let mean = base.iter().map(|&x| f64::from(x)).sum::<f64>() / b as f64;
    let var = base
        .iter()
        .map(|&x| (f64::from(x) - mean).powi(2))
        .sum::<f64>()
        / (b as f64 - 1.0);
    let sigma = var.sqrt().max(config.sigma_floor);
    scratch.clear();
    scratch.extend(rest.iter().map(|&x| f64::from(x)));
    let rest = scratch.as_slice();
    let ewma_params = EwmaParams::new(mean, sigma)?
        .with_lambda(config.lambda)?
        .with_width(config.width)?;
    let cusum_params = CusumParams::new(mean, sigma)?
        .with_k(config.k)?
        .with_h(config.h)?;
    // The charts are walked lazily and only up to their first worsening point; the CUSUM
    // is not walked at all when the EWMA never signals (an alarm needs both). Both sets of
    // parameters were validated above, so an invalid setting fails the same either way.
    let ewma_week = ewma_points(rest, &ewma_params)?
        .position(|p| match worse {
            Worse::Up => p.statistic > p.upper,
            Worse::Down => p.statistic < p.lower,
        })
        .map(|w| w + b);
    let mut cusum = cusum_points(rest, &cusum_params)?;
    let cusum_week = if ewma_week.is_some() {
        cusum
            .position(|p| match worse {
                Worse::Up => p.alarm_up,
                Worse::Down => p.alarm_down,
            })
            .map(|w| w + b)
    } else {
        None
    };
    let alarm = TrendAlarm {
        ewma_week,
        cusum_week,
    };
    // Both charts must agree: with a baseline of a few weeks either chart alone raises
    // too many false alarms on noisy weekly data.
    Ok((ewma_week.is_some() && cusum_week.is_some()).then_some(alarm))
}
