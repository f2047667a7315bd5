//! How the audit runs: [`Config`] and its parts.

use core::fmt;

use chrono::{Months, NaiveDate};
use remit_core::{Period, WorkMode};

use crate::covariate::Covariate;
use crate::error::Error;

/// The four-fifths threshold of the Uniform Guidelines, 29 CFR 1607.4(D): an impact
/// ratio (focal rate / reference rate) below 0.8 is evidence of adverse impact. Work
/// mode is not a protected class; the rule is applied here by analogy.
pub const FOUR_FIFTHS: f64 = 0.8;

/// The smallest share of the analysed pool (0.02, two per cent) a work-mode group must
/// hold to serve as the [`ReferenceGroup::HighestRate`] reference, so a tiny group with
/// a lucky rate does not become the benchmark.
pub const HIGHEST_RATE_MIN_SHARE: f64 = 0.02;

/// The group every other work mode is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum ReferenceGroup {
    /// A fixed work mode; the default is onsite, the group proximity bias would favour.
    Mode(WorkMode),
    /// The work mode with the highest promotion rate, as the Uniform Guidelines
    /// (29 CFR 1607.4(D)) define the comparison group for the four-fifths rule.
    /// Following practice, only groups holding at least 2% of the pool qualify, so a
    /// tiny group with a lucky rate does not become the benchmark.
    HighestRate,
}

impl Default for ReferenceGroup {
    fn default() -> Self {
        Self::Mode(WorkMode::Onsite)
    }
}

/// What the stratified (Cochran–Mantel–Haenszel) analysis stratifies by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Stratification {
    /// Job level (the default): promotion rates differ sharply by level, and work-mode
    /// mixes often do too.
    #[default]
    Level,
    /// Department: for organisations where promotion rates differ more between
    /// departments than between levels.
    Department,
}

impl fmt::Display for Stratification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Stratification::Level => "level",
            Stratification::Department => "department",
        })
    }
}

/// How p-values are adjusted across the focal work modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum MultipleTesting {
    /// Holm's step-down method (the default): controls the family-wise error rate.
    #[default]
    Holm,
    /// Benjamini–Hochberg: controls the false discovery rate.
    BenjaminiHochberg,
    /// No adjustment: each focal group's Fisher p-value is used as it is.
    None,
}

/// The longest observation window [`Config::with_window_months`] accepts: ten years.
pub const MAX_WINDOW_MONTHS: u32 = 120;

/// How the promotion audit runs.
///
/// Built from `as_of`, the day after the observation window (the window is the
/// `window_months` calendar months before it, 12 by default, `[as_of − 12 months,
/// as_of)`). The window is what [`Inputs::new`](crate::Inputs::new) turns promotion
/// events into records over; an analysis-ready [`PromotionTable`](crate::PromotionTable)
/// already carries months relative to its own window, and `as_of` then only dates the
/// report.
///
/// Defaults: reference group onsite, stratified by level, regression covariates
/// performance, tenure and level, alpha 0.05, power 0.80 for the minimum detectable
/// ratio, Holm adjustment, no intersectional cuts. Privacy settings (the minimum group
/// size) are not here: they belong to the [`Disclosure`](remit_core::disclosure::Disclosure)
/// engine passed to [`audit`](crate::audit).
///
/// Setters whose value can be invalid return `Result` and never clamp.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_promotion_bias::{Config, Error, MultipleTesting, ReferenceGroup};
///
/// let as_of = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
/// let config = Config::new(as_of)
///     .with_window_months(24)?
///     .with_reference(ReferenceGroup::HighestRate)
///     .with_alpha(0.01)?
///     .with_multiple_testing(MultipleTesting::BenjaminiHochberg)
///     .with_intersections(["gender"])?;
/// assert_eq!(config.alpha(), 0.01);
/// assert_eq!(config.window()?.start(), NaiveDate::from_ymd_opt(2023, 1, 1).unwrap());
/// assert!(matches!(
///     Config::new(as_of).with_alpha(1.5),
///     Err(Error::OutOfUnitInterval { field: "alpha", .. })
/// ));
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ConfigRepr", into = "ConfigRepr"))]
pub struct Config {
    as_of: NaiveDate,
    window_months: u32,
    reference: ReferenceGroup,
    stratification: Stratification,
    covariates: Vec<Covariate>,
    alpha: f64,
    power: f64,
    multiple_testing: MultipleTesting,
    intersections: Vec<String>,
}

fn unit(field: &'static str, value: f64) -> Result<f64, Error> {
    if value > 0.0 && value < 1.0 {
        Ok(value)
    } else {
        Err(Error::OutOfUnitInterval { field, value })
    }
}

impl Config {
    /// The default configuration for an audit whose observation window ends the day
    /// before `as_of` (the 12 months before it).
    pub fn new(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            window_months: 12,
            reference: ReferenceGroup::default(),
            stratification: Stratification::default(),
            covariates: Covariate::DEFAULT.to_vec(),
            alpha: 0.05,
            power: 0.80,
            multiple_testing: MultipleTesting::default(),
            intersections: Vec::new(),
        }
    }

    /// Sets the length of the observation window in calendar months (1 to
    /// [`MAX_WINDOW_MONTHS`]; default 12).
    ///
    /// # Errors
    /// [`Error::WindowMonths`] outside 1–120; [`Error::WindowOutOfCalendar`] when the
    /// window would start before the calendar chrono supports.
    pub fn with_window_months(mut self, months: u32) -> Result<Self, Error> {
        if !(1..=MAX_WINDOW_MONTHS).contains(&months) {
            return Err(Error::WindowMonths {
                value: months,
                max: MAX_WINDOW_MONTHS,
            });
        }
        self.window_months = months;
        self.window()?;
        Ok(self)
    }
    /// Sets the reference group (default: onsite).
    #[must_use]
    pub fn with_reference(mut self, reference: ReferenceGroup) -> Self {
        self.reference = reference;
        self
    }
    /// Sets what the stratified analysis stratifies by (default: level).
    #[must_use]
    pub fn with_stratification(mut self, stratification: Stratification) -> Self {
        self.stratification = stratification;
        self
    }
    /// Sets the regression covariates (work mode is always in the model); an empty
    /// list fits work mode alone.
    ///
    /// # Errors
    /// [`Error::DuplicateCovariate`] when one is listed twice.
    pub fn with_covariates(
        mut self,
        covariates: impl IntoIterator<Item = Covariate>,
    ) -> Result<Self, Error> {
        let mut list: Vec<Covariate> = Vec::new();
        for c in covariates {
            if list.contains(&c) {
                return Err(Error::DuplicateCovariate { covariate: c });
            }
            list.push(c);
        }
        self.covariates = list;
        Ok(self)
    }
    /// Sets the significance level of every test and the confidence level (`1 − alpha`)
    /// of every interval (default 0.05).
    ///
    /// # Errors
    /// [`Error::OutOfUnitInterval`] unless `0 < alpha < 1`.
    pub fn with_alpha(mut self, alpha: f64) -> Result<Self, Error> {
        self.alpha = unit("alpha", alpha)?;
        Ok(self)
    }
    /// Sets the power at which the minimum detectable impact ratio is computed
    /// (default 0.80).
    ///
    /// # Errors
    /// [`Error::OutOfUnitInterval`] unless `0 < power < 1`.
    pub fn with_power(mut self, power: f64) -> Result<Self, Error> {
        self.power = unit("power", power)?;
        Ok(self)
    }
    /// Sets the adjustment of the focal groups' Fisher p-values (default: Holm).
    #[must_use]
    pub fn with_multiple_testing(mut self, method: MultipleTesting) -> Self {
        self.multiple_testing = method;
        self
    }
    /// Sets the attributes to cut by work mode (e.g. `["gender"]`); keys are trimmed and
    /// a repeated key is kept once.
    ///
    /// # Errors
    /// [`Error::EmptyIntersectionKey`] for an empty key.
    pub fn with_intersections<S: Into<String>>(
        mut self,
        keys: impl IntoIterator<Item = S>,
    ) -> Result<Self, Error> {
        let mut list = Vec::new();
        for key in keys {
            let key: String = key.into();
            let key = key.trim().to_owned();
            if key.is_empty() {
                return Err(Error::EmptyIntersectionKey);
            }
            if !list.contains(&key) {
                list.push(key);
            }
        }
        self.intersections = list;
        Ok(self)
    }

    /// The day after the observation window; the date the report is as of.
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }
    /// The length of the observation window, in calendar months (1–120).
    pub fn window_months(&self) -> u32 {
        self.window_months
    }
    /// The observation window, `[as_of − window_months, as_of)`.
    ///
    /// # Errors
    /// [`Error::WindowOutOfCalendar`] when it would start before the calendar chrono
    /// supports.
    pub fn window(&self) -> Result<Period, Error> {
        self.as_of
            .checked_sub_months(Months::new(self.window_months))
            .and_then(|start| Period::new(start, self.as_of).ok())
            .ok_or(Error::WindowOutOfCalendar {
                as_of: self.as_of,
                months: self.window_months,
            })
    }
    /// The group every other work mode is compared with (default: onsite).
    pub fn reference(&self) -> ReferenceGroup {
        self.reference
    }
    /// What the stratified analysis stratifies by.
    pub fn stratification(&self) -> Stratification {
        self.stratification
    }
    /// The regression covariates besides work mode, in the configured order.
    pub fn covariates(&self) -> &[Covariate] {
        &self.covariates
    }
    /// The significance level, strictly between 0 and 1.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }
    /// The power for the minimum detectable ratio, strictly between 0 and 1.
    pub fn power(&self) -> f64 {
        self.power
    }
    /// How the focal groups' Fisher p-values are adjusted (default: Holm).
    pub fn multiple_testing(&self) -> MultipleTesting {
        self.multiple_testing
    }
    /// The attribute keys cut by work mode, trimmed and distinct.
    pub fn intersections(&self) -> &[String] {
        &self.intersections
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct ConfigRepr {
    as_of: NaiveDate,
    window_months: u32,
    reference: ReferenceGroup,
    stratification: Stratification,
    covariates: Vec<Covariate>,
    alpha: f64,
    power: f64,
    multiple_testing: MultipleTesting,
    #[serde(default)]
    intersections: Vec<String>,
}

#[cfg(feature = "serde")]
impl TryFrom<ConfigRepr> for Config {
    type Error = Error;

    fn try_from(r: ConfigRepr) -> Result<Self, Self::Error> {
        Config::new(r.as_of)
            .with_window_months(r.window_months)?
            .with_reference(r.reference)
            .with_stratification(r.stratification)
            .with_covariates(r.covariates)?
            .with_alpha(r.alpha)?
            .with_power(r.power)?
            .with_multiple_testing(r.multiple_testing)
            .with_intersections(r.intersections)
    }
}

#[cfg(feature = "serde")]
impl From<Config> for ConfigRepr {
    fn from(c: Config) -> Self {
        ConfigRepr {
            as_of: c.as_of,
            window_months: c.window_months,
            reference: c.reference,
            stratification: c.stratification,
            covariates: c.covariates,
            alpha: c.alpha,
            power: c.power,
            multiple_testing: c.multiple_testing,
            intersections: c.intersections,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_of() -> NaiveDate {
        NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
    }

    #[test]
    fn defaults() {
        let c = Config::new(as_of());
        assert_eq!(c.reference(), ReferenceGroup::Mode(WorkMode::Onsite));
        assert_eq!(c.stratification(), Stratification::Level);
        assert_eq!(c.covariates(), &Covariate::DEFAULT);
        assert_eq!(c.alpha(), 0.05);
        assert_eq!(c.power(), 0.80);
        assert_eq!(c.multiple_testing(), MultipleTesting::Holm);
        assert_eq!(c.window_months(), 12);
        let window = c.window().unwrap();
        assert_eq!(window.start(), NaiveDate::from_ymd_opt(2024, 1, 1).unwrap());
        assert_eq!(window.end(), as_of());
    }

    #[test]
    fn bad_settings_are_rejected_naming_the_field() {
        for a in [0.0, 1.0, f64::NAN, -0.1] {
            assert!(matches!(
                Config::new(as_of()).with_alpha(a),
                Err(Error::OutOfUnitInterval { field: "alpha", .. })
            ));
            assert!(matches!(
                Config::new(as_of()).with_power(a),
                Err(Error::OutOfUnitInterval { field: "power", .. })
            ));
        }
        let dup = Config::new(as_of()).with_covariates([Covariate::Level, Covariate::Level]);
        assert_eq!(
            dup.unwrap_err(),
            Error::DuplicateCovariate {
                covariate: Covariate::Level
            }
        );
        assert_eq!(
            Config::new(as_of()).with_intersections([" "]).unwrap_err(),
            Error::EmptyIntersectionKey
        );
        for months in [0, MAX_WINDOW_MONTHS + 1] {
            assert_eq!(
                Config::new(as_of()).with_window_months(months).unwrap_err(),
                Error::WindowMonths {
                    value: months,
                    max: MAX_WINDOW_MONTHS
                }
            );
        }
        let first = NaiveDate::MIN;
        assert_eq!(
            Config::new(first).with_window_months(1).unwrap_err(),
            Error::WindowOutOfCalendar {
                as_of: first,
                months: 1
            }
        );
    }

    #[cfg(feature = "serde")]
    #[test]
    fn deserialisation_validates_like_the_setters() {
        let config = Config::new(as_of()).with_intersections(["gender"]).unwrap();
        let json = serde_json::to_string(&config).unwrap();
        assert_eq!(serde_json::from_str::<Config>(&json).unwrap(), config);
        let bad = json.replace("\"alpha\":0.05", "\"alpha\":2.0");
        let err = serde_json::from_str::<Config>(&bad)
            .unwrap_err()
            .to_string();
        assert!(err.contains("field `alpha`"), "{err}");
        let bad = json.replace("\"window_months\":12", "\"window_months\":0");
        let err = serde_json::from_str::<Config>(&bad)
            .unwrap_err()
            .to_string();
        assert!(err.contains("field `window_months`"), "{err}");
    }
}
