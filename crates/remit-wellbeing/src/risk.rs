//! An explainable composite burnout-risk index: every point of the index is attributed
//! to a named factor, so "why is this person at risk?" has an answer.
//!
//! The [`RiskModel`] trait is the seam; [`WeightedRiskModel`] is the documented default.

use std::fmt;

use crate::signals::{Signal, SignalPanel, SignalThresholds};

/// One factor of the risk index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum RiskFactor {
    /// Self-reported burnout (CBI work-related scale).
    SurveyBurnout,
    /// Low self-reported wellbeing (WHO-5 percentage).
    LowWellbeing,
    /// Collaboration outside the employee's own working hours (weekly mean hours).
    AfterHours,
    /// Too much collaboration: meetings, email, chat and calls (weekly mean hours).
    CollaborationOverload,
    /// Too little uninterrupted focus time.
    LowFocus,
    /// Collaboration on the employee's local weekend (weekly mean hours).
    WeekendWork,
    /// Meetings outside the employee's own working hours.
    OutOfHoursMeetings,
    /// Meetings that start within the back-to-back gap of the previous one's end (weekly
    /// mean count).
    BackToBack,
    /// Too little leave taken (weekly mean days off × 12, days per 12 weeks).
    NoTimeOff,
}

impl RiskFactor {
    /// Every factor, in index order.
    pub const ALL: [RiskFactor; 9] = [
        RiskFactor::SurveyBurnout,
        RiskFactor::LowWellbeing,
        RiskFactor::AfterHours,
        RiskFactor::CollaborationOverload,
        RiskFactor::LowFocus,
        RiskFactor::WeekendWork,
        RiskFactor::OutOfHoursMeetings,
        RiskFactor::BackToBack,
        RiskFactor::NoTimeOff,
    ];
    /// How many factors there are.
    pub const COUNT: usize = 9;

    /// The factor's position in [`RiskFactor::ALL`] and in contribution arrays (0 to 8).
    pub const fn index(self) -> usize {
        self as usize
    }

    /// Words for a report.
    pub const fn label(self) -> &'static str {
        match self {
            RiskFactor::SurveyBurnout => "self-reported burnout",
            RiskFactor::LowWellbeing => "low wellbeing",
            RiskFactor::AfterHours => "after-hours work",
            RiskFactor::CollaborationOverload => "collaboration overload",
            RiskFactor::LowFocus => "little focus time",
            RiskFactor::WeekendWork => "weekend work",
            RiskFactor::OutOfHoursMeetings => "meetings outside own working hours",
            RiskFactor::BackToBack => "back-to-back meetings",
            RiskFactor::NoTimeOff => "no time off",
        }
    }
}

impl fmt::Display for RiskFactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The measured inputs of one employee's risk; `None` = not measured.
///
/// Behavioural factors are weekly means over the window (days off: per 12 weeks).
///
/// Deserialisation applies [`RiskFeatures::with`]'s rule: a non-finite value counts as
/// not measured.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(from = "RiskFeaturesFields"))]
pub struct RiskFeatures {
    values: [Option<f32>; RiskFactor::COUNT],
}

/// The fields of [`RiskFeatures`] as serialised.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RiskFeaturesFields {
    values: [Option<f32>; RiskFactor::COUNT],
}

#[cfg(feature = "serde")]
impl From<RiskFeaturesFields> for RiskFeatures {
    fn from(f: RiskFeaturesFields) -> Self {
        RiskFactor::ALL
            .iter()
            .zip(f.values)
            .fold(RiskFeatures::empty(), |features, (factor, value)| {
                features.with_opt(*factor, value)
            })
    }
}

impl RiskFeatures {
    /// Features with no factor measured (every factor `None`).
    pub const fn empty() -> Self {
        Self {
            values: [None; RiskFactor::COUNT],
        }
    }

    /// Sets one factor's measured value; a non-finite value counts as not measured.
    #[must_use]
    pub fn with(mut self, factor: RiskFactor, value: f32) -> Self {
        self.values[factor.index()] = value.is_finite().then_some(value);
        self
    }

    /// Sets one factor if measured.
    #[must_use]
    pub fn with_opt(self, factor: RiskFactor, value: Option<f32>) -> Self {
        match value {
            Some(v) => self.with(factor, v),
            None => self,
        }
    }

    /// One factor's measured value.
    pub fn get(&self, factor: RiskFactor) -> Option<f32> {
        self.values[factor.index()]
    }

    /// The behavioural factors of one panel row (weekly means), plus optional survey
    /// scores (CBI work-related, WHO-5 percentage). `None` for a row outside the panel.
    pub fn from_panel(
        panel: &SignalPanel,
        row: usize,
        cbi_work: Option<f32>,
        who5_percentage: Option<f32>,
    ) -> Option<Self> {
        let m = panel.means(row)?;
        Some(Self::from_means(&m, cbi_work, who5_percentage))
    }

    /// Like [`RiskFeatures::from_panel`], from weekly means in [`Signal::ALL`] order.
    pub fn from_means(
        means: &[f32; Signal::COUNT],
        cbi_work: Option<f32>,
        who5_percentage: Option<f32>,
    ) -> Self {
        let m = |s: Signal| Some(means[s.index()]).filter(|v| v.is_finite());
        Self {
            values: [
                cbi_work.filter(|v| v.is_finite()),
                who5_percentage.filter(|v| v.is_finite()),
                m(Signal::AfterHoursHours),
                m(Signal::CollaborationHours),
                m(Signal::FocusHours),
                m(Signal::WeekendHours),
                m(Signal::OutOfHoursMeetings),
                m(Signal::BackToBackMeetings),
                m(Signal::DaysOff).map(|d| d * 12.0),
            ],
        }
    }
}

/// The risk band of an index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum RiskBand {
    /// Below the moderate line.
    Low,
    /// Index below the moderate line.
    Moderate,
    /// Index at or above the moderate line and below the high line.
    High,
}

impl fmt::Display for RiskBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            RiskBand::Low => "low",
            RiskBand::Moderate => "moderate",
            RiskBand::High => "high",
        })
    }
}

/// One employee's risk: the index (0–100), each factor's contribution in index points
/// (they add up to the index), and the band.
///
/// Deserialisation rebuilds it with [`RiskAssessment::new`] and refuses a document whose
/// `index` is not the sum of its contributions.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RiskAssessmentFields"))]
pub struct RiskAssessment {
    index: f32,
    contributions: [f32; RiskFactor::COUNT],
    band: RiskBand,
}

/// The fields of [`RiskAssessment`] as serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RiskAssessmentFields {
    index: f32,
    contributions: [f32; RiskFactor::COUNT],
    band: RiskBand,
}

#[cfg(feature = "serde")]
impl TryFrom<RiskAssessmentFields> for RiskAssessment {
    type Error = RiskError;

    fn try_from(f: RiskAssessmentFields) -> Result<Self, Self::Error> {
        let rebuilt = RiskAssessment::new(f.contributions, f.band);
        if rebuilt.index == f.index && rebuilt.contributions == f.contributions {
            Ok(rebuilt)
        } else {
            Err(RiskError::InconsistentAssessment {
                index: f.index,
                sum: rebuilt.index,
            })
        }
    }
}

impl RiskAssessment {
    /// An assessment from contributions (negative or non-finite ones count as 0); the
    /// index is their sum, capped at 100.
    pub fn new(contributions: [f32; RiskFactor::COUNT], band: RiskBand) -> Self {
        let contributions = contributions.map(|c| if c.is_finite() { c.max(0.0) } else { 0.0 });
        let index = contributions.iter().sum::<f32>().min(100.0);
        Self {
            index,
            contributions,
            band,
        }
    }

    /// The risk index on a 0–100 scale: the sum of the factors' contributions, capped at
    /// 100; higher means more risk.
    pub fn index(&self) -> f32 {
        self.index
    }
    /// The band the model put the index in (low, moderate or high).
    pub fn band(&self) -> RiskBand {
        self.band
    }
    /// One factor's contribution, in index points.
    pub fn contribution(&self, factor: RiskFactor) -> f32 {
        self.contributions[factor.index()]
    }
    /// The factors that contributed, largest first.
    pub fn drivers(&self) -> Vec<(RiskFactor, f32)> {
        let mut v: Vec<(RiskFactor, f32)> = RiskFactor::ALL
            .iter()
            .map(|&f| (f, self.contribution(f)))
            .filter(|&(_, c)| c > 0.0)
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1));
        v
    }
}

/// Turns measured factors into a risk assessment.
pub trait RiskModel: fmt::Debug + Send + Sync {
    /// Assesses one employee from their factors, some of which may be unmeasured
    /// (`None` in `features`).
    fn assess(&self, features: &RiskFeatures) -> RiskAssessment;
}

/// A linear ramp from where concern starts to where it is full; `full < start` for
/// factors where low values are worse.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RampFields"))]
pub struct Ramp {
    start: f32,
    full: f32,
}

/// The fields of [`Ramp`] as serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RampFields {
    start: f32,
    full: f32,
}

#[cfg(feature = "serde")]
impl TryFrom<RampFields> for Ramp {
    type Error = RiskError;

    fn try_from(f: RampFields) -> Result<Self, Self::Error> {
        Ramp::new(f.start, f.full)
    }
}

impl Ramp {
    /// A ramp; an error unless both ends are finite and differ.
    ///
    /// # Errors
    ///
    /// [`RiskError::InvalidRamp`].
    pub fn new(start: f32, full: f32) -> Result<Self, RiskError> {
        if start.is_finite() && full.is_finite() && start != full {
            Ok(Self { start, full })
        } else {
            Err(RiskError::InvalidRamp { start, full })
        }
    }

    /// The severity of a value, in `[0, 1]` (0 for NaN).
    pub fn severity(&self, value: f32) -> f32 {
        let s = (value - self.start) / (self.full - self.start);
        if s.is_nan() { 0.0 } else { s.clamp(0.0, 1.0) }
    }
}

/// A risk model's parameters were invalid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum RiskError {
    /// A ramp with equal or non-finite ends.
    #[error("ramp {start} -> {full}: ends must be finite and differ")]
    InvalidRamp {
        /// The value at which severity starts to rise from 0.
        start: f32,
        /// The value at which severity reaches 1.
        full: f32,
    },
    /// A weight that is negative or not finite, or all weights zero.
    #[error(
        "factor `{factor}`: weight {weight} must be finite and non-negative, and some weight positive"
    )]
    InvalidWeight {
        /// The factor whose weight was refused.
        factor: RiskFactor,
        /// The refused weight (negative or not finite, or every weight zero).
        weight: f32,
    },
    /// A deserialised assessment whose index is not the sum of its contributions (or
    /// whose contributions are negative or not finite).
    #[error("risk assessment: index {index} is not its contributions' sum {sum}")]
    InconsistentAssessment {
        /// The index given, which differs from the sum of the contributions.
        index: f32,
        /// The sum of the contributions, capped at 100.
        sum: f32,
    },
    /// Band lines out of order.
    #[error("band lines moderate {moderate}, high {high}: need 0 < moderate < high <= 100")]
    InvalidBands {
        /// The moderate band line given (index points, 0 to 100).
        moderate: f32,
        /// The high band line given (index points, 0 to 100).
        high: f32,
    },
}

/// The default, documented [`RiskModel`]: weighted ramps.
///
/// Each factor's measured value is turned into a *severity* in `[0, 1]` by a linear ramp
/// from where concern starts (the signal threshold, or the survey convention) to where
/// it is full. The index is the weighted mean of the severities of the factors that
/// were measured, times 100; a factor's contribution is its share of that, so the
/// contributions add up to the index.
///
/// | factor | measured as | ramp (start → full) | weight |
/// |---|---|---|---|
/// | survey burnout | CBI work-related, 0–100 | 25 → 75 (50 = the "high" convention, severity ½) | 30 |
/// | low wellbeing | WHO-5 percentage | 52 → 28 (poor → likely depression) | 10 |
/// | after-hours work | after-hours collaboration, h/week | 1 → 5 (Viva's > 5 h bucket) | 15 |
/// | collaboration overload | collaboration, h/week | 20 → 35 | 10 |
/// | low focus time | focus, h/week | 10 → 2 | 10 |
/// | weekend work | weekend, h/week | 1 → 6 | 8 |
/// | meetings outside own hours | count/week | 2 → 8 | 7 |
/// | back-to-back meetings | count/week | 5 → 15 | 5 |
/// | no time off | days off per 12 weeks | 2 → 0 | 5 |
///
/// Bands: index < 25 *low*, < 50 *moderate*, ≥ 50 *high*. The weights, ramps and bands
/// are this crate's documented convention, not a validated clinical model; replace them
/// with [`WeightedRiskModel::new`] or your own [`RiskModel`].
///
/// ```
/// use remit_wellbeing::{RiskBand, RiskFactor, RiskFeatures, RiskModel, WeightedRiskModel};
///
/// let model = WeightedRiskModel::default();
/// let features = RiskFeatures::empty()
///     .with(RiskFactor::SurveyBurnout, 75.0)   // full severity, weight 30
///     .with(RiskFactor::AfterHours, 5.0)       // full severity, weight 15
///     .with(RiskFactor::LowFocus, 12.0);       // healthy, weight 10
/// let risk = model.assess(&features);
/// // (30 + 15) / (30 + 15 + 10) of 100 points; the other factors were not measured.
/// assert!((risk.index() - 81.818).abs() < 0.01);
/// assert_eq!(risk.band(), RiskBand::High);
/// assert_eq!(risk.drivers()[0].0, RiskFactor::SurveyBurnout);
/// ```
///
/// Deserialisation goes through [`WeightedRiskModel::new`] (and each ramp through
/// [`Ramp::new`]).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "WeightedRiskModelFields"))]
pub struct WeightedRiskModel {
    weights: [f32; RiskFactor::COUNT],
    ramps: [Ramp; RiskFactor::COUNT],
    moderate: f32,
    high: f32,
}

/// The fields of [`WeightedRiskModel`] as serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct WeightedRiskModelFields {
    weights: [f32; RiskFactor::COUNT],
    ramps: [Ramp; RiskFactor::COUNT],
    moderate: f32,
    high: f32,
}

#[cfg(feature = "serde")]
impl TryFrom<WeightedRiskModelFields> for WeightedRiskModel {
    type Error = RiskError;

    fn try_from(f: WeightedRiskModelFields) -> Result<Self, Self::Error> {
        WeightedRiskModel::new(f.weights, f.ramps, f.moderate, f.high)
    }
}

impl WeightedRiskModel {
    /// The default weights, in [`RiskFactor::ALL`] order, in index points; they sum to
    /// 100 (the model rescales the weights of the measured factors to 100).
    pub const DEFAULT_WEIGHTS: [f32; RiskFactor::COUNT] =
        [30.0, 10.0, 15.0, 10.0, 10.0, 8.0, 7.0, 5.0, 5.0];

    /// A model from weights, ramps and band lines.
    ///
    /// # Errors
    ///
    /// [`RiskError::InvalidWeight`] or [`RiskError::InvalidBands`].
    pub fn new(
        weights: [f32; RiskFactor::COUNT],
        ramps: [Ramp; RiskFactor::COUNT],
        moderate: f32,
        high: f32,
    ) -> Result<Self, RiskError> {
        for (factor, &weight) in RiskFactor::ALL.iter().zip(&weights) {
            if !(weight.is_finite() && weight >= 0.0) {
                return Err(RiskError::InvalidWeight {
                    factor: *factor,
                    weight,
                });
            }
        }
        if weights.iter().sum::<f32>() <= 0.0 {
            return Err(RiskError::InvalidWeight {
                factor: RiskFactor::SurveyBurnout,
                weight: 0.0,
            });
        }
        if !(moderate > 0.0 && moderate < high && high <= 100.0) {
            return Err(RiskError::InvalidBands { moderate, high });
        }
        Ok(Self {
            weights,
            ramps,
            moderate,
            high,
        })
    }

    /// The default model with its behavioural ramps starting at `thresholds`.
    ///
    /// # Errors
    ///
    /// [`RiskError::InvalidRamp`] if a threshold lands on its ramp's full point.
    pub fn from_thresholds(thresholds: &SignalThresholds) -> Result<Self, RiskError> {
        let t = |s: Signal| thresholds.get(s);
        let up = |s: Signal, span: f32| Ramp::new(t(s), t(s) + span);
        let ramps = [
            Ramp::new(25.0, 75.0)?,
            Ramp::new(52.0, 28.0)?,
            up(Signal::AfterHoursHours, 4.0)?,
            up(Signal::CollaborationHours, 15.0)?,
            Ramp::new(t(Signal::FocusHours), t(Signal::FocusHours) * 0.2)?,
            up(Signal::WeekendHours, 5.0)?,
            up(Signal::OutOfHoursMeetings, 6.0)?,
            up(Signal::BackToBackMeetings, 10.0)?,
            Ramp::new(t(Signal::DaysOff), 0.0)?,
        ];
        Self::new(Self::DEFAULT_WEIGHTS, ramps, 25.0, 50.0)
    }

    /// The band of an index.
    pub fn band(&self, index: f32) -> RiskBand {
        if index >= self.high {
            RiskBand::High
        } else if index >= self.moderate {
            RiskBand::Moderate
        } else {
            RiskBand::Low
        }
    }
}

impl Default for WeightedRiskModel {
    fn default() -> Self {
        let ramp = |start: f32, full: f32| Ramp { start, full };
        Self {
            weights: Self::DEFAULT_WEIGHTS,
            ramps: [
                ramp(25.0, 75.0),
                ramp(52.0, 28.0),
                ramp(1.0, 5.0),
                ramp(20.0, 35.0),
                ramp(10.0, 2.0),
                ramp(1.0, 6.0),
                ramp(2.0, 8.0),
                ramp(5.0, 15.0),
                ramp(2.0, 0.0),
            ],
            moderate: 25.0,
            high: 50.0,
        }
    }
}

impl RiskModel for WeightedRiskModel {
    fn assess(&self, features: &RiskFeatures) -> RiskAssessment {
        let mut contributions = [0.0f32; RiskFactor::COUNT];
        let mut measured_weight = 0.0f32;
        for (i, value) in features.values.iter().enumerate() {
            if let Some(v) = value {
                contributions[i] = self.weights[i] * self.ramps[i].severity(*v);
                measured_weight += self.weights[i];
            }
        }
        if measured_weight > 0.0 {
            let scale = 100.0 / measured_weight;
            for c in &mut contributions {
                *c *= scale;
            }
        }
        let index: f32 = contributions.iter().sum::<f32>().min(100.0);
        RiskAssessment {
            index,
            contributions,
            band: self.band(index),
        }
    }
}
