//! [`Config`]: what the wellbeing audit judges by.

use chrono::NaiveDate;

use crate::builtin::Cbi;
use crate::error::Error;
use crate::signals::SignalThresholds;
use crate::trends::AlarmConfig;

/// The settings of a wellbeing [`audit`](crate::audit): the as-of date, the signal
/// thresholds findings judge against, the trend-alarm settings, and the lines that raise
/// findings. Privacy is not set here: the [`Disclosure`](remit_core::disclosure::Disclosure)
/// engine passed to `audit` carries the minimum group sizes and any noise.
///
/// Setters whose value can be invalid return `Result` and never clamp; getters have no
/// `get_` prefix.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_wellbeing::{Config, Error, Signal, SignalThresholds};
///
/// let as_of = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
/// let config = Config::new(as_of)
///     .with_thresholds(SignalThresholds::default().with(Signal::AfterHoursHours, 3.0)?)
///     .with_burden_ratio(2.0)?;
/// assert_eq!(config.burden_ratio(), 2.0);
/// assert_eq!(config.cbi_high_line(), 50.0);
///
/// // Out of range is an error naming the field, not a silent clamp.
/// let refused = Config::new(as_of).with_high_risk_share(1.5).unwrap_err();
/// assert!(matches!(refused, Error::InvalidSetting { field: "high_risk_share", .. }));
/// # Ok::<(), Error>(())
/// ```
///
/// Deserialisation goes through the same setters.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ConfigFields"))]
pub struct Config {
    as_of: NaiveDate,
    thresholds: SignalThresholds,
    alarms: AlarmConfig,
    burden_ratio: f64,
    high_risk_share: f64,
    cbi_high_line: f64,
}

/// The fields of [`Config`] as serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct ConfigFields {
    as_of: NaiveDate,
    thresholds: SignalThresholds,
    alarms: AlarmConfig,
    burden_ratio: f64,
    high_risk_share: f64,
    cbi_high_line: f64,
}

#[cfg(feature = "serde")]
impl TryFrom<ConfigFields> for Config {
    type Error = Error;

    fn try_from(f: ConfigFields) -> Result<Self, Self::Error> {
        Config::new(f.as_of)
            .with_thresholds(f.thresholds)
            .with_alarms(f.alarms)
            .with_burden_ratio(f.burden_ratio)?
            .with_high_risk_share(f.high_risk_share)?
            .with_cbi_high_line(f.cbi_high_line)
    }
}

impl Config {
    /// The defaults on `as_of`: Viva-based signal thresholds, the textbook trend-alarm
    /// settings, a burden ratio of 1.5, a high-risk alert share of 25% and the CBI high
    /// line at 50.
    ///
    /// `as_of` decides who counts: only people employed on that date
    /// ([`Employee::is_active_on`](remit_core::Employee::is_active_on)) are in the
    /// report; it also fixes the UTC offsets (daylight saving) of the time-zone cuts,
    /// read at 12:00 UTC on that date ([`remit_core::zones`]).
    pub fn new(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            thresholds: SignalThresholds::default(),
            alarms: AlarmConfig::default(),
            burden_ratio: 1.5,
            high_risk_share: 0.25,
            cbi_high_line: Cbi::DEFAULT_HIGH_THRESHOLD,
        }
    }

    /// The weekly signal thresholds findings judge against (collaboration overload, low
    /// focus, the after-hours line of the burden findings).
    #[must_use]
    pub fn with_thresholds(mut self, thresholds: SignalThresholds) -> Self {
        self.thresholds = thresholds;
        self
    }

    /// The settings of each person's worsening-trend alarms (EWMA and CUSUM).
    #[must_use]
    pub fn with_alarms(mut self, alarms: AlarmConfig) -> Self {
        self.alarms = alarms;
        self
    }

    /// How many times the onsite average of after-hours hours a cohort must reach before
    /// a time-zone burden finding is raised (default 1.5; a ratio of 2 or more makes it
    /// high severity).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidSetting`] unless finite and at least 1.
    pub fn with_burden_ratio(mut self, ratio: f64) -> Result<Self, Error> {
        if !(ratio.is_finite() && ratio >= 1.0) {
            return Err(Error::InvalidSetting {
                field: "burden_ratio",
                value: ratio,
                expected: "finite and at least 1",
            });
        }
        self.burden_ratio = ratio;
        Ok(self)
    }

    /// The share of a cohort's people with signals in the high band of the risk index
    /// that raises a finding (default 0.25; twice the share makes it high severity).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidSetting`] unless in `(0, 1]`.
    pub fn with_high_risk_share(mut self, share: f64) -> Result<Self, Error> {
        if !(share > 0.0 && share <= 1.0) {
            return Err(Error::InvalidSetting {
                field: "high_risk_share",
                value: share,
                expected: "in (0, 1]",
            });
        }
        self.high_risk_share = share;
        Ok(self)
    }

    /// The CBI work-related burnout score (0–100) at or above which a responder counts
    /// as "high CBI work-related burnout" (default 50, the widespread convention; see
    /// [`Cbi`]).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidSetting`] unless in `(0, 100]`.
    pub fn with_cbi_high_line(mut self, line: f64) -> Result<Self, Error> {
        if !(line > 0.0 && line <= 100.0) {
            return Err(Error::InvalidSetting {
                field: "cbi_high_line",
                value: line,
                expected: "in (0, 100]",
            });
        }
        self.cbi_high_line = line;
        Ok(self)
    }

    /// The date the report describes: who is employed, and the UTC offsets.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The weekly signal thresholds.
    pub fn thresholds(&self) -> &SignalThresholds {
        &self.thresholds
    }

    /// The settings of the per-person EWMA and CUSUM trend alarms (baseline weeks, sigma
    /// floor, chart parameters).
    pub fn alarms(&self) -> &AlarmConfig {
        &self.alarms
    }

    /// The after-hours ratio to onsite that raises a burden finding.
    pub fn burden_ratio(&self) -> f64 {
        self.burden_ratio
    }

    /// The share in the high risk-index band that raises a finding.
    pub fn high_risk_share(&self) -> f64 {
        self.high_risk_share
    }

    /// The CBI work-related burnout score that counts as high (0–100).
    pub fn cbi_high_line(&self) -> f64 {
        self.cbi_high_line
    }
}
