//! [`Config`]: the audit date and every threshold of the tools audit.

use chrono::NaiveDate;

use crate::error::Error;
use crate::overlap::{MAX_RANGE_DAYS, OverlapConfig};

/// The default distance, in hours, from a team's time-zone centre at which a member
/// counts as far from it: two members 3 hours either side of the centre are 6 hours
/// apart and share at most 2 hours of an 8-hour day, the overlap under which a team is
/// told to work async-first.
pub const DEFAULT_FAR_FROM_CENTRE_HOURS: f64 = 3.0;

/// The default length, in days, of the period over which team overlaps are planned: the
/// year from the audit date, so every daylight-saving change of every member counts.
pub const DEFAULT_OVERLAP_DAYS: u32 = 365;

/// The audit date and the thresholds of the tools audit; see the crate documentation
/// for each rule and `docs/methodology/collab-tools.md` for where each default comes
/// from.
///
/// Built from the audit date with [`Config::new`]; every `with_*` setter whose value can
/// be invalid returns a `Result` and never clamps. There is no privacy setting here:
/// every figure about people is released by the [`Disclosure`] engine passed to
/// [`audit`](crate::audit), which carries the minimum group size.
///
/// Deserialisation validates through the same setters.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_collab_tools::{Config, Error};
///
/// let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
/// let config = Config::new(as_of)
///     .with_inactive_after_days(90)? // Productiv uses 60; a quarter here
///     .with_replace_below(50)?;
/// assert_eq!(config.inactive_after_days(), 90);
/// assert_eq!(config.overlap_days(), 365);
///
/// // Out-of-range values are refused, not clamped.
/// assert!(matches!(
///     Config::new(as_of).with_replace_below(120),
///     Err(Error::InvalidConfig { field: "replace_below", .. })
/// ));
/// # Ok::<(), Error>(())
/// ```
///
/// [`Disclosure`]: remit_core::disclosure::Disclosure
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ConfigRepr", into = "ConfigRepr"))]
pub struct Config {
    as_of: NaiveDate,
    inactive_after_days: u32,
    replace_below: u8,
    sprawl_capability_overlap: f64,
    chat_retention_max_days: u32,
    renewal_review_days: u32,
    far_from_centre_hours: f64,
    overlap: OverlapConfig,
    overlap_days: u32,
}

/// The serialised form of a [`Config`], validated through its setters.
#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct ConfigRepr {
    as_of: NaiveDate,
    inactive_after_days: u32,
    replace_below: u8,
    sprawl_capability_overlap: f64,
    chat_retention_max_days: u32,
    renewal_review_days: u32,
    far_from_centre_hours: f64,
    overlap: OverlapConfig,
    overlap_days: u32,
}

#[cfg(feature = "serde")]
impl TryFrom<ConfigRepr> for Config {
    type Error = Error;
    fn try_from(r: ConfigRepr) -> Result<Self, Error> {
        Self::new(r.as_of)
            .with_inactive_after_days(r.inactive_after_days)?
            .with_replace_below(r.replace_below)?
            .with_sprawl_capability_overlap(r.sprawl_capability_overlap)?
            .with_chat_retention_max_days(r.chat_retention_max_days)?
            .with_renewal_review_days(r.renewal_review_days)
            .with_far_from_centre_hours(r.far_from_centre_hours)?
            .with_overlap(r.overlap)
            .with_overlap_days(r.overlap_days)
    }
}

#[cfg(feature = "serde")]
impl From<Config> for ConfigRepr {
    fn from(c: Config) -> Self {
        Self {
            as_of: c.as_of,
            inactive_after_days: c.inactive_after_days,
            replace_below: c.replace_below,
            sprawl_capability_overlap: c.sprawl_capability_overlap,
            chat_retention_max_days: c.chat_retention_max_days,
            renewal_review_days: c.renewal_review_days,
            far_from_centre_hours: c.far_from_centre_hours,
            overlap: c.overlap,
            overlap_days: c.overlap_days,
        }
    }
}

fn invalid(field: &'static str, reason: String) -> Error {
    Error::InvalidConfig {
        record: "tools audit config",
        field,
        reason,
    }
}

impl Config {
    /// The defaults for an audit on `as_of`: seats inactive after 60 days, replace below
    /// a score of 40, sprawl at a capability overlap of 0.5, chat retention up to 90
    /// days, renewals reviewed 90 days ahead, far from a team's centre at 3 hours, and
    /// team overlaps planned over the 365 days from `as_of` with
    /// [`OverlapConfig::default`].
    pub fn new(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            inactive_after_days: 60,
            replace_below: 40,
            sprawl_capability_overlap: 0.5,
            chat_retention_max_days: 90,
            renewal_review_days: 90,
            far_from_centre_hours: DEFAULT_FAR_FROM_CENTRE_HOURS,
            overlap: OverlapConfig::default(),
            overlap_days: DEFAULT_OVERLAP_DAYS,
        }
    }

    /// Days without activity after which a seat counts as inactive (Productiv: 60). A
    /// seat is active when its last activity is on or after `as_of − days`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] (field `inactive_after_days`) if zero.
    pub fn with_inactive_after_days(mut self, days: u32) -> Result<Self, Error> {
        if days == 0 {
            return Err(invalid("inactive_after_days", "must be at least 1".into()));
        }
        self.inactive_after_days = days;
        Ok(self)
    }

    /// Async-suitability scores (0–100) under this are told to replace the tool, or to
    /// improve it when it is the only tool of its category.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] (field `replace_below`) above 100.
    pub fn with_replace_below(mut self, score: u8) -> Result<Self, Error> {
        if score > 100 {
            return Err(invalid(
                "replace_below",
                format!("must be 0-100, got {score}"),
            ));
        }
        self.replace_below = score;
        Ok(self)
    }

    /// The capability overlap (Jaccard index of enabled capabilities, 0–1) at which two
    /// tools of one category are linked as possible sprawl.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidShare`] outside `[0, 1]` or not a number.
    pub fn with_sprawl_capability_overlap(mut self, share: f64) -> Result<Self, Error> {
        if !(0.0..=1.0).contains(&share) {
            return Err(Error::InvalidShare {
                record: "tools audit config",
                field: "sprawl_capability_overlap",
                value: share,
            });
        }
        self.sprawl_capability_overlap = share;
        Ok(self)
    }

    /// The longest chat message retention, in days, that needs no reconfiguration
    /// (GitLab: expire messages after 90 days). A chat tool keeping messages longer, or
    /// for an unknown time, is told to expire them after this many days.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] (field `chat_retention_max_days`) if zero: a chat that
    /// keeps nothing is no forcing function, it is a broken chat.
    pub fn with_chat_retention_max_days(mut self, days: u32) -> Result<Self, Error> {
        if days == 0 {
            return Err(invalid(
                "chat_retention_max_days",
                "must be at least 1".into(),
            ));
        }
        self.chat_retention_max_days = days;
        Ok(self)
    }

    /// Licence waste on a tool renewing within this many days of `as_of` (or already
    /// past its renewal) raises the licence-waste finding to medium severity (Zylo:
    /// review usage 90 days before renewal). Any number of days is valid; 0 raises it
    /// only for renewals due on or before `as_of`.
    #[must_use]
    pub fn with_renewal_review_days(mut self, days: u32) -> Self {
        self.renewal_review_days = days;
        self
    }

    /// Members at least this many hours (on the 24-hour clock) from their team's
    /// time-zone centre form the "far from their team's centre" group (default
    /// [`DEFAULT_FAR_FROM_CENTRE_HOURS`]).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] (field `far_from_centre_hours`) unless
    /// `0 < hours <= 12` (no one is more than 12 hours from anywhere on the clock).
    pub fn with_far_from_centre_hours(mut self, hours: f64) -> Result<Self, Error> {
        if !(hours > 0.0 && hours <= 12.0) {
            return Err(invalid(
                "far_from_centre_hours",
                format!("must be more than 0 and at most 12, got {hours}"),
            ));
        }
        self.far_from_centre_hours = hours;
        Ok(self)
    }

    /// The settings team overlaps are planned with: anchor zone, anchor workdays, the
    /// async-first threshold and the core-window share.
    #[must_use]
    pub fn with_overlap(mut self, overlap: OverlapConfig) -> Self {
        self.overlap = overlap;
        self
    }

    /// The number of days, from `as_of`, over which team overlaps are planned (default
    /// [`DEFAULT_OVERLAP_DAYS`]). A year sees every daylight-saving change; a shorter
    /// period audits faster but may miss the weeks when clocks disagree.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] (field `overlap_days`) unless 1 to
    /// [`MAX_RANGE_DAYS`](crate::MAX_RANGE_DAYS).
    pub fn with_overlap_days(mut self, days: u32) -> Result<Self, Error> {
        if days == 0 || i64::from(days) > MAX_RANGE_DAYS {
            return Err(invalid(
                "overlap_days",
                format!("must be 1 to {MAX_RANGE_DAYS}, got {days}"),
            ));
        }
        self.overlap_days = days;
        Ok(self)
    }

    /// The audit date: activity is judged back from it, renewals forward from it, time
    /// zones read on it and team overlaps planned from it.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// Days without activity after which a seat is inactive.
    pub fn inactive_after_days(&self) -> u32 {
        self.inactive_after_days
    }

    /// The async-suitability score (0–100) under which a tool is replaced or improved.
    pub fn replace_below(&self) -> u8 {
        self.replace_below
    }

    /// The capability overlap (Jaccard, 0–1) that links two tools of a category.
    pub fn sprawl_capability_overlap(&self) -> f64 {
        self.sprawl_capability_overlap
    }

    /// The longest chat retention, in days, that needs no reconfiguration.
    pub fn chat_retention_max_days(&self) -> u32 {
        self.chat_retention_max_days
    }

    /// Days before a renewal within which licence waste is raised to medium severity.
    pub fn renewal_review_days(&self) -> u32 {
        self.renewal_review_days
    }

    /// The far-from-centre distance, in hours on the 24-hour clock (0–12].
    pub fn far_from_centre_hours(&self) -> f64 {
        self.far_from_centre_hours
    }

    /// The settings team overlaps are planned with.
    pub fn overlap(&self) -> &OverlapConfig {
        &self.overlap
    }

    /// The number of days from `as_of` over which team overlaps are planned.
    pub fn overlap_days(&self) -> u32 {
        self.overlap_days
    }
}
