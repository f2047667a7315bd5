//! [`GroupComparison`]: one metric compared between a group and everyone else, every
//! figure as the engine released it.

use super::Disclosed;

/// One of a domain's metrics compared between an [`EmployeeGroup`](crate::EmployeeGroup) and everyone else in
/// the domain's population, as released by the [`Disclosure`](super::Disclosure) engine.
///
/// Built by [`Disclosure::compare_means`](crate::disclosure::Disclosure::compare_means),
/// which decides every figure; a domain adds a p-value only when both means were
/// published exactly.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "RawGroupComparison"))]
#[non_exhaustive]
pub struct GroupComparison {
    metric: String,
    unit: Option<String>,
    in_group: Disclosed<f64>,
    rest: Disclosed<f64>,
    in_group_n: Disclosed<u64>,
    rest_n: Disclosed<u64>,
    p_value: Option<f64>,
    noise_scale: Option<f64>,
}

/// The serialised fields of a [`GroupComparison`], rebuilt through
/// [`GroupComparison::new`], [`GroupComparison::with_noise_scale`] and
/// [`GroupComparison::with_p_value`] on the way in. Those setters drop a value they would
/// not keep (a p-value beside noise or a suppressed mean, one outside `0..=1`); a saved
/// comparison carrying such a value was not made by them, so it is refused rather than
/// quietly changed.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct RawGroupComparison {
    metric: String,
    unit: Option<String>,
    in_group: Disclosed<f64>,
    rest: Disclosed<f64>,
    in_group_n: Disclosed<u64>,
    rest_n: Disclosed<u64>,
    p_value: Option<f64>,
    noise_scale: Option<f64>,
}

#[cfg(feature = "serde")]
impl TryFrom<RawGroupComparison> for GroupComparison {
    type Error = super::DisclosureError;

    fn try_from(raw: RawGroupComparison) -> Result<Self, Self::Error> {
        let mut comparison = GroupComparison::new(
            raw.metric,
            raw.unit.as_deref(),
            raw.in_group,
            raw.rest,
            raw.in_group_n,
            raw.rest_n,
        );
        if let Some(scale) = raw.noise_scale {
            comparison = comparison.with_noise_scale(scale);
            if comparison.noise_scale != Some(scale) {
                return Err(super::DisclosureError::InconsistentComparison {
                    metric: comparison.metric,
                    field: "noise_scale",
                });
            }
        }
        if let Some(p) = raw.p_value {
            comparison = comparison.with_p_value(p);
            if comparison.p_value != Some(p) {
                return Err(super::DisclosureError::InconsistentComparison {
                    metric: comparison.metric,
                    field: "p_value",
                });
            }
        }
        Ok(comparison)
    }
}

impl GroupComparison {
    /// A comparison of `metric` (in `unit`, if any): the group's value and size, and
    /// everyone else's.
    pub fn new(
        metric: impl Into<String>,
        unit: Option<&str>,
        in_group: Disclosed<f64>,
        rest: Disclosed<f64>,
        in_group_n: Disclosed<u64>,
        rest_n: Disclosed<u64>,
    ) -> Self {
        Self {
            metric: metric.into(),
            unit: unit.map(str::to_owned),
            in_group,
            rest,
            in_group_n,
            rest_n,
            p_value: None,
            noise_scale: None,
        }
    }

    /// Adds a two-sided p-value for the difference; kept only when both values were
    /// published exactly (a test of withheld or noisy values would leak them).
    #[must_use]
    pub fn with_p_value(mut self, p: f64) -> Self {
        let exact = self.noise_scale.is_none()
            && !self.in_group.is_suppressed()
            && !self.rest.is_suppressed();
        self.p_value = (exact && p.is_finite() && (0.0..=1.0).contains(&p)).then_some(p);
        self
    }

    /// Marks both values as carrying Laplace noise of this scale (in the metric's unit).
    #[must_use]
    pub fn with_noise_scale(mut self, scale: f64) -> Self {
        self.noise_scale = scale.is_finite().then_some(scale);
        self.p_value = None;
        self
    }

    /// What was measured (`"share in the high risk band"`).
    pub fn metric(&self) -> &str {
        &self.metric
    }
    /// The unit (`"share"`, `"hours/week"`), if any.
    pub fn unit(&self) -> Option<&str> {
        self.unit.as_deref()
    }
    /// The metric's mean over the group's members: published (possibly with noise) or
    /// withheld with the reason.
    pub fn in_group(&self) -> Disclosed<f64> {
        self.in_group
    }
    /// The metric's mean over everyone else in the population: published or withheld.
    pub fn rest(&self) -> Disclosed<f64> {
        self.rest
    }
    /// How many group members the domain observed.
    pub fn in_group_n(&self) -> Disclosed<u64> {
        self.in_group_n
    }
    /// How many others the domain observed.
    pub fn rest_n(&self) -> Disclosed<u64> {
        self.rest_n
    }
    /// A two-sided p-value for the difference, when the domain tested it and both values
    /// were published exactly.
    pub fn p_value(&self) -> Option<f64> {
        self.p_value
    }
    /// The scale of the Laplace noise on both values, when they were published with
    /// noise (the exact rule refused them); `None` for exact values.
    pub fn noise_scale(&self) -> Option<f64> {
        self.noise_scale
    }
}
