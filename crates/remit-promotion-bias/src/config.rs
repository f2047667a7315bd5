//! How the analysis runs: [`AnalysisConfig`] and its parts.

use core::fmt;

use remit_core::WorkMode;
use remit_core::privacy::MinGroupSize;

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
pub enum Stratification {
    /// Job level (the default): promotion rates differ sharply by level, and work-mode
    /// mixes often do too.
    #[default]
    Level,
    /// Department.
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

/// A covariate of the logistic regression (besides work mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Covariate {
    /// The performance rating, linear.
    Performance,
    /// Tenure in months, linear.
    Tenure,
    /// Job level, treatment-coded against the lowest level.
    Level,
    /// Department, treatment-coded against the first department in sort order.
    Department,
}

impl Covariate {
    /// The default covariates: performance, tenure and level.
    pub const DEFAULT: [Covariate; 3] =
        [Covariate::Performance, Covariate::Tenure, Covariate::Level];

    /// The name used in findings (`"performance"`, `"tenure"`, `"level"`, `"department"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Covariate::Performance => "performance",
            Covariate::Tenure => "tenure",
            Covariate::Level => "level",
            Covariate::Department => "department",
        }
    }
}

impl fmt::Display for Covariate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How p-values are adjusted across the focal work modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum MultipleTesting {
    /// Holm's step-down method (the default): controls the family-wise error rate.
    #[default]
    Holm,
    /// Benjamini–Hochberg: controls the false discovery rate.
    BenjaminiHochberg,
    /// No adjustment.
    None,
}

/// The configuration was invalid.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// A probability parameter was outside (0, 1).
    #[error("analysis config: field `{field}` must be strictly between 0 and 1, got {value}")]
    OutOfUnitInterval {
        /// The field.
        field: &'static str,
        /// The rejected value.
        value: f64,
    },
    /// The same covariate was listed twice.
    #[error("analysis config: field `covariates` lists {covariate} twice")]
    DuplicateCovariate {
        /// The repeated covariate.
        covariate: Covariate,
    },
    /// An intersectional attribute key was empty.
    #[error("analysis config: field `intersections` has an empty attribute key")]
    EmptyIntersectionKey,
}

/// The analysis configuration.
///
/// Defaults: reference group onsite, stratified by level, covariates performance,
/// tenure and level, alpha 0.05, power 0.80 for the minimum detectable ratio, minimum
/// group size 5, Holm adjustment, no intersectional cuts.
///
/// ```
/// use remit_core::privacy::MinGroupSize;
/// use remit_promotion_bias::{AnalysisConfig, MultipleTesting, ReferenceGroup};
///
/// let config = AnalysisConfig::default()
///     .with_reference(ReferenceGroup::HighestRate)
///     .with_alpha(0.01)?
///     .with_min_group_size(MinGroupSize::new(10)?)
///     .with_multiple_testing(MultipleTesting::BenjaminiHochberg)
///     .with_intersections(["gender"])?;
/// assert_eq!(config.alpha(), 0.01);
/// assert!(AnalysisConfig::default().with_alpha(1.5).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "ConfigRepr", into = "ConfigRepr"))]
pub struct AnalysisConfig {
    reference: ReferenceGroup,
    stratification: Stratification,
    covariates: Vec<Covariate>,
    alpha: f64,
    power: f64,
    min_group_size: MinGroupSize,
    multiple_testing: MultipleTesting,
    intersections: Vec<String>,
}

impl Default for AnalysisConfig {
    fn default() -> Self {
        Self {
            reference: ReferenceGroup::default(),
            stratification: Stratification::default(),
            covariates: Covariate::DEFAULT.to_vec(),
            alpha: 0.05,
            power: 0.80,
            min_group_size: MinGroupSize::default(),
            multiple_testing: MultipleTesting::default(),
            intersections: Vec::new(),
        }
    }
}

fn unit(field: &'static str, value: f64) -> Result<f64, ConfigError> {
    if value > 0.0 && value < 1.0 {
        Ok(value)
    } else {
        Err(ConfigError::OutOfUnitInterval { field, value })
    }
}

impl AnalysisConfig {
    /// Sets the reference group.
    #[must_use]
    pub fn with_reference(mut self, reference: ReferenceGroup) -> Self {
        self.reference = reference;
        self
    }
    /// Sets the stratification key.
    #[must_use]
    pub fn with_stratification(mut self, stratification: Stratification) -> Self {
        self.stratification = stratification;
        self
    }
    /// Sets the regression covariates (work mode is always in the model).
    ///
    /// # Errors
    /// [`ConfigError::DuplicateCovariate`] when one is listed twice.
    pub fn with_covariates(
        mut self,
        covariates: impl IntoIterator<Item = Covariate>,
    ) -> Result<Self, ConfigError> {
        let mut list: Vec<Covariate> = Vec::new();
        for c in covariates {
            if list.contains(&c) {
                return Err(ConfigError::DuplicateCovariate { covariate: c });
            }
            list.push(c);
        }
        self.covariates = list;
        Ok(self)
    }
    /// Sets the significance level.
    ///
    /// # Errors
    /// [`ConfigError::OutOfUnitInterval`] unless `0 < alpha < 1`.
    pub fn with_alpha(mut self, alpha: f64) -> Result<Self, ConfigError> {
        self.alpha = unit("alpha", alpha)?;
        Ok(self)
    }
    /// Sets the power at which the minimum detectable impact ratio is computed.
    ///
    /// # Errors
    /// [`ConfigError::OutOfUnitInterval`] unless `0 < power < 1`.
    pub fn with_power(mut self, power: f64) -> Result<Self, ConfigError> {
        self.power = unit("power", power)?;
        Ok(self)
    }
    /// Sets the minimum group size of the disclosure guard.
    #[must_use]
    pub fn with_min_group_size(mut self, min: MinGroupSize) -> Self {
        self.min_group_size = min;
        self
    }
    /// Sets the multiple-testing adjustment.
    #[must_use]
    pub fn with_multiple_testing(mut self, method: MultipleTesting) -> Self {
        self.multiple_testing = method;
        self
    }
    /// Sets the attributes to cut by work mode (e.g. `["gender"]`).
    ///
    /// # Errors
    /// [`ConfigError::EmptyIntersectionKey`] for an empty key.
    pub fn with_intersections<S: Into<String>>(
        mut self,
        keys: impl IntoIterator<Item = S>,
    ) -> Result<Self, ConfigError> {
        let mut list = Vec::new();
        for key in keys {
            let key: String = key.into();
            let key = key.trim().to_owned();
            if key.is_empty() {
                return Err(ConfigError::EmptyIntersectionKey);
            }
            if !list.contains(&key) {
                list.push(key);
            }
        }
        self.intersections = list;
        Ok(self)
    }

    /// The reference group.
    pub fn reference(&self) -> ReferenceGroup {
        self.reference
    }
    /// The stratification key.
    pub fn stratification(&self) -> Stratification {
        self.stratification
    }
    /// The regression covariates.
    pub fn covariates(&self) -> &[Covariate] {
        &self.covariates
    }
    /// The significance level.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }
    /// The power for the minimum detectable ratio.
    pub fn power(&self) -> f64 {
        self.power
    }
    /// The minimum group size.
    pub fn min_group_size(&self) -> MinGroupSize {
        self.min_group_size
    }
    /// The multiple-testing adjustment.
    pub fn multiple_testing(&self) -> MultipleTesting {
        self.multiple_testing
    }
    /// The attribute keys cut by work mode.
    pub fn intersections(&self) -> &[String] {
        &self.intersections
    }
}

#[cfg(feature = "serde")]
#[derive(serde::Serialize, serde::Deserialize)]
struct ConfigRepr {
    reference: ReferenceGroup,
    stratification: Stratification,
    covariates: Vec<Covariate>,
    alpha: f64,
    power: f64,
    min_group_size: MinGroupSize,
    multiple_testing: MultipleTesting,
    intersections: Vec<String>,
}

#[cfg(feature = "serde")]
impl TryFrom<ConfigRepr> for AnalysisConfig {
    type Error = ConfigError;

    fn try_from(r: ConfigRepr) -> Result<Self, Self::Error> {
        AnalysisConfig::default()
            .with_reference(r.reference)
            .with_stratification(r.stratification)
            .with_covariates(r.covariates)?
            .with_alpha(r.alpha)?
            .with_power(r.power)?
            .with_min_group_size(r.min_group_size)
            .with_multiple_testing(r.multiple_testing)
            .with_intersections(r.intersections)
    }
}

#[cfg(feature = "serde")]
impl From<AnalysisConfig> for ConfigRepr {
    fn from(c: AnalysisConfig) -> Self {
        ConfigRepr {
            reference: c.reference,
            stratification: c.stratification,
            covariates: c.covariates,
            alpha: c.alpha,
            power: c.power,
            min_group_size: c.min_group_size,
            multiple_testing: c.multiple_testing,
            intersections: c.intersections,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_issue() {
        let c = AnalysisConfig::default();
        assert_eq!(c.reference(), ReferenceGroup::Mode(WorkMode::Onsite));
        assert_eq!(c.stratification(), Stratification::Level);
        assert_eq!(c.covariates(), &Covariate::DEFAULT);
        assert_eq!(c.alpha(), 0.05);
        assert_eq!(c.multiple_testing(), MultipleTesting::Holm);
        assert_eq!(c.min_group_size(), MinGroupSize::DEFAULT);
    }

    #[test]
    fn bad_settings_are_rejected() {
        for a in [0.0, 1.0, f64::NAN, -0.1] {
            assert!(AnalysisConfig::default().with_alpha(a).is_err());
            assert!(AnalysisConfig::default().with_power(a).is_err());
        }
        let dup = AnalysisConfig::default().with_covariates([Covariate::Level, Covariate::Level]);
        assert_eq!(
            dup.unwrap_err(),
            ConfigError::DuplicateCovariate {
                covariate: Covariate::Level
            }
        );
        assert!(AnalysisConfig::default().with_intersections([" "]).is_err());
    }
}
