//! Cross-domain comparisons: another domain's [`EmployeeGroup`] against everyone else,
//! through the disclosure engine ([`Disclosure::compare_means`]).
//!
//! The report keeps, privately, what a comparison needs per person of each population
//! (in the population's local order): the high-risk-index and high-CBI flags and the
//! WHO-5 percentage. None of it is published, serialised or shown by `Debug`; only what
//! the engine grants leaves.

use remit_core::disclosure::{
    Disclosed, Disclosure, DisclosureError, MeanOf, Population, Suppression,
};
use remit_core::{EmployeeGroup, EmployeeId, GroupComparison};
use remit_stats::{Alternative, Table2x2, fisher_exact};

use crate::cuts::OUTSIDE;

/// What the share of high CBI work-related burnout is called in comparisons.
pub(crate) const HIGH_CBI_METRIC: &str = "share with high CBI work-related burnout";
/// What the share in the high risk-index band is called in comparisons.
pub(crate) const HIGH_RISK_METRIC: &str = "share in the high band of the burnout-risk index";
/// What the WHO-5 mean is called in comparisons.
pub(crate) const WHO5_METRIC: &str = "mean WHO-5 wellbeing score";

/// The private basis of [`Audit::compare_group`](remit_core::Audit::compare_group).
#[derive(Clone)]
pub(crate) struct ComparisonBasis {
    pub(crate) members: Population,
    pub(crate) signals: Population,
    pub(crate) responders: Population,
    /// Per member (members' local order): their local index among those with signals,
    /// [`OUTSIDE`] for none; ascending where present.
    pub(crate) signals_local: Vec<u32>,
    /// Per member: their local index among the responders, or `OUTSIDE`.
    pub(crate) responders_local: Vec<u32>,
    /// Per member (members' local order): their manager, for the manager-facing rule.
    pub(crate) managers: Vec<Option<EmployeeId>>,
    /// Per person with signals: in the high risk-index band.
    pub(crate) high_risk: Vec<bool>,
    /// Per responder: high CBI work-related burnout.
    pub(crate) high_cbi: Vec<bool>,
    /// Per responder: WHO-5 percentage.
    pub(crate) who5: Vec<f32>,
}

/// Individual values stay out of logs: `Debug` shows only how many people are held.
impl std::fmt::Debug for ComparisonBasis {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ComparisonBasis")
            .field("members", &self.members.len())
            .finish_non_exhaustive()
    }
}

/// Fisher's exact two-sided p-value for `hits` of the group against the rest, over
/// `flags` (one per person of the population).
fn fisher_p(flags: &[bool], group: &[u32]) -> Option<f64> {
    let total_hits = flags.iter().filter(|&&f| f).count() as u64;
    let group_hits = group
        .iter()
        .filter(|&&i| flags.get(i as usize).copied().unwrap_or(false))
        .count() as u64;
    let n1 = group.len() as u64;
    let n2 = (flags.len() as u64).checked_sub(n1)?;
    let table =
        Table2x2::from_groups(group_hits, n1, total_hits.checked_sub(group_hits)?, n2).ok()?;
    fisher_exact(&table, Alternative::TwoSided)
        .ok()
        .map(|r| r.p_value)
}

impl ComparisonBasis {
    /// The comparisons for `group`, in order: high CBI work-related burnout
    /// (responders), the high risk-index band (people with signals), each with Fisher's
    /// exact p-value when published exactly, and the WHO-5 mean (responders, no test).
    /// A population the group has nobody in, or everyone in, gives no comparison.
    ///
    /// A group whose members all report to one manager describes that manager's team:
    /// it needs the engine's manager-facing minimum, and is refused below it.
    pub(crate) fn compare(
        &self,
        group: &EmployeeGroup,
        engine: &mut Disclosure,
    ) -> Result<Vec<GroupComparison>, DisclosureError> {
        let in_members = self.members.locals(group.members());
        let one_team = {
            let mut managers = in_members
                .iter()
                .map(|&i| self.managers.get(i as usize).copied().flatten());
            match managers.next() {
                Some(Some(first)) => managers.all(|m| m == Some(first)),
                _ => false,
            }
        };
        let manager_min = engine.policy().manager_facing_min().get() as usize;
        // One manager's team needs the manager-facing minimum in each population; the
        // decision reads only who is in the group, never a value.
        let team_too_small = |members: &[u32]| one_team && members.len() < manager_min;
        let refused = |metric: &str, unit: &str| {
            let value = Disclosed::Suppressed(Suppression::BelowMinimum);
            let count = Disclosed::Suppressed(Suppression::BelowMinimum);
            GroupComparison::new(metric, Some(unit), value, value, count, count)
        };
        let flag = |flags: &[bool], i: u32| {
            if flags.get(i as usize).copied().unwrap_or(false) {
                1.0
            } else {
                0.0
            }
        };
        // A group that holds everyone of a population has no "everyone else": no
        // comparison in that population (an empty rest is absent, never a zero mean).
        // The sub-populations' local indices come from the members' (ascending, as the
        // members' are), not from a second lookup of every id.
        let within = |population: &Population, local_of: &[u32]| {
            let locals: Vec<u32> = in_members
                .iter()
                .filter_map(|&m| local_of.get(m as usize).copied())
                .filter(|&l| l != OUTSIDE)
                .collect();
            if locals.len() == population.len() {
                Vec::new()
            } else {
                locals
            }
        };
        let responders = within(&self.responders, &self.responders_local);
        let signals = within(&self.signals, &self.signals_local);
        let mut out = Vec::with_capacity(3);

        if team_too_small(&responders) && !responders.is_empty() {
            out.push(refused(HIGH_CBI_METRIC, "share"));
        } else if let Some(c) = engine.compare_means(
            &self.responders,
            &responders,
            MeanOf {
                metric: HIGH_CBI_METRIC,
                unit: Some("share"),
                range: (0.0, 1.0),
            },
            |i| flag(&self.high_cbi, i),
        )? {
            out.push(match fisher_p(&self.high_cbi, &responders) {
                Some(p) => c.with_p_value(p),
                None => c,
            });
        }
        if team_too_small(&signals) && !signals.is_empty() {
            out.push(refused(HIGH_RISK_METRIC, "share"));
        } else if let Some(c) = engine.compare_means(
            &self.signals,
            &signals,
            MeanOf {
                metric: HIGH_RISK_METRIC,
                unit: Some("share"),
                range: (0.0, 1.0),
            },
            |i| flag(&self.high_risk, i),
        )? {
            out.push(match fisher_p(&self.high_risk, &signals) {
                Some(p) => c.with_p_value(p),
                None => c,
            });
        }
        if team_too_small(&responders) && !responders.is_empty() {
            out.push(refused(WHO5_METRIC, "points"));
        } else if let Some(c) = engine.compare_means(
            &self.responders,
            &responders,
            MeanOf {
                metric: WHO5_METRIC,
                unit: Some("points"),
                range: (0.0, 100.0),
            },
            |i| f64::from(self.who5.get(i as usize).copied().unwrap_or(0.0)),
        )? {
            out.push(c);
        }
        Ok(out)
    }
}
