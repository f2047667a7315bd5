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
//! # When there is nothing to say
//!
//! A gap is estimated only with at least 30 employees in the regression and at least 5
//! in each compared group (the California Pay Equity Task Force's "30/5 rule");
//! otherwise it is [`GapEstimate::TooSmall`]. When a work mode never shares a cell with
//! onsite staff, the gap cannot be separated from location and is
//! [`GapEstimate::NotIdentified`].
//!
//! # Privacy
//!
//! Every count, mean and median leaves through the [`DisclosureGuard`]: tables of work
//! mode × country and work mode × level are protected with complementary suppression,
//! and a mean or median is published only when its cell's count is.

use remit_core::privacy::{CountTable, Disclosed, DisclosureGuard, Suppression};
use remit_core::{CountryCode, Currency, JobLevel, Money, Rounding, WorkMode};
use remit_stats::{CovarianceType, DesignMatrix};
use rust_decimal::Decimal;
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

use crate::error::BenefitsError;
use crate::valuation::{EmployeeValue, Valuations};

/// Settings of the equity analysis.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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

    /// Sets the minimum regression size and group size (default 30 and 5).
    #[must_use]
    pub fn with_minimums(mut self, total: usize, group: usize) -> Self {
        self.min_total = total.max(1);
        self.min_group = group.max(1);
        self
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
}

/// Head-count, mean and median of one cohort, each published or suppressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct AdjustedGap {
    coefficient: f64,
    std_error: f64,
    p_value: f64,
    lower: f64,
    upper: f64,
    nobs: usize,
    cells: usize,
    df_resid: usize,
    covariance: Covariance,
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
}

/// The adjusted gap of one work mode, or why there is none.
#[derive(Debug, Clone, Copy, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
    /// The work mode never shares a level × country cell with onsite staff.
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
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
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct EquityAnalysis {
    base: Currency,
    settings: EquitySettings,
    by_mode: Vec<Breakdown<()>>,
    by_country: Vec<Breakdown<CountryCode>>,
    by_level: Vec<Breakdown<JobLevel>>,
    gaps: Vec<ModeGap>,
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
    /// Employees with no benefit value (left out of the log regression).
    pub fn without_value(&self) -> Disclosed<u64> {
        self.without_value
    }
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
    let mut groups: remit_core::fast_hash::FastHashMap<(WorkMode, K), Vec<i128>> =
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

    let scale = 10f64.powi(i32::try_from(places).unwrap_or(2));
    let adjusted = adjusted_gaps(values, &minors, scale, settings);
    let mut gaps = Vec::with_capacity(2);
    for (mode, estimate) in [WorkMode::Hybrid, WorkMode::Remote]
        .into_iter()
        .zip(adjusted)
    {
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
    Ok(EquityAnalysis {
        base,
        settings: *settings,
        by_mode,
        by_country,
        by_level,
        gaps,
        without_value,
    })
}

/// Within-cell sums for the fixed-effects regression.
#[derive(Clone, Copy, Default)]
struct CellSums {
    n: f64,
    y: f64,
    hybrid: f64,
    remote: f64,
    tenure: f64,
}

/// The adjusted gaps of hybrid and remote staff (in that order).
fn adjusted_gaps(
    values: &[EmployeeValue],
    minors: &[i128],
    scale: f64,
    settings: &EquitySettings,
) -> [GapEstimate; 2] {
    let mut cells: remit_core::fast_hash::FastHashMap<(JobLevel, CountryCode), usize> =
        Default::default();
    let mut sums: Vec<CellSums> = Vec::new();
    let mut rows: Vec<(usize, f64, f64, f64, f64)> = Vec::with_capacity(values.len());
    let mut group_n = [0usize; 3];
    for (v, &m) in values.iter().zip(minors) {
        let value = m as f64 / scale;
        if !(value.is_finite() && value > 0.0) {
            // Zero values have no logarithm: they are described, not regressed.
            continue;
        }
        let cell = *cells.entry((v.level(), v.country())).or_insert_with(|| {
            sums.push(CellSums::default());
            sums.len() - 1
        });
        let (h, r) = match v.work_mode() {
            WorkMode::Onsite => (0.0, 0.0),
            WorkMode::Hybrid => (1.0, 0.0),
            WorkMode::Remote => (0.0, 1.0),
        };
        if let Some(slot) = group_n.get_mut(v.work_mode().index()) {
            *slot += 1;
        }
        let y = value.ln();
        let t = f64::from(v.tenure_months()) / 12.0;
        if let Some(s) = sums.get_mut(cell) {
            s.n += 1.0;
            s.y += y;
            s.hybrid += h;
            s.remote += r;
            s.tenure += t;
        }
        rows.push((cell, y, h, r, t));
    }
    let n = rows.len();
    let [onsite_n, hybrid_n, remote_n] = group_n;
    let too_small = |group: usize| {
        n < settings.min_total || group < settings.min_group || onsite_n < settings.min_group
    };
    let small = |group| GapEstimate::TooSmall {
        total: n,
        group,
        reference: onsite_n,
    };
    if too_small(hybrid_n) && too_small(remote_n) {
        return [small(hybrid_n), small(remote_n)];
    }

    // Within-cell deviations (Frisch–Waugh–Lovell).
    let mut y = Vec::with_capacity(n);
    let mut columns: [Vec<f64>; 3] = [
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    ];
    for &(cell, yi, h, r, t) in &rows {
        let s = sums.get(cell).copied().unwrap_or_default();
        let inv = if s.n > 0.0 { 1.0 / s.n } else { 0.0 };
        y.push(yi - s.y * inv);
        let [ch, cr, ct] = &mut columns;
        ch.push(h - s.hybrid * inv);
        cr.push(r - s.remote * inv);
        ct.push(t - s.tenure * inv);
    }
    // A column with no within-cell variation is not identified; leave it out.
    let ss = |c: &[f64]| c.iter().map(|x| x * x).sum::<f64>();
    let names = ["hybrid", "remote", "tenure_years"];
    let identified: Vec<bool> = columns.iter().map(|c| ss(c) > 1e-9).collect();
    let hybrid_ok = identified.first().copied().unwrap_or(false) && !too_small(hybrid_n);
    let remote_ok = identified.get(1).copied().unwrap_or(false) && !too_small(remote_n);
    let keep = [
        hybrid_ok,
        remote_ok,
        identified.get(2).copied().unwrap_or(false),
    ];
    let verdict = |mode_n: usize, ok: bool, column: usize| -> Option<GapEstimate> {
        if too_small(mode_n) {
            Some(small(mode_n))
        } else if !ok || !identified.get(column).copied().unwrap_or(false) {
            Some(GapEstimate::NotIdentified)
        } else {
            None
        }
    };
    let mut result = [
        verdict(hybrid_n, hybrid_ok, 0),
        verdict(remote_n, remote_ok, 1),
    ];
    if result.iter().all(Option::is_some) {
        return result.map(|r| r.unwrap_or(GapEstimate::NotIdentified));
    }

    let mut builder = DesignMatrix::builder(n);
    let mut k = 0usize;
    for ((name, column), kept) in names.iter().zip(&columns).zip(keep) {
        if kept {
            builder = match builder.numeric(name, column) {
                Ok(b) => b,
                Err(_) => return result.map(|r| r.unwrap_or(GapEstimate::NotIdentified)),
            };
            k += 1;
        }
    }
    let g = sums.len();
    let fit = builder.build().and_then(|x| {
        remit_stats::ols(
            &x,
            &y,
            match settings.covariance {
                Covariance::Classical => CovarianceType::Classical,
                Covariance::Hc1 => CovarianceType::Hc1,
            },
            1.0 - settings.alpha,
        )
    });
    let Ok(fit) = fit else {
        return result.map(|r| r.unwrap_or(GapEstimate::NotIdentified));
    };
    let Some(df_full) = n.checked_sub(k + g).filter(|d| *d > 0) else {
        return [small(hybrid_n), small(remote_n)];
    };
    let df_small = n.saturating_sub(k);
    // Rescale the variance from the demeaned regression's n − k to the full n − k − G.
    let scale = (df_small as f64 / df_full as f64).sqrt();
    for (slot, name) in result.iter_mut().zip(["hybrid", "remote"]) {
        if slot.is_some() {
            continue;
        }
        let estimate = fit
            .coefficient(name)
            .and_then(|c| gap_from(c.estimate, c.std_error * scale, n, g, df_full, settings));
        *slot = Some(estimate.map_or(GapEstimate::NotIdentified, GapEstimate::Estimated));
    }
    result.map(|r| r.unwrap_or(GapEstimate::NotIdentified))
}

fn gap_from(
    b: f64,
    se: f64,
    n: usize,
    cells: usize,
    df: usize,
    settings: &EquitySettings,
) -> Option<AdjustedGap> {
    if !(b.is_finite() && se.is_finite() && se >= 0.0) {
        return None;
    }
    if se == 0.0 {
        // A perfect fit: the gap is known exactly.
        let gap = b.exp() - 1.0;
        return Some(AdjustedGap {
            coefficient: b,
            std_error: 0.0,
            p_value: if b == 0.0 { 1.0 } else { 0.0 },
            lower: gap,
            upper: gap,
            nobs: n,
            cells,
            df_resid: df,
            covariance: settings.covariance,
        });
    }
    let stat = b / se;
    let (p, q) = match settings.covariance {
        Covariance::Classical => {
            let t = StudentsT::new(0.0, 1.0, df as f64).ok()?;
            (
                2.0 * t.sf(stat.abs()),
                t.inverse_cdf(1.0 - settings.alpha / 2.0),
            )
        }
        Covariance::Hc1 => {
            let z = Normal::standard();
            (
                2.0 * z.sf(stat.abs()),
                z.inverse_cdf(1.0 - settings.alpha / 2.0),
            )
        }
    };
    Some(AdjustedGap {
        coefficient: b,
        std_error: se,
        p_value: p.clamp(0.0, 1.0),
        lower: (b - q * se).exp() - 1.0,
        upper: (b + q * se).exp() - 1.0,
        nobs: n,
        cells,
        df_resid: df,
        covariance: settings.covariance,
    })
}
