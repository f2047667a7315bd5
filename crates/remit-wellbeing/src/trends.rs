//! Who is getting worse: the reliable change index for repeated instrument scores
//! (Jacobson & Truax 1991) and WHO-5's 10-point rule ([`Who5::change`](crate::builtin::Who5::change)).
//!
//! # Reliable change index
//!
//! `RC = (x₂ − x₁) / S_diff`, `S_diff = √2 · SE`, `SE = s₁ · √(1 − r_xx)`, where `s₁`
//! is the standard deviation of the scale in a norm group and `r_xx` its reliability
//! (test–retest or Cronbach's α). Both come from the caller's norms: the choice of `SE`
//! is debated and this crate does not pick norms for you. `|RC| > 1.96` is a reliable
//! change at the 95% level.

use std::fmt;

/// The reliable change index with the caller's norms.
///
/// Invariant: `sd > 0` and `0 ≤ reliability < 1`, both finite.
///
/// ```
/// use remit_wellbeing::trends::{ChangeDirection, ReliableChange};
///
/// // Norms: SD 7.5, reliability 0.88 → SE 2.598, S_diff 3.674.
/// let rci = ReliableChange::new(7.5, 0.88)?;
/// let rc = rci.index(20.0, 30.0);
/// assert!((rc - 2.7217).abs() < 1e-3);
/// // Higher scores are worse on a burnout scale: a reliable deterioration.
/// assert_eq!(rci.classify(20.0, 30.0, false), ChangeDirection::ReliablyWorse);
/// assert_eq!(rci.classify(20.0, 26.0, false), ChangeDirection::NoReliableChange);
/// # Ok::<(), remit_wellbeing::trends::TrendError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReliableChange {
    sd: f64,
    reliability: f64,
    s_diff: f64,
}

/// The critical value for a reliable change at 95% (two-sided).
pub const RCI_CRITICAL_95: f64 = 1.96;

/// Which way a score moved, judged reliably.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ChangeDirection {
    /// Reliably better.
    ReliablyBetter,
    /// Reliably worse.
    ReliablyWorse,
    /// Within measurement error.
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

    /// The norm reliability.
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
