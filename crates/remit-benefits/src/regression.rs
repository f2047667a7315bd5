//! The adjusted-gap regression, in one place for the equity analysis and for the refits
//! that check a remediation plan: which employees enter, which work modes get their own
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

use remit_core::fast_hash::FastHashMap;
use remit_core::{CountryCode, JobLevel, WorkMode};
use remit_stats::{CovarianceType, DesignMatrix, StatsError};
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

use crate::equity::{
    AdjustedGap, Comparison, Control, Covariance, EquitySettings, FittedModel, GapEstimate,
};
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
    y: f64,
    hybrid: f64,
    remote: f64,
    tenure: f64,
}

/// One regressed employee.
#[derive(Clone, Copy)]
struct Row {
    cell: u32,
    mode: WorkMode,
    tenure: f64,
    y: f64,
}

/// What a fit found: the model (when one was fitted) and the gap of hybrid and remote
/// staff, in the order of [`COMPARED`].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ModelFit {
    pub(crate) model: Option<FittedModel>,
    pub(crate) gaps: [GapEstimate; 2],
}

/// The fixed part of the regression over one valuation: each employee's cell, work mode
/// and tenure. Built once; [`GapRegression::fit`] takes the values, so a remediation
/// plan can refit with stipends added without rebuilding the cells.
pub(crate) struct GapRegression<'a> {
    values: &'a [EmployeeValue],
    cell_of: Vec<u32>,
    cells: usize,
}

impl<'a> GapRegression<'a> {
    pub(crate) fn new(values: &'a [EmployeeValue]) -> Self {
        let mut index: FastHashMap<(JobLevel, CountryCode), u32> = FastHashMap::default();
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

    /// Fits the model to the values `value(i)` of the employees (in the valuation's
    /// order, in base-currency units); employees whose value is not positive and finite
    /// are left out.
    pub(crate) fn fit(&self, value: impl Fn(usize) -> f64, settings: &EquitySettings) -> ModelFit {
        let mut rows = Vec::with_capacity(self.values.len());
        let mut masks = vec![0u8; self.cells];
        for (i, (v, &cell)) in self.values.iter().zip(&self.cell_of).enumerate() {
            let x = value(i);
            if !(x.is_finite() && x > 0.0) {
                continue;
            }
            let mode = v.work_mode();
            if let Some(m) = masks.get_mut(cell as usize) {
                *m |= bit(mode);
            }
            rows.push(Row {
                cell,
                mode,
                tenure: f64::from(v.tenure_months()) / 12.0,
                y: x.ln(),
            });
        }
        fit_rows(&rows, &masks, settings)
    }
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

fn fit_rows(rows: &[Row], masks: &[u8], settings: &EquitySettings) -> ModelFit {
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
    let mut in_model = [0usize; 3];
    let mut all = [0usize; 3];
    let mut outside = 0usize;
    for r in rows {
        if let Some(n) = all.get_mut(r.mode.index()) {
            *n += 1;
        }
        if dense.get(r.cell as usize).is_some_and(|d| *d != u32::MAX) {
            if let Some(n) = in_model.get_mut(r.mode.index()) {
                *n += 1;
            }
        } else {
            outside += 1;
        }
    }
    let n = in_model.iter().sum::<usize>();
    let reference = in_model[WorkMode::Onsite.index()];
    let (min_total, min_group) = (settings.min_total(), settings.min_group());
    // Before any fit: what each compared mode's verdict is if it is not estimated.
    let verdict = |mode: WorkMode| -> Option<GapEstimate> {
        let group = in_model[mode.index()];
        if all[mode.index()] > 0 && group == 0 && reference > 0 {
            Some(GapEstimate::NotIdentified)
        } else if n < min_total || group < min_group || reference < min_group {
            Some(GapEstimate::TooSmall {
                total: n,
                group,
                reference,
            })
        } else {
            None
        }
    };
    let mut gaps = COMPARED.map(verdict);
    if gaps.iter().all(Option::is_some) {
        return ModelFit {
            model: None,
            gaps: gaps.map(|g| g.unwrap_or(GapEstimate::NotIdentified)),
        };
    }

    // Within-cell deviations over the connected set (Frisch–Waugh–Lovell).
    let mut sums = vec![CellSums::default(); cells as usize];
    let indicator = |mode: WorkMode, target: WorkMode| f64::from(u8::from(mode == target));
    for r in rows {
        let Some(s) = dense
            .get(r.cell as usize)
            .and_then(|d| sums.get_mut(*d as usize))
        else {
            continue;
        };
        s.n += 1.0;
        s.y += r.y;
        s.hybrid += indicator(r.mode, WorkMode::Hybrid);
        s.remote += indicator(r.mode, WorkMode::Remote);
        s.tenure += r.tenure;
    }
    let mut y = Vec::with_capacity(n);
    let mut hybrid = Vec::with_capacity(n);
    let mut remote = Vec::with_capacity(n);
    let mut tenure = Vec::with_capacity(n);
    for r in rows {
        let Some(s) = dense
            .get(r.cell as usize)
            .and_then(|d| sums.get(*d as usize))
        else {
            continue;
        };
        let inv = 1.0 / s.n;
        y.push(r.y - s.y * inv);
        hybrid.push(indicator(r.mode, WorkMode::Hybrid) - s.hybrid * inv);
        remote.push(indicator(r.mode, WorkMode::Remote) - s.remote * inv);
        tenure.push(r.tenure - s.tenure * inv);
    }
    let indicators: Vec<WorkMode> = COMPARED
        .into_iter()
        .filter(|m| in_model[m.index()] > 0)
        .collect();
    let varies = |c: &[f64]| c.iter().map(|x| x * x).sum::<f64>() > 1e-9;
    let mut with_tenure = varies(&tenure);
    let covariance = match settings.covariance() {
        Covariance::Classical => CovarianceType::Classical,
        Covariance::Hc1 => CovarianceType::Hc1,
    };
    let fit = loop {
        let mut columns: Vec<(&str, &[f64])> = Vec::with_capacity(3);
        for mode in &indicators {
            match mode {
                WorkMode::Hybrid => columns.push((HYBRID, hybrid.as_slice())),
                WorkMode::Remote => columns.push((REMOTE, remote.as_slice())),
                WorkMode::Onsite => {}
            }
        }
        if with_tenure {
            columns.push((TENURE, tenure.as_slice()));
        }
        let k = columns.len();
        let result = columns
            .into_iter()
            .try_fold(DesignMatrix::builder(n), |b, (name, column)| {
                b.numeric(name, column)
            })
            .and_then(|b| b.build())
            .and_then(|x| remit_stats::ols(&x, &y, covariance, 1.0 - settings.alpha()));
        match result {
            Ok(fit) => break Some((fit, k, with_tenure)),
            // Tenure collinear with the work modes and cells: fit without it.
            Err(StatsError::Singular { term }) if with_tenure && term == TENURE => {
                with_tenure = false;
            }
            Err(_) => break None,
        }
    };
    let Some((fit, k, with_tenure)) = fit else {
        return ModelFit {
            model: None,
            gaps: gaps.map(|g| g.unwrap_or(GapEstimate::NotIdentified)),
        };
    };
    let g = cells as usize;
    let Some(df_full) = n.checked_sub(k + g).filter(|d| *d > 0) else {
        let small = |mode: WorkMode| GapEstimate::TooSmall {
            total: n,
            group: in_model[mode.index()],
            reference,
        };
        return ModelFit {
            model: None,
            gaps: COMPARED.map(small),
        };
    };
    let model = FittedModel {
        indicators,
        reference: WorkMode::Onsite,
        cells: g,
        controls: if with_tenure {
            vec![Control::TenureYears]
        } else {
            Vec::new()
        },
        nobs: n,
        outside_connected_set: outside,
        df_resid: df_full,
        covariance: settings.covariance(),
    };
    // Rescale the variance from the demeaned regression's n − k to the full n − k − G.
    let rescale = (n.saturating_sub(k) as f64 / df_full as f64).sqrt();
    for ((slot, mode), is_direct) in gaps.iter_mut().zip(COMPARED).zip(direct) {
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

fn gap_from(
    b: f64,
    se: f64,
    model: &FittedModel,
    comparison: Comparison,
    settings: &EquitySettings,
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
