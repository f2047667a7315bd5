//! The results of [`analyse`](crate::analyse): [`PromotionReport`] and its parts.
//!
//! Every number here describes a work-mode group (or a work mode × attribute cohort)
//! that the disclosure guard published; groups below the minimum group size are left
//! out of the analysis and listed only by name in
//! [`PromotionReport::suppressed_groups`].

use remit_core::WorkMode;
use remit_core::privacy::Disclosed;
use remit_stats::{BreslowDayTest, ChiSquareTest, CmhTest, LogRankTest, PooledOddsRatio};

use crate::config::{AnalysisConfig, Stratification};

/// One work-mode group: its size, promotions and rate.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct GroupSummary {
    /// The work mode.
    pub work_mode: WorkMode,
    /// Employees in the pool.
    pub n: u64,
    /// Employees promoted in the window.
    pub promoted: u64,
    /// `promoted / n`.
    pub rate: f64,
    /// Mean performance rating.
    pub mean_performance: f64,
    /// Kaplan–Meier median months to promotion; `None` when fewer than half were
    /// promoted by the end of observation (the median is never reached).
    pub median_months_to_promotion: Option<f64>,
}

/// The work-mode term of the logistic regression
/// `promoted ~ work_mode + covariates`, work mode treatment-coded against the reference.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct LogisticTerm {
    /// `exp(β)`: the odds of promotion relative to the reference, all else equal.
    pub odds_ratio: f64,
    /// Lower limit of the Wald interval at `1 - alpha`, on the odds-ratio scale.
    pub ci_low: f64,
    /// Upper limit.
    pub ci_high: f64,
    /// Two-sided Wald p-value.
    pub p_value: f64,
    /// `β`, the log odds ratio.
    pub estimate: f64,
    /// Standard error of `β`.
    pub std_error: f64,
    /// Whether the ordinary fit hit separation and Firth's penalised likelihood was
    /// used instead (remit-stats' remedy).
    pub firth: bool,
}

/// Performance ratings of the focal group against the reference (Mann–Whitney U).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct RatingComparison {
    /// `U` of the focal group (scipy's `U1`).
    pub u_statistic: f64,
    /// Two-sided p-value (scipy `method="auto"`, continuity-corrected).
    pub p_value: f64,
    /// `U / (n_focal n_reference)`: the chance a random focal employee is rated higher
    /// than a random reference employee (ties count half). 0.5 means no difference.
    pub probability_of_superiority: f64,
    /// Mean focal rating.
    pub focal_mean: f64,
    /// Mean reference rating.
    pub reference_mean: f64,
}

/// The impact ratio (focal rate / reference rate) and the four-fifths rule.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ImpactRatio {
    /// `rate(focal) / rate(reference)`.
    pub ratio: f64,
    /// Lower limit of the log-scale (Katz) confidence interval at `1 - alpha`;
    /// `None` when either group has no promotions (the interval is undefined).
    pub lower: Option<f64>,
    /// Upper limit; `None` as for `lower`.
    pub upper: Option<f64>,
    /// Whether `ratio ≥ 0.8`: the four-fifths rule of 29 CFR 1607.4(D), applied to work
    /// mode by analogy.
    pub four_fifths_met: bool,
}

/// A z test result: statistic and two-sided p-value.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct ZTest {
    /// Pooled two-proportion z, focal minus reference.
    pub statistic: f64,
    /// Two-sided p-value.
    pub p_value: f64,
}

/// The stratified analysis of one comparison: tables focal vs reference within each
/// stratum (level by default), oriented `[[focal promoted, focal not], [reference
/// promoted, reference not]]`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct StratifiedComparison {
    /// What the strata are.
    pub stratification: Stratification,
    /// Strata with information (both groups present, someone promoted and someone not).
    pub strata_used: usize,
    /// Strata without information, left out (as statsmodels would give NaN).
    pub strata_skipped: usize,
    /// Cochran–Mantel–Haenszel test without continuity correction.
    pub cmh: CmhTest,
    /// Mantel–Haenszel common odds ratio with its Robins–Breslow–Greenland interval;
    /// `None` when it is undefined (for example no discordant information).
    pub common_odds_ratio: Option<PooledOddsRatio>,
    /// Breslow–Day test of a common odds ratio, without Tarone's adjustment.
    pub breslow_day: BreslowDayTest,
}

/// One focal work mode against the reference group.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct Comparison {
    /// The focal work mode.
    pub work_mode: WorkMode,
    /// The reference work mode.
    pub reference: WorkMode,
    /// Focal group size and promotions.
    pub focal_n: u64,
    /// Focal promotions.
    pub focal_promoted: u64,
    /// Reference group size.
    pub reference_n: u64,
    /// Reference promotions.
    pub reference_promoted: u64,
    /// Impact ratio; `None` when the reference group had no promotions.
    pub impact_ratio: Option<ImpactRatio>,
    /// `rate(focal) - rate(reference)`.
    pub rate_difference: f64,
    /// Pooled two-proportion z test; `None` when nobody or everybody was promoted in
    /// the two groups together (the standard error is zero).
    pub z_test: Option<ZTest>,
    /// Fisher's exact test, two-sided (scipy convention).
    pub fisher_p_value: f64,
    /// The Fisher p-value adjusted across the focal groups by the configured method.
    pub adjusted_p_value: f64,
    /// Stratified analysis; `None` when no stratum carries information.
    pub stratified: Option<StratifiedComparison>,
    /// Smallest impact ratio below 1 that a two-sided test at `alpha` detects with the
    /// configured power, for these group sizes and the reference rate; `None` when
    /// undefined (reference rate 0 or 1) or when even a ratio of 0 is not detectable.
    pub min_detectable_ratio: Option<f64>,
    /// The regression-adjusted odds ratio; `None` when the model could not be fitted
    /// (see [`PromotionReport::logistic_unavailable`]).
    pub logistic: Option<LogisticTerm>,
    /// Kaplan–Meier median months to promotion of the focal group (`None`: not reached).
    pub median_months_to_promotion: Option<f64>,
    /// Performance ratings, focal vs reference.
    pub rating: Option<RatingComparison>,
}

impl Comparison {
    /// Whether the focal group's rate is lower than the reference rate.
    pub fn is_lower(&self) -> bool {
        self.rate_difference < 0.0
    }
}

/// One work mode × attribute value cohort of an intersectional cut.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct IntersectionCell {
    /// The work mode.
    pub work_mode: WorkMode,
    /// The attribute key (e.g. `"gender"`).
    pub attribute: String,
    /// The attribute value (records without the attribute are not counted).
    pub value: String,
    /// Head-count, or why it is withheld.
    pub n: Disclosed<u64>,
    /// Promotion rate; `None` when the head-count is withheld or zero.
    pub rate: Option<f64>,
    /// Rate relative to the reference work mode with the same attribute value; `None`
    /// when either cohort is withheld or the reference cohort's rate is zero.
    pub impact_ratio: Option<f64>,
}

/// The outcome of a promotion-bias analysis. Implements [`remit_core::Audit`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct PromotionReport {
    pub(crate) config: AnalysisConfig,
    pub(crate) n: u64,
    pub(crate) reference: WorkMode,
    pub(crate) groups: Vec<GroupSummary>,
    pub(crate) suppressed_groups: Vec<WorkMode>,
    pub(crate) comparisons: Vec<Comparison>,
    pub(crate) chi_square: Option<ChiSquareTest>,
    pub(crate) logrank: Option<LogRankTest>,
    pub(crate) logistic_unavailable: Option<String>,
    pub(crate) intersections: Vec<IntersectionCell>,
    pub(crate) survival_curves: Vec<SurvivalCurve>,
    /// Who was analysed and whether they were promoted, for
    /// [`Audit::compare_group`](remit_core::Audit::compare_group). Not serialised: a
    /// deserialised report compares no groups.
    #[cfg_attr(feature = "serde", serde(skip))]
    pub(crate) outcomes: Outcomes,
    /// The findings, built once when the report is made.
    pub(crate) findings: Vec<remit_core::Finding>,
    /// The charts, built once when the report is made.
    pub(crate) charts: Vec<remit_core::chart::Chart>,
    /// Whether the analysis had enough data to judge.
    pub(crate) coverage: remit_core::Coverage,
}

impl PromotionReport {
    /// The configuration the analysis ran with.
    pub fn config(&self) -> &AnalysisConfig {
        &self.config
    }
    /// Records analysed (the published groups together).
    pub fn n(&self) -> u64 {
        self.n
    }
    /// The reference work mode.
    pub fn reference(&self) -> WorkMode {
        self.reference
    }
    /// The published work-mode groups, in canonical order.
    pub fn groups(&self) -> &[GroupSummary] {
        &self.groups
    }
    /// One group, if published.
    pub fn group(&self, work_mode: WorkMode) -> Option<&GroupSummary> {
        self.groups.iter().find(|g| g.work_mode == work_mode)
    }
    /// Work modes present in the input but below the minimum group size: left out, and
    /// named here without any count.
    pub fn suppressed_groups(&self) -> &[WorkMode] {
        &self.suppressed_groups
    }
    /// One comparison per focal work mode, in canonical order.
    pub fn comparisons(&self) -> &[Comparison] {
        &self.comparisons
    }
    /// The comparison of one focal work mode.
    pub fn comparison(&self, work_mode: WorkMode) -> Option<&Comparison> {
        self.comparisons.iter().find(|c| c.work_mode == work_mode)
    }
    /// Pearson's chi-square on work mode × promoted (no Yates correction); `None` when
    /// fewer than two groups are published or nobody (or everybody) was promoted.
    pub fn chi_square(&self) -> Option<&ChiSquareTest> {
        self.chi_square.as_ref()
    }
    /// The log-rank test of time to promotion across the published work modes
    /// (groups labelled by [`WorkMode::index`]); `None` with fewer than two groups.
    pub fn logrank(&self) -> Option<&LogRankTest> {
        self.logrank.as_ref()
    }
    /// Why the logistic regression could not be fitted, if it could not.
    pub fn logistic_unavailable(&self) -> Option<&str> {
        self.logistic_unavailable.as_deref()
    }
    /// The intersectional cuts, through the disclosure guard.
    pub fn intersections(&self) -> &[IntersectionCell] {
        &self.intersections
    }
    /// The Kaplan–Meier curves of months to promotion, one per published group.
    pub fn survival_curves(&self) -> &[SurvivalCurve] {
        &self.survival_curves
    }
}

/// A published group's Kaplan–Meier curve of months to promotion, for drawing: the
/// share not yet promoted, sampled at up to [`SurvivalCurve::MAX_POINTS`] evenly spaced
/// times from 0, and cut off where fewer employees than the minimum group size remain
/// at risk (the tail of a curve describes a handful of people).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[non_exhaustive]
pub struct SurvivalCurve {
    /// The work mode.
    pub work_mode: WorkMode,
    /// `(months, share not yet promoted)`, in increasing months; starts at `(0, 1)`.
    pub points: Vec<(f64, f64)>,
}

impl SurvivalCurve {
    /// The most points a curve keeps.
    pub const MAX_POINTS: usize = 121;

    pub(crate) fn from_fit(work_mode: WorkMode, km: &remit_stats::KaplanMeier, min: u32) -> Self {
        // The last time with at least `min` at risk.
        let end = km
            .steps
            .iter()
            .take_while(|s| s.at_risk >= u64::from(min))
            .last()
            .map_or(0.0, |s| s.time);
        let mut points = vec![(0.0, 1.0)];
        if end > 0.0 {
            let steps = Self::MAX_POINTS - 1;
            for k in 1..=steps {
                let t = end * k as f64 / steps as f64;
                points.push((t, km.survival_at(t)));
            }
        }
        Self { work_mode, points }
    }
}

/// The analysed employees, sorted, with whether each was promoted.
#[derive(Clone, Default, PartialEq)]
pub(crate) struct Outcomes {
    pub(crate) employees: Vec<remit_core::EmployeeId>,
    pub(crate) promoted: Vec<bool>,
}

impl std::fmt::Debug for Outcomes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Outcomes({} employees)", self.employees.len())
    }
}

impl Outcomes {
    /// From the rows sorted by employee, keeping the analysed work modes.
    pub(crate) fn new(by_employee: &[crate::analysis::EmployeeRow], analysed: &[bool; 3]) -> Self {
        let mut out = Self::default();
        for &(id, _, flags) in by_employee {
            if analysed.get(usize::from(flags & 3)) == Some(&true) {
                out.employees
                    .push(remit_core::EmployeeId::from_uuid(uuid::Uuid::from_u128(id)));
                out.promoted.push(flags & 4 != 0);
            }
        }
        out
    }

    /// `(members, promoted members, others, promoted others)` for a group.
    pub(crate) fn split(&self, group: &remit_core::EmployeeGroup) -> (u64, u64, u64, u64) {
        let (mut n_in, mut p_in) = (0u64, 0u64);
        let total = self.employees.len() as u64;
        let promoted_total = self.promoted.iter().filter(|&&p| p).count() as u64;
        for id in group.members() {
            if let Ok(i) = self.employees.binary_search(id) {
                n_in += 1;
                p_in += u64::from(self.promoted.get(i).copied().unwrap_or(false));
            }
        }
        (n_in, p_in, total - n_in, promoted_total - p_in)
    }
}
