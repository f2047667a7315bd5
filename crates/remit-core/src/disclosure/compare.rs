//! Group comparisons through the engine: a domain's metric for a group another domain
//! defined, against everyone else in the population.

use super::GroupComparison;
use super::engine::{Disclosure, Population};
use super::policy::Audience;
use super::{Disclosed, DisclosureError, Suppression};

/// What a comparison measures: the mean of a per-person value, each value clipped to
/// `range` first (so one person moves the mean of `n` people by at most
/// `(high − low) / n`, which is what calibrated noise needs to know).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MeanOf<'a> {
    /// What the mean is of, in words (`"share in the high risk band"`).
    pub metric: &'a str,
    /// The unit (`"share"`, `"hours/week"`), if any.
    pub unit: Option<&'a str>,
    /// The range every person's value is clipped to, `(low, high)` with `low < high`.
    pub range: (f64, f64),
}

impl Disclosure {
    /// Compares the mean of `value` over the members of `population` in `group` (local
    /// indices, ascending) with the mean over everyone else in the population.
    ///
    /// Both groups are released exactly when the engine grants them. When the group is
    /// refused only because it would isolate a small group (not because it is itself
    /// under the minimum) and the policy has noise, both means are published with
    /// calibrated noise instead ([`GroupComparison::noise_scale`]); the group sizes are
    /// then published as they are, since population membership is public information
    /// under the documented policy. `None` when the group has no member in the
    /// population or holds all of it (nobody to compare with): an empty side is absent,
    /// not a zero.
    ///
    /// # Errors
    ///
    /// As [`Disclosure::release`]; [`DisclosureError::InvalidSensitivity`] if `range` is
    /// not a finite interval with `low < high`.
    pub fn compare_means(
        &mut self,
        population: &Population,
        group: &[u32],
        mean: MeanOf<'_>,
        value: impl Fn(u32) -> f64,
    ) -> Result<Option<GroupComparison>, DisclosureError> {
        let (low, high) = mean.range;
        if !(low.is_finite() && high.is_finite() && low < high) {
            return Err(DisclosureError::InvalidSensitivity {
                statistic: mean.metric.to_owned(),
            });
        }
        let rest = population.complement(group);
        // An empty group, or one holding everyone (no rest to compare with), is absent:
        // never a mean over nobody.
        if group.is_empty() || rest.is_empty() {
            return Ok(None);
        }
        let clipped_mean = |members: &[u32]| {
            let sum: f64 = members
                .iter()
                .map(|&i| {
                    let v = value(i);
                    if v.is_nan() { low } else { v.clamp(low, high) }
                })
                .sum();
            sum / members.len().max(1) as f64
        };
        let in_group_mean = clipped_mean(group);
        let rest_mean = clipped_mean(&rest);
        let n = |members: &[u32]| members.len() as u64;

        let group_decision = self.release(population, group, Audience::General)?;
        let exact = |decision: super::Decision, value: f64| decision.disclose(value);
        let comparison = match group_decision {
            super::Decision::Granted => {
                let rest_decision = self.release(population, &rest, Audience::General)?;
                GroupComparison::new(
                    mean.metric,
                    mean.unit,
                    exact(group_decision, in_group_mean),
                    exact(rest_decision, rest_mean),
                    group_decision.disclose(n(group)),
                    rest_decision.disclose(n(&rest)),
                )
            }
            super::Decision::Refused(Suppression::Complementary)
                if self.policy().noise().is_some() =>
            {
                let width = high - low;
                let metric = mean.metric;
                let noisy = |engine: &mut Self, members: &[u32], mean: f64, which: &str| {
                    if members.is_empty() {
                        return Ok(Disclosed::Suppressed(Suppression::BelowMinimum));
                    }
                    engine.release_noisy(
                        population,
                        members,
                        &format!("mean of {metric} ({which})"),
                        mean,
                        width / members.len() as f64,
                    )
                };
                let in_group = noisy(self, group, in_group_mean, "group")?;
                let rest_value = noisy(self, &rest, rest_mean, "rest")?;
                let size = |members: &[u32], figure: &Disclosed<f64>| match figure {
                    Disclosed::Published(_) => Disclosed::Published(n(members)),
                    Disclosed::Suppressed(reason) => Disclosed::Suppressed(*reason),
                };
                let epsilon = self.policy().noise().map_or(1.0, |p| p.epsilon());
                GroupComparison::new(
                    mean.metric,
                    mean.unit,
                    in_group,
                    rest_value,
                    size(group, &in_group),
                    size(&rest, &rest_value),
                )
                .with_noise_scale(width / group.len() as f64 / epsilon)
            }
            super::Decision::Refused(reason) => GroupComparison::new(
                mean.metric,
                mean.unit,
                Disclosed::Suppressed(reason),
                Disclosed::Suppressed(reason),
                Disclosed::Suppressed(reason),
                Disclosed::Suppressed(reason),
            ),
        };
        Ok(Some(comparison))
    }
}
