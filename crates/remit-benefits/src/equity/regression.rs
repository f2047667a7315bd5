//! The adjusted-gap regression, in one place for the equity analysis and for the refits
//! that check a remediation plan (a child of [`crate::equity`], which re-exports what
//! the remediation module needs): which employees enter, which work modes get their own
//! indicator, which cells are connected to onsite staff, and the fit itself.
//!
//! The rule (stated for users in [`crate::equity`] and `docs/methodology/benefits.md`):
//!
//! 1. Employees with a positive value enter (a zero has no logarithm).
//! 2. Work modes are joined through the level × country cells they share: two modes are
//!    connected when some cell holds employees of both. The regression keeps the cells
//!    that hold a work mode connected to onsite staff (the *connected set* of
//!    Abowd, Creecy & Kramarz 2002); employees in other cells cannot be compared with
//!    onsite staff at all and are counted, not regressed.
//! 3. Every work mode with employees in the connected set has its own indicator,
//!    whatever its size: staff are never pooled into the onsite reference group. The
//!    30/5 rule decides only whether a gap is *reported*.
//! 4. Tenure enters when it varies within cells; if it is collinear with the rest of
//!    the design it is dropped, and the model says so.

use crate::FastMap;
use remit_core::{CountryCode, JobLevel, WorkMode};
use remit_stats::{CovarianceType, DesignMatrix, StatsError};
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

use super::{AdjustedGap, Comparison, Control, FittedModel, GapEstimate};
use crate::config::{Config, Covariance};
use crate::valuation::EmployeeValue;

/// The compared work modes, in the order of every `[_; 2]` below.
pub(crate) const COMPARED: [WorkMode; 2] = [WorkMode::Hybrid, WorkMode::Remote];

/// Column names of the indicators and the control, as the fit names them.
const HYBRID: &str = "hybrid";
const REMOTE: &str = "remote";
const TENURE: &str = "tenure_years";

/// Within-cell sums of one connected cell.
#[derive(Clone, Copy, Default)]
struct CellSums {
    n: f64,
    hybrid: f64,
    remote: f64,
    tenure: f64,
}

/// One regressed employee.
#[derive(Clone, Copy)]
struct Row {
    /// The employee's position in the valuation.
    index: u32,
    cell: u32,
    mode: WorkMode,
    tenure: f64,
}

/// What a fit found: the model (when one was fitted) and the gap of hybrid and remote
/// staff, in the order of [`COMPARED`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ModelFit {
    pub(crate) model: Option<FittedModel>,
    pub(crate) gaps: [GapEstimate; 2],
}

impl ModelFit {
    /// The gap of one compared work mode (`None` for onsite staff, the reference).
    pub(crate) fn gap(&self, mode: WorkMode) -> Option<&GapEstimate> {
        COMPARED
            .iter()
            .position(|m| *m == mode)
            .and_then(|i| self.gaps.get(i))
    }
}

/// A compared mode's coefficient as a linear function of the log values over a fixed
/// sample: `β = Σ weightᵢ · ln vᵢ` over the employees listed (OLS is linear in `y`, and
/// the within-cell design depends only on who is in the sample). Lets a root search
/// move a few values without refitting everything.
pub(crate) struct CoefficientWeights {
    pub(crate) weights: Vec<(u32, f64)>,
}

/// The fixed part of the regression over one valuation: each employee's cell, work mode
/// and tenure. Built once; [`Design::fit`] takes the values, so a remediation
/// plan can refit with stipends added without rebuilding the cells.
pub(crate) struct GapRegression<'a> {
    values: &'a [EmployeeValue],
    cell_of: Vec<u32>,
    cells: usize,
}

impl<'a> GapRegression<'a> {
    pub(crate) fn new(values: &'a [EmployeeValue]) -> Self {
        let mut index: FastMap<(JobLevel, CountryCode), u32> = FastMap::default();
        let mut cell_of = Vec::with_capacity(values.len());
        for v in values {
            let next = u32::try_from(index.len()).unwrap_or(u32::MAX);
            cell_of.push(*index.entry((v.level(), v.country())).or_insert(next));
        }
        Self {
            values,
            cell_of,
            cells: index.len(),
        }
    }

    /// The design over the employees for whom `in_sample(i)` holds (the regression
    /// takes those whose value is positive and finite): who is in the connected set,
    /// the indicators and the within-cell columns. Fitting it to different values of
    /// the same sample reuses all of that.
    pub(crate) fn design(&self, in_sample: impl Fn(usize) -> bool) -> Design {
        let mut rows = Vec::with_capacity(self.values.len());
        let mut masks = vec![0u8; self.cells];
        for (i, (v, &cell)) in self.values.iter().zip(&self.cell_of).enumerate() {
            if !in_sample(i) {
                continue;
            }
            let mode = v.work_mode();
            if let Some(m) = masks.get_mut(cell as usize) {
                *m |= bit(mode);
            }
            rows.push(Row {
                index: u32::try_from(i).unwrap_or(u32::MAX),
                cell,
                mode,
                tenure: f64::from(v.tenure_months()) / 12.0,
            });
        }
        Design::new(&rows, &masks)
    }
}

/// Whether a value enters the regression: positive and finite (a zero has no logarithm).
pub(crate) fn positive(x: f64) -> bool {
    x.is_finite() && x > 0.0
}

/// What the analysis and every refit of one valuation share: the cells, each
/// employee's value as the regression reads it, and the design over today's sample
/// (everyone with a positive value), whose design matrix the first fit caches.
pub(crate) struct Baseline<'a> {
    pub(crate) regression: GapRegression<'a>,
    pub(crate) before: Vec<f64>,
    pub(crate) today: Design,
}

impl<'a> Baseline<'a> {
    /// `before` holds each employee's value in base-currency units, in the valuation's
    /// order.
    pub(crate) fn new(values: &'a [EmployeeValue], before: Vec<f64>) -> Self {
        let regression = GapRegression::new(values);
        let today = regression.design(|i| before.get(i).is_some_and(|x| positive(*x)));
        Self {
            regression,
            before,
            today,
        }
    }

    /// The model fitted to today's values.
    pub(crate) fn fit_today(&self, settings: &Config) -> ModelFit {
        self.today
            .fit(|i| self.before.get(i).copied().unwrap_or(0.0), settings)
    }
}

/// Solves `A x = b` for a small symmetric positive definite `A` (row-major `k × k`) by
/// Cholesky; `None` when `A` is not positive definite (a singular design).
fn solve_spd(a: &[f64], b: &[f64], k: usize) -> Option<Vec<f64>> {
    let at = |m: &[f64], i: usize, j: usize| m.get(i * k + j).copied().unwrap_or(0.0);
    let mut l = vec![0.0; k * k];
    let scale = (0..k).map(|i| at(a, i, i)).fold(0.0f64, f64::max);
    for i in 0..k {
        for j in 0..=i {
            let mut sum = at(a, i, j);
            for p in 0..j {
                sum -= at(&l, i, p) * at(&l, j, p);
            }
            let value = if i == j {
                if sum.is_nan() || sum <= 1e-12 * scale {
                    return None;
                }
                sum.sqrt()
            } else {
                sum / at(&l, j, j)
            };
            if let Some(slot) = l.get_mut(i * k + j) {
                *slot = value;
            }
        }
    }
    // Forward then back substitution.
    let mut z = vec![0.0; k];
    for i in 0..k {
        let mut sum = b.get(i).copied().unwrap_or(0.0);
        for p in 0..i {
            sum -= at(&l, i, p) * z.get(p).copied().unwrap_or(0.0);
        }
        if let Some(slot) = z.get_mut(i) {
            *slot = sum / at(&l, i, i);
        }
    }
    let mut x = vec![0.0; k];
    for i in (0..k).rev() {
        let mut sum = z.get(i).copied().unwrap_or(0.0);
        for p in i + 1..k {
            sum -= at(&l, p, i) * x.get(p).copied().unwrap_or(0.0);
        }
        if let Some(slot) = x.get_mut(i) {
            *slot = sum / at(&l, i, i);
        }
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

const fn bit(mode: WorkMode) -> u8 {
    1 << mode.index()
}

/// The work modes connected to onsite staff through shared cells (a bit set; empty
/// without onsite staff), and for each compared mode whether it shares a cell with
/// onsite staff directly.
fn connectivity(masks: &[u8]) -> (u8, [bool; 2]) {
    let onsite = bit(WorkMode::Onsite);
    let mut connected = if masks.iter().any(|m| m & onsite != 0) {
        onsite
    } else {
        0
    };
    // Three modes: two passes reach every mode connected through the third.
    for _ in 0..2 {
        for &m in masks {
            if m & connected != 0 {
                connected |= m;
            }
        }
    }
    let direct = COMPARED.map(|mode| masks.iter().any(|m| m & onsite != 0 && m & bit(mode) != 0));
    (connected, direct)
}

/// The regression over one sample: the connected set, who is in it, the indicators and
/// the within-cell (Frisch–Waugh–Lovell) columns.
pub(crate) struct Design {
    direct: [bool; 2],
    /// Employees per work mode in the sample, and in the connected set.
    all: [usize; 3],
    in_model: [usize; 3],
    /// Rows of the sample outside the connected set, ascending.
    outside: Vec<u32>,
    cells: usize,
    indicators: Vec<WorkMode>,
    /// The employee of each regression row, and its connected cell.
    members: Vec<u32>,
    member_cells: Vec<u32>,
    /// Employees per connected cell.
    cell_sizes: Vec<f64>,
    hybrid: Vec<f64>,
    remote: Vec<f64>,
    tenure: Vec<f64>,
    /// The design matrix the first successful fit settled on, with its column count and
    /// whether tenure is in it.
    matrix: std::sync::OnceLock<(DesignMatrix, usize, bool)>,
}

impl Design {
    fn new(rows: &[Row], masks: &[u8]) -> Self {
        let (connected, direct) = connectivity(masks);
        // Connected cells, renumbered densely.
        let mut dense = vec![u32::MAX; masks.len()];
        let mut cells = 0u32;
        for (slot, &m) in dense.iter_mut().zip(masks) {
            if m & connected != 0 {
                *slot = cells;
                cells += 1;
            }
        }
        let dense_of = |r: &Row| {
            dense
                .get(r.cell as usize)
                .copied()
                .filter(|d| *d != u32::MAX)
        };
        let mut all = [0usize; 3];
        let mut in_model = [0usize; 3];
        let mut outside = Vec::new();
        let mut sums = vec![CellSums::default(); cells as usize];
        let indicator = |mode: WorkMode, target: WorkMode| f64::from(u8::from(mode == target));
        for r in rows {
            if let Some(n) = all.get_mut(r.mode.index()) {
                *n += 1;
            }
            let Some(s) = dense_of(r).and_then(|d| sums.get_mut(d as usize)) else {
                outside.push(r.index);
                continue;
            };
            if let Some(n) = in_model.get_mut(r.mode.index()) {
                *n += 1;
            }
            s.n += 1.0;
            s.hybrid += indicator(r.mode, WorkMode::Hybrid);
            s.remote += indicator(r.mode, WorkMode::Remote);
            s.tenure += r.tenure;
        }
        let n = in_model.iter().sum::<usize>();
        let mut design = Design {
            direct,
            all,
            in_model,
            outside,
            cells: cells as usize,
            indicators: COMPARED
                .into_iter()
                .filter(|m| in_model[m.index()] > 0)
                .collect(),
            members: Vec::with_capacity(n),
            member_cells: Vec::with_capacity(n),
            cell_sizes: sums.iter().map(|s| s.n).collect(),
            hybrid: Vec::with_capacity(n),
            remote: Vec::with_capacity(n),
            tenure: Vec::with_capacity(n),
            matrix: std::sync::OnceLock::new(),
        };
        for r in rows {
            let Some((d, s)) = dense_of(r).and_then(|d| sums.get(d as usize).map(|s| (d, s)))
            else {
                continue;
            };
            let inv = 1.0 / s.n;
            design.members.push(r.index);
            design.member_cells.push(d);
            design
                .hybrid
                .push(indicator(r.mode, WorkMode::Hybrid) - s.hybrid * inv);
            design
                .remote
                .push(indicator(r.mode, WorkMode::Remote) - s.remote * inv);
            design.tenure.push(r.tenure - s.tenure * inv);
        }
        design
    }

    fn n(&self) -> usize {
        self.in_model.iter().sum()
    }

    /// The rows (positions in the valuation) of the employees in the regression,
    /// ascending: the sample the fit uses.
    pub(crate) fn members(&self) -> &[u32] {
        &self.members
    }

    /// The rows of the sample left out because their cell is not connected to onsite
    /// staff, ascending.
    pub(crate) fn outside(&self) -> &[u32] {
        &self.outside
    }

    fn reference(&self) -> usize {
        self.in_model[WorkMode::Onsite.index()]
    }

    /// Why a compared mode's gap is not estimated, or `None` when it is to be.
    fn verdict(&self, mode: WorkMode, settings: &Config) -> Option<GapEstimate> {
        let (n, reference) = (self.n(), self.reference());
        let group = self.in_model[mode.index()];
        if self.all[mode.index()] > 0 && group == 0 && reference > 0 {
            Some(GapEstimate::NotIdentified)
        } else if n < settings.min_total()
            || group < settings.min_group()
            || reference < settings.min_group()
        {
            Some(GapEstimate::TooSmall)
        } else {
            None
        }
    }

    fn tenure_varies(&self) -> bool {
        self.tenure.iter().map(|x| x * x).sum::<f64>() > 1e-9
    }

    /// The named within-cell columns: the indicators, then tenure if asked.
    fn columns(&self, with_tenure: bool) -> Vec<(&'static str, &[f64])> {
        let mut columns: Vec<(&'static str, &[f64])> = Vec::with_capacity(3);
        for mode in &self.indicators {
            match mode {
                WorkMode::Hybrid => columns.push((HYBRID, self.hybrid.as_slice())),
                WorkMode::Remote => columns.push((REMOTE, self.remote.as_slice())),
                WorkMode::Onsite => {}
            }
        }
        if with_tenure {
            columns.push((TENURE, self.tenure.as_slice()));
        }
        columns
    }

    /// The weights that give `mode`'s coefficient from the log values of the design's
    /// employees, when the model estimates it on this sample (`None` when it would not:
    /// too small, not identified, or a singular design).
    pub(crate) fn weights(&self, mode: WorkMode, settings: &Config) -> Option<CoefficientWeights> {
        if self.verdict(mode, settings).is_some() {
            return None;
        }
        let target = self.indicators.iter().position(|m| *m == mode)?;
        let mut with_tenure = self.tenure_varies();
        loop {
            let columns = self.columns(with_tenure);
            let k = columns.len();
            // X'X of the within-cell columns, solved for the unit vector of `mode`.
            let mut gram = vec![0.0; k * k];
            for (a, ca) in columns.iter().enumerate() {
                for (b, cb) in columns.iter().enumerate() {
                    if let Some(slot) = gram.get_mut(a * k + b) {
                        *slot = ca.1.iter().zip(cb.1).map(|(x, y)| x * y).sum();
                    }
                }
            }
            let mut unit = vec![0.0; k];
            if let Some(u) = unit.get_mut(target) {
                *u = 1.0;
            }
            match solve_spd(&gram, &unit, k) {
                Some(a) => {
                    let weights = self
                        .members
                        .iter()
                        .enumerate()
                        .map(|(r, &index)| {
                            let w = columns
                                .iter()
                                .zip(&a)
                                .map(|(c, aj)| c.1.get(r).copied().unwrap_or(0.0) * aj)
                                .sum::<f64>();
                            (index, w)
                        })
                        .collect();
                    return Some(CoefficientWeights { weights });
                }
                None if with_tenure => with_tenure = false,
                None => return None,
            }
        }
    }

    /// Fits the model to the values `value(i)` of the design's employees (each must be
    /// positive: the sample was chosen for them).
    pub(crate) fn fit(&self, value: impl Fn(usize) -> f64, settings: &Config) -> ModelFit {
        let n = self.n();
        let mut gaps = COMPARED.map(|mode| self.verdict(mode, settings));
        if gaps.iter().all(Option::is_some) {
            return ModelFit {
                model: None,
                gaps: gaps.map(|g| g.unwrap_or(GapEstimate::NotIdentified)),
            };
        }
        // Within-cell deviations of the log values (Frisch–Waugh–Lovell).
        let logs: Vec<f64> = self
            .members
            .iter()
            .map(|&i| value(i as usize).ln())
            .collect();
        let mut cell_sums = vec![0.0; self.cell_sizes.len()];
        for (&c, &y) in self.member_cells.iter().zip(&logs) {
            if let Some(sum) = cell_sums.get_mut(c as usize) {
                *sum += y;
            }
        }
        let y: Vec<f64> = self
            .member_cells
            .iter()
            .zip(&logs)
            .map(|(&c, &y)| {
                let (sum, size) = (
                    cell_sums.get(c as usize).copied().unwrap_or(0.0),
                    self.cell_sizes.get(c as usize).copied().unwrap_or(1.0),
                );
                y - sum / size
            })
            .collect();
        let covariance = match settings.covariance() {
            Covariance::Classical => CovarianceType::Classical,
            Covariance::Hc1 => CovarianceType::Hc1,
        };
        let alpha = settings.alpha();
        // The design matrix depends only on the sample, so a refit of the same design
        // reuses the one the first fit settled on (with or without tenure).
        let fit = match self.matrix.get() {
            Some((x, k, with_tenure)) => remit_stats::ols(x, &y, covariance, 1.0 - alpha)
                .ok()
                .map(|fit| (fit, *k, *with_tenure)),
            None => {
                let mut with_tenure = self.tenure_varies();
                let settled = loop {
                    let columns = self.columns(with_tenure);
                    let k = columns.len();
                    let matrix = columns
                        .into_iter()
                        .try_fold(DesignMatrix::builder(n), |b, (name, column)| {
                            b.numeric(name, column)
                        })
                        .and_then(|b| b.build());
                    let result = matrix.and_then(|x| {
                        remit_stats::ols(&x, &y, covariance, 1.0 - alpha).map(|fit| (x, fit))
                    });
                    match result {
                        Ok((x, fit)) => break Some((x, fit, k, with_tenure)),
                        // Tenure collinear with the work modes and cells: fit without it.
                        Err(StatsError::Singular { term }) if with_tenure && term == TENURE => {
                            with_tenure = false;
                        }
                        Err(_) => break None,
                    }
                };
                match settled {
                    Some((x, fit, k, with_tenure)) => {
                        let _ = self.matrix.set((x, k, with_tenure));
                        Some((fit, k, with_tenure))
                    }
                    // Not cached: the failure may be this call's values, not the design.
                    None => None,
                }
            }
        };
        let Some((fit, k, with_tenure)) = fit else {
            return ModelFit {
                model: None,
                gaps: gaps.map(|g| g.unwrap_or(GapEstimate::NotIdentified)),
            };
        };
        let g = self.cells;
        let Some(df_full) = n.checked_sub(k + g).filter(|d| *d > 0) else {
            return ModelFit {
                model: None,
                gaps: COMPARED.map(|_| GapEstimate::TooSmall),
            };
        };
        let model = FittedModel {
            indicators: self.indicators.clone(),
            reference: WorkMode::Onsite,
            cells: g,
            controls: if with_tenure {
                vec![Control::TenureYears]
            } else {
                Vec::new()
            },
            nobs: n as u64,
            outside_connected_set: None,
            df_resid: df_full,
            covariance: settings.covariance(),
        };
        // Rescale the variance from the demeaned regression's n − k to the full n − k − G.
        let rescale = (n.saturating_sub(k) as f64 / df_full as f64).sqrt();
        for ((slot, mode), is_direct) in gaps.iter_mut().zip(COMPARED).zip(self.direct) {
            if slot.is_some() {
                continue;
            }
            let name = if mode == WorkMode::Hybrid {
                HYBRID
            } else {
                REMOTE
            };
            let comparison = if is_direct {
                Comparison::Direct
            } else {
                Comparison::Indirect {
                    via: if mode == WorkMode::Hybrid {
                        WorkMode::Remote
                    } else {
                        WorkMode::Hybrid
                    },
                }
            };
            let estimate = fit.coefficient(name).and_then(|c| {
                gap_from(
                    c.estimate,
                    c.std_error * rescale,
                    &model,
                    comparison,
                    settings,
                )
            });
            *slot = Some(estimate.map_or(GapEstimate::NotIdentified, GapEstimate::Estimated));
        }
        ModelFit {
            model: Some(model),
            gaps: gaps.map(|g| g.unwrap_or(GapEstimate::NotIdentified)),
        }
    }
}

fn gap_from(
    b: f64,
    se: f64,
    model: &FittedModel,
    comparison: Comparison,
    settings: &Config,
) -> Option<AdjustedGap> {
    if !(b.is_finite() && se.is_finite() && se >= 0.0) {
        return None;
    }
    let covariance = settings.covariance();
    let (p_value, q) = if se == 0.0 {
        // A perfect fit: the gap is known exactly.
        (if b == 0.0 { 1.0 } else { 0.0 }, 0.0)
    } else {
        let stat = b / se;
        match covariance {
            Covariance::Classical => {
                let t = StudentsT::new(0.0, 1.0, model.df_resid() as f64).ok()?;
                (
                    2.0 * t.sf(stat.abs()),
                    t.inverse_cdf(1.0 - settings.alpha() / 2.0),
                )
            }
            Covariance::Hc1 => {
                let z = Normal::standard();
                (
                    2.0 * z.sf(stat.abs()),
                    z.inverse_cdf(1.0 - settings.alpha() / 2.0),
                )
            }
        }
    };
    Some(AdjustedGap {
        coefficient: b,
        std_error: se,
        p_value: p_value.clamp(0.0, 1.0),
        lower: (b - q * se).exp() - 1.0,
        upper: (b + q * se).exp() - 1.0,
        nobs: model.nobs(),
        cells: model.cells(),
        df_resid: model.df_resid(),
        covariance,
        comparison,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::valuation::value;
    use crate::{Benefit, Catalogue, EmployerCost, Enrolments, ExchangeRates, Valuation};
    use chrono::NaiveDate;
    use remit_core::{BenefitId, Currency, Department, Employee, EmployeeId, Money, Roster};
    use rust_decimal::Decimal;

    /// 90 employees in four cells, values from a deterministic wobble.
    fn valuations() -> crate::Valuations {
        let eur = Currency::new("EUR").unwrap();
        let cent = Benefit::builder(BenefitId::from_external("v"), "v")
            .valuation(Valuation::per_use(
                Money::new(Decimal::new(1, 2), eur),
                Decimal::ONE,
            ))
            .build()
            .unwrap();
        let catalogue = Catalogue::builder().benefit(cent.clone()).build().unwrap();
        let mut enrolments = Enrolments::new(&catalogue);
        let mut people = Vec::new();
        for i in 0..90u32 {
            let mode = WorkMode::ALL[(i % 3) as usize];
            let e = Employee::builder(EmployeeId::from_external(&format!("E{i}")))
                .work_mode(mode)
                .country(CountryCode::new(if i % 4 < 2 { "DE" } else { "FR" }).unwrap())
                .time_zone(remit_core::chrono_tz::UTC)
                .level(JobLevel::new(1 + (i % 2) as u8))
                .department(Department::new("D").unwrap())
                .hired_on(NaiveDate::from_ymd_opt(2015 + (i % 9) as i32, 1, 1).unwrap())
                .build()
                .unwrap();
            let wobble = ((f64::from(i) * 12.9898).sin() * 43_758.545).fract();
            let cents = (300_000.0 * (1.0 + 0.3 * wobble)) as i64;
            enrolments
                .enrol_with_uses(e.id(), cent.id(), Decimal::from(cents))
                .unwrap();
            people.push(e);
        }
        value(
            &Roster::new(people).unwrap(),
            &catalogue,
            &enrolments,
            &ExchangeRates::new(eur),
            &EmployerCost,
            &Config::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
        )
        .unwrap()
    }

    #[test]
    fn the_coefficient_weights_reproduce_the_fitted_coefficient() {
        let valuations = valuations();
        let values = valuations.values();
        let xs = crate::equity::regression_values(values, 2).unwrap();
        let regression = GapRegression::new(values);
        let design = regression.design(|i| positive(xs[i]));
        let settings = Config::new(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let fit = design.fit(|i| xs[i], &settings);
        for mode in COMPARED {
            let fitted = fit.gap(mode).unwrap().estimated().unwrap().coefficient();
            let weights = design.weights(mode, &settings).unwrap();
            let linear: f64 = weights
                .weights
                .iter()
                .map(|&(i, w)| w * xs[i as usize].ln())
                .sum();
            assert!(
                (linear - fitted).abs() < 1e-12,
                "{mode}: weights give {linear}, the fit {fitted}"
            );
        }
    }

    #[test]
    fn modes_connect_through_the_cells_they_share() {
        let (o, h, r) = (
            bit(WorkMode::Onsite),
            bit(WorkMode::Hybrid),
            bit(WorkMode::Remote),
        );
        // Onsite–hybrid in one cell, hybrid–remote in another: both connected, only
        // hybrid directly.
        assert_eq!(connectivity(&[o | h, h | r]), (o | h | r, [true, false]));
        // Remote alone in its cells: not connected.
        assert_eq!(connectivity(&[o | h, r]), (o | h, [true, false]));
        // Hybrid and remote together but never with onsite staff.
        assert_eq!(connectivity(&[o, h | r]), (o, [false, false]));
        // No onsite staff: nothing is connected.
        assert_eq!(connectivity(&[h | r]), (0, [false, false]));
        // The chain found in either cell order.
        assert_eq!(connectivity(&[h | r, o | h]), (o | h | r, [true, false]));
    }
}
