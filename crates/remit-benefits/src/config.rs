//! [`Config`]: how the audit values benefits and judges a gap.

use chrono::NaiveDate;
use remit_core::Rounding;
use rust_decimal::Decimal;

use crate::catalogue::OfficeDays;
use crate::error::Error;

/// Which standard errors the adjusted gap uses.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Covariance {
    /// Homoskedastic errors, t-distribution (statsmodels `nonrobust`).
    Classical,
    /// Heteroskedasticity-consistent HC1 errors, normal distribution (statsmodels
    /// `HC1`). The default: benefit values vary more in some groups than in others.
    #[default]
    Hc1,
}

/// How the audit values benefits and when it calls a gap: built from the valuation date
/// with [`Config::new`], then `with_*` setters. A setter whose value can be invalid
/// returns a `Result` and never clamps.
///
/// There is no privacy setting here: the minimum group size and everything else about
/// what may be published belong to the [`Disclosure`](remit_core::disclosure::Disclosure)
/// engine passed to [`audit`](fn@crate::audit).
///
/// Deserialisation applies the same checks as the setters.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_benefits::{Config, Covariance, Error};
///
/// let config = Config::new(NaiveDate::from_ymd_opt(2026, 6, 30).unwrap())
///     .with_threshold(0.03)?
///     .with_covariance(Covariance::Classical);
/// assert_eq!(config.threshold(), 0.03);
/// assert_eq!(config.min_total(), 30); // the 30/5 rule by default
/// // Out of range is an error naming the field, never a silent clamp.
/// assert!(matches!(
///     config.with_alpha(1.5),
///     Err(Error::InvalidConfig { field: "alpha", .. })
/// ));
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ConfigFields"))]
pub struct Config {
    as_of: NaiveDate,
    hybrid_office_days: OfficeDays,
    rounding: Rounding,
    threshold: f64,
    alpha: f64,
    covariance: Covariance,
    min_total: usize,
    min_group: usize,
    detail_tables: bool,
}

impl Config {
    /// Values benefits on `as_of` (who is employed, tenure, the prices in force), with
    /// the defaults: hybrid staff in the office 3 days a week unless their enrolment
    /// says otherwise, half-even rounding, a 5% gap threshold, significance at 5%, HC1
    /// errors and the 30/5 rule.
    pub fn new(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            hybrid_office_days: OfficeDays::new(Decimal::from(3)).unwrap_or(OfficeDays::NONE),
            rounding: Rounding::HalfEven,
            threshold: 0.05,
            alpha: 0.05,
            covariance: Covariance::Hc1,
            min_total: 30,
            min_group: 5,
            detail_tables: false,
        }
    }

    /// Sets the office days a week assumed for hybrid staff without a recorded figure
    /// (an [`OfficeDays`] is always 0–7).
    #[must_use]
    pub fn with_hybrid_office_days(mut self, days: OfficeDays) -> Self {
        self.hybrid_office_days = days;
        self
    }

    /// Sets how valuation lines and totals are rounded to the currency's minor unit.
    #[must_use]
    pub fn with_rounding(mut self, rounding: Rounding) -> Self {
        self.rounding = rounding;
        self
    }

    /// Sets the gap threshold: the size of adjusted gap, as a share in `(0, 1)`, from
    /// which a significant gap is flagged (default 0.05, the EU Pay Transparency
    /// Directive's 5%, applied by analogy).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] naming `threshold` outside `(0, 1)`.
    pub fn with_threshold(mut self, threshold: f64) -> Result<Self, Error> {
        if !(threshold > 0.0 && threshold < 1.0) {
            return Err(Error::InvalidConfig {
                field: "threshold",
                reason: format!("must be in (0, 1), got {threshold}"),
            });
        }
        self.threshold = threshold;
        Ok(self)
    }

    /// Sets the significance level of the gap test, in `(0, 1)` (default 0.05); the
    /// confidence intervals are `1 − alpha`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] naming `alpha` outside `(0, 1)`.
    pub fn with_alpha(mut self, alpha: f64) -> Result<Self, Error> {
        if !(alpha > 0.0 && alpha < 1.0) {
            return Err(Error::InvalidConfig {
                field: "alpha",
                reason: format!("must be in (0, 1), got {alpha}"),
            });
        }
        self.alpha = alpha;
        Ok(self)
    }

    /// Sets the standard errors of the adjusted gap.
    #[must_use]
    pub fn with_covariance(mut self, covariance: Covariance) -> Self {
        self.covariance = covariance;
        self
    }

    /// Sets the fewest employees in the regression for any gap to be estimated
    /// (`total`) and the fewest of each compared work mode and of onsite staff
    /// (`group`); default 30 and 5, the 30/5 rule. Both at least 1.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidConfig`] naming `min_total` or `min_group` for a zero.
    pub fn with_minimums(mut self, total: usize, group: usize) -> Result<Self, Error> {
        for (field, value) in [("min_total", total), ("min_group", group)] {
            if value == 0 {
                return Err(Error::InvalidConfig {
                    field,
                    reason: "must be at least 1, got 0".to_owned(),
                });
            }
        }
        self.min_total = total;
        self.min_group = group;
        Ok(self)
    }

    /// Also publishes the detail tables (default off): work mode × country and work
    /// mode × level ([`EquityAnalysis::by_country`](crate::EquityAnalysis::by_country),
    /// [`by_level`](crate::EquityAnalysis::by_level)), and the per-currency totals of
    /// forgone perks ([`UnmatchedPerk::forgone_by_currency`](crate::UnmatchedPerk::forgone_by_currency))
    /// and of remediation budgets ([`RemediationBudget::totals`](crate::RemediationBudget::totals)).
    ///
    /// Off by default because fine cuts use up what the disclosure engine can grant
    /// later: once work mode × country (or currency) × level cells are published, a
    /// group another domain defines (staff far from their team's centre) splits some
    /// cell into a part under the minimum, so a scorecard's cross-domain comparisons of
    /// benefit value are refused. Turn it on for a benefits-only report; the
    /// per-currency budgets are always in [`plan_remediation`](crate::plan_remediation)'s
    /// payroll plans.
    #[must_use]
    pub fn with_detail_tables(mut self, detail_tables: bool) -> Self {
        self.detail_tables = detail_tables;
        self
    }

    /// The valuation date: who is employed, their tenure and the prices in force are taken
    /// on this day.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }
    /// The office days a week assumed for hybrid staff without a recorded figure.
    pub fn hybrid_office_days(&self) -> OfficeDays {
        self.hybrid_office_days
    }
    /// How lines and totals are rounded to the minor unit.
    pub fn rounding(&self) -> Rounding {
        self.rounding
    }
    /// The gap threshold, a share in `(0, 1)`.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }
    /// The significance level, in `(0, 1)`.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }
    /// The standard errors of the adjusted gap.
    pub fn covariance(&self) -> Covariance {
        self.covariance
    }
    /// The fewest employees in the regression for any gap to be estimated.
    pub fn min_total(&self) -> usize {
        self.min_total
    }
    /// The fewest employees of a compared work mode, and of onsite staff, for its gap
    /// to be estimated.
    pub fn min_group(&self) -> usize {
        self.min_group
    }
    /// Whether the detail tables are published (see [`Config::with_detail_tables`]).
    pub fn detail_tables(&self) -> bool {
        self.detail_tables
    }
}

/// The fields of [`Config`] as they are serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct ConfigFields {
    as_of: NaiveDate,
    hybrid_office_days: OfficeDays,
    rounding: Rounding,
    threshold: f64,
    alpha: f64,
    covariance: Covariance,
    min_total: usize,
    min_group: usize,
    #[serde(default)]
    detail_tables: bool,
}

#[cfg(feature = "serde")]
impl TryFrom<ConfigFields> for Config {
    type Error = Error;

    fn try_from(f: ConfigFields) -> Result<Self, Self::Error> {
        Config::new(f.as_of)
            .with_hybrid_office_days(f.hybrid_office_days)
            .with_rounding(f.rounding)
            .with_covariance(f.covariance)
            .with_detail_tables(f.detail_tables)
            .with_threshold(f.threshold)?
            .with_alpha(f.alpha)?
            .with_minimums(f.min_total, f.min_group)
    }
}
