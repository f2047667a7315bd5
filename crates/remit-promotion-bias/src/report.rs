//! [`PromotionReport`]: what [`audit`](crate::audit) returns, and its
//! [`Audit`](remit_core::Audit) implementation.

use std::fmt;

use remit_core::audit::{Audit, Domain, EmployeeGroup, Finding, GroupComparison};
use remit_core::chart::Chart;
use remit_core::disclosure::{Disclosed, Disclosure, DisclosureError, MeanOf, Population};
use remit_core::{Coverage, Period, WorkMode};
use remit_stats::{Alternative, ChiSquareTest, LogRankTest, Table2x2, fisher_exact};

use crate::config::{Config, FOUR_FIFTHS};
use crate::results::{Comparison, GroupSummary, IntersectionCell, SurvivalCurve, WithheldGroup};

/// The outcome of a promotion-bias audit. Implements [`remit_core::Audit`].
///
/// Every figure describes a group the disclosure engine passed to
/// [`audit`](crate::audit) released: work-mode groups it refused are left out of the
/// analysis and named in [`withheld_groups`](Self::withheld_groups); cohorts it refused
/// are [`Disclosed::Suppressed`]. Findings and charts were built once, when the report
/// was made.
///
/// ```
/// use chrono::NaiveDate;
/// use remit_core::disclosure::{Disclosure, DisclosurePolicy};
/// use remit_core::{Audit, AuditExt, EmployeeId, JobLevel, WorkMode};
/// use remit_promotion_bias::{audit, Config, Inputs, PromotionRow, PromotionTable};
///
/// let mut table = PromotionTable::new();
/// for i in 0..400u32 {
///     let remote = i % 2 == 1;
///     let employee = EmployeeId::from_external(&format!("E-{i}"));
///     let mode = if remote { WorkMode::Remote } else { WorkMode::Onsite };
///     let level = JobLevel::new(1 + (i % 3) as u8);
///     let row = PromotionRow::new(employee, mode, level, "Support")
///         .with_performance(f64::from(1 + i % 5))?
///         .with_tenure_months(f64::from(i % 40))?
///         .with_outcome(i % if remote { 8 } else { 4 } < 2, 12.0)?;
///     table.push_row(row)?;
/// }
/// let mut engine = Disclosure::new(DisclosurePolicy::default());
/// let as_of = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
/// let report = audit(&Inputs::from_table(&table), &Config::new(as_of), &mut engine)?;
///
/// assert_eq!(report.n(), 400);
/// assert_eq!(report.reference(), Some(WorkMode::Onsite));
/// let remote = report.group(WorkMode::Remote).unwrap();
/// assert_eq!((remote.n, remote.promoted), (200, 50));
/// assert!(report.coverage().is_measured());
/// assert!(report.health().score().unwrap() < 60); // a HIGH finding caps it
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct PromotionReport {
    pub(crate) config: Config,
    pub(crate) window: Option<Period>,
    pub(crate) n: u64,
    pub(crate) reference: Option<WorkMode>,
    pub(crate) groups: Vec<GroupSummary>,
    pub(crate) withheld_groups: Vec<WithheldGroup>,
    pub(crate) comparisons: Vec<Comparison>,
    pub(crate) chi_square: Option<ChiSquareTest>,
    pub(crate) logrank: Option<LogRankTest>,
    pub(crate) regression_sample: Option<Disclosed<u64>>,
    pub(crate) logistic_unavailable: Option<String>,
    pub(crate) intersections: Vec<IntersectionCell>,
    pub(crate) survival_curves: Vec<SurvivalCurve>,
    pub(crate) coverage: Coverage,
    pub(crate) findings: Vec<Finding>,
    pub(crate) charts: Vec<Chart>,
    /// The pool's population handle and outcomes, for [`Audit::compare_group`]. Not
    /// serialised: only the engine that made the report can answer new questions about
    /// it, through a live report.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub(crate) outcomes: Outcomes,
}

impl PromotionReport {
    /// The configuration the audit ran with.
    pub fn config(&self) -> &Config {
        &self.config
    }
    /// The observation window the records were built over, when the inputs came through
    /// a workforce ([`Inputs::new`](crate::Inputs::new)); `None` for an analysis-ready
    /// table, whose rows carry their own window.
    pub fn window(&self) -> Option<Period> {
        self.window
    }
    /// People analysed: the released work-mode groups together (0 when none was).
    pub fn n(&self) -> u64 {
        self.n
    }
    /// The reference work mode; `None` when no released group could serve as one (the
    /// coverage then says why).
    pub fn reference(&self) -> Option<WorkMode> {
        self.reference
    }
    /// The released work-mode groups, in canonical order (onsite, hybrid, remote); a
    /// work mode with nobody in the pool is absent.
    pub fn groups(&self) -> &[GroupSummary] {
        &self.groups
    }
    /// The released group of `work_mode`, or `None` when nobody in the pool had that work
    /// mode or the engine withheld the group.
    pub fn group(&self, work_mode: WorkMode) -> Option<&GroupSummary> {
        self.groups.iter().find(|g| g.work_mode == work_mode)
    }
    /// Work modes present in the pool whose groups the disclosure engine withheld: left
    /// out of the analysis, named without any figure.
    pub fn withheld_groups(&self) -> &[WithheldGroup] {
        &self.withheld_groups
    }
    /// One comparison per released focal work mode against the reference, in canonical
    /// order.
    pub fn comparisons(&self) -> &[Comparison] {
        &self.comparisons
    }
    /// The comparison of one focal work mode.
    pub fn comparison(&self, work_mode: WorkMode) -> Option<&Comparison> {
        self.comparisons.iter().find(|c| c.work_mode == work_mode)
    }
    /// Pearson's chi-square on work mode × promoted over the released groups (no Yates
    /// correction); `None` with fewer than two groups or when nobody (or everybody) was
    /// promoted.
    pub fn chi_square(&self) -> Option<&ChiSquareTest> {
        self.chi_square.as_ref()
    }
    /// The log-rank test of time to promotion across the released work modes (groups
    /// labelled by [`WorkMode::index`]); `None` with fewer than two groups.
    pub fn logrank(&self) -> Option<&LogRankTest> {
        self.logrank.as_ref()
    }
    /// People in the logistic regression's sample (the released groups together), as
    /// the engine released it; `None` when no model was attempted (fewer than two
    /// released groups).
    pub fn regression_sample(&self) -> Option<Disclosed<u64>> {
        self.regression_sample
    }
    /// Why the logistic regression could not be fitted, if it could not.
    pub fn logistic_unavailable(&self) -> Option<&str> {
        self.logistic_unavailable.as_deref()
    }
    /// The intersectional cuts (work mode × attribute value cohorts with at least one
    /// person), each head-count as the engine released it; ordered by attribute, value,
    /// then work mode.
    pub fn intersections(&self) -> &[IntersectionCell] {
        &self.intersections
    }
    /// The Kaplan–Meier curves of months to promotion, one per released group.
    pub fn survival_curves(&self) -> &[SurvivalCurve] {
        &self.survival_curves
    }

    /// Whether the raw (pooled) comparison shows a significant gap against the focal
    /// group, after the multiple-testing adjustment.
    pub(crate) fn raw_gap(&self, c: &Comparison) -> bool {
        c.is_lower() && c.adjusted_p_value < self.config.alpha()
    }

    /// Whether the comparison has the power to see a four-fifths breach: its minimum
    /// detectable impact ratio is at least 0.8.
    pub(crate) fn can_see_four_fifths(c: &Comparison) -> bool {
        c.min_detectable_ratio.is_some_and(|r| r >= FOUR_FIFTHS)
    }

    /// Whether the comparison judged anything: a significant difference in either
    /// direction (raw, or adjusted by the regression), or enough power to have seen a
    /// four-fifths breach.
    pub(crate) fn judged(&self, c: &Comparison) -> bool {
        let alpha = self.config.alpha();
        c.adjusted_p_value < alpha
            || c.logistic.is_some_and(|t| t.p_value < alpha)
            || Self::can_see_four_fifths(c)
    }

    /// The promotion rate of `group`'s members in the pool against everyone else in
    /// the pool, released through `disclosure` (the engine the report was built with):
    /// both rates and head-counts when the engine grants the group and the rest, the
    /// engine's noisy answer when it offers noise, withheld otherwise; Fisher's exact
    /// two-sided p-value when both rates are exact.
    ///
    /// `None` when none of the group's members, or all of them, are in the pool: there
    /// is nothing to compare, and an empty side is absent rather than a rate of zero.
    ///
    /// # Errors
    ///
    /// [`DisclosureError`] when `disclosure` is not the engine the report was built with.
    pub fn compare_promotion_rate(
        &self,
        group: &EmployeeGroup,
        disclosure: &mut Disclosure,
    ) -> Result<Option<GroupComparison>, DisclosureError> {
        let pool = &self.outcomes.pool;
        let members = pool.locals(group.members());
        if members.is_empty() || members.len() == pool.len() {
            return Ok(None);
        }
        let promoted = |i: u32| self.outcomes.promoted.get(i as usize).copied() == Some(true);
        let Some(comparison) = disclosure.compare_means(
            pool,
            &members,
            MeanOf {
                metric: "promotion rate",
                unit: Some("share"),
                range: (0.0, 1.0),
            },
            |i| f64::from(u8::from(promoted(i))),
        )?
        else {
            return Ok(None);
        };
        let exact = comparison.noise_scale().is_none()
            && !comparison.in_group().is_suppressed()
            && !comparison.rest().is_suppressed();
        if !exact {
            return Ok(Some(comparison));
        }
        let n_in = members.len() as u64;
        let promoted_in = members.iter().filter(|&&i| promoted(i)).count() as u64;
        let n_rest = pool.len() as u64 - n_in;
        let promoted_rest = self.outcomes.promoted_total() - promoted_in;
        let p = Table2x2::from_groups(promoted_in, n_in, promoted_rest, n_rest)
            .and_then(|t| fisher_exact(&t, Alternative::TwoSided))
            .map(|f| f.p_value);
        Ok(Some(match p {
            Ok(p) => comparison.with_p_value(p),
            Err(_) => comparison,
        }))
    }
}

impl Audit for PromotionReport {
    fn domain(&self) -> Domain {
        Domain::PromotionBias
    }

    /// Measured when at least one comparison could judge: it found a significant
    /// difference, or it had the power to see a four-fifths breach. Not measured, with
    /// the reason, when the pool is empty, when fewer than two work-mode groups were
    /// released, or when every comparison is underpowered.
    fn coverage(&self) -> &Coverage {
        &self.coverage
    }

    fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The promotion rate of the group's members against everyone else in the pool;
    /// see [`PromotionReport::compare_promotion_rate`].
    fn compare_group(
        &self,
        group: &EmployeeGroup,
        disclosure: &mut Disclosure,
    ) -> Result<Vec<GroupComparison>, DisclosureError> {
        Ok(self
            .compare_promotion_rate(group, disclosure)?
            .into_iter()
            .collect())
    }

    /// Promotion rate by work mode with confidence intervals (key
    /// [`RATE_CHART`](crate::RATE_CHART)), and the Kaplan–Meier curves of months to
    /// promotion (key [`TIME_TO_PROMOTION_CHART`](crate::TIME_TO_PROMOTION_CHART)).
    fn charts(&self) -> &[Chart] {
        &self.charts
    }
}

/// The pool as the engine knows it, with everyone's outcome in the pool's order.
#[derive(Clone)]
pub(crate) struct Outcomes {
    /// The pool's population handle.
    pub(crate) pool: Population,
    /// Whether each person in the pool (by local index) was promoted.
    pub(crate) promoted: Vec<bool>,
}

impl Outcomes {
    fn promoted_total(&self) -> u64 {
        self.promoted.iter().filter(|&&p| p).count() as u64
    }
}

impl fmt::Debug for Outcomes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Outcomes({} people)", self.promoted.len())
    }
}
