//! [`Config`]: what the equipment audit checks against.

use chrono::{Months, NaiveDate};

use crate::error::Error;
use crate::retrieval::RetrievalPolicy;

/// The longest audit interval or forecast horizon accepted, in months (100 years).
pub const MAX_MONTHS: u32 = 1200;

/// What [`audit`](crate::audit) checks against: the date it describes, the offboarding
/// retrieval policy, the physical-audit interval and the forecast horizon.
///
/// Built from the as-of date with defaults; every `with_*` setter whose value can be
/// invalid returns a [`Result`] and never clamps. Privacy is not configured here: the
/// [`Disclosure`](remit_core::disclosure::Disclosure) engine passed to `audit` carries
/// the minimum group size.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_assets::{Config, Error, RetrievalPolicy};
///
/// let as_of = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
/// let config = Config::new(as_of)
///     .with_retrieval(RetrievalPolicy::new(21, vec![3, 7, 14], 14)?)
///     .with_audit_interval_months(6)?
///     .with_horizon_months(12)?;
/// assert_eq!(config.audit_interval_months(), 6);
/// assert_eq!(config.retrieval().sla_days(), 21);
///
/// // Out-of-range values are refused, never clamped.
/// assert!(matches!(
///     Config::new(as_of).with_audit_interval_months(0),
///     Err(Error::AuditInterval { months: 0 })
/// ));
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    as_of: NaiveDate,
    retrieval: RetrievalPolicy,
    audit_interval_months: u32,
    horizon_months: u32,
}

impl Config {
    /// The configuration for the day `as_of` (the report describes the end of that day),
    /// with the defaults: [`RetrievalPolicy::default`] (30-day return deadline), a
    /// physical audit every 12 months (Snipe-IT's default `audit_interval`), and a
    /// 6-month horizon for end-of-life and warranty forecasts.
    pub fn new(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            retrieval: RetrievalPolicy::default(),
            audit_interval_months: 12,
            horizon_months: 6,
        }
    }

    /// The offboarding retrieval policy: return deadline, reminders and escalation (a
    /// [`RetrievalPolicy`] is valid once built).
    #[must_use]
    pub fn with_retrieval(mut self, policy: RetrievalPolicy) -> Self {
        self.retrieval = policy;
        self
    }

    /// Months between physical audits of an asset, 1 to 1 200: an asset whose last audit
    /// (or purchase, if never audited) is longer ago than this is overdue.
    ///
    /// # Errors
    ///
    /// [`Error::AuditInterval`] for 0 or more than 1 200 months.
    pub fn with_audit_interval_months(mut self, months: u32) -> Result<Self, Error> {
        if months == 0 || months > MAX_MONTHS {
            return Err(Error::AuditInterval { months });
        }
        self.audit_interval_months = months;
        Ok(self)
    }

    /// Months ahead, 0 to 1 200, in which end-of-life and warranty dates are forecast (0:
    /// no forecast). The horizon ends `months` after the as-of date.
    ///
    /// # Errors
    ///
    /// [`Error::Horizon`] for more than 1 200 months, or when the horizon would end past
    /// the calendar the date type supports.
    pub fn with_horizon_months(mut self, months: u32) -> Result<Self, Error> {
        if months > MAX_MONTHS || self.as_of.checked_add_months(Months::new(months)).is_none() {
            return Err(Error::Horizon {
                months,
                as_of: self.as_of,
            });
        }
        self.horizon_months = months;
        Ok(self)
    }

    /// The date the report describes (the end of that day).
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// The offboarding retrieval policy.
    pub fn retrieval(&self) -> &RetrievalPolicy {
        &self.retrieval
    }

    /// Months between physical audits, 1 to 1 200.
    pub fn audit_interval_months(&self) -> u32 {
        self.audit_interval_months
    }

    /// The forecast horizon in months, 0 to 1 200.
    pub fn horizon_months(&self) -> u32 {
        self.horizon_months
    }

    /// The last day of the forecast horizon (the calendar's last day when the default
    /// horizon of a far-future as-of date runs past it: every date is then inside).
    pub(crate) fn horizon_end(&self) -> NaiveDate {
        self.as_of
            .checked_add_months(Months::new(self.horizon_months))
            .unwrap_or(NaiveDate::MAX)
    }
}
