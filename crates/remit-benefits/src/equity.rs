//! The equity analysis: descriptive figures per work mode through the disclosure engine,
//! and the adjusted gap from a log-value regression (the rule and the privacy order are
//! documented on [`EquityAnalysis`]).

use remit_core::disclosure::{Decision, Disclosed, Disclosure, Population, Suppression};
use remit_core::{CountryCode, Currency, JobLevel, Money, WorkMode};
use rust_decimal::Decimal;

use crate::cells::{by_key, release, release_cut};
use crate::config::{Config, Covariance};
use crate::error::Error;

mod regression;

use crate::valuation::{EmployeeValue, Valuations};
use regression::COMPARED;
pub(crate) use regression::{Baseline, Design, positive};

/// Head-count, mean and median of one group of employees, each published or withheld by
/// the disclosure engine (all three together: a group is granted or not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct CohortValue {
    count: Disclosed<u64>,
    mean: Disclosed<Money>,
    median: Disclosed<Money>,
}

impl CohortValue {
    /// The number of employees in the group (at least one: empty groups are absent).
    pub fn count(&self) -> Disclosed<u64> {
        self.count
    }
    /// Their mean normalised annual benefit value (base currency per person per year,
    /// rounded half-even to the minor unit); employees without benefits count as zero.
    pub fn mean(&self) -> Disclosed<Money> {
        self.mean
    }
    /// Their median normalised annual benefit value (the mean of the two middle values
    /// for an even count, rounded half-even).
    pub fn median(&self) -> Disclosed<Money> {
        self.median
    }
}

/// One work mode's figures, optionally within one country or level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct Breakdown<K> {
    work_mode: WorkMode,
    key: K,
    value: CohortValue,
}

impl<K: Copy> Breakdown<K> {
    /// The work mode of this row's employees.
    pub fn work_mode(&self) -> WorkMode {
        self.work_mode
    }
    /// The country or level (unit `()` for the work-mode totals).
    pub fn key(&self) -> K {
        self.key
    }
    /// The row's figures (headcount, median and mean value), as the disclosure engine
    /// released them.
    pub fn value(&self) -> &CohortValue {
        &self.value
    }
}

/// An adjusted gap estimate: the coefficient of a work mode's indicator in the log-value
/// regression, with its standard error, p-value and confidence interval. Published only
/// when the regression's sample and the compared groups in it were granted.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct AdjustedGap {
    pub(crate) coefficient: f64,
    pub(crate) std_error: f64,
    pub(crate) p_value: f64,
    pub(crate) lower: f64,
    pub(crate) upper: f64,
    pub(crate) nobs: u64,
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
/// See [`EquityAnalysis`] for the rule that decides each part. Present in a report
/// only when the disclosure engine granted the sample.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct FittedModel {
    pub(crate) indicators: Vec<WorkMode>,
    pub(crate) reference: WorkMode,
    pub(crate) cells: usize,
    pub(crate) controls: Vec<Control>,
    pub(crate) nobs: u64,
    pub(crate) outside_connected_set: Option<Disclosed<u64>>,
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
    /// Employees in the regression (positive value, in a connected cell): the size of
    /// the sample the disclosure engine granted.
    pub fn nobs(&self) -> u64 {
        self.nobs
    }
    /// Employees with a positive value left out because their cell holds no work mode
    /// connected to onsite staff (they cannot be compared with them at all), as the
    /// engine released that group; `None` when nobody was left out.
    pub fn outside_connected_set(&self) -> Option<Disclosed<u64>> {
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
    /// level × country fixed effects (12 cells); reference: onsite staff; 1,234
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
            crate::wording::count(self.nobs),
            match self.covariance {
                Covariance::Classical => "classical",
                Covariance::Hc1 => "HC1",
            }
        );
        match self.outside_connected_set {
            Some(Disclosed::Published(n)) => text.push_str(&format!(
                "; {} employees in cells not connected to onsite staff left out",
                crate::wording::count(n)
            )),
            Some(Disclosed::Suppressed(_)) => {
                text.push_str("; a few employees in cells not connected to onsite staff left out")
            }
            None => {}
        }
        text
    }
}

impl AdjustedGap {
    /// The log-value coefficient `β`.
    pub fn coefficient(&self) -> f64 {
        self.coefficient
    }
    /// Its standard error (0 for an exact fit).
    pub fn std_error(&self) -> f64 {
        self.std_error
    }
    /// The two-sided p-value, in `[0, 1]`.
    pub fn p_value(&self) -> f64 {
        self.p_value
    }
    /// The gap `exp(β) − 1` as a share (negative: the group receives less than onsite
    /// staff; −0.12 is a 12% shortfall).
    pub fn gap(&self) -> f64 {
        self.coefficient.exp() - 1.0
    }
    /// The lower confidence limit of the gap (a share).
    pub fn lower(&self) -> f64 {
        self.lower
    }
    /// The upper confidence limit of the gap (a share).
    pub fn upper(&self) -> f64 {
        self.upper
    }
    /// Employees in the regression (the granted sample's size).
    pub fn nobs(&self) -> u64 {
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
    /// Whether the fit left no variation within cells (a standard error of 0): the gap
    /// is then exact and has no confidence interval to speak of.
    pub fn is_exact(&self) -> bool {
        self.std_error == 0.0
    }
}

/// The adjusted gap of one work mode, or why there is none.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
#[non_exhaustive]
pub enum GapEstimate {
    /// The adjusted gap was estimated and the engine released it.
    Estimated(AdjustedGap),
    /// Too few employees to say (the 30/5 rule: fewer than the configured minimum in the
    /// regression, in the work mode or among onsite staff). No counts are given: they
    /// would describe groups the engine did not grant.
    TooSmall,
    /// No employee of the work mode is in the connected set: it shares no level ×
    /// country cell with onsite staff, directly or through the other work mode, so its
    /// gap cannot be separated from location.
    NotIdentified,
    /// Estimated, but withheld by the disclosure engine: publishing the regression's
    /// sample (or this work mode's or onsite staff's part of it) would let a reader
    /// compute figures about fewer than the minimum number of people.
    Withheld(Suppression),
}

impl GapEstimate {
    /// The estimate, if published.
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
#[non_exhaustive]
pub struct ModeGap {
    work_mode: WorkMode,
    unadjusted: Option<Disclosed<f64>>,
    adjusted: GapEstimate,
}

impl ModeGap {
    /// The work mode (hybrid or remote).
    pub fn work_mode(&self) -> WorkMode {
        self.work_mode
    }
    /// Mean value of the mode ÷ mean value of onsite staff − 1, over everyone (also
    /// those with no benefits), as a share: published when both means are; `None` when
    /// there is no onsite mean to compare with (no onsite staff, or none with any
    /// benefit).
    pub fn unadjusted(&self) -> Option<Disclosed<f64>> {
        self.unadjusted
    }
    /// The gap adjusted for country, level and tenure by regression, or why it is
    /// withheld.
    pub fn adjusted(&self) -> &GapEstimate {
        &self.adjusted
    }
}

/// Equity analysis: mean and median value per work mode (and by country and level), the
/// unadjusted gap, and the adjusted gap from a log-value regression — the way pay-equity
/// audits measure a pay gap.
///
/// # The model
///
/// For every active employee with a positive normalised value `v`:
///
/// ```text
/// ln v = β_hybrid · hybrid + β_remote · remote + β_tenure · tenure_years + α_(level × country) + ε
/// ```
///
/// The fixed effect `α` of each level × country cell is the pay-analysis-group
/// convention: staff are compared only with colleagues at the same level in the same
/// country. Onsite staff are the reference group. The adjusted gap of a work mode is
/// `exp(β) − 1` (a coefficient of −0.128 is a 12.0% shortfall), with a confidence
/// interval `exp(β ± q·se) − 1` and a two-sided p-value.
///
/// The fit is ordinary least squares from `remit-stats` on the within-cell deviations
/// (the Frisch–Waugh–Lovell theorem: the coefficients and residuals equal those of the
/// regression with one dummy per cell). Standard errors carry the full model's degrees of
/// freedom `n − k − G` (`G` cells), so they equal statsmodels'
/// `ols("ln_v ~ hybrid + remote + tenure_years + C(cell)").fit(cov_type=...)`: classical
/// errors with Student's t, HC1 errors (the default) with the normal distribution, as
/// statsmodels does. Golden fixtures check this to a relative 1e-6.
///
/// # Which model is fitted
///
/// The model above is the one fitted whenever the data allow it; when they do not, the
/// fitted model says what changed ([`EquityAnalysis::model`], a [`FittedModel`]):
///
/// - **Every work mode keeps its own indicator.** Hybrid and remote staff each have an
///   indicator whenever any of them is in the regression, however few they are; they
///   are never pooled into the onsite reference group. The 30/5 rule below decides only
///   whether a mode's gap is *reported*.
/// - **The connected set.** Two work modes are connected when some level × country cell
///   holds employees of both. The regression keeps the cells that hold a work mode
///   connected to onsite staff, directly or through the other mode (the connected set
///   of Abowd, Creecy & Kramarz 2002, the standard condition for comparing groups
///   across fixed effects); employees in other cells cannot be compared with onsite
///   staff at all and are counted in [`FittedModel::outside_connected_set`].
/// - **Identification through chains is valid.** With the cells absorbed, a remote
///   employee who shares a cell only with hybrid staff still identifies the remote gap:
///   the remote–hybrid difference in that cell plus the hybrid–onsite difference in
///   cells both share. It rests on the model's own assumption (one gap per work mode in
///   every cell), and [`AdjustedGap::comparison`] says whether a gap was measured
///   against onsite staff in shared cells ([`Comparison::Direct`]) or only through the
///   other mode ([`Comparison::Indirect`]).
/// - **Tenure** enters when it varies within cells; if it does not, or is collinear
///   with the rest of the design, it is left out and [`FittedModel::controls`] is empty.
///
/// # When there is nothing to say
///
/// A gap is estimated only with at least 30 employees in the regression and at least 5
/// in each compared group (the California Pay Equity Task Force's "30/5 rule");
/// otherwise it is [`GapEstimate::TooSmall`]. When no employee of a work mode is in the
/// connected set (the mode shares no cell with onsite staff, directly or through the
/// other mode), its gap cannot be separated from location and is
/// [`GapEstimate::NotIdentified`].
///
/// # Privacy
///
/// Every figure here was released through the disclosure engine passed to
/// [`audit`](fn@crate::audit), over the population `benefits/valued`
/// ([`VALUED`](crate::VALUED)). Groups are released in this order, so that what is
/// withheld falls on the finest cells: everyone, then the work modes, then the
/// regression's sample (and its work modes, and the employees left out of it for being
/// in cells not connected to onsite staff), then — when
/// [`Config::with_detail_tables`](crate::Config::with_detail_tables) asks for them —
/// work mode × country and work mode × level. A group the engine refuses has its count,
/// mean and median [`Disclosed::Suppressed`]; a group with nobody in it is absent (no row, no mean, no
/// gap). The regression's figures (its sample size, the coefficients, the intervals)
/// are published only when its sample and the two compared groups in it were granted;
/// otherwise the gap is [`GapEstimate::Withheld`].
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
#[non_exhaustive]
pub struct EquityAnalysis {
    base: Currency,
    by_mode: Vec<Breakdown<()>>,
    by_country: Vec<Breakdown<CountryCode>>,
    by_level: Vec<Breakdown<JobLevel>>,
    gaps: Vec<ModeGap>,
    model: Option<FittedModel>,
}

impl EquityAnalysis {
    /// The base currency of the figures.
    pub fn base_currency(&self) -> Currency {
        self.base
    }
    /// Figures per work mode (onsite, hybrid, remote; a mode with nobody is absent).
    pub fn by_mode(&self) -> &[Breakdown<()>] {
        &self.by_mode
    }
    /// The figures of one work mode, if anyone works in it.
    pub fn mode(&self, mode: WorkMode) -> Option<&CohortValue> {
        self.by_mode
            .iter()
            .find(|b| b.work_mode == mode)
            .map(|b| &b.value)
    }
    /// Figures per work mode × country (cells with nobody are absent); empty unless
    /// [`Config::with_detail_tables`](crate::Config::with_detail_tables) asked for them.
    pub fn by_country(&self) -> &[Breakdown<CountryCode>] {
        &self.by_country
    }
    /// Figures per work mode × level (cells with nobody are absent); empty unless
    /// [`Config::with_detail_tables`](crate::Config::with_detail_tables) asked for them.
    pub fn by_level(&self) -> &[Breakdown<JobLevel>] {
        &self.by_level
    }
    /// The gap of hybrid and remote staff against onsite staff (a mode with nobody is
    /// absent).
    pub fn gaps(&self) -> &[ModeGap] {
        &self.gaps
    }
    /// The gap of one work mode.
    pub fn gap(&self, mode: WorkMode) -> Option<&ModeGap> {
        self.gaps.iter().find(|g| g.work_mode == mode)
    }
    /// The regression actually fitted, or `None` when no gap could be estimated (every
    /// compared mode too small or not identified) or the engine withheld its sample
    /// (the gaps then say [`GapEstimate::Withheld`]).
    pub fn model(&self) -> Option<&FittedModel> {
        self.model.as_ref()
    }
}

/// Whether an adjusted gap is flagged: at least the threshold either way and significant
/// at the configured level.
pub(crate) fn flagged(gap: &AdjustedGap, config: &Config) -> bool {
    gap.gap().abs() >= config.threshold() && gap.p_value() < config.alpha()
}

/// Each normalised value as the regression reads it (base-currency units, from the
/// exact minor units), so a refit starts from exactly the values the analysis used.
///
/// # Errors
/// As [`minor`].
pub(crate) fn regression_values(values: &[EmployeeValue], places: u32) -> Result<Vec<f64>, Error> {
    let scale = 10f64.powi(i32::try_from(places).unwrap_or(2));
    values
        .iter()
        .map(|v| minor(v, places).map(|m| m as f64 / scale))
        .collect()
}

/// Minor units of a normalised value, for exact integer means and medians.
///
/// # Errors
/// [`Error::Money`] ([`MoneyError::Overflow`](remit_core::MoneyError::Overflow)) when
/// the value in minor units does not fit a `Decimal` (above about 7.9 × 10²⁶ in a
/// two-decimal currency): `rescale` would silently stop at a coarser scale, and the
/// value read as minor units would be ten or a hundred times too small.
fn minor(v: &EmployeeValue, places: u32) -> Result<i128, Error> {
    let mut d = v.normalised().amount();
    if d.scale() != places {
        d.rescale(places);
    }
    if d.scale() != places {
        return Err(Error::money(
            format!("employee {}: normalised value in minor units", v.employee()),
            remit_core::MoneyError::Overflow {
                operation: "conversion to minor units",
                currency: v.normalised().currency(),
            },
        ));
    }
    Ok(d.mantissa())
}

/// The mean of `count` values summing to `sum` minor units, rounded half-even to the
/// minor unit. Divided in integers first: each value fits a `Decimal`, so their mean
/// does, but their sum may not (found by fuzzing: two values near 4 × 10²⁸ minor units
/// panicked in `Decimal::from_i128_with_scale`).
fn from_minor(sum: i128, count: u64, places: u32, base: Currency) -> Money {
    let count = i128::from(count.max(1));
    let (floor, remainder) = (sum.div_euclid(count), sum.rem_euclid(count));
    let mean = match (2 * remainder).cmp(&count) {
        std::cmp::Ordering::Greater => floor + 1,
        std::cmp::Ordering::Equal if floor % 2 != 0 => floor + 1,
        _ => floor,
    };
    // Between the smallest and the largest value, each a `Decimal` mantissa: in range.
    let amount = Decimal::try_from_i128_with_scale(mean, places).unwrap_or(if mean < 0 {
        Decimal::MIN
    } else {
        Decimal::MAX
    });
    Money::new(amount, base)
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

/// The figures of one group under the engine's decision: computed only when granted.
fn cohort(
    rows: &[u32],
    minors: &[i128],
    decision: Decision,
    places: u32,
    base: Currency,
) -> CohortValue {
    match decision {
        Decision::Refused(reason) => CohortValue {
            count: Disclosed::Suppressed(reason),
            mean: Disclosed::Suppressed(reason),
            median: Disclosed::Suppressed(reason),
        },
        Decision::Granted => {
            let mut values: Vec<i128> = rows
                .iter()
                .map(|&r| minors.get(r as usize).copied().unwrap_or(0))
                .collect();
            let count = values.len() as u64;
            let sum: i128 = values.iter().sum();
            CohortValue {
                count: Disclosed::Published(count),
                mean: Disclosed::Published(from_minor(sum, count, places, base)),
                median: Disclosed::Published(median(&mut values, places, base)),
            }
        }
    }
}

/// Releases one cut (work mode × key) and describes its cells.
fn breakdown<K: Ord + Copy + std::hash::Hash>(
    values: &[EmployeeValue],
    minors: &[i128],
    key: impl Fn(&EmployeeValue) -> K,
    disclosure: &mut Disclosure,
    population: &Population,
    places: u32,
    base: Currency,
) -> Result<Vec<Breakdown<K>>, Error> {
    let cells = by_key(
        values
            .iter()
            .enumerate()
            .map(|(row, v)| (row as u32, (v.work_mode(), key(v)))),
    );
    let decisions = release_cut(disclosure, population, &cells)?;
    Ok(cells
        .iter()
        .zip(decisions)
        .map(|(((mode, k), rows), decision)| Breakdown {
            work_mode: *mode,
            key: *k,
            value: cohort(rows, minors, decision, places, base),
        })
        .collect())
}

/// What the engine decided about the regression's sample, for the remediation refits
/// that reuse it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SampleRelease {
    /// The sample itself (granted when no model was fitted: nothing is published).
    pub(crate) sample: Decision,
    /// Each work mode's part of it, by [`WorkMode::index`].
    pub(crate) modes: [Decision; 3],
}

impl SampleRelease {
    /// Whether the gap of `mode` against onsite staff may be published: the sample and
    /// both compared parts were granted; otherwise the first refusal.
    pub(crate) fn gap_decision(&self, mode: WorkMode) -> Decision {
        [
            self.sample,
            self.modes[mode.index()],
            self.modes[WorkMode::Onsite.index()],
        ]
        .into_iter()
        .find(|d| !d.is_granted())
        .unwrap_or(Decision::Granted)
    }
}

/// Releases a regression sample (rows ascending) and its work modes' parts.
pub(crate) fn release_sample(
    values: &[EmployeeValue],
    rows: &[u32],
    disclosure: &mut Disclosure,
    population: &Population,
) -> Result<SampleRelease, Error> {
    let sample = release(disclosure, population, rows)?;
    let mut parts: [Vec<u32>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    for &row in rows {
        if let Some(part) = values
            .get(row as usize)
            .and_then(|v| parts.get_mut(v.work_mode().index()))
        {
            part.push(row);
        }
    }
    let mut modes = [Decision::Granted; 3];
    if sample.is_granted() {
        let cells: Vec<(usize, Vec<u32>)> = parts
            .into_iter()
            .enumerate()
            .filter(|(_, rows)| !rows.is_empty())
            .collect();
        for ((m, _), decision) in cells
            .iter()
            .zip(release_cut(disclosure, population, &cells)?)
        {
            if let Some(slot) = modes.get_mut(*m) {
                *slot = decision;
            }
        }
    } else {
        modes = [sample; 3];
    }
    Ok(SampleRelease { sample, modes })
}

/// The gap estimates of a fit as published under the engine's decisions about its
/// sample: an estimate whose groups were refused is [`GapEstimate::Withheld`].
pub(crate) fn published_gap(
    estimate: GapEstimate,
    mode: WorkMode,
    release: &SampleRelease,
) -> GapEstimate {
    match (estimate, release.gap_decision(mode)) {
        (GapEstimate::Estimated(_), Decision::Refused(reason)) => GapEstimate::Withheld(reason),
        (estimate, _) => estimate,
    }
}

/// Describes the values per work mode (and by country and level) and estimates the gap
/// of hybrid and remote staff against onsite staff, releasing every group through the
/// engine in the order documented on [`EquityAnalysis`] (everyone was released by
/// the caller). Returns the analysis and the engine's decisions about the regression's
/// sample.
pub(crate) fn analyse(
    valuations: &Valuations,
    baseline: &Baseline<'_>,
    config: &Config,
    disclosure: &mut Disclosure,
    population: &Population,
) -> Result<(EquityAnalysis, SampleRelease), Error> {
    let base = valuations.base_currency();
    let places = base.minor_units().ok_or_else(|| {
        Error::money(
            "base currency",
            remit_core::MoneyError::NoMinorUnit { currency: base },
        )
    })?;
    let values = valuations.values();
    let minors = values
        .iter()
        .map(|v| minor(v, places))
        .collect::<Result<Vec<i128>, Error>>()?;

    // 1. Work modes.
    let modes = by_key(
        values
            .iter()
            .enumerate()
            .map(|(row, v)| (row as u32, v.work_mode())),
    );
    let decisions = release_cut(disclosure, population, &modes)?;
    let by_mode: Vec<Breakdown<()>> = modes
        .iter()
        .zip(decisions)
        .map(|((mode, rows), decision)| Breakdown {
            work_mode: *mode,
            key: (),
            value: cohort(rows, &minors, decision, places, base),
        })
        .collect();

    // 2. The regression's sample, its work modes, and who it leaves out.
    let fit = baseline.fit_today(config);
    let (sample, model) = match fit.model.clone() {
        Some(mut model) => {
            let sample = release_sample(values, baseline.today.members(), disclosure, population)?;
            let outside = baseline.today.outside();
            if sample.sample.is_granted() && !outside.is_empty() {
                let decision = release(disclosure, population, outside)?;
                model.outside_connected_set = Some(decision.disclose(outside.len() as u64));
            }
            (sample, sample.sample.is_granted().then_some(model))
        }
        None => (
            SampleRelease {
                sample: Decision::Granted,
                modes: [Decision::Granted; 3],
            },
            None,
        ),
    };

    // 3. Work mode × country, then work mode × level, when the detail tables are asked for.
    let (by_country, by_level) = if config.detail_tables() {
        (
            breakdown(
                values,
                &minors,
                |v| v.country(),
                disclosure,
                population,
                places,
                base,
            )?,
            breakdown(
                values,
                &minors,
                |v| v.level(),
                disclosure,
                population,
                places,
                base,
            )?,
        )
    } else {
        (Vec::new(), Vec::new())
    };

    let mean_of = |mode: WorkMode| {
        by_mode
            .iter()
            .find(|b| b.work_mode == mode)
            .map(|b| b.value.mean)
    };
    let onsite_mean = mean_of(WorkMode::Onsite);
    let mut gaps = Vec::with_capacity(2);
    for (mode, estimate) in COMPARED.into_iter().zip(fit.gaps) {
        let Some(group_mean) = mean_of(mode) else {
            // Nobody works in this mode: no figures, no gap.
            continue;
        };
        let unadjusted = match (onsite_mean, group_mean) {
            (None, _) => None,
            (Some(Disclosed::Published(onsite)), _) if onsite.amount() <= Decimal::ZERO => None,
            (Some(Disclosed::Published(onsite)), Disclosed::Published(group)) => {
                f64::try_from(group.amount() / onsite.amount())
                    .ok()
                    .filter(|r| r.is_finite())
                    .map(|r| Disclosed::Published(r - 1.0))
            }
            (Some(Disclosed::Suppressed(reason)), _) | (_, Disclosed::Suppressed(reason)) => {
                Some(Disclosed::Suppressed(reason))
            }
        };
        let adjusted = match published_gap(estimate, mode, &sample) {
            GapEstimate::Estimated(mut g) => {
                if let Some(m) = &model {
                    g.nobs = m.nobs;
                }
                GapEstimate::Estimated(g)
            }
            other => other,
        };
        gaps.push(ModeGap {
            work_mode: mode,
            unadjusted,
            adjusted,
        });
    }
    let analysis = EquityAnalysis {
        base,
        by_mode,
        by_country,
        by_level,
        gaps,
        model,
    };
    Ok((analysis, sample))
}
