//! The planner's settings: [`OverlapConfig`] and the exact [`Fraction`] of days the
//! core window asks for.

use chrono_tz::Tz;

use super::schedule::Workdays;
use crate::error::Error;

/// An exact fraction in `(0, 1]`, `numerator / denominator`: the share of anchor
/// workdays a minute must be shared on to join the core window. Exact, so that 56% of
/// 25 days is 14 days (in floating point, `ceil(0.56 × 25)` is 15).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Fraction {
    numerator: u32,
    denominator: u32,
}

impl Fraction {
    /// `numerator / denominator` if `0 < numerator <= denominator`.
    pub(super) const fn new(numerator: u32, denominator: u32) -> Option<Self> {
        if numerator == 0 || numerator > denominator {
            return None;
        }
        Some(Self {
            numerator,
            denominator,
        })
    }

    /// The numerator, at least 1.
    pub fn numerator(&self) -> u32 {
        self.numerator
    }

    /// The denominator, at least the numerator.
    pub fn denominator(&self) -> u32 {
        self.denominator
    }

    /// The fraction as a floating-point number in `(0, 1]`, for display.
    pub fn to_f64(&self) -> f64 {
        f64::from(self.numerator) / f64::from(self.denominator)
    }

    /// The fewest of `total` items that make at least this fraction of them:
    /// `ceil(numerator × total / denominator)`, in exact integer arithmetic.
    pub fn ceil_of(&self, total: u32) -> u32 {
        let n = u64::from(self.numerator) * u64::from(total);
        let d = u64::from(self.denominator);
        // At most `total`, since the fraction is at most 1.
        u32::try_from(n.div_ceil(d)).unwrap_or(total)
    }
}

impl std::fmt::Display for Fraction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.numerator, self.denominator)
    }
}

/// The default core-window share: 9 days in 10.
pub(super) const DEFAULT_CORE_WINDOW_SHARE: Fraction = Fraction {
    numerator: 9,
    denominator: 10,
};

/// Settings of an [`OverlapPlanner`](crate::OverlapPlanner).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(
    feature = "serde",
    serde(try_from = "OverlapConfigRepr", into = "OverlapConfigRepr")
)]
pub struct OverlapConfig {
    anchor: Tz,
    anchor_workdays: Workdays,
    async_first_below_minutes: u32,
    core_window_share: Fraction,
}

/// The serialised form of an [`OverlapConfig`], validated through its setters.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct OverlapConfigRepr {
    anchor: Tz,
    anchor_workdays: Workdays,
    async_first_below_minutes: u32,
    core_window_share: FractionRepr,
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct FractionRepr {
    numerator: u32,
    denominator: u32,
}

#[cfg(feature = "serde")]
impl TryFrom<OverlapConfigRepr> for OverlapConfig {
    type Error = Error;
    fn try_from(r: OverlapConfigRepr) -> Result<Self, Error> {
        Self::default()
            .with_anchor(r.anchor)
            .with_anchor_workdays(r.anchor_workdays)?
            .with_async_first_below_minutes(r.async_first_below_minutes)
            .with_core_window_share(
                r.core_window_share.numerator,
                r.core_window_share.denominator,
            )
    }
}

#[cfg(feature = "serde")]
impl From<OverlapConfig> for OverlapConfigRepr {
    fn from(c: OverlapConfig) -> Self {
        Self {
            anchor: c.anchor,
            anchor_workdays: c.anchor_workdays,
            async_first_below_minutes: c.async_first_below_minutes,
            core_window_share: FractionRepr {
                numerator: c.core_window_share.numerator,
                denominator: c.core_window_share.denominator,
            },
        }
    }
}

impl Default for OverlapConfig {
    /// Anchor UTC, Monday–Friday, async-first below 120 minutes, core window share 9/10.
    fn default() -> Self {
        Self {
            anchor: Tz::UTC,
            anchor_workdays: Workdays::MON_FRI,
            async_first_below_minutes: 120,
            core_window_share: DEFAULT_CORE_WINDOW_SHARE,
        }
    }
}

impl OverlapConfig {
    /// The zone whose dates and wall clock the results are expressed in.
    #[must_use]
    pub fn with_anchor(mut self, anchor: Tz) -> Self {
        self.anchor = anchor;
        self
    }

    /// The anchor weekdays the summary is taken over.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] if empty.
    pub fn with_anchor_workdays(mut self, days: Workdays) -> Result<Self, Error> {
        if days.is_empty() {
            return Err(Error::InvalidConfig {
                record: "overlap config",
                field: "anchor_workdays",
                reason: "must not be empty".into(),
            });
        }
        self.anchor_workdays = days;
        Ok(self)
    }

    /// Teams whose typical daily overlap is under this many minutes are told to work
    /// async-first.
    #[must_use]
    pub fn with_async_first_below_minutes(mut self, minutes: u32) -> Self {
        self.async_first_below_minutes = minutes;
        self
    }

    /// The share of anchor workdays a minute must be shared on to be part of the core
    /// collaboration window, as the exact fraction `numerator / denominator` (9/10 by
    /// default; `(56, 100)` for 56%). A minute qualifies when it is shared on at least
    /// `ceil(numerator × workdays / denominator)` anchor workdays, computed exactly.
    ///
    /// ```
    /// use remit_collab_tools::overlap::OverlapConfig;
    /// let config = OverlapConfig::default().with_core_window_share(56, 100)?;
    /// assert_eq!(config.core_window_share().ceil_of(25), 14);
    /// # Ok::<(), remit_collab_tools::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidFraction`] unless `0 < numerator <= denominator`.
    pub fn with_core_window_share(
        mut self,
        numerator: u32,
        denominator: u32,
    ) -> Result<Self, Error> {
        let Some(share) = Fraction::new(numerator, denominator) else {
            return Err(Error::InvalidFraction {
                record: "overlap config",
                field: "core_window_share",
                numerator,
                denominator,
            });
        };
        self.core_window_share = share;
        Ok(self)
    }

    /// The zone whose dates and wall clock results are expressed in (default UTC).
    pub fn anchor(&self) -> Tz {
        self.anchor
    }

    /// The anchor weekdays the summary is taken over (default Monday to Friday).
    pub fn anchor_workdays(&self) -> Workdays {
        self.anchor_workdays
    }

    /// The async-first threshold in minutes.
    pub fn async_first_below_minutes(&self) -> u32 {
        self.async_first_below_minutes
    }

    /// The share of anchor workdays a minute must be shared on to join the core window.
    pub fn core_window_share(&self) -> Fraction {
        self.core_window_share
    }
}
