//! Equity analysis: mean and median value per work mode (and by country and level), the
//! unadjusted gap, and the adjusted gap from a log-value regression — the way pay-equity
//! audits measure a pay gap.
//!
//! # The model
//!
//! For every active employee with a positive normalised value `v`:
//!
//! ```text
//! ln v = β_hybrid · hybrid + β_remote · remote + β_tenure · tenure_years + α_(level × country) + ε
//! ```
//!
//! The fixed effect `α` of each level × country cell is the pay-analysis-group
//! convention: staff are compared only with colleagues at the same level in the same
//! country. Onsite staff are the reference group. The adjusted gap of a work mode is
//! `exp(β) − 1` (a coefficient of −0.128 is a 12.0% shortfall), with a confidence
//! interval `exp(β ± q·se) − 1` and a two-sided p-value.
//!
//! The fit is ordinary least squares from `remit-stats` on the within-cell deviations
//! (the Frisch–Waugh–Lovell theorem: the coefficients and residuals equal those of the
//! regression with one dummy per cell). Standard errors carry the full model's degrees of
//! freedom `n − k − G` (`G` cells), so they equal statsmodels'
//! `ols("ln_v ~ hybrid + remote + tenure_years + C(cell)").fit(cov_type=...)`: classical
//! errors with Student's t, HC1 errors (the default) with the normal distribution, as
//! statsmodels does. Golden fixtures check this to a relative 1e-6.
//!
//! # Which model is fitted
//!
//! The model above is the one fitted whenever the data allow it; when they do not, the
//! fitted model says what changed ([`EquityAnalysis::model`], a [`FittedModel`]):
//!
//! - **Every work mode keeps its own indicator.** Hybrid and remote staff each have an
//!   indicator whenever any of them is in the regression, however few they are; they
//!   are never pooled into the onsite reference group. The 30/5 rule below decides only
//!   whether a mode's gap is *reported*.
//! - **The connected set.** Two work modes are connected when some level × country cell
//!   holds employees of both. The regression keeps the cells that hold a work mode
//!   connected to onsite staff, directly or through the other mode (the connected set
//!   of Abowd, Creecy & Kramarz 2002, the standard condition for comparing groups
//!   across fixed effects); employees in other cells cannot be compared with onsite
//!   staff at all and are counted in [`FittedModel::outside_connected_set`].
//! - **Identification through chains is valid.** With the cells absorbed, a remote
//!   employee who shares a cell only with hybrid staff still identifies the remote gap:
//!   the remote–hybrid difference in that cell plus the hybrid–onsite difference in
//!   cells both share. It rests on the model's own assumption (one gap per work mode in
//!   every cell), and [`AdjustedGap::comparison`] says whether a gap was measured
//!   against onsite staff in shared cells ([`Comparison::Direct`]) or only through the
//!   other mode ([`Comparison::Indirect`]).
//! - **Tenure** enters when it varies within cells; if it does not, or is collinear
//!   with the rest of the design, it is left out and [`FittedModel::controls`] is empty.
//!
//! # When there is nothing to say
//!
//! A gap is estimated only with at least 30 employees in the regression and at least 5
//! in each compared group (the California Pay Equity Task Force's "30/5 rule");
//! otherwise it is [`GapEstimate::TooSmall`]. When no employee of a work mode is in the
//! connected set (the mode shares no cell with onsite staff, directly or through the
//! other mode), its gap cannot be separated from location and is
//! [`GapEstimate::NotIdentified`].
//!
//! # Privacy
//!
//! Every count, mean and median leaves through the [`DisclosureGuard`]: tables of work
//! mode × country and work mode × level are protected with complementary suppression,
//! and a mean or median is published only when its cell's count is.

use remit_core::privacy::{CountTable, Disclosed, DisclosureGuard, Suppression};
use remit_core::{CountryCode, Currency, JobLevel, Money, Rounding, WorkMode};
use rust_decimal::Decimal;

use crate::error::BenefitsError;

mod regression;

use crate::valuation::{EmployeeValue, Valuations};
use regression::COMPARED;
pub(crate) use regression::{Baseline, Design, positive};

/// Settings of the equity analysis.
///
/// Deserialisation applies the same checks as the `with_*` setters.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(try_from = "EquitySettingsFields"))]
pub struct EquitySettings {
    threshold: f64,
    alpha: f64,
    covariance: Covariance,
    min_total: usize,
    min_group: usize,
    guard: DisclosureGuard,
}

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

impl Default for EquitySettings {
    fn default() -> Self {
        Self {
            threshold: 0.05,
            alpha: 0.05,
            covariance: Covariance::Hc1,
            min_total: 30,
            min_group: 5,
            guard: DisclosureGuard::default(),
        }
    }
}

impl EquitySettings {
    /// The defaults: a 5% gap threshold (EU Pay Transparency Directive 2023/970, Art. 10),
    /// significance at 5%, HC1 errors, the 30/5 rule and the default disclosure guard.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the gap threshold, in `(0, 1)`.
    ///
    /// # Errors
    ///
    /// [`BenefitsError::InvalidConfig`] outside `(0, 1)`.
    pub fn with_threshold(mut self, threshold: f64) -> Result<Self, BenefitsError> {
        if !(threshold > 0.0 && threshold < 1.0) {
            return Err(BenefitsError::InvalidConfig {
                field: "threshold",
                reason: format!("must be in (0, 1), got {threshold}"),
            });
        }
        self.threshold = threshold;
        Ok(self)
    }

    /// Sets the significance level, in `(0, 1)`.
    ///
    /// # Errors
    ///
    /// [`BenefitsError::InvalidConfig`] outside `(0, 1)`.
    pub fn with_alpha(mut self, alpha: f64) -> Result<Self, BenefitsError> {
        if !(alpha > 0.0 && alpha < 1.0) {
            return Err(BenefitsError::InvalidConfig {
                field: "alpha",
                reason: format!("must be in (0, 1), got {alpha}"),
            });
        }
        self.alpha = alpha;
        Ok(self)
    }

    /// Sets the standard errors.
    #[must_use]
    pub fn with_covariance(mut self, covariance: Covariance) -> Self {
        self.covariance = covariance;
        self
    }

    /// Sets the disclosure guard.
    #[must_use]
    pub fn with_guard(mut self, guard: DisclosureGuard) -> Self {
        self.guard = guard;
        self
    }

    /// Sets the minimum regression size and the minimum size of each compared group
    /// (default 30 and 5, the 30/5 rule), both at least 1.
    ///
    /// # Errors
    ///
    /// [`BenefitsError::InvalidConfig`] naming `min_total` or `min_group` for a zero.
    pub fn with_minimums(mut self, total: usize, group: usize) -> Result<Self, BenefitsError> {
        for (field, value) in [("min_total", total), ("min_group", group)] {
            if value == 0 {
                return Err(BenefitsError::InvalidConfig {
                    field,
                    reason: "must be at least 1, got 0".to_owned(),
                });
            }
        }
        self.min_total = total;
        self.min_group = group;
        Ok(self)
    }

    /// The gap threshold.
    pub fn threshold(&self) -> f64 {
        self.threshold
    }
    /// The significance level.
    pub fn alpha(&self) -> f64 {
        self.alpha
    }
    /// The standard errors.
    pub fn covariance(&self) -> Covariance {
        self.covariance
    }
    /// The disclosure guard.
    pub fn guard(&self) -> DisclosureGuard {
        self.guard
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
}

/// The fields of [`EquitySettings`] as they are serialised, before validation.
#[cfg(feature = "serde")]
#[derive(serde::Deserialize)]
struct EquitySettingsFields {
    threshold: f64,
    alpha: f64,
    covariance: Covariance,
    min_total: usize,
    min_group: usize,
    guard: DisclosureGuard,
}

#[cfg(feature = "serde")]
impl TryFrom<EquitySettingsFields> for EquitySettings {
    type Error = BenefitsError;

    fn try_from(f: EquitySettingsFields) -> Result<Self, Self::Error> {
        EquitySettings::new()
            .with_threshold(f.threshold)?
            .with_alpha(f.alpha)?
            .with_minimums(f.min_total, f.min_group)
            .map(|s| s.with_covariance(f.covariance).with_guard(f.guard))
    }
}

/// Head-count, mean and median of one cohort, each published or suppressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct CohortValue {
    count: Disclosed<u64>,
    mean: Disclosed<Money>,
    median: Disclosed<Money>,
}

impl CohortValue {
    /// The head-count.
    pub fn count(&self) -> Disclosed<u64> {
        self.count
    }
    /// The mean normalised annual value.
    pub fn mean(&self) -> Disclosed<Money> {
        self.mean
    }
    /// The median normalised annual value.
    pub fn median(&self) -> Disclosed<Money> {
        self.median
    }
}

/// One work mode's figures, optionally within one country or level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Breakdown<K> {
    work_mode: WorkMode,
    key: K,
    value: CohortValue,
}

impl<K: Copy> Breakdown<K> {
    /// The work mode.
    pub fn work_mode(&self) -> WorkMode {
        self.work_mode
    }
    /// The country or level (unit `()` for the work-mode totals).
    pub fn key(&self) -> K {
        self.key
    }
    /// The figures.
    pub fn value(&self) -> &CohortValue {
        &self.value
    }
}

/// An adjusted gap estimate.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct AdjustedGap {
    pub(crate) coefficient: f64,
    pub(crate) std_error: f64,
    pub(crate) p_value: f64,
    pub(crate) lower: f64,
    pub(crate) upper: f64,
    pub(crate) nobs: usize,
    pub(crate) cells: usize,
    pub(crate) df_resid: usize,
    pub(crate) covariance: Covariance,
    pub(crate) comparison: Comparison,
}

/// How a work mode's gap was measured against onsite staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum Comparison {
    /// Some level × country cell holds employees of this work mode and onsite staff:
    /// the gap is measured against onsite colleagues at the same level in the same
    /// country (and, where the other mode shares cells too, through it as well).
    Direct,
    /// No cell holds both this work mode and onsite staff: the gap is identified only
    /// through cells this mode shares with `via`, whose own gap against onsite staff is
    /// measured in cells it shares with them. Valid under the model's assumption of one
    /// gap per work mode in every cell, and only as good as that assumption.
    Indirect {
        /// The work mode that links this one to onsite staff.
        via: WorkMode,
    },
}

/// Fixed effects a [`FittedModel`] absorbs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum FixedEffects {
    /// One intercept per level × country cell (the pay-analysis-group convention).
    LevelByCountry,
}

/// A control variable of a [`FittedModel`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum Control {
    /// Whole months of tenure on the valuation date ÷ 12.
    TenureYears,
}

impl Control {
    /// The column name (`"tenure_years"`).
    pub const fn as_str(self) -> &'static str {
        match self {
            Control::TenureYears => "tenure_years",
        }
    }
}

/// The regression the adjusted gaps come from, exactly as fitted: which work modes have
/// an indicator, the reference group, the fixed effects and controls, and the sample.
/// See the [module docs](self) for the rule that decides each part.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FittedModel {
    pub(crate) indicators: Vec<WorkMode>,
    pub(crate) reference: WorkMode,
    pub(crate) cells: usize,
    pub(crate) controls: Vec<Control>,
    pub(crate) nobs: usize,
    pub(crate) outside_connected_set: usize,
    pub(crate) df_resid: usize,
    pub(crate) covariance: Covariance,
}

impl FittedModel {
    /// The work modes with their own indicator (hybrid and/or remote, in that order):
    /// every compared mode with employees in the regression, whatever its size.
    pub fn indicators(&self) -> &[WorkMode] {
        &self.indicators
    }
    /// The reference group the indicators are measured against: onsite staff, alone
    /// (no other work mode is ever pooled into it).
    pub fn reference(&self) -> WorkMode {
        self.reference
    }
    /// The absorbed fixed effects.
    pub fn fixed_effects(&self) -> FixedEffects {
        FixedEffects::LevelByCountry
    }
    /// The number of level × country cells absorbed (those in the connected set).
    pub fn cells(&self) -> usize {
        self.cells
    }
    /// The controls (tenure in years, unless it has no within-cell variation or is
    /// collinear with the rest of the design).
    pub fn controls(&self) -> &[Control] {
        &self.controls
    }
    /// Employees in the regression: positive value, in a connected cell.
    pub fn nobs(&self) -> usize {
        self.nobs
    }
    /// Employees with a positive value left out because their cell holds no work mode
    /// connected to onsite staff (they cannot be compared with them at all).
    pub fn outside_connected_set(&self) -> usize {
        self.outside_connected_set
    }
    /// Residual degrees of freedom `n − k − G`.
    pub fn df_resid(&self) -> usize {
        self.df_resid
    }
    /// The standard errors used.
    pub fn covariance(&self) -> Covariance {
        self.covariance
    }

    /// The model in words, for a report: `"ln value ~ hybrid + remote + tenure_years +
    /// level × country fixed effects (12 cells); reference: onsite staff; 1 234
    /// employees, HC1 errors"`.
    pub fn describe(&self) -> String {
        let mut terms: Vec<&str> = self.indicators.iter().map(|m| m.as_str()).collect();
        terms.extend(self.controls.iter().map(|c| c.as_str()));
        terms.push("level × country fixed effects");
        let mut text = format!(
            "ln value ~ {} ({} cells); reference: {} staff; {} employees, {} errors",
            terms.join(" + "),
            self.cells,
            self.reference.as_str(),
            self.nobs,
            match self.covariance {
                Covariance::Classical => "classical",
                Covariance::Hc1 => "HC1",
            }
        );
        if self.outside_connected_set > 0 {
            text.push_str(&format!(
                "; {} employees in cells not connected to onsite staff left out",
                self.outside_connected_set
            ));
        }
        text
    }
}

impl AdjustedGap {
    /// The log-value coefficient `β`.
    pub fn coefficient(&self) -> f64 {
        self.coefficient
    }
    /// Its standard error.
    pub fn std_error(&self) -> f64 {
        self.std_error
    }
    /// The two-sided p-value.
    pub fn p_value(&self) -> f64 {
        self.p_value
    }
    /// The gap `exp(β) − 1` (negative: the group receives less than onsite staff).
    pub fn gap(&self) -> f64 {
        self.coefficient.exp() - 1.0
    }
    /// The lower confidence limit of the gap.
    pub fn lower(&self) -> f64 {
        self.lower
    }
    /// The upper confidence limit of the gap.
    pub fn upper(&self) -> f64 {
        self.upper
    }
    /// Employees in the regression.
    pub fn nobs(&self) -> usize {
        self.nobs
    }
    /// Level × country cells (absorbed fixed effects).
    pub fn cells(&self) -> usize {
        self.cells
    }
    /// Residual degrees of freedom `n − k − G`.
    pub fn df_resid(&self) -> usize {
        self.df_resid
    }
    /// The standard errors used.
    pub fn covariance(&self) -> Covariance {
        self.covariance
    }
    /// Whether the gap was measured against onsite staff in shared cells or only
    /// through the other work mode.
    pub fn comparison(&self) -> Comparison {
        self.comparison
    }
}

/// The adjusted gap of one work mode, or why there is none.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum GapEstimate {
    /// Estimated.
    Estimated(AdjustedGap),
    /// Too few employees to say (the 30/5 rule).
    TooSmall {
        /// Employees in the regression.
        total: usize,
        /// Of them in this work mode.
        group: usize,
        /// Of them onsite.
        reference: usize,
    },
    /// No employee of the work mode is in the connected set: it shares no level ×
    /// country cell with onsite staff, directly or through the other work mode, so its
    /// gap cannot be separated from location.
    NotIdentified,
}

impl GapEstimate {
    /// The estimate, if any.
    pub fn estimated(&self) -> Option<&AdjustedGap> {
        match self {
            GapEstimate::Estimated(g) => Some(g),
            _ => None,
        }
    }
}

/// The gap of one work mode against onsite staff.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ModeGap {
    work_mode: WorkMode,
    unadjusted: Disclosed<f64>,
    adjusted: GapEstimate,
}

impl ModeGap {
    /// The work mode (hybrid or remote).
    pub fn work_mode(&self) -> WorkMode {
        self.work_mode
    }
    /// Mean value of the mode ÷ mean value of onsite staff − 1, over everyone (also
    /// those with no benefits); published when both counts are.
    pub fn unadjusted(&self) -> Disclosed<f64> {
        self.unadjusted
    }
    /// The regression-adjusted gap.
    pub fn adjusted(&self) -> &GapEstimate {
        &self.adjusted
    }
}

/// The equity analysis of one valuation; see [`analyse_equity`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct EquityAnalysis {
    base: Currency,
    settings: EquitySettings,
    by_mode: Vec<Breakdown<()>>,
    by_country: Vec<Breakdown<CountryCode>>,
    by_level: Vec<Breakdown<JobLevel>>,
    gaps: Vec<ModeGap>,
    model: Option<FittedModel>,
    without_value: Disclosed<u64>,
}

impl EquityAnalysis {
    /// The base currency of the figures.
    pub fn base_currency(&self) -> Currency {
        self.base
    }
    /// The settings used.
    pub fn settings(&self) -> &EquitySettings {
        &self.settings
    }
    /// Figures per work mode (onsite, hybrid, remote).
    pub fn by_mode(&self) -> &[Breakdown<()>] {
        &self.by_mode
    }
    /// Figures per work mode × country.
    pub fn by_country(&self) -> &[Breakdown<CountryCode>] {
        &self.by_country
    }
    /// Figures per work mode × level.
    pub fn by_level(&self) -> &[Breakdown<JobLevel>] {
        &self.by_level
    }
    /// The gap of hybrid and remote staff against onsite staff.
    pub fn gaps(&self) -> &[ModeGap] {
        &self.gaps
    }
    /// The gap of one work mode.
    pub fn gap(&self, mode: WorkMode) -> Option<&ModeGap> {
        self.gaps.iter().find(|g| g.work_mode == mode)
    }
    /// The regression actually fitted, or `None` when no gap could be estimated (every
    /// compared mode too small or not identified).
    pub fn model(&self) -> Option<&FittedModel> {
        self.model.as_ref()
    }
    /// Employees with no benefit value (left out of the log regression).
    pub fn without_value(&self) -> Disclosed<u64> {
        self.without_value
    }
}

/// Each normalised value as the regression reads it (base-currency units, from the
/// exact minor units), so a refit starts from exactly the values the analysis used.
pub(crate) fn regression_values(values: &[EmployeeValue], places: u32) -> Vec<f64> {
    let scale = 10f64.powi(i32::try_from(places).unwrap_or(2));
    values
        .iter()
        .map(|v| minor(v, places) as f64 / scale)
        .collect()
}

/// Minor units of each normalised value, for exact integer means and medians.
fn minor(v: &EmployeeValue, places: u32) -> i128 {
    let mut d = v.normalised().amount();
    if d.scale() != places {
        d.rescale(places);
    }
    d.mantissa()
}

fn from_minor(sum: i128, count: u64, places: u32, base: Currency) -> Money {
    let amount = i64::try_from(sum)
        .ok()
        .map(|s| Decimal::new(s, places))
        .unwrap_or_else(|| Decimal::from_i128_with_scale(sum, places));
    if count == 0 {
        return Money::zero(base);
    }
    Money::new(amount / Decimal::from(count), base).round_to(places, Rounding::HalfEven)
}

fn median(values: &mut [i128], places: u32, base: Currency) -> Money {
    let n = values.len();
    if n == 0 {
        return Money::zero(base);
    }
    let (_, &mut hi, _) = values.select_nth_unstable(n / 2);
    if n % 2 == 1 {
        return from_minor(hi, 1, places, base);
    }
    let lo = values
        .get(..n / 2)
        .and_then(|s| s.iter().max().copied())
        .unwrap_or(hi);
    from_minor(lo + hi, 2, places, base)
}

fn cohort(values: &mut [i128], published: bool, places: u32, base: Currency) -> CohortValue {
    let count = values.len() as u64;
    if !published {
        let s = Disclosed::Suppressed(Suppression::BelowMinimum);
        return CohortValue {
            count: s,
            mean: Disclosed::Suppressed(Suppression::BelowMinimum),
            median: Disclosed::Suppressed(Suppression::BelowMinimum),
        };
    }
    let sum: i128 = values.iter().sum();
    CohortValue {
        count: Disclosed::Published(count),
        mean: Disclosed::Published(from_minor(sum, count, places, base)),
        median: Disclosed::Published(median(values, places, base)),
    }
}

fn with_reason(d: Disclosed<u64>, c: CohortValue) -> CohortValue {
    match d {
        Disclosed::Published(_) => c,
        Disclosed::Suppressed(s) => CohortValue {
            count: Disclosed::Suppressed(s),
            mean: Disclosed::Suppressed(s),
            median: Disclosed::Suppressed(s),
        },
    }
}

/// Breaks values down by work mode × key through the guard.
fn breakdown<K: Ord + Copy + std::hash::Hash>(
    values: &[EmployeeValue],
    minors: &[i128],
    key: impl Fn(&EmployeeValue) -> K,
    guard: &DisclosureGuard,
    places: u32,
    base: Currency,
) -> Result<Vec<Breakdown<K>>, BenefitsError> {
    let mut groups: crate::FastMap<(WorkMode, K), Vec<i128>> =
        Default::default();
    let mut table = CountTable::new(WorkMode::ALL, []);
    for (v, m) in values.iter().zip(minors) {
        groups.entry((v.work_mode(), key(v))).or_default().push(*m);
    }
    for ((mode, k), vals) in &groups {
        table.add(*mode, *k, vals.len() as u64)?;
    }
    let protected = guard.protect_table(&table)?;
    let mut keys: Vec<(WorkMode, K)> = groups.keys().copied().collect();
    keys.sort();
    let mut out = Vec::with_capacity(keys.len());
    for (mode, k) in keys {
        let Some(vals) = groups.get_mut(&(mode, k)) else {
            continue;
        };
        let disclosed = protected
            .cell(&mode, &k)
            .unwrap_or(Disclosed::Suppressed(Suppression::Complementary));
        let value = with_reason(
            disclosed,
            cohort(vals, !disclosed.is_suppressed(), places, base),
        );
        out.push(Breakdown {
            work_mode: mode,
            key: k,
            value,
        });
    }
    Ok(out)
}

/// Describes the values per work mode (and by country and level) and estimates the gap
/// of hybrid and remote staff against onsite staff.
///
/// # Errors
///
/// [`BenefitsError::Privacy`] if the guard rejects a table (count overflow),
/// [`BenefitsError::Money`] if the base currency has no minor unit.
pub fn analyse_equity(
    valuations: &Valuations,
    settings: &EquitySettings,
) -> Result<EquityAnalysis, BenefitsError> {
    analyse_with_baseline(valuations, settings).map(|(analysis, _)| analysis)
}

/// [`analyse_equity`], also returning the regression's baseline so the remediation
/// plans of the same audit refit without rebuilding it.
pub(crate) fn analyse_with_baseline<'a>(
    valuations: &'a Valuations,
    settings: &EquitySettings,
) -> Result<(EquityAnalysis, Baseline<'a>), BenefitsError> {
    let base = valuations.base_currency();
    let places = base.minor_units().ok_or_else(|| {
        BenefitsError::money(
            "base currency",
            remit_core::MoneyError::NoMinorUnit { currency: base },
        )
    })?;
    let values = valuations.values();
    let minors: Vec<i128> = values.iter().map(|v| minor(v, places)).collect();
    let guard = settings.guard;

    // Per work mode: a one-way list with its total.
    let mut per_mode: [Vec<i128>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    for (v, m) in values.iter().zip(&minors) {
        if let Some(slot) = per_mode.get_mut(v.work_mode().index()) {
            slot.push(*m);
        }
    }
    let counts = guard.protect_counts(
        WorkMode::ALL
            .iter()
            .zip(&per_mode)
            .map(|(m, v)| (*m, v.len() as u64))
            .collect(),
    )?;
    let mut by_mode = Vec::with_capacity(3);
    let mut means = [None; 3];
    for (mode, vals) in WorkMode::ALL.iter().zip(per_mode.iter_mut()) {
        let disclosed = counts
            .cell(mode)
            .unwrap_or(Disclosed::Suppressed(Suppression::Complementary));
        let c = with_reason(
            disclosed,
            cohort(vals, !disclosed.is_suppressed(), places, base),
        );
        if let (Some(slot), Some(mean)) = (means.get_mut(mode.index()), c.mean.published()) {
            *slot = Some(mean.amount());
        }
        by_mode.push(Breakdown {
            work_mode: *mode,
            key: (),
            value: c,
        });
    }
    let by_country = breakdown(values, &minors, |v| v.country(), &guard, places, base)?;
    let by_level = breakdown(values, &minors, |v| v.level(), &guard, places, base)?;

    let without = values
        .iter()
        .filter(|v| v.normalised().amount() <= Decimal::ZERO)
        .count() as u64;
    let without_value = if guard.allows(without) {
        Disclosed::Published(without)
    } else {
        Disclosed::Suppressed(Suppression::BelowMinimum)
    };

    let baseline = Baseline::new(values, regression_values(values, places));
    let fit = baseline.fit_today(settings);
    let mut gaps = Vec::with_capacity(2);
    for (mode, estimate) in COMPARED.into_iter().zip(fit.gaps) {
        let unadjusted = match (
            means.get(WorkMode::Onsite.index()).copied().flatten(),
            means.get(mode.index()).copied().flatten(),
        ) {
            (Some(onsite), Some(group)) if onsite > Decimal::ZERO => {
                let ratio = f64::try_from(group / onsite).unwrap_or(f64::NAN);
                if ratio.is_finite() {
                    Disclosed::Published(ratio - 1.0)
                } else {
                    Disclosed::Suppressed(Suppression::BelowMinimum)
                }
            }
            _ => Disclosed::Suppressed(Suppression::BelowMinimum),
        };
        gaps.push(ModeGap {
            work_mode: mode,
            unadjusted,
            adjusted: estimate,
        });
    }
    let analysis = EquityAnalysis {
        base,
        settings: *settings,
        by_mode,
        by_country,
        by_level,
        gaps,
        model: fit.model,
        without_value,
    };
    Ok((analysis, baseline))
}
