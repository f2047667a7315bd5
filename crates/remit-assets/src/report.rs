//! [`AssetsReport`]: what [`audit`](crate::audit) publishes, and its
//! [`Audit`] implementation for a scorecard.

use chrono::NaiveDate;
use remit_core::chart::Chart;
use remit_core::disclosure::{Disclosed, Disclosure, DisclosureError, MeanOf, Population};
use remit_core::{Audit, Coverage, Domain, EmployeeGroup, EmployeeId, Finding, GroupComparison};
use remit_stats::{Alternative, Table2x2, fisher_exact};

use crate::asset::AssetTag;
use crate::figures::{KitFigures, RetrievalFigures};
use crate::forecast::{BudgetLine, FleetChecks, OverdueAudit};

/// The key of the group of remote and hybrid staff without the ergonomic chair their
/// kit includes, offered to other domains ([`Audit::groups`]).
pub const MISSING_CHAIR_GROUP: &str = "assets.missing-ergonomic-chair";

/// The metric [`AssetsReport`] compares for other domains' groups
/// ([`Audit::compare_group`]): the share of staff holding their complete kit.
pub const COMPLETE_KIT_METRIC: &str = "share of staff with their complete kit";

/// The staff population and each member's complete-kit flag, kept for group
/// comparisons.
#[derive(Clone)]
pub(crate) struct Staff {
    population: Population,
    complete: Vec<bool>,
}

impl Staff {
    pub(crate) fn new(population: Population, complete: Vec<bool>) -> Self {
        Self {
            population,
            complete,
        }
    }
}

/// Individual values stay out of logs: `Debug` shows only the population and its size.
impl std::fmt::Debug for Staff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Staff")
            .field("population", self.population.key())
            .field("members", &self.population.len())
            .finish_non_exhaustive()
    }
}

/// What [`audit`](crate::audit) assembles a report from.
pub(crate) struct Parts {
    pub(crate) as_of: NaiveDate,
    pub(crate) coverage: Coverage,
    pub(crate) kit: Option<KitFigures>,
    pub(crate) retrieval: Option<RetrievalFigures>,
    pub(crate) checks: FleetChecks,
    pub(crate) findings: Vec<Finding>,
    pub(crate) charts: Vec<Chart>,
    pub(crate) staff: Option<Staff>,
    pub(crate) missing_chair: Vec<EmployeeId>,
}

/// The equipment report: built once by [`audit`](crate::audit), read as many times as
/// needed.
///
/// Figures about people ([`kit`](Self::kit), [`retrieval`](Self::retrieval), the
/// findings' counts, the chart, group comparisons) were released by the disclosure
/// engine; facts about assets that describe no person (assets retired unsanitised,
/// missing assets, overdue physical audits, warranties and end of life) are listed as
/// they are, by the caller's tags.
///
/// | code | severity | when |
/// |---|---|---|
/// | `ASSET-RETIRED-UNSANITISED` | critical | a storage-bearing asset was retired with no sanitisation record since a person last held it |
/// | `ASSET-KIT-GAP` | high when remote or hybrid staff are short, else medium | active staff lack required kit (one finding, a row per work mode) |
/// | `ASSET-RETRIEVAL-OVERDUE` | high | leavers' assets are still out past the return deadline (with recovery by country) |
/// | `ASSET-MISSING` | medium | assets are lost or stolen and not written off |
/// | `ASSET-AUDIT-OVERDUE` | medium | assets have not been audited within the interval |
/// | `ASSET-WARRANTY-ENDING` | low | warranties end within the horizon |
/// | `ASSET-EOL-UPCOMING` | info | assets reach end of life within the horizon (with the replacement budget) |
///
/// # Across domains
///
/// - [`groups`](Audit::groups): [`MISSING_CHAIR_GROUP`], the active remote and hybrid
///   staff whose required kit includes an ergonomic chair they do not hold. The member
///   list is handed to the other domains in the same process (a wellbeing report then
///   compares their burnout band with everyone else's, releasing that figure through
///   its own population); it is not a published figure.
/// - [`compare_group`](Audit::compare_group): for another domain's group, the share of
///   its members in the staff population holding their complete kit against everyone
///   else's, released through the engine
///   ([`Disclosure::compare_means`]), with Fisher's exact two-sided p-value when both
///   shares were published exactly.
/// - [`charts`](Audit::charts): `kit-coverage`, a bar per work mode with the share of its
///   staff holding their complete kit; a work mode the engine withheld gets no bar.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use remit_assets::{audit, Config, Inputs, TrackedAsset};
/// use remit_core::disclosure::{Disclosure, DisclosurePolicy};
/// use remit_core::{Audit, AuditExt, Coverage, Roster};
///
/// // No equipment tracked: nothing to judge, and the report says so.
/// let roster = Roster::new(Vec::new())?;
/// let fleet: Vec<TrackedAsset> = Vec::new();
/// let mut engine = Disclosure::new(DisclosurePolicy::default());
/// let as_of = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
/// let report = audit(&Inputs::new(&roster, &fleet), &Config::new(as_of), &mut engine)?;
/// assert!(matches!(report.coverage(), Coverage::NotMeasured { .. }));
/// assert_eq!(report.health().score(), None);
/// assert!(report.kit().is_none() && report.findings().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct AssetsReport {
    as_of: NaiveDate,
    coverage: Coverage,
    kit: Option<KitFigures>,
    retrieval: Option<RetrievalFigures>,
    checks: FleetChecks,
    findings: Vec<Finding>,
    charts: Vec<Chart>,
    staff: Option<Staff>,
    missing_chair: Vec<EmployeeId>,
}

impl AssetsReport {
    pub(crate) fn new(parts: Parts) -> Self {
        Self {
            as_of: parts.as_of,
            coverage: parts.coverage,
            kit: parts.kit,
            retrieval: parts.retrieval,
            checks: parts.checks,
            findings: parts.findings,
            charts: parts.charts,
            staff: parts.staff,
            missing_chair: parts.missing_chair,
        }
    }

    /// The date the report describes (the end of that day).
    pub fn as_of(&self) -> NaiveDate {
        self.as_of
    }

    /// Kit coverage of the staff, as released; `None` when the fleet lists no assets or
    /// nobody active needs equipment. When the engine withheld the staff as a whole, every
    /// figure is suppressed (and the report is not measured).
    pub fn kit(&self) -> Option<&KitFigures> {
        self.kit.as_ref()
    }

    /// Offboarding retrieval from leavers, as released; `None` when nobody left by the
    /// as-of date or the fleet lists no assets.
    pub fn retrieval(&self) -> Option<&RetrievalFigures> {
        self.retrieval.as_ref()
    }

    /// The tags of storage-bearing assets retired with no sanitisation record since a
    /// person last held them, in fleet order.
    pub fn retired_unsanitised(&self) -> &[AssetTag] {
        &self.checks.unsanitised
    }

    /// The tags of assets lost or stolen and not written off, in fleet order.
    pub fn missing(&self) -> &[AssetTag] {
        &self.checks.missing
    }

    /// How many assets in the fleet are overdue for a physical audit (the full list is
    /// [`forecast::audits_overdue`](crate::forecast::audits_overdue)).
    pub fn audits_overdue(&self) -> u64 {
        self.checks.audits_overdue
    }

    /// The longest-overdue physical audits, up to ten: earliest due date first, then in
    /// fleet order.
    pub fn longest_overdue_audits(&self) -> &[OverdueAudit] {
        &self.checks.longest_overdue
    }

    /// The like-for-like replacement budget of assets reaching end of life within the
    /// horizon, per quarter and currency, in that order.
    pub fn replacement_budget(&self) -> &[BudgetLine] {
        &self.checks.budget
    }

    /// How many assets still in the fleet have their warranty end within the horizon.
    pub fn warranties_ending(&self) -> u64 {
        self.checks.warranties_ending
    }
}

impl Audit for AssetsReport {
    fn domain(&self) -> Domain {
        Domain::Assets
    }

    fn coverage(&self) -> &Coverage {
        &self.coverage
    }

    fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// [`MISSING_CHAIR_GROUP`] when the report is measured and anyone lacks the chair
    /// their kit includes; see the [type docs](AssetsReport).
    fn groups(&self) -> Vec<EmployeeGroup> {
        if self.missing_chair.is_empty() {
            return Vec::new();
        }
        vec![EmployeeGroup::new(
            MISSING_CHAIR_GROUP,
            "remote and hybrid staff without an ergonomic chair",
            self.missing_chair.clone(),
        )]
    }

    /// [`COMPLETE_KIT_METRIC`] for the group's members in the staff population against
    /// everyone else in it, released through `disclosure` (which must be the engine the
    /// report was built with). Nothing for this domain's own groups, when the report is
    /// not measured, or when no member of the group is in the population.
    fn compare_group(
        &self,
        group: &EmployeeGroup,
        disclosure: &mut Disclosure,
    ) -> Result<Vec<GroupComparison>, DisclosureError> {
        if group.key().starts_with("assets.") {
            return Ok(Vec::new());
        }
        let Some(staff) = &self.staff else {
            return Ok(Vec::new());
        };
        let members = staff.population.locals(group.members());
        let complete = |i: u32| {
            staff
                .complete
                .get(i as usize)
                .map_or(0.0, |&c| f64::from(u8::from(c)))
        };
        let Some(comparison) = disclosure.compare_means(
            &staff.population,
            &members,
            MeanOf {
                metric: COMPLETE_KIT_METRIC,
                unit: Some("share"),
                range: (0.0, 1.0),
            },
            complete,
        )?
        else {
            return Ok(Vec::new());
        };
        let exact = comparison.noise_scale().is_none();
        let (Disclosed::Published(n1), Disclosed::Published(n2)) =
            (comparison.in_group_n(), comparison.rest_n())
        else {
            return Ok(vec![comparison]);
        };
        if !exact {
            return Ok(vec![comparison]);
        }
        let x1 = members.iter().filter(|&&i| complete(i) > 0.0).count() as u64;
        let x_all = staff.complete.iter().filter(|&&c| c).count() as u64;
        let x2 = x_all.saturating_sub(x1);
        let p = Table2x2::from_groups(x1, n1, x2, n2)
            .ok()
            .filter(|t| !t.has_zero_margin())
            .and_then(|t| fisher_exact(&t, Alternative::TwoSided).ok())
            .map(|f| f.p_value);
        Ok(vec![match p {
            Some(p) => comparison.with_p_value(p),
            None => comparison,
        }])
    }

    /// The `kit-coverage` chart when any work mode was published; see the
    /// [type docs](AssetsReport).
    fn charts(&self) -> &[Chart] {
        &self.charts
    }
}
