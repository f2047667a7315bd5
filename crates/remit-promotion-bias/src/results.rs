//! The parts of a [`PromotionReport`](crate::PromotionReport): per-group summaries,
//! comparisons and their statistics, intersectional cells and survival curves.
//!
//! Every part describes groups the disclosure engine released (a work mode, a work
//! mode × stratum cell, a work mode × attribute cohort); a group it refused has no part,
//! or a part whose figures are [`Disclosed::Suppressed`]. These are results, not inputs:
//! they serialise but have no public constructor.

use remit_core::WorkMode;
use remit_core::disclosure::{Disclosed, Suppression};
use remit_stats::{BreslowDayTest, CmhTest, PooledOddsRatio};

use crate::config::Stratification;

/// One released work-mode group: its size, promotions and rate.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct GroupSummary {
    /// The work mode the group's members worked in during the window.
    pub work_mode: WorkMode,
    /// People in the group (at least the engine's minimum group size).
    pub n: u64,
    /// People in the group promoted in the window (`0..=n`).
    pub promoted: u64,
    /// `promoted / n`, a share in `[0, 1]`.
    pub rate: f64,
    /// Mean performance rating, on the caller's rating scale.
    pub mean_performance: f64,
    /// Kaplan–Meier median months to promotion; `None` when fewer than half were
    /// promoted by the end of observation (the median is never reached), or when it is
    /// reached only at a step with fewer than the engine's minimum group size at risk
    /// (it would then be the promotion time of one of those few people).
    pub median_months_to_promotion: Option<f64>,
}

/// A work mode present in the pool whose group the disclosure engine withheld: it is
/// left out of the analysis and named here without any figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct WithheldGroup {
    /// The work mode whose group was withheld.
    pub work_mode: WorkMode,
    /// Why: under the minimum group size, or it would let a reader compute a smaller
    /// group from what was already published.
    pub reason: Suppression,
}

/// The work-mode term of the logistic regression
/// `promoted ~ work_mode + covariates`, work mode treatment-coded against the reference.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct LogisticTerm {
    /// `exp(β)`: the odds of promotion of the focal group relative to the reference,
    /// all else in the model equal; positive, 1 meaning no difference.
    pub odds_ratio: f64,
    /// Lower limit of the Wald interval at `1 − alpha`, on the odds-ratio scale.
    pub ci_low: f64,
    /// Upper limit of the Wald interval at `1 − alpha`, on the odds-ratio scale.
    pub ci_high: f64,
    /// Two-sided Wald p-value, in `[0, 1]`.
    pub p_value: f64,
    /// `β`, the log odds ratio.
    pub estimate: f64,
    /// Standard error of `β`.
    pub std_error: f64,
    /// Whether the ordinary fit hit separation (some combination of the covariates
    /// predicts promotion perfectly) and Firth's penalised likelihood was used instead
    /// (remit-stats' remedy). The estimate is then finite but says little about the
    /// size of the gap; findings say so in words.
    pub firth: bool,
}

/// Performance ratings of the focal group against the reference (Mann–Whitney U).
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct RatingComparison {
    /// `U` of the focal group (scipy's `U1`).
    pub u_statistic: f64,
    /// Two-sided p-value (scipy `method="auto"`, continuity-corrected), in `[0, 1]`.
    pub p_value: f64,
    /// `U / (n_focal n_reference)`: the chance a random focal employee is rated higher
    /// than a random reference employee (ties count half), in `[0, 1]`. 0.5 means no
    /// difference.
    pub probability_of_superiority: f64,
    /// Mean focal rating, on the caller's scale.
    pub focal_mean: f64,
    /// Mean reference rating, on the caller's scale.
    pub reference_mean: f64,
}

/// The impact ratio (focal rate / reference rate) and the four-fifths rule.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ImpactRatio {
    /// `rate(focal) / rate(reference)`, at least 0; 1 means equal rates.
    pub ratio: f64,
    /// Lower limit of the log-scale (Katz) confidence interval at `1 − alpha`;
    /// `None` when the focal group has no promotions (the interval is undefined).
    pub lower: Option<f64>,
    /// Upper limit; `None` as for `lower`.
    pub upper: Option<f64>,
    /// Whether `ratio ≥ 0.8`: the four-fifths rule of 29 CFR 1607.4(D), applied to work
    /// mode by analogy.
    pub four_fifths_met: bool,
}

/// A z test result: statistic and two-sided p-value.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct ZTest {
    /// Pooled two-proportion z, focal minus reference (negative: focal promoted less).
    pub statistic: f64,
    /// Two-sided p-value, in `[0, 1]`.
    pub p_value: f64,
}

/// The stratified analysis of one comparison: tables focal vs reference within each
/// stratum (level by default), oriented `[[focal promoted, focal not], [reference
/// promoted, reference not]]`.
///
/// A stratum enters only when the disclosure engine released both its focal and its
/// reference cell (work mode × stratum); see [`strata_withheld`](Self::strata_withheld).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct StratifiedComparison {
    /// What the strata are.
    pub stratification: Stratification,
    /// Strata with information (both groups present, someone promoted and someone not).
    pub strata_used: usize,
    /// Released strata without information, left out (statsmodels would give NaN).
    pub strata_skipped: usize,
    /// Strata left out because the engine withheld the focal or the reference cell of
    /// that stratum (too few people, or it would isolate a small group).
    pub strata_withheld: usize,
    /// Cochran–Mantel–Haenszel test without continuity correction.
    pub cmh: CmhTest,
    /// Mantel–Haenszel common odds ratio with its Robins–Breslow–Greenland interval;
    /// `None` when it is undefined (for example no discordant information).
    pub common_odds_ratio: Option<PooledOddsRatio>,
    /// Breslow–Day test of a common odds ratio, without Tarone's adjustment.
    pub breslow_day: BreslowDayTest,
}

/// One focal work mode against the reference group. Both groups were released by the
/// disclosure engine.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Comparison {
    /// The focal work mode.
    pub work_mode: WorkMode,
    /// The reference work mode.
    pub reference: WorkMode,
    /// People in the focal group.
    pub focal_n: u64,
    /// People in the focal group promoted in the window.
    pub focal_promoted: u64,
    /// People in the reference group.
    pub reference_n: u64,
    /// People in the reference group promoted in the window.
    pub reference_promoted: u64,
    /// Impact ratio; `None` when the reference group had no promotions.
    pub impact_ratio: Option<ImpactRatio>,
    /// `rate(focal) − rate(reference)`, in `[−1, 1]` (a share, not percentage points).
    pub rate_difference: f64,
    /// Pooled two-proportion z test; `None` when nobody or everybody was promoted in
    /// the two groups together (the standard error is zero).
    pub z_test: Option<ZTest>,
    /// Fisher's exact test, two-sided (scipy convention), in `[0, 1]`.
    pub fisher_p_value: f64,
    /// The Fisher p-value adjusted across the focal groups by the configured method.
    pub adjusted_p_value: f64,
    /// Stratified analysis; `None` when no released stratum carries information.
    pub stratified: Option<StratifiedComparison>,
    /// Smallest impact ratio below 1 that a two-sided test at `alpha` detects with the
    /// configured power, for these group sizes and the reference rate; `None` when
    /// undefined (reference rate 0 or 1) or when even a ratio of 0 is not detectable.
    pub min_detectable_ratio: Option<f64>,
    /// The regression-adjusted odds ratio; `None` when the model could not be fitted
    /// (see [`PromotionReport::logistic_unavailable`](crate::PromotionReport::logistic_unavailable)).
    pub logistic: Option<LogisticTerm>,
    /// Kaplan–Meier median months to promotion of the focal group (`None`: not reached,
    /// or reached only where fewer than the minimum group size were at risk).
    pub median_months_to_promotion: Option<f64>,
    /// Performance ratings, focal vs reference; `None` when the test is undefined.
    pub rating: Option<RatingComparison>,
}

impl Comparison {
    /// Whether the focal group's rate is lower than the reference rate.
    pub fn is_lower(&self) -> bool {
        self.rate_difference < 0.0
    }
}

/// One work mode × attribute value cohort of an intersectional cut (only cohorts with
/// at least one person: an empty cohort is absent).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct IntersectionCell {
    /// The work mode of the cohort's members.
    pub work_mode: WorkMode,
    /// The attribute key (e.g. `"gender"`).
    pub attribute: String,
    /// The attribute value (rows without the attribute are in no cohort of the cut).
    pub value: String,
    /// Head-count, or why the disclosure engine withheld the cohort.
    pub n: Disclosed<u64>,
    /// Promotion rate, a share in `[0, 1]`; `None` when the cohort is withheld.
    pub rate: Option<f64>,
    /// Rate relative to the reference work mode's cohort with the same attribute value;
    /// `None` when either cohort is withheld or the reference cohort's rate is zero.
    pub impact_ratio: Option<f64>,
}

/// A released group's Kaplan–Meier curve of months to promotion, for drawing: the share
/// not yet promoted, sampled at up to [`SurvivalCurve::MAX_POINTS`] evenly spaced times
/// from 0, and cut off after the last step whose risk set holds at least the engine's
/// minimum group size (a later step describes fewer people than that).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct SurvivalCurve {
    /// The work mode whose released group the curve describes.
    pub work_mode: WorkMode,
    /// `(months, share not yet promoted)`, in increasing months; starts at `(0, 1)`;
    /// shares in `[0, 1]`, never increasing.
    pub points: Vec<(f64, f64)>,
}

impl SurvivalCurve {
    /// The most points a curve keeps.
    pub const MAX_POINTS: usize = 121;

    /// The median months to promotion of `km` as it may be published: only when the
    /// step that reaches it (the first with `S(t) ≤ 0.5`) still has at least `min` people
    /// at risk. A median read off a later step is the promotion time of one of fewer than
    /// `min` people, the same reason the curve is cut there.
    pub(crate) fn published_median(km: &remit_stats::KaplanMeier, min: u32) -> Option<f64> {
        let median = km.median?;
        km.steps
            .iter()
            .find(|s| s.time == median)
            .filter(|s| s.at_risk >= u64::from(min))
            .map(|s| s.time)
    }

    /// The curve of `km`, cut after the last step with at least `min` people at risk.
    pub(crate) fn from_fit(work_mode: WorkMode, km: &remit_stats::KaplanMeier, min: u32) -> Self {
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
                // The last point is exactly `end` (`end * steps / steps` can round
                // above it, past the last step with enough people at risk).
                let t = if k == steps {
                    end
                } else {
                    end * k as f64 / steps as f64
                };
                points.push((t, km.survival_at(t)));
            }
        }
        Self { work_mode, points }
    }
}
